/* The options every program shares (fu.h, fu(7)). */
#include "fu.h"

#include <string.h>

fu_common_opts fu_common = {.delim = ',', .jsonl = 0, .progress = FU_PROGRESS_AUTO};

int fu_common_option(int c)
{
	switch (c) {
	case FU_OPT_ITSV: fu_common.delim = '\t'; return 1;
	case FU_OPT_OJSONL: fu_common.jsonl = 1; return 1;
	case FU_OPT_PROGRESS: fu_common.progress = FU_PROGRESS_ALWAYS; return 1;
	case FU_OPT_NO_PROGRESS: fu_common.progress = FU_PROGRESS_NEVER; return 1;
	default: return 0;
	}
}

/* The columns numeric by contract (fu(7), JSON LINES): in JSON Lines their
 * values are numbers, or null when empty.  Every other column is a string,
 * whatever it holds: ids, phone numbers and postcodes look like numbers but
 * are names. */
static const char *const numeric_columns[] = {
	/* events */
	"value",
	/* fu-churn */
	"recency_days", "frequency", "monetary", "monetary_mean", "tenure_days", "opens",
	"opens_before", "clicks", "clicks_before", "replies", "replies_before", "p_alive",
	"exp_purchases", "clv", "risk",
	/* fu-referrals */
	"referred", "converted", "credit", "revenue", "perks_owed", "perks_given", "balance",
};

int fu_column_numeric(const char *name)
{
	/* a level's column (referred_2 with --depth) is numeric as its first */
	size_t n = strlen(name), digits = 0;
	while (digits < n && name[n - 1 - digits] >= '0' && name[n - 1 - digits] <= '9')
		digits++;
	if (digits && digits < n - 1 && name[n - 1 - digits] == '_')
		n -= digits + 1;
	for (size_t i = 0; i < sizeof numeric_columns / sizeof numeric_columns[0]; i++)
		if (strlen(numeric_columns[i]) == n && strncmp(name, numeric_columns[i], n) == 0)
			return 1;
	return 0;
}
