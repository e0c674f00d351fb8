/* The follow-up plan: a CSV with one row per step.  The embedded default
 * follows the after-sales follow-up model and the lead cadences of fu(7). */
#include "fu.h"
#include "lib/cadence.h"

#include <stdlib.h>
#include <string.h>

const char fu_default_cadence[] =
	"step,anchor,offset,window,expires,repeat,channel,template,eligible,stop,kind,quiet\n"
	"thank-you,order,24h,24h,4d,,email,thank-you,,,service,7d\n"
	"check-in,order,3d,4d,14d,,email,check-in,complex,,marketing,30d\n"
	"check-in,order,7d,7d,14d,,email,check-in,not complex,,marketing,30d\n"
	"value,purchase,30d,14d,21d,30d x11,email,value,,,marketing,\n"
	"second-sale,purchase,45d,45d,90d,,email,second-sale,open_tickets == 0 and not (nps < 7),,marketing,\n"
	"referral-ask,feedback|success,1d,7d,30d,,email,referral-ask,\"purchases > 0 and open_tickets == 0 and (anchor_type == \"\"success\"\" or anchor_value >= 9)\",,marketing,90d\n"
	/* fu-churn's actions: these steps need its columns (action), and plan
	 * nothing for a contacts stream without them */
	"win-back,purchase,30d,7d,,,email,win-back,\"action == \"\"win-back\"\"\",,marketing,\n"
	"loyalty-reward,purchase,1d,7d,,,email,loyalty-reward,\"action == \"\"loyalty-reward\"\"\",,marketing,\n"
	"feedback-ask,purchase,14d,7d,,,email,feedback-ask,\"action == \"\"feedback-ask\"\"\",,marketing,\n"
	"lead-new-1,created,5m,1h,7d,,email,lead-new-1,\"segment == \"\"new\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-new-2,done:lead-new-1,1bd,1d,7d,,call,lead-new-2,\"segment == \"\"new\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-new-3,done:lead-new-2,2bd,2d,7d,,email,lead-new-3,\"segment == \"\"new\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-new-4,done:lead-new-3,4bd,2d,7d,,call,lead-new-4,\"segment == \"\"new\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-new-5,done:lead-new-4,7bd,3d,7d,,email,lead-new-5,\"segment == \"\"new\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-mid-1,created,5m,30m,7d,,call,lead-mid-1,\"segment == \"\"mid\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-mid-2,done:lead-mid-1,4h,4h,7d,,email,lead-mid-2,\"segment == \"\"mid\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-mid-3,done:lead-mid-2,1bd,1d,7d,,call,lead-mid-3,\"segment == \"\"mid\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-mid-4,done:lead-mid-3,1bd,1d,7d,,email,lead-mid-4,\"segment == \"\"mid\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-mid-5,done:lead-mid-4,2bd,2d,7d,,call,lead-mid-5,\"segment == \"\"mid\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-mid-6,done:lead-mid-5,3bd,2d,7d,,email,lead-mid-6,\"segment == \"\"mid\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-campaign-1,created,1h,1d,7d,,email,lead-campaign-1,\"segment == \"\"campaign\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-campaign-2,done:lead-campaign-1,2d,2d,7d,,email,lead-campaign-2,\"segment == \"\"campaign\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-campaign-3,done:lead-campaign-2,3d,3d,7d,,call,lead-campaign-3,\"segment == \"\"campaign\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-campaign-4,done:lead-campaign-3,5d,4d,7d,,email,lead-campaign-4,\"segment == \"\"campaign\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n"
	"lead-campaign-5,done:lead-campaign-4,10d,7d,7d,,email,lead-campaign-5,\"segment == \"\"campaign\"\" and stage =~ \"\"^(prospect)?$\"\"\",replies > 0 or meetings > 0 or purchases > 0 or unsubscribed,marketing,\n";


enum { C_STEP, C_ANCHOR, C_OFFSET, C_WINDOW, C_EXPIRES, C_REPEAT, C_CHANNEL, C_TEMPLATE, C_ELIGIBLE,
       C_STOP, C_KIND, C_QUIET, C_N };
static const char *const columns[C_N] = {"step", "anchor", "offset", "window", "expires", "repeat",
                                         "channel", "template", "eligible", "stop", "kind", "quiet"};

static int anchor_index(fu_cadence *c, const char *type)
{
	for (size_t i = 0; i < c->ntypes; i++)
		if (strcmp(c->types[i], type) == 0)
			return (int)i;
	c->types = fu_xrealloc(c->types, (c->ntypes + 1) * sizeof *c->types);
	c->types[c->ntypes] = fu_xstrdup(type);
	return (int)c->ntypes++;
}

