/* The events of an earlier fu-schedule calendar (icsprev.h). */
#include "fu.h"
#include "lib/icsprev.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TEXT value unescaped (RFC 5545 3.3.11): \\ \; \, \n \N */
static char *unescape(const char *s)
{
	char *out = fu_xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 'n' || *s == 'N' ? '\n' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
	return out;
}

/* YYYYMMDDTHHMMSSZ (as fu_ical_utc writes it) */
static int parse_utc(const char *s, int64_t *t)
{
	int y, mo, d, h, mi, se;
	char z;
	if (strlen(s) != 16 || sscanf(s, "%4d%2d%2dT%2d%2d%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 || z != 'Z' ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	*t = fu_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

static int task_uid(const char *v, char id[17])
{
	static const char tail[] = "@fu-schedule";
	if (strlen(v) != 16 + sizeof tail - 1 || strcmp(v + 16, tail) != 0)
		return -1;
	for (int i = 0; i < 16; i++)
		if (!strchr("0123456789abcdef", v[i]))
			return -1;
	memcpy(id, v, 16);
	id[16] = 0;
	return 0;
}

/* one unfolded content line of the VEVENT being read (depth 1: not its VALARM) */
static void take(fu_prev_event *e, int *have_start, const char *name, const char *value)
{
	if (strcmp(name, "UID") == 0) {
		if (task_uid(value, e->task_id) != 0)
			e->task_id[0] = 0;
	} else if (strcmp(name, "DTSTART") == 0) {
		*have_start = parse_utc(value, &e->start) == 0;
	} else if (strcmp(name, "SEQUENCE") == 0) {
		long n = strtol(value, NULL, 10); /* (a revision: a small count; saturated) */
		e->sequence = n < 0 ? 0 : n > 1000000000 ? 1000000000 : n;
	} else if (strcmp(name, "STATUS") == 0) {
		e->cancelled = strcmp(value, "CANCELLED") == 0;
	} else if (strcmp(name, "X-FU-STATE") == 0) {
		e->done = strcmp(value, "done") == 0;
		e->left = strcmp(value, "left") == 0;
	} else if (strcmp(name, "SUMMARY") == 0) {
		free(e->summary);
		e->summary = unescape(value);
	}
}

struct reading {
	fu_prev_event e;
	int in_event, sub, have_start;
};

static void finish(fu_prev_ics *pc, struct reading *r)
{
	if (r->e.task_id[0] && r->have_start) {
		if (pc->n == pc->cap) {
			pc->cap = pc->cap ? pc->cap * 2 : 64;
			pc->ev = fu_xrealloc(pc->ev, pc->cap * sizeof *pc->ev);
		}
		if (!r->e.summary)
			r->e.summary = fu_xstrdup("");
		pc->ev[pc->n++] = r->e;
	} else {
		pc->skipped++;
		free(r->e.summary);
	}
	memset(&r->e, 0, sizeof r->e);
	r->in_event = 0;
}

/* a content line: NAME[;params]:value */
static void content_line(fu_prev_ics *pc, struct reading *r, char *line)
{
	char *colon = strchr(line, ':');
	if (!colon)
		return;
	*colon = 0;
	const char *value = colon + 1;
	char *semi = strchr(line, ';');
	if (semi)
		*semi = 0;
	if (strcmp(line, "BEGIN") == 0) {
		if (r->in_event) {
			r->sub++; /* its VALARM */
		} else if (strcmp(value, "VEVENT") == 0) {
			memset(&r->e, 0, sizeof r->e);
			r->in_event = 1;
			r->sub = r->have_start = 0;
		}
	} else if (strcmp(line, "END") == 0) {
		if (r->in_event && r->sub > 0)
			r->sub--;
		else if (r->in_event)
			finish(pc, r);
	} else if (r->in_event && r->sub == 0) {
		take(&r->e, &r->have_start, line, value);
	}
}

int fu_prev_ics_read(fu_prev_ics *pc, const char *path, const char **why)
{
	memset(pc, 0, sizeof *pc);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		*why = strerror(errno);
		return -1;
	}
	struct reading r = {0};
	fu_buf line = {0};
	char *raw = NULL;
	size_t rawcap = 0;
	ssize_t len;
	while ((len = getline(&raw, &rawcap, fp)) >= 0) {
		while (len > 0 && (raw[len - 1] == '\n' || raw[len - 1] == '\r'))
			raw[--len] = 0;
		if (len > 0 && (raw[0] == ' ' || raw[0] == '\t')) { /* folded: continues the line */
			fu_buf_add(&line, raw + 1, (size_t)len - 1);
			continue;
		}
		if (line.len)
			content_line(pc, &r, line.data);
		fu_buf_clear(&line);
		fu_buf_add(&line, raw, (size_t)len);
	}
	int err = ferror(fp);
	if (line.len)
		content_line(pc, &r, line.data);
	if (r.in_event) /* cut short: not an event */
		free(r.e.summary);
	free(raw);
	fu_buf_free(&line);
	fclose(fp);
	if (err) {
		*why = "read error";
		fu_prev_ics_free(pc);
		return -1;
	}
	/* each task's map index -> its event with the highest SEQUENCE */
	fu_map_init(&pc->index);
	pc->best = fu_xcalloc(pc->n ? pc->n : 1, sizeof *pc->best);
	for (size_t i = 0; i < pc->n; i++) {
		int added;
		size_t k = fu_map_put(&pc->index, pc->ev[i].task_id, strlen(pc->ev[i].task_id), &added);
		if (added || pc->ev[i].sequence > pc->ev[pc->best[k]].sequence)
			pc->best[k] = i;
	}
	return 0;
}

const fu_prev_event *fu_prev_ics_find(const fu_prev_ics *pc, const char *task_id)
{
	long k = pc->best ? fu_map_get(&pc->index, task_id, strlen(task_id)) : -1;
	return k < 0 ? NULL : &pc->ev[pc->best[k]];
}

void fu_prev_ics_free(fu_prev_ics *pc)
{
	for (size_t i = 0; i < pc->n; i++)
		free(pc->ev[i].summary);
	free(pc->ev);
	if (pc->best)
		fu_map_free(&pc->index);
	free(pc->best);
	memset(pc, 0, sizeof *pc);
}
