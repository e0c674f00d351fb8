/* libFuzzer target: a holidays file (fu-schedule --holidays), then business
 * days and the send window over it. */
#include "fu.h"
#include "lib/sched.h"
#include "memfile.h"

#include <assert.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fu_holidays h = {0};
	if (fu_holidays_load(&h, memfile(data, size)) < 0)
		return 0;
	for (size_t i = 1; i < h.n; i++)
		assert(h.days[i - 1] <= h.days[i]); /* sorted: looked up by bisection */
	for (size_t i = 0; i < h.n; i++)
		assert(fu_holidays_has(&h, h.days[i]));
	fu_timing tm = {.holidays = &h, .business_days = 1, .win_start = 9 * 60, .win_end = 17 * 60};
	int64_t t = h.n ? h.days[0] * 86400 : 0;
	fu_dur d = {.n = 3, .unit = FU_BDAY};
	int64_t due = fu_sched_adjust(&tm, fu_sched_add(&tm, t, &d, 1, "Europe/Helsinki"), "Europe/Helsinki");
	(void)due;
	fu_holidays_free(&h);
	return 0;
}