static int step_name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* parse one row; returns 0 or -1 after reporting */
/* A channel as every program compares it: e-mail in any spelling
 * (fu_channel_is_email: "Email", "E-mail", empty) is "email", any other word
 * is trimmed and in lower case ("Call " is "call"): the opt-out rule, the
 * one-a-day cap and every sender test the one word */
static char *channel_word(const char *s)
{
	if (fu_channel_is_email(s))
		return fu_xstrdup("email");
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *w = fu_xstrndup(s, n);
	fu_ascii_lower(w, n);
	return w;
}

static int parse_row(fu_cadence *c, const fu_record *rec, const long *col_of, fu_cadence_row *row)
{
	const char *file = c->file;
	long line, col;
#define FIELD(k) (col_of[k] >= 0 ? rec->fields[col_of[k]] : "")
#define ERR(k, off, ...)                                                                    \
	do {                                                                                    \
		fu_record_pos(rec, (size_t)col_of[k], (off), &line, &col);                              \
		fu_warn_at_col(file, line, col, __VA_ARGS__);                                       \
		return -1;                                                                          \
	} while (0)
	memset(row, 0, sizeof *row);
	row->line = rec->line;
	const char *step = FIELD(C_STEP);
	if (!step_name_ok(step))
		ERR(C_STEP, 0, "step name \"%s\": use letters, digits, - _ or .", step);
	/* anchors: one or more event types joined by | */
	const char *a = FIELD(C_ANCHOR);
	if (!*a)
		ERR(C_ANCHOR, 0, "missing anchor (an event type such as purchase, or created)");
	for (const char *p = a;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		char *type = fu_xstrndup(p, len);
		if (strncmp(type, "done:", 5) == 0) {
			if (p != a || bar) {
				free(type);
				ERR(C_ANCHOR, 0, "a done:STEP anchor stands alone (no | with others)");
			}
			if (!step_name_ok(type + 5) || strcmp(type + 5, step) == 0) {
				free(type);
				ERR(C_ANCHOR, 5, "anchor \"%s\": done: takes the name of another step", a);
			}
			row->anchors[row->nanchors++] = FU_ANCHOR_DONE;
			row->after = fu_xstrdup(type + 5);
		} else if (strcmp(type, "order") == 0) {
			if (p != a || bar) {
				free(type);
				ERR(C_ANCHOR, 0, "an order anchor stands alone (no | with others)");
			}
			row->anchors[row->nanchors++] = FU_ANCHOR_ORDER;
		} else if (strcmp(type, "created") == 0) {
			row->anchors[row->nanchors++] = FU_ANCHOR_CREATED;
		} else if (fu_ev_parse(type) == FU_EV_OTHER) {
			free(type);
			ERR(C_ANCHOR, (size_t)(p - a), "unknown anchor \"%.*s\" (an event type, order, created or done:STEP)",
			    (int)len, p);
		} else {
			/* a synonym ("order" excepted, above) anchors on its type */
			row->anchors[row->nanchors++] = anchor_index(c, fu_ev_names[fu_ev_parse(type)]);
		}
		free(type);
		if (!bar)
			break;
		if (row->nanchors == FU_MAX_ANCHORS)
			ERR(C_ANCHOR, (size_t)(bar - a), "too many anchors (at most %d)", FU_MAX_ANCHORS);
		p = bar + 1;
	}
	const char *why;
	size_t pos;
	if (fu_dur_parse(FIELD(C_OFFSET), &row->offset, &why, &pos) != 0)
		ERR(C_OFFSET, pos, "offset \"%s\": %s", FIELD(C_OFFSET), why);
	if (!*FIELD(C_WINDOW)) {
		row->window.n = 1;
		row->window.unit = FU_DAY;
	} else if (fu_dur_parse(FIELD(C_WINDOW), &row->window, &why, &pos) != 0) {
		ERR(C_WINDOW, pos, "window \"%s\": %s", FIELD(C_WINDOW), why);
	} else if (row->window.unit == FU_BDAY) {
		ERR(C_WINDOW, 0, "a window is in m, h, d or w, not business days");
	}
	if (*FIELD(C_EXPIRES)) {
		if (fu_dur_parse(FIELD(C_EXPIRES), &row->expires, &why, &pos) != 0)
			ERR(C_EXPIRES, pos, "expires \"%s\": %s", FIELD(C_EXPIRES), why);
		if (row->expires.unit == FU_BDAY)
			ERR(C_EXPIRES, 0, "expires is in m, h, d or w, not business days");
		if (fu_dur_seconds(&row->expires) < fu_dur_seconds(&row->window))
			ERR(C_EXPIRES, 0, "expires \"%s\" is shorter than the window", FIELD(C_EXPIRES));
		row->has_expires = 1;
	}
	/* quiet: for an order anchor, how long after an order's start a later
	 * order gets no run of this step of its own; for another anchor, a
	 * cooldown: no task while the step was marked done that long before */
	if (*FIELD(C_QUIET)) {
		if (fu_dur_parse(FIELD(C_QUIET), &row->quiet, &why, &pos) != 0)
			ERR(C_QUIET, pos, "quiet \"%s\": %s", FIELD(C_QUIET), why);
		if (row->quiet.unit == FU_BDAY)
			ERR(C_QUIET, 0, "quiet is in m, h, d or w, not business days");
		row->has_quiet = fu_dur_seconds(&row->quiet) > 0;
	}
	/* repeat: empty (once), "30d" (without end) or "30d x6" */
	const char *r = FIELD(C_REPEAT);
	row->times = 1;
	if (*r) {
		char *text = fu_xstrdup(r);
		char *x = strchr(text, 'x');
		if (x) {
			*x = '\0';
			char *end;
			long times = strtol(x + 1, &end, 10);
			if (end == x + 1 || *end || times < 1 || times > 10000) {
				size_t at = (size_t)(x - text) + 1;
				free(text);
				ERR(C_REPEAT, at, "repeat \"%s\": after x comes a count, 1 to 10000", r);
			}
			row->times = times;
		} else {
			row->times = 0;
		}
		int rc = fu_dur_parse(text, &row->every, &why, &pos);
		free(text);
		if (rc != 0)
			ERR(C_REPEAT, pos, "repeat \"%s\": %s (as in \"30d x6\")", r, why);
		if (row->every.n == 0)
			ERR(C_REPEAT, 0, "repeat \"%s\": the interval must not be 0", r);
	}
	/* conditions */
	for (int k = C_ELIGIBLE; k <= C_STOP; k++) {
		char cwhy[200];
		long ccol;
		fu_cond *cond = fu_cond_parse(FIELD(k), cwhy, sizeof cwhy, &ccol);
		if (!cond)
			ERR(k, (size_t)(ccol - 1), "%s condition: %s", columns[k], cwhy);
		fu_record_pos(rec, col_of[k] >= 0 ? (size_t)col_of[k] : 0, 0, &line, &col);
		if (k == C_ELIGIBLE) {
			row->eligible = cond;
			row->eligible_text = fu_xstrdup(FIELD(k));
			row->elig_line = line;
			row->elig_col = col;
		} else {
			row->stop = cond;
			row->stop_text = fu_xstrdup(FIELD(k));
			row->stop_line = line;
			row->stop_col = col;
		}
	}
	/* kind: a step named thank-you* and a ticket follow-up are service unless
	 * the plan says otherwise; everything else is marketing */
	const char *kind = FIELD(C_KIND);
	if (strcmp(kind, "service") == 0)
		row->service = 1;
	else if (*kind && strcmp(kind, "marketing") != 0)
		ERR(C_KIND, 0, "kind \"%s\": service or marketing", kind);
	else if (!*kind)
		row->service = fu_step_begins(step, "thank-you") || strstr(a, "ticket_") != NULL;
	row->step = fu_xstrdup(step);
	row->anchor = fu_xstrdup(a);
	row->channel = channel_word(FIELD(C_CHANNEL));
	row->template = fu_xstrdup(*FIELD(C_TEMPLATE) ? FIELD(C_TEMPLATE) : step);
	return 0;
#undef ERR
#undef FIELD
}

