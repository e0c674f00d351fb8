/* The holidays files: CSVs with a date column, read with fu_reader; one bad
 * line stops the run (sched.h).  A row with a country or tz holds only for
 * the contacts in that country or zone: the calendar of a contact's zone is
 * the days for everybody, for its country (by the tz database's zone.tab)
 * and for the zone itself, and its weekend, put together once a zone. */
#include "fu.h"
#include "lib/map.h"
#include "lib/norm.h"
#include "lib/reader.h"
#include "lib/sched.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MON = 1, TUE = 2, WED = 4, THU = 8, FRI = 16, SAT = 32, SUN = 64 };

/* The countries whose weekend is not Saturday-Sunday: Unicode CLDR's
 * weekData (supplementalData.xml, v41 on: the UAE moved to Saturday-Sunday
 * in 2022), and Bangladesh and the Maldives, whose working week is
 * Sunday-Thursday though CLDR leaves them Saturday-Sunday.  CLDR's
 * Sunday-only weekend of India and Uganda is not taken: offices there
 * (India's central government among them) keep a five-day week. */
static const struct {
	char country[3];
	unsigned days;
} country_weekends[] = {
	{"AF", THU | FRI}, {"BD", FRI | SAT}, {"BH", FRI | SAT}, {"DZ", FRI | SAT}, {"EG", FRI | SAT},
	{"IL", FRI | SAT}, {"IQ", FRI | SAT}, {"IR", FRI},       {"JO", FRI | SAT}, {"KW", FRI | SAT},
	{"LY", FRI | SAT}, {"MV", FRI | SAT}, {"OM", FRI | SAT}, {"QA", FRI | SAT}, {"SA", FRI | SAT},
	{"SD", FRI | SAT}, {"SY", FRI | SAT}, {"YE", FRI | SAT},
};

/* Territories zone.tab gives a code of their own that keep a country's
 * public holidays (and its weekend): a calendar or weekend for the country
 * holds there too, besides one for the territory itself. */
static const struct {
	char territory[3], country[3];
} territories[] = {
	{"AX", "FI"}, /* Åland */
	{"AS", "US"}, {"GU", "US"}, {"MP", "US"}, {"PR", "US"}, {"UM", "US"}, {"VI", "US"},
	{"BL", "FR"}, {"GF", "FR"}, {"GP", "FR"}, {"MF", "FR"}, {"MQ", "FR"}, {"PM", "FR"},
	{"RE", "FR"}, {"YT", "FR"}, /* overseas departments and collectivities under French law */
	{"SJ", "NO"}, /* Svalbard and Jan Mayen */
};

/* a --weekend: the days off of a scope ("" = everybody) */
struct fu_weekend_rule {
	char name[64];
	unsigned days;
};

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
	fu_buf uncovered;   /* "AX (Europe/Mariehamn)\n" for each country no scope reached */
	size_t nuncovered;
	char last[64];      /* the zone asked for last (a contact's steps ask in a row) */
	size_t last_cal;    /* and its calendar, when ncals > 0 */
	fu_map country_of;  /* zone.tab: zone -> index in countries */
	char (*countries)[3];
	size_t ncountries;
	struct stat *files; /* each zone.tab zone's file, to know a hard link (else st_ino 0) */
	int tab_read, tab_missing, warned;
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
	}
	free(mine.days);
	for (size_t i = 0; i < nscoped; i++)
		free(scoped_days[i].days.days);
	free(scoped_days);
	return bad ? -1 : 0;
}

static const char *tz_dir(void)
{
	const char *dir = getenv("TZDIR");
	return dir && *dir ? dir : "/usr/share/zoneinfo";
}

/* the tz database's zone.tab: each zone's country */
static void read_zone_tab(struct fu_holiday_cache *c)
{
	c->tab_read = 1;
	fu_map_init(&c->country_of);
	char path[512];
	snprintf(path, sizeof path, "%s/zone.tab", tz_dir());
	FILE *fp = fopen(path, "r");
	if (!fp) { /* said once a country scope needs it (fu_holidays_in) */
		c->tab_missing = errno ? errno : ENOENT;
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
		c->ncountries = k + 1;
	}
	fclose(fp);
}

