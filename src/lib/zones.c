/* Time zones from a country, or from a state or province of one (norm.h):
 * what fu-import fills an empty tz with, so that a contact's send window
 * is in the contact's own hours and not the server's. */
#include "norm.h"

#include <string.h>
#include <strings.h>

/* Every country norm_country knows: its zone, or NULL when it has several
 * and none holds nearly all its people.  DOMINANT: the country has other
 * zones too, where few live (the Canaries, the Azores, Easter Island, the
 * Chatham Islands, Mexico's and Brazil's edges). */
static const struct {
	char iso[3];
	const char *tz;
	int dominant;
} country_zones[] = {
	{"FI", "Europe/Helsinki", 0},  {"AX", "Europe/Mariehamn", 0}, {"SE", "Europe/Stockholm", 0},
	{"NO", "Europe/Oslo", 0},      {"DK", "Europe/Copenhagen", 0}, {"IS", "Atlantic/Reykjavik", 0},
	{"EE", "Europe/Tallinn", 0},   {"LV", "Europe/Riga", 0},       {"LT", "Europe/Vilnius", 0},
	{"DE", "Europe/Berlin", 0},    {"AT", "Europe/Vienna", 0},     {"CH", "Europe/Zurich", 0},
	{"NL", "Europe/Amsterdam", 0}, {"BE", "Europe/Brussels", 0},   {"LU", "Europe/Luxembourg", 0},
	{"FR", "Europe/Paris", 0},     {"GB", "Europe/London", 0},     {"IE", "Europe/Dublin", 0},
	{"ES", "Europe/Madrid", 1},    {"PT", "Europe/Lisbon", 1},     {"IT", "Europe/Rome", 0},
	{"MT", "Europe/Malta", 0},     {"GR", "Europe/Athens", 0},     {"CY", "Asia/Nicosia", 0},
	{"PL", "Europe/Warsaw", 0},    {"CZ", "Europe/Prague", 0},     {"SK", "Europe/Bratislava", 0},
	{"SI", "Europe/Ljubljana", 0}, {"HR", "Europe/Zagreb", 0},     {"HU", "Europe/Budapest", 0},
	{"RO", "Europe/Bucharest", 0}, {"BG", "Europe/Sofia", 0},      {"RU", NULL, 0},
	{"UA", "Europe/Kyiv", 0},      {"BY", "Europe/Minsk", 0},      {"TR", "Europe/Istanbul", 0},
	{"IL", "Asia/Jerusalem", 0},   {"AE", "Asia/Dubai", 0},        {"SA", "Asia/Riyadh", 0},
	{"EG", "Africa/Cairo", 0},     {"MA", "Africa/Casablanca", 0}, {"NG", "Africa/Lagos", 0},
	{"KE", "Africa/Nairobi", 0},   {"ZA", "Africa/Johannesburg", 0}, {"IN", "Asia/Kolkata", 0},
	{"PK", "Asia/Karachi", 0},     {"CN", "Asia/Shanghai", 0},     {"HK", "Asia/Hong_Kong", 0},
	{"TW", "Asia/Taipei", 0},      {"JP", "Asia/Tokyo", 0},        {"KR", "Asia/Seoul", 0},
	{"SG", "Asia/Singapore", 0},   {"MY", "Asia/Kuala_Lumpur", 0}, {"TH", "Asia/Bangkok", 0},
	{"VN", "Asia/Ho_Chi_Minh", 0}, {"PH", "Asia/Manila", 0},       {"ID", NULL, 0},
	{"US", NULL, 0},               {"CA", NULL, 0},                {"MX", "America/Mexico_City", 1},
	{"BR", "America/Sao_Paulo", 1}, {"AR", "America/Argentina/Buenos_Aires", 0},
	{"CL", "America/Santiago", 1}, {"CO", "America/Bogota", 0},    {"AU", NULL, 0},
	{"NZ", "Pacific/Auckland", 1},
};

const char *norm_country_tz(const char *iso, int *dominant)
{
	*dominant = 0;
	if (!iso)
		return NULL;
	for (size_t i = 0; i < sizeof country_zones / sizeof country_zones[0]; i++)
		if (strcasecmp(country_zones[i].iso, iso) == 0) {
			*dominant = country_zones[i].dominant;
			return country_zones[i].tz;
		}
	return NULL;
}

/* States and provinces of the countries of several zones: the code, the
 * name (lower case), the zone most of its people live in. */
