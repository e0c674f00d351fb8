/* churn_model.c — parameters file, holdout table and picture for fu-churn. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fu.h"
#include "lib/churn_model.h"

static const struct unit {
	const char *name;
	double days;
} units[] = {{"day", 1}, {"week", 7}, {"month", 365.25 / 12}};

double fu_churn_unit_days(const char *unit)
{
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (!strcmp(unit, units[i].name))
			return units[i].days;
	return 0;
}

const char *fu_churn_unit_name(double unit_days)
{
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (units[i].days == unit_days)
			return units[i].name;
	return "";
}

/* ---- parameters file ----------------------------------------------------- */

enum { P_R, P_ALPHA, P_A, P_B, P_LL, P_N, P_P, P_Q, P_GAMMA, P_GGLL, P_GGN, P_NUM };
static const char *const pnames[P_NUM] = {"r", "alpha", "a", "b", "ll", "n",
                                          "p", "q", "gamma", "gg_ll", "gg_n"};

/* a parameters file is a few lines; anything much longer is another file */
#define PARAMS_MAX (64 * 1024)

int fu_churn_params_load(const char *path, double unit_days, fu_churn_model *m)
{
	fu_buf text = {0};
	int got = fu_small_file_read(path, PARAMS_MAX, "a parameters file", 1, &text);
	if (got != 0) {
		fu_buf_free(&text);
		return got;
	}
	FILE *fp = fmemopen(text.data, text.len, "r");
	if (!fp) {
		fu_warn("%s: %s", path, strerror(errno));
		fu_buf_free(&text);
		return -1;
	}
	fu_csv_reader *r = fu_csv_open(fp, path, ',');
	double v[P_NUM];
	int have[P_NUM] = {0}, bad = 0, st, has_unit = 0;
	double file_unit = 7; /* files without a unit line are in weeks */
	fu_record *rec;
	/* the file is fu-churn's own: the first bad line says it is another
	 * file (events given by mistake), so one message and stop */
	while (!bad && (st = fu_csv_next(r, &rec)) == 1) {
		if (rec->error) {
			fu_warn_record(path, rec, "%s: not a parameters file", rec->error);
			bad = 1;
			continue;
		}
		if (rec->nfields != 2) {
			fu_warn_at(path, rec->line, "want name,value; got %zu fields: not a parameters file",
			           rec->nfields);
			bad = 1;
			continue;
		}
		const char *name = rec->fields[0], *val = rec->fields[1];
		if (!strcmp(name, "name") && !strcmp(val, "value"))
			continue;
		if (!strcmp(name, "unit")) {
			has_unit = 1;
			file_unit = fu_churn_unit_days(val);
			if (file_unit == 0) {
				fu_warn_at(path, rec->line, "unknown unit '%s' (day, week or month)", val);
				bad = 1;
				file_unit = 7;
			}
			continue;
		}
		int k = -1;
		for (int i = 0; i < P_NUM; i++)
			if (!strcmp(name, pnames[i]))
				k = i;
		if (k < 0) {
			fu_warn_at(path, rec->line, "unknown parameter '%s'", name);
			bad = 1;
			continue;
		}
		if (have[k]) {
			fu_warn_at(path, rec->line, "%s given twice", name);
			bad = 1;
			continue;
		}
		char *end;
		v[k] = strtod(val, &end);
		if (end == val || *end || !isfinite(v[k])) {
			fu_warn_at(path, rec->line, "%s: '%s' is not a number", name, val);
			bad = 1;
			continue;
		}
		have[k] = 1;
	}
	fu_csv_close(r);
	fclose(fp);
	fu_buf_free(&text);
	if (st < 0 || bad)
		return -1;
	memset(m, 0, sizeof *m);
	m->unit_days = unit_days;
	m->have_bg = have[P_R] && have[P_ALPHA] && have[P_A] && have[P_B];
	m->have_gg = have[P_P] && have[P_Q] && have[P_GAMMA];
	if ((have[P_R] || have[P_ALPHA] || have[P_A] || have[P_B]) && !m->have_bg) {
		fu_warn("%s: BG/NBD needs all of r, alpha, a and b", path);
		return -1;
	}
	if ((have[P_P] || have[P_Q] || have[P_GAMMA]) && !m->have_gg) {
		fu_warn("%s: Gamma-Gamma needs all of p, q and gamma", path);
		return -1;
	}
	if (m->have_bg) {
		if (!(v[P_R] > 0 && v[P_ALPHA] > 0 && v[P_A] > 0 && v[P_B] > 0)) {
			fu_warn("%s: r, alpha, a and b must be above 0", path);
			return -1;
		}
		/* alpha is a time scale: rescale it to the unit asked for */
		m->bg = (fu_bgnbd){.r = v[P_R], .alpha = v[P_ALPHA] * file_unit / unit_days,
		                   .a = v[P_A], .b = v[P_B],
		                   .ll = have[P_LL] ? v[P_LL] : NAN,
		                   .n = have[P_N] ? (long)v[P_N] : 0};
	}
	if (m->have_gg) {
		if (!(v[P_P] > 0 && v[P_Q] > 0 && v[P_GAMMA] > 0)) {
			fu_warn("%s: p, q and gamma must be above 0", path);
			return -1;
		}
		if (!(v[P_Q] > 1)) { /* E[spend] = (gamma + m x) p / (p x + q - 1) */
			fu_warn("%s: q %g: the Gamma-Gamma mean spend exists only for q above 1, so no clv "
			        "could be given (refit with --refit, or leave out p, q and gamma)", path, v[P_Q]);
			return -1;
		}
		m->gg = (fu_gg){.p = v[P_P], .q = v[P_Q], .gamma = v[P_GAMMA],
		                .ll = have[P_GGLL] ? v[P_GGLL] : NAN,
		                .n = have[P_GGN] ? (long)v[P_GGN] : 0};
	}
	if (m->have_bg && !has_unit)
		fu_warn("%s: no unit line: alpha read in weeks", path);
	return 0;
}

