/* libFuzzer target: fu-referrals' perk rule (--perk), then what it owes
 * for counts from 0 up, fractional ones included (decayed credit). */
#include "fu.h"
#include "lib/referral.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *rule = fu_xstrndup((const char *)data, size);
	fu_perk p;
	const char *why;
	long col = 0;
	if (fu_perk_parse(rule, &p, &why, &col) == 0) {
		double last = 0;
		for (double n = 0; n <= 40; n += 0.25) {
			double owed = fu_perk_owed(&p, n, n);
			assert(!isnan(owed) && owed >= last); /* more credit never owes less */
			last = owed;
		}
	} else {
		assert(why && col >= 1 && (size_t)col <= strlen(rule) + 1);
	}
	free(rule);
	return 0;
}
