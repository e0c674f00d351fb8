/* libFuzzer target: fu-churn's parameters file (--params), then the model
 * run with what was read: P(alive), expected purchases and spend, CLV, for
 * a few customers.  Whatever numbers a file holds, the loader refuses them
 * with a message or the model gives an answer or an error status: never a
 * crash, a hang or undefined behaviour. */
#include "fu.h"
#include "lib/churn_model.h"
#include "memfile.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int quiet;
	if (!quiet++)
		fu_warn_cap = 1;
	fu_churn_model m = {0};
	if (fu_churn_params_load(memfile(data, size), 7, &m) != 0)
		return 0;
	static const fu_clv_cust custs[] = {{0}, {.x = 2, .tx = 30.43, .T = 38.86, .mbar = 20},
	                                    {.x = 40, .tx = 1, .T = 500, .mbar = 1e6}};
	for (size_t i = 0; i < sizeof custs / sizeof custs[0]; i++) {
		const fu_clv_cust *c = &custs[i];
		double out;
		if (m.have_bg) {
			fu_bgnbd_p_alive(&m.bg, c->x, c->tx, c->T);
			fu_bgnbd_expected(&m.bg, c->x, c->tx, c->T, 52, &out);
			fu_bgnbd_expected_new(&m.bg, 52, &out);
		}
		if (m.have_gg)
			fu_gg_expected_spend(&m.gg, c->x, c->mbar, &out);
		if (m.have_bg && m.have_gg)
			fu_clv_value(&m.bg, &m.gg, c, 52, 52, 0.1, 52, &out);
	}
	return 0;
}