/* the file of zone TZ under the tz directory in *ST; 0, or -1 */
static int zone_file(const char *tz, struct stat *st)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", tz_dir(), tz);
	return stat(path, st);
}

/* the country of zone TZ, or NULL: by zone.tab, or for a link (US/Eastern,
 * Europe/Kiev; a symbolic or a hard link) by the zone it links to */
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
	struct stat st;
	if (!fu_tz_valid(tz) || zone_file(tz, &st) != 0)
		return NULL;
	char path[PATH_MAX], real[PATH_MAX], base[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", tz_dir(), tz);
	if (realpath(path, real) && realpath(tz_dir(), base)) {
		/* the part after the zoneinfo directory: the zone's own name */
		size_t nb = strlen(base);
		if (strncmp(real, base, nb) == 0 && real[nb] == '/') {
			const char *name = real + nb + 1;
			if (strncmp(name, "posix/", 6) == 0)
				name += 6;
			k = fu_map_get(&c->country_of, name, strlen(name));
			if (k >= 0)
				return c->countries[k];
		}
	}
	/* a hard link: the zone.tab zone with the same file */
	if (!c->files) {
		c->files = fu_xcalloc(c->ncountries ? c->ncountries : 1, sizeof *c->files);
		for (size_t i = 0; i < c->ncountries; i++) {
			if (zone_file(fu_map_key(&c->country_of, i), &c->files[i]) != 0)
				c->files[i].st_ino = 0;
		}
	}
	for (size_t i = 0; i < c->ncountries; i++)
		if (c->files[i].st_ino == st.st_ino && c->files[i].st_dev == st.st_dev)
			return c->countries[i];
	return NULL;
}

/* the country whose holidays territory COUNTRY keeps (AX: FI), or NULL */
static const char *territory_of(const char *country)
{
	for (size_t i = 0; country && i < sizeof territories / sizeof *territories; i++)
		if (strcmp(territories[i].territory, country) == 0)
			return territories[i].country;
	return NULL;
}

/* Is zone scope SCOPE the contact's ZONE (in COUNTRY)?  By name, or a link
 * of the tz database to the same zone within one country (Europe/Kiev and
 * Europe/Kyiv, US/Eastern and America/New_York): the database also links
 * zones of different countries that keep one clock (America/St_Thomas to
 * America/Puerto_Rico), and those are other places. */
static int same_zone(struct fu_holiday_cache *c, const char *scope, const char *zone, const char *country)
{
	if (strcmp(scope, zone) == 0)
		return 1;
	struct stat a, b;
	if (zone_file(scope, &a) != 0 || zone_file(zone, &b) != 0 || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev)
		return 0;
	const char *sc = zone_country(c, scope);
	return sc && country ? strcmp(sc, country) == 0 : sc == country;
}

/* Does scope NAME (a zone, or a country) hold for a contact in ZONE, COUNTRY
 * (a territory of PARENT)? */
static int in_scope(struct fu_holiday_cache *c, const char *name, const char *zone, const char *country,
                    const char *parent)
{
	if (strchr(name, '/') || strcmp(name, "UTC") == 0)
		return *zone && same_zone(c, name, zone, country);
	return (country && strcmp(name, country) == 0) || (parent && strcmp(name, parent) == 0);
}

