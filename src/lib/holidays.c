/* The holidays files: CSVs with a date column, read with fu_reader; one bad
 * line stops the run (sched.h).  A row with a country or tz holds only for
 * the contacts in that country or zone: the calendar of a contact's zone is
 * the days for everybody, for its country (by the tz database's zone.tab)
 * and for the zone itself, put together once a zone. */
#include "fu.h"
#include "lib/map.h"
#include "lib/norm.h"
#include "lib/reader.h"
#include "lib/sched.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the days of one country (ISO 3166 alpha-2) or one zone (an IANA name) */
struct fu_holiday_scope {
	char name[64];
	fu_holidays days;
	size_t cap;
};

/* a zone's calendar, put together on first use */
struct fu_holiday_cache {
	fu_map zones;       /* zone name ("" = $TZ) -> index in cals */
	fu_holidays *cals;
	size_t ncals;
	fu_map country_of;  /* zone.tab: zone -> index in countries */
	char (*countries)[3];
	int tab_read;
};

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void add_day(fu_holidays *h, int64_t day, size_t *cap)
{
	if (h->n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		h->days = fu_xrealloc(h->days, *cap * sizeof *h->days);
	}
	h->days[h->n++] = day;
}

/* sorted, a day in two calendars one holiday */
static void settle(fu_holidays *h)
{
	if (!h->n) /* days is NULL when there are none */
		return;
	qsort(h->days, h->n, sizeof *h->days, cmp_day);
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++)
		if (k == 0 || h->days[k - 1] != h->days[i])
			h->days[k++] = h->days[i];
	h->n = k;
}

/* SCOPE (N bytes) as a scope's name: a country as its ISO code (FI, fi,
 * Finland, Suomi), or a zone as named; NULL when it is neither */
static const char *scope_name(const char *s, size_t n, char *buf, size_t size)
{
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (strchr(buf, '/') || strcmp(buf, "UTC") == 0)
		return fu_tz_valid(buf) ? buf : NULL;
	const char *iso = norm_country(s, n);
	return iso ? strcpy(buf, iso) : NULL;
}

static fu_holidays *scope_days(fu_holidays *h, const char *name)
{
	for (size_t i = 0; i < h->nscopes; i++)
		if (strcmp(h->scopes[i].name, name) == 0)
			return &h->scopes[i].days;
	h->scopes = fu_xrealloc(h->scopes, (h->nscopes + 1) * sizeof *h->scopes);
	struct fu_holiday_scope *s = &h->scopes[h->nscopes++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name);
	return &s->days;
}

/* the latest of N sorted-or-not DAYS (N > 0) */
static int64_t last_of(const int64_t *days, size_t n)
{
	int64_t last = days[0];
	for (size_t i = 1; i < n; i++)
		if (days[i] > last)
			last = days[i];
	return last;
}

static void add_end(fu_holidays *h, const char *path, const char *scope, const int64_t *days, size_t n)
{
	if (!n)
		return;
	h->ends = fu_xrealloc(h->ends, (h->nends + 1) * sizeof *h->ends);
	fu_holiday_end *e = &h->ends[h->nends++];
	e->file = fu_xstrdup(fu_input_name(path));
	snprintf(e->scope, sizeof e->scope, "%s", scope);
	e->last_day = last_of(days, n);
}

/* ARG is a file, or SCOPE=FILE: *PATH and *SCOPE (NULL: none) from it */
static int split_arg(const char *arg, const char **path, char *scope, size_t size, const char **err)
{
	*path = arg;
	*err = NULL;
	const char *eq = strchr(arg, '=');
	if (!eq || access(arg, F_OK) == 0)
		return 0;
	if (!scope_name(arg, (size_t)(eq - arg), scope, size)) {
		*err = "before '=' is no country (FI, US, Finland) nor time zone (America/New_York)";
		return -1;
	}
	*path = eq + 1;
	return 1;
}