static void free_row(fu_cadence_row *row)
{
	free(row->step);
	free(row->anchor);
	free(row->after);
	free(row->channel);
	free(row->template);
	free(row->eligible_text);
	free(row->stop_text);
	fu_cond_free(row->eligible);
	fu_cond_free(row->stop);
}

int fu_cadence_load(fu_cadence *c, const char *path)
{
	memset(c, 0, sizeof *c);
	FILE *mem = NULL;
	fu_csv_reader *r;
	if (path) {
		c->file = fu_xstrdup(path);
		r = fu_csv_open_path(path, ',');
	} else {
		c->file = fu_xstrdup("(default cadence)");
		mem = fmemopen((void *)fu_default_cadence, sizeof fu_default_cadence - 1, "r");
		if (!mem)
			fu_die(FU_EXIT_USAGE, "cannot read the default cadence");
		r = fu_csv_open(mem, c->file, ',');
	}
	if (!r) {
		fu_cadence_free(c);
		return -1;
	}
	if (path)
		fu_csv_sniff(r); /* saved by a spreadsheet: ';', Windows-1252 */
	fu_header hdr;
	if (fu_csv_read_header(r, &hdr) != 0) {
		fu_csv_close(r);
		if (mem)
			fclose(mem);
		fu_cadence_free(c);
		return -1;
	}
	int bad = 0;
	long col_of[C_N];
	for (int k = 0; k < C_N; k++) /* "Step", as a spreadsheet user types it */
		fu_header_canon(&hdr, (const char *const[]){columns[k], NULL});
	for (int k = 0; k < C_N; k++)
		col_of[k] = fu_header_find(&hdr, columns[k]);
	for (size_t i = 0; i < hdr.n; i++) {
		int known = 0;
		for (int k = 0; k < C_N; k++)
			known |= strcmp(hdr.names[i], columns[k]) == 0;
		if (!known) {
			fu_warn_at(c->file, 1, "unknown column \"%s\" (known: step, anchor, offset, window, "
			                       "expires, repeat, channel, template, eligible, stop, kind, quiet)",
			           hdr.names[i]);
			bad = 1;
		}
	}
	for (int k = C_STEP; k <= C_OFFSET; k++)
		if (col_of[k] < 0) {
			fu_warn_at(c->file, 1, "missing column \"%s\"", columns[k]);
			bad = 1;
		}
	fu_record *rec;
	int rc = 0;
	size_t cap = 0;
	int hdr_bad = bad;
	while (!hdr_bad && (rc = fu_csv_next(r, &rec)) == 1) {
		fu_record_check(rec, hdr.n);
		if (rec->error) {
			fu_warn_record(c->file, rec, "%s", rec->error);
			bad = 1;
			continue;
		}
		fu_cadence_row row;
		if (parse_row(c, rec, col_of, &row) != 0) {
			free_row(&row);
			bad = 1;
			continue;
		}
		if (c->n == cap) {
			cap = cap ? cap * 2 : 16;
			c->rows = fu_xrealloc(c->rows, cap * sizeof *c->rows);
		}
		c->rows[c->n++] = row;
	}
	if (rc < 0)
		bad = 1;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->rows[i].after)
			continue;
		size_t k;
		for (k = 0; k < c->n && !fu_step_eq(c->rows[k].step, c->rows[i].after); k++)
			;
		if (k == c->n) {
			fu_warn_at(c->file, c->rows[i].line, "anchor \"%s\": no step \"%s\" in the plan",
			           c->rows[i].anchor, c->rows[i].after);
			bad = 1;
		}
	}
	anchor_index(c, "purchase");
	for (size_t i = 0; i < c->n; i++) {
		const fu_cadence_row *row = &c->rows[i];
		if (row->anchors[0] != FU_ANCHOR_ORDER)
			continue;
		int64_t reach = row->has_expires ? fu_dur_seconds(&row->expires) : INT64_MAX;
		if (reach != INT64_MAX)
			reach += fu_dur_seconds(&row->offset) + 2 * 86400; /* bd offsets: weekends */
		if (reach > c->order_reach)
			c->order_reach = reach;
		/* the purchases kept: those of every order with a live task (its
		 * due moved on by weekends and holidays), of the order before it
		 * (an order cut in two by the reach would have another first
		 * purchase, so another task id) and of the orders within quiet
		 * before it */
		int64_t keep = row->has_expires ? fu_dur_seconds(&row->expires) : INT64_MAX;
		if (keep != INT64_MAX)
			keep += 2 * fu_dur_seconds(&row->offset) + 8 * 86400 +
			        (row->has_quiet ? fu_dur_seconds(&row->quiet) : 0);
		if (keep > c->purchase_reach)
			c->purchase_reach = keep;
	}
	if (!bad && c->n == 0) {
		fu_warn_at(c->file, 0, "no steps in the cadence");
		bad = 1;
	}
	fu_header_free(&hdr);
	fu_csv_close(r);
	if (mem)
		fclose(mem);
	if (bad)
		fu_cadence_free(c);
	return bad ? -1 : 0;
}

void fu_cadence_free(fu_cadence *c)
{
	for (size_t i = 0; i < c->n; i++)
		free_row(&c->rows[i]);
	free(c->rows);
	for (size_t i = 0; i < c->ntypes; i++)
		free(c->types[i]);
	free(c->types);
	free(c->file);
	memset(c, 0, sizeof *c);
}