static int is_zone_scope(const char *name)
{
	return strchr(name, '/') || strcmp(name, "UTC") == 0;
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

/* the weekend of a contact in ZONE, COUNTRY (a territory of PARENT): by
 * --weekend for the zone, the country, the territory's country or
 * everybody (the last given of each), else the country's own */
static unsigned weekend_of(const fu_holidays *h, struct fu_holiday_cache *c, const char *zone,
                           const char *country, const char *parent)
{
	int level = 0; /* 4 zone, 3 country, 2 its country, 1 everybody */
	unsigned days = 0;
	for (size_t i = 0; i < h->nweekends; i++) {
		const struct fu_weekend_rule *r = &h->weekends[i];
		int l = !r->name[0] ? 1
		        : is_zone_scope(r->name) ? (*zone && same_zone(c, r->name, zone, country) ? 4 : 0)
		        : country && strcmp(r->name, country) == 0 ? 3
		        : parent && strcmp(r->name, parent) == 0 ? 2
		                                                 : 0;
		if (l && l >= level) {
			level = l;
			days = r->days;
		}
	}
	if (level)
		return days;
	for (size_t i = 0; country && i < sizeof country_weekends / sizeof *country_weekends; i++)
		if (strcmp(country_weekends[i].country, country) == 0)
			return country_weekends[i].days;
	return FU_WEEKEND_SAT_SUN;
}

/* a contact's zone ZONE (in COUNTRY, or none) that no scoped calendar
 * reached, while every calendar is scoped: listed once a country */
static void note_uncovered(struct fu_holiday_cache *c, const char *country, const char *zone)
{
	char line[128];
	snprintf(line, sizeof line, "%s%s%s%s\n", country ? country : "", country ? " (" : "", zone,
	         country ? ")" : "");
	size_t n = country ? 3 : strlen(line); /* a country's first zone stands for it */
	const char *p = c->uncovered.data ? c->uncovered.data : "";
	for (const char *end = p + c->uncovered.len; p < end; p = strchr(p, '\n') + 1)
		if (strncmp(p, line, n) == 0)
			return;
	fu_buf_adds(&c->uncovered, line);
	c->nuncovered++;
}

size_t fu_holidays_uncovered(const fu_holidays *h, fu_buf *out)
{
	const struct fu_holiday_cache *c = h ? h->cache : NULL;
	if (!c || !c->nuncovered)
		return 0;
	const char *p = c->uncovered.data, *end = p + c->uncovered.len;
	for (size_t i = 0; p < end; i++) {
		const char *nl = strchr(p, '\n');
		if (i == 8) {
			fu_buf_printf(out, " and %zu more", c->nuncovered - 8);
			break;
		}
		fu_buf_printf(out, "%s%.*s", i ? ", " : "", (int)(nl - p), p);
		p = nl + 1;
	}
	return c->nuncovered;
}

/* the calendar of a contact in zone TZ (NULL: $TZ), put together: H's days
 * for everybody and for the scopes that hold there, and its weekend */
static void make_calendar(const fu_holidays *h, struct fu_holiday_cache *c, const char *tz, fu_holidays *cal)
{
	memset(cal, 0, sizeof *cal);
	char buf[128];
	const char *zone = tz ? tz : local_zone(buf, sizeof buf);
	int by_country = 0; /* a scope is a country: zone.tab is needed */
	for (size_t s = 0; s < h->nscopes; s++)
		by_country |= !is_zone_scope(h->scopes[s].name);
	for (size_t s = 0; s < h->nweekends; s++)
		by_country |= h->weekends[s].name[0] && !is_zone_scope(h->weekends[s].name);
	const char *country = *zone ? zone_country(c, zone) : NULL;
	if (by_country && c->tab_missing && !c->warned) {
		/* no contact is then known to be in a country: say so, once */
		c->warned = 1;
		fu_warn("warning: %s/zone.tab: %s: a holiday or weekend for a country holds for nobody (give "
		        "it a tz)", tz_dir(), strerror(c->tab_missing));
	}
	const char *parent = territory_of(country);
	size_t cap = 0;
	for (size_t d = 0; d < h->n; d++)
		add_day(cal, h->days[d], &cap);
	int reached = 0;
	for (size_t s = 0; s < h->nscopes; s++) {
		const struct fu_holiday_scope *sc = &h->scopes[s];
		if (!in_scope(c, sc->name, zone, country, parent))
			continue;
		reached = 1;
		for (size_t d = 0; d < sc->days.n; d++)
			add_day(cal, sc->days.days[d], &cap);
	}
	settle(cal);
	if (h->nscopes && !h->n && !reached && *zone)
		note_uncovered(c, country, zone);
	cal->weekend = weekend_of(h, c, zone, country, parent);
}

const fu_holidays *fu_holidays_in(const fu_holidays *h, const char *tz)
{
	if (!h)
		return NULL;
	struct fu_holiday_cache *c = h->cache;
	if (!c) { /* the zones' calendars are a memo of H's: made on first use */
		c = ((fu_holidays *)h)->cache = fu_xcalloc(1, sizeof *c);
		fu_map_init(&c->zones);
	}
	const char *key = tz ? tz : "";
	if (c->ncals && strcmp(c->last, key) == 0)
		return &c->cals[c->last_cal];
	size_t nkey = strlen(key);
	int added;
	size_t k = fu_map_put(&c->zones, key, nkey, &added);
	if (added) {
		c->cals = fu_xrealloc(c->cals, (k + 1) * sizeof *c->cals);
		c->ncals = k + 1;
		make_calendar(h, c, tz, &c->cals[k]);
	}
	if (nkey < sizeof c->last) {
		memcpy(c->last, key, nkey + 1);
		c->last_cal = k;
	}
	return &c->cals[k];
}

/* DAYS (N bytes: "fri,sat", "Friday, Saturday", "none") as a mask in *MASK */
static int parse_days(const char *s, size_t n, unsigned *mask, const char **why)
{
	static const char *const names[7] = {"monday", "tuesday", "wednesday", "thursday",
	                                      "friday", "saturday", "sunday"};
	*mask = 0;
	if (n == 4 && strncasecmp(s, "none", 4) == 0)
		return 0;
	const char *end = s + n;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == ','))
			s++;
		const char *w = s;
		while (s < end && *s != ',' && *s != ' ')
			s++;
		size_t k = (size_t)(s - w);
		if (!k)
			break;
		int found = -1;
		for (int d = 0; d < 7; d++) /* "fri", "Friday": three letters at least */
			if (k >= 3 && k <= strlen(names[d]) && strncasecmp(names[d], w, k) == 0)
				found = d;
		if (found < 0) {
			*why = "name weekdays (fri,sat or Friday,Saturday), or none";
			return -1;
		}
		*mask |= 1u << found;
	}
	if (!*mask) {
		*why = "name weekdays (fri,sat or Friday,Saturday), or none";
		return -1;
	}
	if (*mask == 0x7f) {
		*why = "a weekend of all seven days leaves no business day";
		return -1;
	}
	return 0;
}