int fu_holidays_load(fu_holidays *h, const char *arg)
{
	char given[64];
	const char *path, *err;
	int scoped = split_arg(arg, &path, given, sizeof given, &err);
	if (scoped < 0) {
		fu_warn("--holidays %s: %s", arg, err);
		return -1;
	}
	static const char *const required[] = {"date", NULL};
	fu_reader r;
	int got = fu_reader_open(&r, path, "a holidays file", required, NULL);
	if (got != 0)
		return got < 0 ? -1 : 0; /* an empty file: no holidays */
	static const char *const optional[] = {"country", "tz", NULL};
	fu_header_canon(&r.hdr, optional);
	long col = fu_reader_col(&r, "date");
	long c_country = fu_reader_col(&r, "country"), c_tz = fu_reader_col(&r, "tz");
	/* the days read here, by scope (another calendar's are kept: they add up) */
	fu_holidays mine = {0};
	struct fu_holiday_scope *scoped_days = NULL;
	size_t nscoped = 0, cap = 0;
	int bad = 0;
	fu_record *rec;
	int rc;
	/* a holiday misread is mail sent on a holiday: the first bad line stops */
	while (!bad && (rc = fu_reader_next(&r, &rec)) == 1) {
		const char *s = rec->fields[col];
		fu_time ft;
		const char *why;
		long line, at;
		if (fu_parse_time(s, "UTC", &ft, &why) != 0 || ft.has_time) {
			fu_record_pos(rec, (size_t)col, 0, &line, &at);
			fu_warn_at_col(fu_input_name(path), line, at, "bad date \"%s\": %s", s,
			               ft.has_time || !why ? "a holiday is a date, YYYY-MM-DD" : why);
			bad = 1;
			break;
		}
		/* its scope: the row's tz, else its country, else the file's */
		char buf[64];
		const char *scope = scoped ? given : NULL;
		long sc = c_tz >= 0 && rec->lens[c_tz] ? c_tz : c_country >= 0 && rec->lens[c_country] ? c_country : -1;
		if (sc >= 0 && !(scope = scope_name(rec->fields[sc], rec->lens[sc], buf, sizeof buf))) {
			fu_record_pos(rec, (size_t)sc, 0, &line, &at);
			fu_warn_at_col(fu_input_name(path), line, at, "%s \"%s\": %s", sc == c_tz ? "tz" : "country",
			               rec->fields[sc],
			               sc == c_tz ? "not a time zone of the tz database (Europe/Helsinki)"
			                          : "not a country (an ISO code such as FI or US, or its name)");
			bad = 1;
			break;
		}
		if (!scope) {
			add_day(&mine, ft.t / 86400, &cap);
			continue;
		}
		size_t i;
		for (i = 0; i < nscoped && strcmp(scoped_days[i].name, scope) != 0; i++)
			;
		if (i == nscoped) {
			scoped_days = fu_xrealloc(scoped_days, ++nscoped * sizeof *scoped_days);
			memset(&scoped_days[i], 0, sizeof *scoped_days);
			snprintf(scoped_days[i].name, sizeof scoped_days[i].name, "%s", scope);
		}
		add_day(&scoped_days[i].days, ft.t / 86400, &scoped_days[i].cap);
	}
	bad |= r.n.rejected > 0 || rc < 0;
	fu_reader_close(&r);
	if (!bad) { /* a failed load adds nothing */
		add_end(h, path, "", mine.days, mine.n);
		for (size_t i = 0; i < nscoped; i++)
			add_end(h, path, scoped_days[i].name, scoped_days[i].days.days, scoped_days[i].days.n);
		size_t hcap = h->n;
		for (size_t i = 0; i < mine.n; i++)
			add_day(h, mine.days[i], &hcap);
		settle(h);
		for (size_t i = 0; i < nscoped; i++) {
			fu_holidays *d = scope_days(h, scoped_days[i].name);
			size_t dcap = d->n;
			for (size_t k = 0; k < scoped_days[i].days.n; k++)
				add_day(d, scoped_days[i].days.days[k], &dcap);
			settle(d);
		}
		if (h->nscopes && !h->cache) {
			h->cache = fu_xcalloc(1, sizeof *h->cache);
			fu_map_init(&h->cache->zones);
		}
	}
	free(mine.days);
	for (size_t i = 0; i < nscoped; i++)
		free(scoped_days[i].days.days);
	free(scoped_days);
	return bad ? -1 : 0;
}

/* the tz database's zone.tab: each zone's country */
static void read_zone_tab(struct fu_holiday_cache *c)
{
	c->tab_read = 1;
	fu_map_init(&c->country_of);
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/zone.tab", dir && *dir ? dir : "/usr/share/zoneinfo");
	FILE *fp = fopen(path, "r");
	if (!fp) {
		/* no contact is then known to be in a country: say so, once */
		fu_warn("warning: %s: %s: a holiday with a country holds for nobody (give it a tz)", path,
		        strerror(errno));
		return;
	}
	char line[512];
	size_t cap = 0;
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || strlen(line) < 4 || line[2] != '\t')
			continue;
		char *zone = strchr(line + 3, '\t');
		if (!zone)
			continue;
		zone++;
		size_t n = strcspn(zone, "\t\r\n");
		int added;
		size_t k = fu_map_put(&c->country_of, zone, n, &added);
		if (!added)
			continue;
		if (k >= cap) {
			cap = cap ? cap * 2 : 512;
			c->countries = fu_xrealloc(c->countries, cap * sizeof *c->countries);
		}
		memcpy(c->countries[k], line, 2);
		c->countries[k][2] = '\0';
	}
	fclose(fp);
}