static const struct {
	char country[3], code[4];
	const char *name, *tz;
} region_zones[] = {
	{"US", "AL", "alabama", "America/Chicago"},
	{"US", "AK", "alaska", "America/Anchorage"},
	{"US", "AZ", "arizona", "America/Phoenix"},
	{"US", "AR", "arkansas", "America/Chicago"},
	{"US", "CA", "california", "America/Los_Angeles"},
	{"US", "CO", "colorado", "America/Denver"},
	{"US", "CT", "connecticut", "America/New_York"},
	{"US", "DE", "delaware", "America/New_York"},
	{"US", "DC", "district of columbia", "America/New_York"},
	{"US", "FL", "florida", "America/New_York"},
	{"US", "GA", "georgia", "America/New_York"},
	{"US", "HI", "hawaii", "Pacific/Honolulu"},
	{"US", "ID", "idaho", "America/Boise"},
	{"US", "IL", "illinois", "America/Chicago"},
	{"US", "IN", "indiana", "America/Indiana/Indianapolis"},
	{"US", "IA", "iowa", "America/Chicago"},
	{"US", "KS", "kansas", "America/Chicago"},
	{"US", "KY", "kentucky", "America/New_York"},
	{"US", "LA", "louisiana", "America/Chicago"},
	{"US", "ME", "maine", "America/New_York"},
	{"US", "MD", "maryland", "America/New_York"},
	{"US", "MA", "massachusetts", "America/New_York"},
	{"US", "MI", "michigan", "America/Detroit"},
	{"US", "MN", "minnesota", "America/Chicago"},
	{"US", "MS", "mississippi", "America/Chicago"},
	{"US", "MO", "missouri", "America/Chicago"},
	{"US", "MT", "montana", "America/Denver"},
	{"US", "NE", "nebraska", "America/Chicago"},
	{"US", "NV", "nevada", "America/Los_Angeles"},
	{"US", "NH", "new hampshire", "America/New_York"},
	{"US", "NJ", "new jersey", "America/New_York"},
	{"US", "NM", "new mexico", "America/Denver"},
	{"US", "NY", "new york", "America/New_York"},
	{"US", "NC", "north carolina", "America/New_York"},
	{"US", "ND", "north dakota", "America/Chicago"},
	{"US", "OH", "ohio", "America/New_York"},
	{"US", "OK", "oklahoma", "America/Chicago"},
	{"US", "OR", "oregon", "America/Los_Angeles"},
	{"US", "PA", "pennsylvania", "America/New_York"},
	{"US", "RI", "rhode island", "America/New_York"},
	{"US", "SC", "south carolina", "America/New_York"},
	{"US", "SD", "south dakota", "America/Chicago"},
	{"US", "TN", "tennessee", "America/Chicago"},
	{"US", "TX", "texas", "America/Chicago"},
	{"US", "UT", "utah", "America/Denver"},
	{"US", "VT", "vermont", "America/New_York"},
	{"US", "VA", "virginia", "America/New_York"},
	{"US", "WA", "washington", "America/Los_Angeles"},
	{"US", "WV", "west virginia", "America/New_York"},
	{"US", "WI", "wisconsin", "America/Chicago"},
	{"US", "WY", "wyoming", "America/Denver"},
	{"US", "PR", "puerto rico", "America/Puerto_Rico"},
	{"CA", "AB", "alberta", "America/Edmonton"},
	{"CA", "BC", "british columbia", "America/Vancouver"},
	{"CA", "MB", "manitoba", "America/Winnipeg"},
	{"CA", "NB", "new brunswick", "America/Moncton"},
	{"CA", "NL", "newfoundland and labrador", "America/St_Johns"},
	{"CA", "NS", "nova scotia", "America/Halifax"},
	{"CA", "NT", "northwest territories", "America/Edmonton"},
	{"CA", "NU", "nunavut", "America/Iqaluit"},
	{"CA", "ON", "ontario", "America/Toronto"},
	{"CA", "PE", "prince edward island", "America/Halifax"},
	{"CA", "QC", "quebec", "America/Toronto"},
	{"CA", "SK", "saskatchewan", "America/Regina"},
	{"CA", "YT", "yukon", "America/Whitehorse"},
	{"AU", "NSW", "new south wales", "Australia/Sydney"},
	{"AU", "VIC", "victoria", "Australia/Melbourne"},
	{"AU", "QLD", "queensland", "Australia/Brisbane"},
	{"AU", "WA", "western australia", "Australia/Perth"},
	{"AU", "SA", "south australia", "Australia/Adelaide"},
	{"AU", "TAS", "tasmania", "Australia/Hobart"},
	{"AU", "ACT", "australian capital territory", "Australia/Sydney"},
	{"AU", "NT", "northern territory", "Australia/Darwin"},
};

const char *norm_region_tz(const char *country, const char *s, size_t n)
{
	if (!country)
		return NULL;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '.'))
		n--;
	/* "US-NY" (ISO 3166-2) is NY */
	if (n > 3 && strncasecmp(s, country, 2) == 0 && s[2] == '-')
		s += 3, n -= 3;
	for (size_t i = 0; i < sizeof region_zones / sizeof region_zones[0]; i++) {
		if (strcmp(region_zones[i].country, country) != 0)
			continue;
		const char *code = region_zones[i].code, *name = region_zones[i].name;
		if ((n == strlen(code) && strncasecmp(s, code, n) == 0) ||
		    (n == strlen(name) && strncasecmp(s, name, n) == 0))
			return region_zones[i].tz;
	}
	return NULL;
}

int norm_same_zone(const char *a, const char *b)
{
	/* the links between zones norm_country_tz gives */
	static const char *const links[][2] = {{"Europe/Mariehamn", "Europe/Helsinki"}};
	if (strcmp(a, b) == 0)
		return 1;
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		if ((strcmp(a, links[i][0]) == 0 && strcmp(b, links[i][1]) == 0) ||
		    (strcmp(b, links[i][0]) == 0 && strcmp(a, links[i][1]) == 0))
			return 1;
	return 0;
}
