/* Zone labels people and programs write instead of a tz database name
 * (norm.h, norm_tz_label_zone): Windows zone ids ("New Zealand Standard
 * Time"), Rails' names ("Chennai", "Pacific Time (US & Canada)"), the
 * generic names calendars show ("New Zealand Time", Calendly's "Pacific
 * Time - US & Canada"). */
#include "norm.h"

#include <string.h>
#include <strings.h>

struct tz_name {
	const char *label; /* lower case */
	const char *tz;
};

/* Labels whose zone is settled here rather than by the tables below (a
 * Windows id's zone is the CLDR's first, not always the one most people
 * mean), and generic names (CLDR metazone names, as calendars show them) */
static const struct tz_name known_labels[] = {
	{"eastern time (us & canada)", "America/New_York"},
	{"central time (us & canada)", "America/Chicago"},
	{"mountain time (us & canada)", "America/Denver"},
	{"pacific time (us & canada)", "America/Los_Angeles"},
	{"alaska", "America/Anchorage"},
	{"hawaii", "Pacific/Honolulu"},
	{"arizona", "America/Phoenix"},
	{"atlantic time (canada)", "America/Halifax"},
	{"fle standard time", "Europe/Helsinki"},
	{"w. europe standard time", "Europe/Berlin"},
	{"utc", "UTC"},
	{"gmt", "UTC"},
	{"coordinated universal time", "UTC"},
	{"hawaii-aleutian time", "Pacific/Honolulu"},
	{"eastern european time", "Europe/Helsinki"},
	{"central european time", "Europe/Berlin"},
	{"western european time", "Europe/Lisbon"},
	{"greenwich mean time", "Europe/London"},
	{"british summer time", "Europe/London"},
	{"irish standard time", "Europe/Dublin"},
	{"uk, ireland, lisbon time", "Europe/London"},
	{"moscow time", "Europe/Moscow"},
	{"gulf standard time", "Asia/Dubai"},
	{"gulf time", "Asia/Dubai"},
	{"japan time", "Asia/Tokyo"},
	{"japan standard time", "Asia/Tokyo"},
	{"korean time", "Asia/Seoul"},
	{"korean standard time", "Asia/Seoul"},
	{"hong kong time", "Asia/Hong_Kong"},
	{"philippine time", "Asia/Manila"},
	{"philippine standard time", "Asia/Manila"},
	{"indochina time", "Asia/Bangkok"},
	{"western indonesia time", "Asia/Jakarta"},
	{"australian eastern time", "Australia/Sydney"},
	{"australian central time", "Australia/Adelaide"},
	{"australian western time", "Australia/Perth"},
	{"east africa time", "Africa/Nairobi"},
	{"west africa time", "Africa/Lagos"},
	{"central africa time", "Africa/Maputo"},
	{"south africa time", "Africa/Johannesburg"},
	{"new zealand daylight time", "Pacific/Auckland"},
};

/* Windows zone ids: CLDR common/supplemental/windowsZones.xml, the zone of
 * territory 001 (as Debian's python3-tzlocal ships it, tzlocal/windows_tz.py),
 * its deprecated names (Asia/Calcutta) as the tz database's current ones */