int fu_holidays_weekend(fu_holidays *h, const char *arg, const char **why)
{
	char scope[64] = "";
	const char *days = arg, *eq = strchr(arg, '=');
	if (eq) {
		if (!scope_name(arg, (size_t)(eq - arg), scope, sizeof scope)) {
			*why = "before '=' is no country (IL, Israel) nor time zone (Asia/Jerusalem)";
			return -1;
		}
		days = eq + 1;
	}
	unsigned mask;
	if (parse_days(days, strlen(days), &mask, why) != 0)
		return -1;
	h->weekends = fu_xrealloc(h->weekends, (h->nweekends + 1) * sizeof *h->weekends);
	struct fu_weekend_rule *r = &h->weekends[h->nweekends++];
	snprintf(r->name, sizeof r->name, "%s", scope);
	r->days = mask;
	return 0;
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
		free(c->files);
		fu_buf_free(&c->uncovered);
		free(c);
	}
	for (size_t i = 0; i < h->nends; i++)
		free(h->ends[i].file);
	free(h->ends);
	free(h->weekends);
	memset(h, 0, sizeof *h);
}

int fu_holidays_has(const fu_holidays *h, int64_t day)
{
	if (!h || h->n == 0)
		return 0;
	return bsearch(&day, h->days, h->n, sizeof *h->days, cmp_day) != NULL;
}