/* the country of zone TZ, or NULL: by zone.tab, or for a link (US/Eastern,
 * Europe/Kiev) by the zone it links to */
static const char *zone_country(struct fu_holiday_cache *c, const char *tz)
{
	char trimmed[160];
	if (!(tz = fu_tz_name(tz, trimmed, sizeof trimmed)))
		return NULL;
	if (!c->tab_read)
		read_zone_tab(c);
	long k = fu_map_get(&c->country_of, tz, strlen(tz));
	if (k >= 0)
		return c->countries[k];
	if (!fu_tz_valid(tz))
		return NULL;
	const char *dir = getenv("TZDIR");
	char path[512], real[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	if (!realpath(path, real))
		return NULL;
	/* the part after the zoneinfo directory: the zone's own name */
	char base[PATH_MAX];
	if (!realpath(dir && *dir ? dir : "/usr/share/zoneinfo", base))
		return NULL;
	size_t nb = strlen(base);
	if (strncmp(real, base, nb) != 0 || real[nb] != '/')
		return NULL;
	const char *name = real + nb + 1;
	if (strncmp(name, "posix/", 6) == 0)
		name += 6;
	k = fu_map_get(&c->country_of, name, strlen(name));
	return k >= 0 ? c->countries[k] : NULL;
}

/* the name of $TZ's zone: TZ, or /etc/localtime's link; "" when unknown */
static const char *local_zone(char *buf, size_t size)
{
	const char *tz = getenv("TZ");
	if (tz && *tz == ':')
		tz++;
	if (tz && *tz)
		return tz;
	char real[PATH_MAX];
	const char *z;
	if (!realpath("/etc/localtime", real) || !(z = strstr(real, "zoneinfo/")))
		return "";
	snprintf(buf, size, "%s", z + 9);
	return buf;
}

const fu_holidays *fu_holidays_in(const fu_holidays *h, const char *tz)
{
	if (!h || h->nscopes == 0)
		return h;
	struct fu_holiday_cache *c = h->cache;
	const char *key = tz ? tz : "";
	long k = fu_map_get(&c->zones, key, strlen(key));
	if (k >= 0)
		return &c->cals[k];
	int added;
	size_t i = fu_map_put(&c->zones, key, strlen(key), &added);
	c->cals = fu_xrealloc(c->cals, (i + 1) * sizeof *c->cals);
	c->ncals = i + 1;
	fu_holidays *cal = &c->cals[i];
	memset(cal, 0, sizeof *cal);
	char buf[128];
	const char *zone = tz ? tz : local_zone(buf, sizeof buf);
	int by_country = 0; /* a scope is a country (else zones only: no zone.tab needed) */
	for (size_t i = 0; i < h->nscopes; i++)
		by_country |= !strchr(h->scopes[i].name, '/') && strcmp(h->scopes[i].name, "UTC") != 0;
	const char *country = *zone && by_country ? zone_country(c, zone) : NULL;
	size_t cap = 0;
	for (size_t d = 0; d < h->n; d++)
		add_day(cal, h->days[d], &cap);
	for (size_t s = 0; s < h->nscopes; s++) {
		const struct fu_holiday_scope *sc = &h->scopes[s];
		if (strcmp(sc->name, zone) != 0 && !(country && strcmp(sc->name, country) == 0))
			continue;
		for (size_t d = 0; d < sc->days.n; d++)
			add_day(cal, sc->days.days[d], &cap);
	}
	settle(cal);
	return cal;
}

void fu_holidays_free(fu_holidays *h)
{
	free(h->days);
	for (size_t i = 0; i < h->nscopes; i++)
		free(h->scopes[i].days.days);
	free(h->scopes);
	struct fu_holiday_cache *c = h->cache;
	if (c) {
		for (size_t i = 0; i < c->ncals; i++)
			free(c->cals[i].days);
		free(c->cals);
		fu_map_free(&c->zones);
		if (c->tab_read)
			fu_map_free(&c->country_of);
		free(c->countries);
		free(c);
	}
	for (size_t i = 0; i < h->nends; i++)
		free(h->ends[i].file);
	free(h->ends);
	memset(h, 0, sizeof *h);
}

int fu_holidays_has(const fu_holidays *h, int64_t day)
{
	if (!h || h->n == 0)
		return 0;
	return bsearch(&day, h->days, h->n, sizeof *h->days, cmp_day) != NULL;
}
