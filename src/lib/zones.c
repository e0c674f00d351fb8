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
	/* one offset (UTC+5) since March 2024, whatever the zone's name */
	{"KZ", "Asia/Almaty", 0},
	{"MN", "Asia/Ulaanbaatar", 1}, {"EC", "America/Guayaquil", 1}, {"CD", NULL, 0},
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
	char country[3], code[4]; /* an empty code: another name of the region above */
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
	/* Mexico: the center's zone dominates; the edges keep their own time
	 * (ISO 3166-2:MX codes; names with and without accents) */
	{"MX", "BCN", "baja california", "America/Tijuana"},
	{"MX", "BCS", "baja california sur", "America/Mazatlan"},
	{"MX", "SIN", "sinaloa", "America/Mazatlan"},
	{"MX", "NAY", "nayarit", "America/Mazatlan"},
	{"MX", "SON", "sonora", "America/Hermosillo"},
	{"MX", "CHH", "chihuahua", "America/Chihuahua"},
	{"MX", "ROO", "quintana roo", "America/Cancun"},
	{"MX", "YUC", "yucatán", "America/Merida"},
	{"MX", "", "yucatan", "America/Merida"},
	{"MX", "CAM", "campeche", "America/Merida"},
	{"MX", "NLE", "nuevo león", "America/Monterrey"},
	{"MX", "", "nuevo leon", "America/Monterrey"},
	{"MX", "COA", "coahuila", "America/Monterrey"},
	{"MX", "TAM", "tamaulipas", "America/Monterrey"},
	{"MX", "DUR", "durango", "America/Monterrey"},
	{"MX", "CMX", "ciudad de méxico", "America/Mexico_City"},
	{"MX", "", "ciudad de mexico", "America/Mexico_City"},
	{"MX", "", "cdmx", "America/Mexico_City"},
	{"MX", "", "distrito federal", "America/Mexico_City"},
	{"MX", "MEX", "méxico", "America/Mexico_City"},
	{"MX", "", "estado de méxico", "America/Mexico_City"},
	{"MX", "JAL", "jalisco", "America/Mexico_City"},
	{"MX", "PUE", "puebla", "America/Mexico_City"},
	{"MX", "GUA", "guanajuato", "America/Mexico_City"},
	{"MX", "VER", "veracruz", "America/Mexico_City"},
	{"MX", "CHP", "chiapas", "America/Mexico_City"},
	{"MX", "OAX", "oaxaca", "America/Mexico_City"},
	{"MX", "GRO", "guerrero", "America/Mexico_City"},
	{"MX", "MIC", "michoacán", "America/Mexico_City"},
	{"MX", "", "michoacan", "America/Mexico_City"},
	{"MX", "QUE", "querétaro", "America/Mexico_City"},
	{"MX", "", "queretaro", "America/Mexico_City"},
	{"MX", "HID", "hidalgo", "America/Mexico_City"},
	{"MX", "MOR", "morelos", "America/Mexico_City"},
	{"MX", "SLP", "san luis potosí", "America/Mexico_City"},
	{"MX", "", "san luis potosi", "America/Mexico_City"},
	{"MX", "AGU", "aguascalientes", "America/Mexico_City"},
	{"MX", "ZAC", "zacatecas", "America/Mexico_City"},
	{"MX", "COL", "colima", "America/Mexico_City"},
	{"MX", "TAB", "tabasco", "America/Mexico_City"},
	{"MX", "TLA", "tlaxcala", "America/Mexico_City"},
	/* Brazil (ISO 3166-2:BR, the two-letter UF) */
	{"BR", "AC", "acre", "America/Rio_Branco"},
	{"BR", "AM", "amazonas", "America/Manaus"},
	{"BR", "RR", "roraima", "America/Boa_Vista"},
	{"BR", "RO", "rondônia", "America/Porto_Velho"},
	{"BR", "", "rondonia", "America/Porto_Velho"},
	{"BR", "MT", "mato grosso", "America/Cuiaba"},
	{"BR", "MS", "mato grosso do sul", "America/Campo_Grande"},
	{"BR", "PA", "pará", "America/Belem"},
	{"BR", "", "para", "America/Belem"},
	{"BR", "AP", "amapá", "America/Belem"},
	{"BR", "", "amapa", "America/Belem"},
	{"BR", "TO", "tocantins", "America/Araguaina"},
	{"BR", "MA", "maranhão", "America/Fortaleza"},
	{"BR", "", "maranhao", "America/Fortaleza"},
	{"BR", "PI", "piauí", "America/Fortaleza"},
	{"BR", "", "piaui", "America/Fortaleza"},
	{"BR", "CE", "ceará", "America/Fortaleza"},
	{"BR", "", "ceara", "America/Fortaleza"},
	{"BR", "RN", "rio grande do norte", "America/Fortaleza"},
	{"BR", "PB", "paraíba", "America/Fortaleza"},
	{"BR", "", "paraiba", "America/Fortaleza"},
	{"BR", "PE", "pernambuco", "America/Recife"},
	{"BR", "AL", "alagoas", "America/Maceio"},
	{"BR", "SE", "sergipe", "America/Maceio"},
	{"BR", "BA", "bahia", "America/Bahia"},
	{"BR", "SP", "são paulo", "America/Sao_Paulo"},
	{"BR", "", "sao paulo", "America/Sao_Paulo"},
	{"BR", "RJ", "rio de janeiro", "America/Sao_Paulo"},
	{"BR", "MG", "minas gerais", "America/Sao_Paulo"},
	{"BR", "ES", "espírito santo", "America/Sao_Paulo"},
	{"BR", "", "espirito santo", "America/Sao_Paulo"},
	{"BR", "PR", "paraná", "America/Sao_Paulo"},
	{"BR", "", "parana", "America/Sao_Paulo"},
	{"BR", "SC", "santa catarina", "America/Sao_Paulo"},
	{"BR", "RS", "rio grande do sul", "America/Sao_Paulo"},
	{"BR", "GO", "goiás", "America/Sao_Paulo"},
	{"BR", "", "goias", "America/Sao_Paulo"},
	{"BR", "DF", "distrito federal", "America/Sao_Paulo"},
	/* Russia: the larger regions of each zone (ISO 3166-2:RU codes and
	 * English names); one not here is left without a zone, and told */
	{"RU", "KGD", "kaliningrad", "Europe/Kaliningrad"},
	{"RU", "", "kaliningrad oblast", "Europe/Kaliningrad"},
	{"RU", "MOW", "moscow", "Europe/Moscow"},
	{"RU", "MOS", "moscow oblast", "Europe/Moscow"},
	{"RU", "", "moscow region", "Europe/Moscow"},
	{"RU", "SPE", "saint petersburg", "Europe/Moscow"},
	{"RU", "", "st. petersburg", "Europe/Moscow"},
	{"RU", "", "st petersburg", "Europe/Moscow"},
	{"RU", "LEN", "leningrad oblast", "Europe/Moscow"},
	{"RU", "NIZ", "nizhny novgorod oblast", "Europe/Moscow"},
	{"RU", "TA", "tatarstan", "Europe/Moscow"},
	{"RU", "KDA", "krasnodar krai", "Europe/Moscow"},
	{"RU", "ROS", "rostov oblast", "Europe/Moscow"},
	{"RU", "VOR", "voronezh oblast", "Europe/Moscow"},
	{"RU", "VGG", "volgograd oblast", "Europe/Volgograd"},
	{"RU", "KIR", "kirov oblast", "Europe/Kirov"},
	{"RU", "SAM", "samara oblast", "Europe/Samara"},
	{"RU", "UD", "udmurtia", "Europe/Samara"},
	{"RU", "ULY", "ulyanovsk oblast", "Europe/Ulyanovsk"},
	{"RU", "SAR", "saratov oblast", "Europe/Saratov"},
	{"RU", "AST", "astrakhan oblast", "Europe/Astrakhan"},
	{"RU", "SVE", "sverdlovsk oblast", "Asia/Yekaterinburg"},
	{"RU", "CHE", "chelyabinsk oblast", "Asia/Yekaterinburg"},
	{"RU", "BA", "bashkortostan", "Asia/Yekaterinburg"},
	{"RU", "PER", "perm krai", "Asia/Yekaterinburg"},
	{"RU", "TYU", "tyumen oblast", "Asia/Yekaterinburg"},
	{"RU", "ORE", "orenburg oblast", "Asia/Yekaterinburg"},
	{"RU", "KGN", "kurgan oblast", "Asia/Yekaterinburg"},
	{"RU", "KHM", "khanty-mansi autonomous okrug", "Asia/Yekaterinburg"},
	{"RU", "YAN", "yamalo-nenets autonomous okrug", "Asia/Yekaterinburg"},
	{"RU", "OMS", "omsk oblast", "Asia/Omsk"},
	{"RU", "NVS", "novosibirsk oblast", "Asia/Novosibirsk"},
	{"RU", "TOM", "tomsk oblast", "Asia/Tomsk"},
	{"RU", "ALT", "altai krai", "Asia/Barnaul"},
	{"RU", "AL", "altai republic", "Asia/Barnaul"},
	{"RU", "KEM", "kemerovo oblast", "Asia/Novokuznetsk"},
	{"RU", "KYA", "krasnoyarsk krai", "Asia/Krasnoyarsk"},
	{"RU", "KK", "khakassia", "Asia/Krasnoyarsk"},
	{"RU", "TY", "tuva", "Asia/Krasnoyarsk"},
	{"RU", "IRK", "irkutsk oblast", "Asia/Irkutsk"},
	{"RU", "BU", "buryatia", "Asia/Irkutsk"},
	{"RU", "ZAB", "zabaykalsky krai", "Asia/Chita"},
	{"RU", "AMU", "amur oblast", "Asia/Yakutsk"},
	{"RU", "SA", "sakha", "Asia/Yakutsk"},
	{"RU", "", "yakutia", "Asia/Yakutsk"},
	{"RU", "PRI", "primorsky krai", "Asia/Vladivostok"},
	{"RU", "KHA", "khabarovsk krai", "Asia/Vladivostok"},
	{"RU", "YEV", "jewish autonomous oblast", "Asia/Vladivostok"},
	{"RU", "MAG", "magadan oblast", "Asia/Magadan"},
	{"RU", "SAK", "sakhalin oblast", "Asia/Sakhalin"},
	{"RU", "KAM", "kamchatka krai", "Asia/Kamchatka"},
	{"RU", "CHU", "chukotka autonomous okrug", "Asia/Anadyr"},
	/* US territories */
	{"US", "GU", "guam", "Pacific/Guam"},
	{"US", "VI", "u.s. virgin islands", "America/St_Thomas"},
	{"US", "", "us virgin islands", "America/St_Thomas"},
	{"US", "", "virgin islands", "America/St_Thomas"},
	{"US", "AS", "american samoa", "Pacific/Pago_Pago"},
	{"US", "MP", "northern mariana islands", "Pacific/Saipan"},
	/* Indonesia (ISO 3166-2:ID; Indonesian and English names): WIB in
	 * Sumatra, Java and West and Central Kalimantan, WITA from Bali to
	 * Sulawesi, WIT in Maluku and Papua */
	{"ID", "AC", "aceh", "Asia/Jakarta"},
	{"ID", "", "nanggroe aceh darussalam", "Asia/Jakarta"},
	{"ID", "SU", "sumatera utara", "Asia/Jakarta"},
	{"ID", "", "north sumatra", "Asia/Jakarta"},
	{"ID", "SB", "sumatera barat", "Asia/Jakarta"},
	{"ID", "", "west sumatra", "Asia/Jakarta"},
	{"ID", "RI", "riau", "Asia/Jakarta"},
	{"ID", "KR", "kepulauan riau", "Asia/Jakarta"},
	{"ID", "", "riau islands", "Asia/Jakarta"},
	{"ID", "JA", "jambi", "Asia/Jakarta"},
	{"ID", "SS", "sumatera selatan", "Asia/Jakarta"},
	{"ID", "", "south sumatra", "Asia/Jakarta"},
	{"ID", "BB", "kepulauan bangka belitung", "Asia/Jakarta"},
	{"ID", "", "bangka belitung", "Asia/Jakarta"},
	{"ID", "", "bangka belitung islands", "Asia/Jakarta"},
	{"ID", "BE", "bengkulu", "Asia/Jakarta"},
	{"ID", "LA", "lampung", "Asia/Jakarta"},
	{"ID", "JK", "dki jakarta", "Asia/Jakarta"},
	{"ID", "", "jakarta", "Asia/Jakarta"},
	{"ID", "", "daerah khusus ibukota jakarta", "Asia/Jakarta"},
	{"ID", "JB", "jawa barat", "Asia/Jakarta"},
	{"ID", "", "west java", "Asia/Jakarta"},
	{"ID", "BT", "banten", "Asia/Jakarta"},
	{"ID", "JT", "jawa tengah", "Asia/Jakarta"},
	{"ID", "", "central java", "Asia/Jakarta"},
	{"ID", "YO", "di yogyakarta", "Asia/Jakarta"},
	{"ID", "", "yogyakarta", "Asia/Jakarta"},
	{"ID", "", "daerah istimewa yogyakarta", "Asia/Jakarta"},
	{"ID", "JI", "jawa timur", "Asia/Jakarta"},
	{"ID", "", "east java", "Asia/Jakarta"},
	{"ID", "KB", "kalimantan barat", "Asia/Pontianak"},
	{"ID", "", "west kalimantan", "Asia/Pontianak"},
	{"ID", "KT", "kalimantan tengah", "Asia/Pontianak"},
	{"ID", "", "central kalimantan", "Asia/Pontianak"},
	{"ID", "KS", "kalimantan selatan", "Asia/Makassar"},
	{"ID", "", "south kalimantan", "Asia/Makassar"},
	{"ID", "KI", "kalimantan timur", "Asia/Makassar"},
	{"ID", "", "east kalimantan", "Asia/Makassar"},
	{"ID", "KU", "kalimantan utara", "Asia/Makassar"},
	{"ID", "", "north kalimantan", "Asia/Makassar"},
	{"ID", "BA", "bali", "Asia/Makassar"},
	{"ID", "NB", "nusa tenggara barat", "Asia/Makassar"},
	{"ID", "", "west nusa tenggara", "Asia/Makassar"},
	{"ID", "NT", "nusa tenggara timur", "Asia/Makassar"},
	{"ID", "", "east nusa tenggara", "Asia/Makassar"},
	{"ID", "SA", "sulawesi utara", "Asia/Makassar"},
	{"ID", "", "north sulawesi", "Asia/Makassar"},
	{"ID", "GO", "gorontalo", "Asia/Makassar"},
	{"ID", "ST", "sulawesi tengah", "Asia/Makassar"},
	{"ID", "", "central sulawesi", "Asia/Makassar"},
	{"ID", "SR", "sulawesi barat", "Asia/Makassar"},
	{"ID", "", "west sulawesi", "Asia/Makassar"},
	{"ID", "SN", "sulawesi selatan", "Asia/Makassar"},
	{"ID", "", "south sulawesi", "Asia/Makassar"},
	{"ID", "SG", "sulawesi tenggara", "Asia/Makassar"},
	{"ID", "", "southeast sulawesi", "Asia/Makassar"},
	{"ID", "MA", "maluku", "Asia/Jayapura"},
	{"ID", "MU", "maluku utara", "Asia/Jayapura"},
	{"ID", "", "north maluku", "Asia/Jayapura"},
	{"ID", "PA", "papua", "Asia/Jayapura"},
	{"ID", "PB", "papua barat", "Asia/Jayapura"},
	{"ID", "", "west papua", "Asia/Jayapura"},
	{"ID", "PD", "papua barat daya", "Asia/Jayapura"},
	{"ID", "", "southwest papua", "Asia/Jayapura"},
	{"ID", "PE", "papua pegunungan", "Asia/Jayapura"},
	{"ID", "", "highland papua", "Asia/Jayapura"},
	{"ID", "PS", "papua selatan", "Asia/Jayapura"},
	{"ID", "", "south papua", "Asia/Jayapura"},
	{"ID", "PT", "papua tengah", "Asia/Jayapura"},
	{"ID", "", "central papua", "Asia/Jayapura"},
	/* DR Congo: the west (the former Kinshasa, Bas-Congo, Bandundu and
	 * Équateur) keeps WAT, the rest CAT */
	{"CD", "KN", "kinshasa", "Africa/Kinshasa"},
	{"CD", "BC", "kongo central", "Africa/Kinshasa"},
	{"CD", "", "kongo-central", "Africa/Kinshasa"},
	{"CD", "", "bas-congo", "Africa/Kinshasa"},
	{"CD", "KG", "kwango", "Africa/Kinshasa"},
	{"CD", "KL", "kwilu", "Africa/Kinshasa"},
	{"CD", "MN", "mai-ndombe", "Africa/Kinshasa"},
	{"CD", "", "mai ndombe", "Africa/Kinshasa"},
	{"CD", "EQ", "équateur", "Africa/Kinshasa"},
	{"CD", "", "equateur", "Africa/Kinshasa"},
	{"CD", "MO", "mongala", "Africa/Kinshasa"},
	{"CD", "NU", "nord-ubangi", "Africa/Kinshasa"},
	{"CD", "SU", "sud-ubangi", "Africa/Kinshasa"},
	{"CD", "TU", "tshuapa", "Africa/Kinshasa"},
	{"CD", "HK", "haut-katanga", "Africa/Lubumbashi"},
	{"CD", "HL", "haut-lomami", "Africa/Lubumbashi"},
	{"CD", "LU", "lualaba", "Africa/Lubumbashi"},
	{"CD", "TA", "tanganyika", "Africa/Lubumbashi"},
	{"CD", "KS", "kasaï", "Africa/Lubumbashi"},
	{"CD", "", "kasai", "Africa/Lubumbashi"},
	{"CD", "KC", "kasaï central", "Africa/Lubumbashi"},
	{"CD", "", "kasai central", "Africa/Lubumbashi"},
	{"CD", "", "kasaï-central", "Africa/Lubumbashi"},
	{"CD", "KE", "kasaï oriental", "Africa/Lubumbashi"},
	{"CD", "", "kasai oriental", "Africa/Lubumbashi"},
	{"CD", "", "kasaï-oriental", "Africa/Lubumbashi"},
	{"CD", "LO", "lomami", "Africa/Lubumbashi"},
	{"CD", "SA", "sankuru", "Africa/Lubumbashi"},
	{"CD", "MA", "maniema", "Africa/Lubumbashi"},
	{"CD", "SK", "sud-kivu", "Africa/Lubumbashi"},
	{"CD", "", "south kivu", "Africa/Lubumbashi"},
	{"CD", "NK", "nord-kivu", "Africa/Lubumbashi"},
	{"CD", "", "north kivu", "Africa/Lubumbashi"},
	{"CD", "IT", "ituri", "Africa/Lubumbashi"},
	{"CD", "HU", "haut-uélé", "Africa/Lubumbashi"},
	{"CD", "", "haut-uele", "Africa/Lubumbashi"},
	{"CD", "BU", "bas-uélé", "Africa/Lubumbashi"},
	{"CD", "", "bas-uele", "Africa/Lubumbashi"},
	{"CD", "TO", "tshopo", "Africa/Lubumbashi"},
	/* the edges of countries one zone dominates */
	{"CL", "MA", "magallanes", "America/Punta_Arenas"},
	{"CL", "", "magallanes y de la antártica chilena", "America/Punta_Arenas"},
	{"CL", "", "magallanes y de la antartica chilena", "America/Punta_Arenas"},
	{"CL", "", "magallanes and chilean antarctica", "America/Punta_Arenas"},
	{"CL", "AI", "aysén", "America/Coyhaique"},
	{"CL", "", "aysen", "America/Coyhaique"},
	{"CL", "", "aysén del general carlos ibáñez del campo", "America/Coyhaique"},
	{"CL", "", "isla de pascua", "Pacific/Easter"},
	{"CL", "", "easter island", "Pacific/Easter"},
	{"CL", "", "rapa nui", "Pacific/Easter"},
	{"NZ", "CIT", "chatham islands", "Pacific/Chatham"},
	{"NZ", "", "chatham islands territory", "Pacific/Chatham"},
	{"AU", "", "lord howe island", "Australia/Lord_Howe"},
	{"BR", "", "fernando de noronha", "America/Noronha"},
	{"EC", "W", "galápagos", "Pacific/Galapagos"},
	{"EC", "", "galapagos", "Pacific/Galapagos"},
	{"EC", "", "islas galápagos", "Pacific/Galapagos"},
	{"EC", "", "galapagos islands", "Pacific/Galapagos"},
	{"MN", "071", "bayan-ölgii", "Asia/Hovd"},
	{"MN", "", "bayan-olgii", "Asia/Hovd"},
	{"MN", "", "bayan-ölgiy", "Asia/Hovd"},
	{"MN", "046", "uvs", "Asia/Hovd"},
	{"MN", "043", "khovd", "Asia/Hovd"},
	{"MN", "", "hovd", "Asia/Hovd"},
	/* the islands of countries one zone dominates */
	{"ES", "CN", "canarias", "Atlantic/Canary"},
	{"ES", "", "canary islands", "Atlantic/Canary"},
	{"ES", "", "islas canarias", "Atlantic/Canary"},
	{"ES", "GC", "las palmas", "Atlantic/Canary"},
	{"ES", "TF", "santa cruz de tenerife", "Atlantic/Canary"},
	{"PT", "20", "açores", "Atlantic/Azores"},
	{"PT", "", "azores", "Atlantic/Azores"},
	{"PT", "", "acores", "Atlantic/Azores"},
	{"PT", "30", "madeira", "Atlantic/Madeira"},
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
	/* "Moscow Oblast" is "Moscow oblast"; a name's accented capital
	 * ("ÁREA") is rare enough to be left to the code */
	char low[64];
	if (n == 0 || n >= sizeof low)
		return NULL;
	memcpy(low, s, n);
	low[n] = '\0';
	norm_lower_utf8(low, n);
	for (size_t i = 0; i < sizeof region_zones / sizeof region_zones[0]; i++) {
		if (strcmp(region_zones[i].country, country) != 0)
			continue;
		const char *code = region_zones[i].code, *name = region_zones[i].name;
		if ((code[0] && n == strlen(code) && strncasecmp(s, code, n) == 0) ||
		    (n == strlen(name) && memcmp(low, name, n) == 0))
			return region_zones[i].tz;
	}
	return NULL;
}