static const struct tz_name windows_zones[] = {
	{"afghanistan standard time", "Asia/Kabul"},
	{"alaskan standard time", "America/Anchorage"},
	{"aleutian standard time", "America/Adak"},
	{"altai standard time", "Asia/Barnaul"},
	{"arab standard time", "Asia/Riyadh"},
	{"arabian standard time", "Asia/Dubai"},
	{"arabic standard time", "Asia/Baghdad"},
	{"argentina standard time", "America/Argentina/Buenos_Aires"},
	{"astrakhan standard time", "Europe/Astrakhan"},
	{"atlantic standard time", "America/Halifax"},
	{"aus central standard time", "Australia/Darwin"},
	{"aus central w. standard time", "Australia/Eucla"},
	{"aus eastern standard time", "Australia/Sydney"},
	{"azerbaijan standard time", "Asia/Baku"},
	{"azores standard time", "Atlantic/Azores"},
	{"bahia standard time", "America/Bahia"},
	{"bangladesh standard time", "Asia/Dhaka"},
	{"belarus standard time", "Europe/Minsk"},
	{"bougainville standard time", "Pacific/Bougainville"},
	{"canada central standard time", "America/Regina"},
	{"cape verde standard time", "Atlantic/Cape_Verde"},
	{"caucasus standard time", "Asia/Yerevan"},
	{"cen. australia standard time", "Australia/Adelaide"},
	{"central america standard time", "America/Guatemala"},
	{"central asia standard time", "Asia/Almaty"},
	{"central brazilian standard time", "America/Cuiaba"},
	{"central europe standard time", "Europe/Budapest"},
	{"central european standard time", "Europe/Warsaw"},
	{"central pacific standard time", "Pacific/Guadalcanal"},
	{"central standard time", "America/Chicago"},
	{"central standard time (mexico)", "America/Mexico_City"},
	{"chatham islands standard time", "Pacific/Chatham"},
	{"china standard time", "Asia/Shanghai"},
	{"cuba standard time", "America/Havana"},
	{"dateline standard time", "Etc/GMT+12"},
	{"e. africa standard time", "Africa/Nairobi"},
	{"e. australia standard time", "Australia/Brisbane"},
	{"e. europe standard time", "Europe/Chisinau"},
	{"e. south america standard time", "America/Sao_Paulo"},
	{"easter island standard time", "Pacific/Easter"},
	{"eastern standard time", "America/New_York"},
	{"eastern standard time (mexico)", "America/Cancun"},
	{"egypt standard time", "Africa/Cairo"},
	{"ekaterinburg standard time", "Asia/Yekaterinburg"},
	{"fiji standard time", "Pacific/Fiji"},
	{"fle standard time", "Europe/Kyiv"},
	{"georgian standard time", "Asia/Tbilisi"},
	{"gmt standard time", "Europe/London"},
	{"greenland standard time", "America/Nuuk"},
	{"greenwich standard time", "Atlantic/Reykjavik"},
	{"gtb standard time", "Europe/Bucharest"},
	{"haiti standard time", "America/Port-au-Prince"},
	{"hawaiian standard time", "Pacific/Honolulu"},
	{"india standard time", "Asia/Kolkata"},
	{"iran standard time", "Asia/Tehran"},
	{"israel standard time", "Asia/Jerusalem"},
	{"jordan standard time", "Asia/Amman"},
	{"kaliningrad standard time", "Europe/Kaliningrad"},
	{"korea standard time", "Asia/Seoul"},
	{"libya standard time", "Africa/Tripoli"},
	{"line islands standard time", "Pacific/Kiritimati"},
	{"lord howe standard time", "Australia/Lord_Howe"},
	{"magadan standard time", "Asia/Magadan"},
	{"magallanes standard time", "America/Punta_Arenas"},
	{"marquesas standard time", "Pacific/Marquesas"},
	{"mauritius standard time", "Indian/Mauritius"},
	{"middle east standard time", "Asia/Beirut"},
	{"montevideo standard time", "America/Montevideo"},
	{"morocco standard time", "Africa/Casablanca"},
	{"mountain standard time", "America/Denver"},
	{"mountain standard time (mexico)", "America/Chihuahua"},
	{"myanmar standard time", "Asia/Yangon"},
	{"n. central asia standard time", "Asia/Novosibirsk"},
	{"namibia standard time", "Africa/Windhoek"},
	{"nepal standard time", "Asia/Kathmandu"},
	{"new zealand standard time", "Pacific/Auckland"},
	{"newfoundland standard time", "America/St_Johns"},
	{"norfolk standard time", "Pacific/Norfolk"},
	{"north asia east standard time", "Asia/Irkutsk"},
	{"north asia standard time", "Asia/Krasnoyarsk"},
	{"north korea standard time", "Asia/Pyongyang"},
	{"omsk standard time", "Asia/Omsk"},
	{"pacific sa standard time", "America/Santiago"},
	{"pacific standard time", "America/Los_Angeles"},
	{"pacific standard time (mexico)", "America/Tijuana"},
	{"pakistan standard time", "Asia/Karachi"},
	{"paraguay standard time", "America/Asuncion"},
	{"qyzylorda standard time", "Asia/Qyzylorda"},
	{"romance standard time", "Europe/Paris"},
	{"russia time zone 10", "Asia/Srednekolymsk"},
	{"russia time zone 11", "Asia/Kamchatka"},
	{"russia time zone 3", "Europe/Samara"},
	{"russian standard time", "Europe/Moscow"},
	{"sa eastern standard time", "America/Cayenne"},
	{"sa pacific standard time", "America/Bogota"},
	{"sa western standard time", "America/La_Paz"},
	{"saint pierre standard time", "America/Miquelon"},
	{"sakhalin standard time", "Asia/Sakhalin"},
	{"samoa standard time", "Pacific/Apia"},
	{"sao tome standard time", "Africa/Sao_Tome"},
	{"saratov standard time", "Europe/Saratov"},
	{"se asia standard time", "Asia/Bangkok"},
	{"singapore standard time", "Asia/Singapore"},
	{"south africa standard time", "Africa/Johannesburg"},
	{"south sudan standard time", "Africa/Juba"},
	{"sri lanka standard time", "Asia/Colombo"},
	{"sudan standard time", "Africa/Khartoum"},
	{"syria standard time", "Asia/Damascus"},
	{"taipei standard time", "Asia/Taipei"},
	{"tasmania standard time", "Australia/Hobart"},
	{"tocantins standard time", "America/Araguaina"},
	{"tokyo standard time", "Asia/Tokyo"},
	{"tomsk standard time", "Asia/Tomsk"},
	{"tonga standard time", "Pacific/Tongatapu"},
	{"transbaikal standard time", "Asia/Chita"},
	{"turkey standard time", "Europe/Istanbul"},
	{"turks and caicos standard time", "America/Grand_Turk"},
	{"ulaanbaatar standard time", "Asia/Ulaanbaatar"},
	{"us eastern standard time", "America/Indiana/Indianapolis"},
	{"us mountain standard time", "America/Phoenix"},
	{"utc", "Etc/UTC"},
	{"utc+12", "Etc/GMT-12"},
	{"utc+13", "Etc/GMT-13"},
	{"utc-02", "Etc/GMT+2"},
	{"utc-08", "Etc/GMT+8"},
	{"utc-09", "Etc/GMT+9"},
	{"utc-11", "Etc/GMT+11"},
	{"venezuela standard time", "America/Caracas"},
	{"vladivostok standard time", "Asia/Vladivostok"},
	{"volgograd standard time", "Europe/Volgograd"},
	{"w. australia standard time", "Australia/Perth"},
	{"w. central africa standard time", "Africa/Lagos"},
	{"w. europe standard time", "Europe/Berlin"},
	{"w. mongolia standard time", "Asia/Hovd"},
	{"west asia standard time", "Asia/Tashkent"},
	{"west bank standard time", "Asia/Hebron"},
	{"west pacific standard time", "Pacific/Port_Moresby"},
	{"yakutsk standard time", "Asia/Yakutsk"},
	{"yukon standard time", "America/Whitehorse"},
};

