/* libFuzzer target: fu-churn's --weights file (name,value lines). */
#include "fu.h"
#include "lib/churn.h"
#include "memfile.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int quiet;
	if (!quiet++)
		fu_warn_cap = 1;
	fu_churn_settings s;
	fu_churn_settings_default(&s);
	fu_churn_settings_load(&s, memfile(data, size));
	return 0;
}