int fu_churn_params_write(const char *path, const fu_churn_model *m)
{
	fu_outfile o;
	if (fu_outfile_open(&o, path) != 0)
		return -1;
	FILE *fp = o.fp;
	fprintf(fp, "name,value\n");
	if (m->have_bg)
		fprintf(fp, "r,%.17g\nalpha,%.17g\na,%.17g\nb,%.17g\nll,%.17g\nn,%ld\n", m->bg.r,
		        m->bg.alpha, m->bg.a, m->bg.b, m->bg.ll, m->bg.n);
	if (m->have_gg)
		fprintf(fp, "p,%.17g\nq,%.17g\ngamma,%.17g\ngg_ll,%.17g\ngg_n,%ld\n", m->gg.p, m->gg.q,
		        m->gg.gamma, m->gg.ll, m->gg.n);
	fprintf(fp, "unit,%s\n", fu_churn_unit_name(m->unit_days));
	return fu_commit_file(&o);
}

/* ---- holdout ------------------------------------------------------------- */

void fu_holdout_add(fu_holdout *h, unsigned x, double actual, double expected)
{
	unsigned k = x < FU_HOLDOUT_BINS - 1 ? x : FU_HOLDOUT_BINS - 1;
	h->customers[k]++;
	h->actual[k] += actual;
	h->predicted[k] += expected;
}

int fu_holdout_write(const fu_holdout *h, FILE *fp)
{
	long n = 0;
	double a = 0, p = 0;
	fprintf(fp, "repeat_purchases,customers,actual,predicted\n");
	for (int k = 0; k < FU_HOLDOUT_BINS; k++) {
		long c = h->customers[k];
		n += c;
		a += h->actual[k];
		p += h->predicted[k];
		if (k == FU_HOLDOUT_BINS - 1)
			fprintf(fp, "%d+,", k);
		else
			fprintf(fp, "%d,", k);
		if (c)
			fprintf(fp, "%ld,%.4f,%.4f\n", c, h->actual[k] / c, h->predicted[k] / c);
		else
			fprintf(fp, "0,,\n");
	}
	if (n)
		fprintf(fp, "all,%ld,%.4f,%.4f\n", n, a / n, p / n);
	else
		fprintf(fp, "all,0,,\n");
	return ferror(fp) ? -1 : 0;
}

/* ---- picture ------------------------------------------------------------- */

static const char *band_colour(int risk, double medium, double high)
{
	return risk >= high ? "#c0392b" : risk >= medium ? "#e6a23c" : "#3c8d5a";
}

/* A histogram of risk in ten bins of 10 points, each bar coloured by the
 * band of its bin's lower edge, and beside it, with a holdout, the mean
 * actual against predicted repeat purchases by calibration purchases. */