const char *norm_tz_country(const char *zone)
{
	if (!zone)
		return NULL;
	for (size_t i = 0; i < sizeof country_zones / sizeof country_zones[0]; i++)
		if (country_zones[i].tz && strcmp(country_zones[i].tz, zone) == 0)
			return country_zones[i].iso;
	for (size_t i = 0; i < sizeof region_zones / sizeof region_zones[0]; i++)
		if (strcmp(region_zones[i].tz, zone) == 0)
			return region_zones[i].country;
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

int norm_zone_north_american(const char *s, size_t n)
{
	char z[64];
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof z)
		return 0;
	memcpy(z, s, n);
	z[n] = '\0';
	if (strncmp(z, "US/", 3) == 0 || strncmp(z, "Canada/", 7) == 0 || strstr(z, "(US & Canada)") ||
	    strstr(z, "(Canada)"))
		return 1; /* Rails' names, which Square writes: "Pacific Time (US & Canada)" */
	/* "America/" is also South America's: the zones of the US and Canada
	 * (the table's, and the smaller ones of zone.tab) */
	static const char *const more[] = {
		"America/Indiana/", "America/Kentucky/", "America/North_Dakota/", "America/Juneau",
		"America/Sitka", "America/Nome", "America/Yakutat", "America/Metlakatla", "America/Adak",
		"America/Menominee", "America/Louisville", "America/Montreal", "America/Thunder_Bay",
		"America/Nipigon", "America/Rainy_River", "America/Dawson_Creek", "America/Fort_Nelson",
		"America/Creston", "America/Dawson", "America/Glace_Bay", "America/Goose_Bay",
		"America/Swift_Current", "America/Cambridge_Bay", "America/Rankin_Inlet",
		"America/Resolute", "America/Inuvik", "America/Yellowknife", "America/Atikokan",
		"America/Blanc-Sablon", "America/Fort_Wayne", "America/Indianapolis", "America/Knox_IN",
	};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (strncmp(z, more[i], strlen(more[i])) == 0 &&
		    (more[i][strlen(more[i]) - 1] == '/' || z[strlen(more[i])] == '\0'))
			return 1;
	for (size_t i = 0; i < sizeof region_zones / sizeof region_zones[0]; i++)
		if ((strcmp(region_zones[i].country, "US") == 0 || strcmp(region_zones[i].country, "CA") == 0) &&
		    strcmp(region_zones[i].tz, z) == 0 && strncmp(z, "America/", 8) == 0)
			return 1;
	return 0;
}