/* Rails' zone names: ActiveSupport::TimeZone::MAPPING (activesupport 7.0),
 * which Rails apps and the CRMs built on them (Freshworks, Zendesk,
 * Intercom, Square) write; deprecated tz names as the current ones */
static const struct tz_name rails_zones[] = {
	{"international date line west", "Etc/GMT+12"},
	{"midway island", "Pacific/Midway"},
	{"american samoa", "Pacific/Pago_Pago"},
	{"hawaii", "Pacific/Honolulu"},
	{"alaska", "America/Juneau"},
	{"pacific time (us & canada)", "America/Los_Angeles"},
	{"tijuana", "America/Tijuana"},
	{"mountain time (us & canada)", "America/Denver"},
	{"arizona", "America/Phoenix"},
	{"chihuahua", "America/Chihuahua"},
	{"mazatlan", "America/Mazatlan"},
	{"central time (us & canada)", "America/Chicago"},
	{"saskatchewan", "America/Regina"},
	{"guadalajara", "America/Mexico_City"},
	{"mexico city", "America/Mexico_City"},
	{"monterrey", "America/Monterrey"},
	{"central america", "America/Guatemala"},
	{"eastern time (us & canada)", "America/New_York"},
	{"indiana (east)", "America/Indiana/Indianapolis"},
	{"bogota", "America/Bogota"},
	{"lima", "America/Lima"},
	{"quito", "America/Lima"},
	{"atlantic time (canada)", "America/Halifax"},
	{"caracas", "America/Caracas"},
	{"la paz", "America/La_Paz"},
	{"santiago", "America/Santiago"},
	{"newfoundland", "America/St_Johns"},
	{"brasilia", "America/Sao_Paulo"},
	{"buenos aires", "America/Argentina/Buenos_Aires"},
	{"montevideo", "America/Montevideo"},
	{"georgetown", "America/Guyana"},
	{"puerto rico", "America/Puerto_Rico"},
	{"greenland", "America/Nuuk"},
	{"mid-atlantic", "Atlantic/South_Georgia"},
	{"azores", "Atlantic/Azores"},
	{"cape verde is.", "Atlantic/Cape_Verde"},
	{"dublin", "Europe/Dublin"},
	{"edinburgh", "Europe/London"},
	{"lisbon", "Europe/Lisbon"},
	{"london", "Europe/London"},
	{"casablanca", "Africa/Casablanca"},
	{"monrovia", "Africa/Monrovia"},
	{"utc", "Etc/UTC"},
	{"belgrade", "Europe/Belgrade"},
	{"bratislava", "Europe/Bratislava"},
	{"budapest", "Europe/Budapest"},
	{"ljubljana", "Europe/Ljubljana"},
	{"prague", "Europe/Prague"},
	{"sarajevo", "Europe/Sarajevo"},
	{"skopje", "Europe/Skopje"},
	{"warsaw", "Europe/Warsaw"},
	{"zagreb", "Europe/Zagreb"},
	{"brussels", "Europe/Brussels"},
	{"copenhagen", "Europe/Copenhagen"},
	{"madrid", "Europe/Madrid"},
	{"paris", "Europe/Paris"},
	{"amsterdam", "Europe/Amsterdam"},
	{"berlin", "Europe/Berlin"},
	{"bern", "Europe/Zurich"},
	{"zurich", "Europe/Zurich"},
	{"rome", "Europe/Rome"},
	{"stockholm", "Europe/Stockholm"},
	{"vienna", "Europe/Vienna"},
	{"west central africa", "Africa/Algiers"},
	{"bucharest", "Europe/Bucharest"},
	{"cairo", "Africa/Cairo"},
	{"helsinki", "Europe/Helsinki"},
	{"kyiv", "Europe/Kyiv"},
	{"riga", "Europe/Riga"},
	{"sofia", "Europe/Sofia"},
	{"tallinn", "Europe/Tallinn"},
	{"vilnius", "Europe/Vilnius"},
	{"athens", "Europe/Athens"},
	{"istanbul", "Europe/Istanbul"},
	{"minsk", "Europe/Minsk"},
	{"jerusalem", "Asia/Jerusalem"},
	{"harare", "Africa/Harare"},
	{"pretoria", "Africa/Johannesburg"},
	{"kaliningrad", "Europe/Kaliningrad"},
	{"moscow", "Europe/Moscow"},
	{"st. petersburg", "Europe/Moscow"},
	{"volgograd", "Europe/Volgograd"},
	{"samara", "Europe/Samara"},
	{"kuwait", "Asia/Kuwait"},
	{"riyadh", "Asia/Riyadh"},
	{"nairobi", "Africa/Nairobi"},
	{"baghdad", "Asia/Baghdad"},
	{"tehran", "Asia/Tehran"},
	{"abu dhabi", "Asia/Muscat"},
	{"muscat", "Asia/Muscat"},
	{"baku", "Asia/Baku"},
	{"tbilisi", "Asia/Tbilisi"},
	{"yerevan", "Asia/Yerevan"},
	{"kabul", "Asia/Kabul"},
	{"ekaterinburg", "Asia/Yekaterinburg"},
	{"islamabad", "Asia/Karachi"},
	{"karachi", "Asia/Karachi"},
	{"tashkent", "Asia/Tashkent"},
	{"chennai", "Asia/Kolkata"},
	{"kolkata", "Asia/Kolkata"},
	{"mumbai", "Asia/Kolkata"},
	{"new delhi", "Asia/Kolkata"},
	{"kathmandu", "Asia/Kathmandu"},
	{"astana", "Asia/Dhaka"},
	{"dhaka", "Asia/Dhaka"},
	{"sri jayawardenepura", "Asia/Colombo"},
	{"almaty", "Asia/Almaty"},
	{"novosibirsk", "Asia/Novosibirsk"},
	{"rangoon", "Asia/Yangon"},
	{"bangkok", "Asia/Bangkok"},
	{"hanoi", "Asia/Bangkok"},
	{"jakarta", "Asia/Jakarta"},
	{"krasnoyarsk", "Asia/Krasnoyarsk"},
	{"beijing", "Asia/Shanghai"},
	{"chongqing", "Asia/Shanghai"},
	{"hong kong", "Asia/Hong_Kong"},
	{"urumqi", "Asia/Urumqi"},
	{"kuala lumpur", "Asia/Kuala_Lumpur"},
	{"singapore", "Asia/Singapore"},
	{"taipei", "Asia/Taipei"},
	{"perth", "Australia/Perth"},
	{"irkutsk", "Asia/Irkutsk"},
	{"ulaanbaatar", "Asia/Ulaanbaatar"},
	{"seoul", "Asia/Seoul"},
	{"osaka", "Asia/Tokyo"},
	{"sapporo", "Asia/Tokyo"},
	{"tokyo", "Asia/Tokyo"},
	{"yakutsk", "Asia/Yakutsk"},
	{"darwin", "Australia/Darwin"},
	{"adelaide", "Australia/Adelaide"},
	{"canberra", "Australia/Melbourne"},
	{"melbourne", "Australia/Melbourne"},
	{"sydney", "Australia/Sydney"},
	{"brisbane", "Australia/Brisbane"},
	{"hobart", "Australia/Hobart"},
	{"vladivostok", "Asia/Vladivostok"},
	{"guam", "Pacific/Guam"},
	{"port moresby", "Pacific/Port_Moresby"},
	{"magadan", "Asia/Magadan"},
	{"srednekolymsk", "Asia/Srednekolymsk"},
	{"solomon is.", "Pacific/Guadalcanal"},
	{"new caledonia", "Pacific/Noumea"},
	{"fiji", "Pacific/Fiji"},
	{"kamchatka", "Asia/Kamchatka"},
	{"marshall is.", "Pacific/Majuro"},
	{"auckland", "Pacific/Auckland"},
	{"wellington", "Pacific/Auckland"},
	{"nuku'alofa", "Pacific/Tongatapu"},
	{"tokelau is.", "Pacific/Fakaofo"},
	{"chatham is.", "Pacific/Chatham"},
	{"samoa", "Pacific/Apia"},
};