int fu_churn_plot(const char *path, const int *risk, size_t n, double medium, double high,
                  const fu_holdout *h)
{
	long bins[10] = {0}, peak = 1;
	long count[3] = {0};
	for (size_t i = 0; i < n; i++) {
		int b = risk[i] >= 100 ? 9 : risk[i] / 10;
		bins[b]++;
		count[risk[i] >= high ? 2 : risk[i] >= medium ? 1 : 0]++;
	}
	for (int b = 0; b < 10; b++)
		if (bins[b] > peak)
			peak = bins[b];
	fu_outfile o;
	if (fu_outfile_open(&o, path) != 0)
		return -1;
	FILE *fp = o.fp;
	int width = h ? 860 : 440, H = 320;
	fprintf(fp,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	        "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n"
	        "<title>fu-churn: risk by band</title>\n"
	        "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
	        width, H, width, H);
	/* risk histogram: plot area x 50..410, y 40..260 */
	fprintf(fp, "<g id=\"risk\">\n<text x=\"50\" y=\"22\" font-size=\"14\">Risk (%zu contacts): "
	            "low %ld, medium %ld, high %ld</text>\n",
	        n, count[0], count[1], count[2]);
	fprintf(fp, "<line x1=\"50\" y1=\"260\" x2=\"410\" y2=\"260\" stroke=\"black\"/>\n"
	            "<line x1=\"50\" y1=\"40\" x2=\"50\" y2=\"260\" stroke=\"black\"/>\n");
	for (int b = 0; b < 10; b++) {
		double bh = 220.0 * bins[b] / peak;
		fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"32\" height=\"%.1f\" fill=\"%s\">"
		            "<title>risk %d-%d: %ld</title></rect>\n",
		        52 + b * 36, 260 - bh, bh, band_colour(b * 10, medium, high), b * 10,
		        b == 9 ? 100 : b * 10 + 9, bins[b]);
		fprintf(fp, "<text x=\"%d\" y=\"274\" text-anchor=\"middle\">%d</text>\n", 68 + b * 36,
		        b * 10);
	}
	fprintf(fp, "<text x=\"230\" y=\"292\" text-anchor=\"middle\">risk</text>\n"
	            "<text x=\"44\" y=\"44\" text-anchor=\"end\">%ld</text>\n"
	            "<text x=\"44\" y=\"260\" text-anchor=\"end\">0</text>\n</g>\n",
	        peak);
	if (h) {
		double top = 0.1;
		for (int k = 0; k < FU_HOLDOUT_BINS; k++)
			if (h->customers[k]) {
				double a = h->actual[k] / h->customers[k], p = h->predicted[k] / h->customers[k];
				if (a > top)
					top = a;
				if (p > top)
					top = p;
			}
		top *= 1.15; /* headroom for the legend */
		/* plot area x 490..830, y 40..260 */
		fprintf(fp, "<g id=\"holdout\">\n<text x=\"490\" y=\"22\" font-size=\"14\">Holdout: "
		            "repeat purchases per customer</text>\n"
		            "<line x1=\"490\" y1=\"260\" x2=\"830\" y2=\"260\" stroke=\"black\"/>\n"
		            "<line x1=\"490\" y1=\"40\" x2=\"490\" y2=\"260\" stroke=\"black\"/>\n");
		for (int k = 0; k < FU_HOLDOUT_BINS; k++) {
			long c = h->customers[k];
			double a = c ? h->actual[k] / c : 0, p = c ? h->predicted[k] / c : 0;
			double ah = 220 * a / top, ph = 220 * p / top;
			int x = 496 + k * 42;
			fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"16\" height=\"%.1f\" fill=\"#4a6fa5\">"
			            "<title>%d%s: actual %.3f (%ld customers)</title></rect>\n",
			        x, 260 - ah, ah, k, k == FU_HOLDOUT_BINS - 1 ? "+" : "", a, c);
			fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"16\" height=\"%.1f\" fill=\"#b0b0b0\">"
			            "<title>%d%s: predicted %.3f</title></rect>\n",
			        x + 17, 260 - ph, ph, k, k == FU_HOLDOUT_BINS - 1 ? "+" : "", p);
			fprintf(fp, "<text x=\"%d\" y=\"274\" text-anchor=\"middle\">%d%s</text>\n", x + 16, k,
			        k == FU_HOLDOUT_BINS - 1 ? "+" : "");
		}
		fprintf(fp, "<text x=\"660\" y=\"292\" text-anchor=\"middle\">repeat purchases in "
		            "calibration</text>\n"
		            "<text x=\"484\" y=\"44\" text-anchor=\"end\">%.2f</text>\n"
		            "<rect x=\"700\" y=\"34\" width=\"10\" height=\"10\" fill=\"#4a6fa5\"/>"
		            "<text x=\"714\" y=\"43\">actual</text>\n"
		            "<rect x=\"760\" y=\"34\" width=\"10\" height=\"10\" fill=\"#b0b0b0\"/>"
		            "<text x=\"774\" y=\"43\">predicted</text>\n</g>\n",
		        top);
	}
	fprintf(fp, "</svg>\n");
	return fu_commit_file(&o);
}