#define FIND(table, s) find(table, sizeof table / sizeof table[0], s)

static const char *find(const struct tz_name *t, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].label, s) == 0)
			return t[i].tz;
	return NULL;
}

static const char *find_any(const char *s)
{
	const char *tz = FIND(known_labels, s);
	if (!tz)
		tz = FIND(windows_zones, s);
	if (!tz)
		tz = FIND(rails_zones, s);
	return tz;
}

/* does S end with the words END?  Their start, or NULL */
static char *ends_with(char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);
	return n > k && strcmp(s + n - k, end) == 0 ? s + n - k : NULL;
}

const char *norm_tz_label_zone(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char low[128];
	if (n == 0 || n + 24 >= sizeof low)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		/* one space for a run of blanks */
		if ((s[i] == ' ' || s[i] == '\t') && k && low[k - 1] == ' ')
			continue;
		low[k++] = s[i] == '\t' ? ' ' : (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	}
	low[k] = '\0';
	/* Calendly's "Pacific Time - US & Canada" is Rails' "Pacific Time (US &
	 * Canada)" */
	char *dash = strstr(low, " - ");
	if (dash && !strchr(low, '(')) {
		memmove(dash + 2, dash + 3, strlen(dash + 3) + 1);
		dash[1] = '(';
		strcat(low, ")");
	}
	const char *tz = find_any(low);
	if (tz)
		return tz;
	/* "New Zealand Time", "India Time", "Arizona Time": the place's Rails
	 * name or its Windows id; "Central European Summer Time", "New Zealand
	 * Daylight Time": its standard time's */
	char *tail = ends_with(low, " daylight time");
	if (!tail)
		tail = ends_with(low, " summer time");
	if (!tail)
		tail = ends_with(low, " standard time");
	if (!tail)
		tail = ends_with(low, " time");
	/* "India" of Calendly's "India, Sri Lanka Time": India Standard Time */
	if (!tail)
		tail = low + strlen(low);
	*tail = '\0';
	if ((tz = find_any(low)) != NULL)
		return tz;
	strcat(low, " time");
	if ((tz = FIND(known_labels, low)) != NULL)
		return tz;
	strcpy(tail, " standard time");
	return find_any(low);
}
