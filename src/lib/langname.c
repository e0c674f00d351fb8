/* Languages written as names rather than tags: Odoo's own labels in every
 * contacts export ("English (US)", "Finnish / Suomi", "Svenska / Swedish"),
 * and hand-kept lists ("suomi", "German", Flemish "Frans").  A name in English or in the
 * language itself; a two-letter region in parentheses makes the tag's
 * region (UK is GB). */
#include "norm.h"

#include <string.h>

static const struct {
	const char *name, *tag; /* the name lower-cased, without spaces */
} names[] = {
	{"english", "en"},     {"englanti", "en"},    {"engelska", "en"},   {"finnish", "fi"},
	{"suomi", "fi"},       {"suomeksi", "fi"},    {"finska", "fi"},     {"swedish", "sv"},
	{"svenska", "sv"},     {"ruotsi", "sv"},      {"german", "de"},     {"deutsch", "de"},
	{"saksa", "de"},       {"tyska", "de"},       {"french", "fr"},     {"français", "fr"},
	{"spanish", "es"},     {"español", "es"},     {"estonian", "et"},   {"eesti", "et"},
	{"eestikeel", "et"},   {"viro", "et"},        {"danish", "da"},     {"dansk", "da"},
	{"norwegian", "no"},   {"norsk", "no"},       {"norwegianbokmål", "nb"},
	{"norskbokmål", "nb"}, {"dutch", "nl"},       {"nederlands", "nl"}, {"italian", "it"},
	{"italiano", "it"},    {"portuguese", "pt"},  {"português", "pt"},  {"polish", "pl"},
	{"polski", "pl"},      {"russian", "ru"},     {"русский", "ru"},    {"latvian", "lv"},
	{"latviešu", "lv"},    {"lithuanian", "lt"},  {"lietuvių", "lt"},   {"icelandic", "is"},
	{"íslenska", "is"},    {"japanese", "ja"},    {"日本語", "ja"},     {"chinese", "zh"},
	{"中文", "zh"},        {"arabic", "ar"},      {"turkish", "tr"},    {"türkçe", "tr"},
	{"greek", "el"},       {"ελληνικά", "el"},    {"czech", "cs"},      {"čeština", "cs"},
	{"hungarian", "hu"},   {"magyar", "hu"},      {"ukrainian", "uk"},  {"українська", "uk"},
	/* in Dutch (a Flemish list's "Taal = Frans") and German */
	{"frans", "fr"},       {"engels", "en"},      {"duits", "de"},      {"spaans", "es"},
	{"italiaans", "it"},   {"fins", "fi"},        {"zweeds", "sv"},     {"deens", "da"},
	{"noors", "no"},       {"pools", "pl"},       {"portugees", "pt"},  {"englisch", "en"},
	{"französisch", "fr"}, {"spanisch", "es"},    {"italienisch", "it"}, {"niederländisch", "nl"},
	{"finnisch", "fi"},    {"schwedisch", "sv"},
};

static int ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* one name, maybe with "(US)" after it: its tag in TAG, or -1 */
static int one_name(const char *s, size_t n, char *tag, size_t size)
{
	char key[64], region[3] = "";
	const char *paren = memchr(s, '(', n);
	size_t name_len = paren ? (size_t)(paren - s) : n;
	if (paren) {
		/* "(US)": two letters; "(Simplified)", "(Latin)" name no region */
		const char *close = memchr(paren, ')', n - (size_t)(paren - s));
		if (close && close - paren == 3 && ascii_letter(paren[1]) && ascii_letter(paren[2])) {
			region[0] = (char)(paren[1] & ~0x20);
			region[1] = (char)(paren[2] & ~0x20);
			if (strcmp(region, "UK") == 0)
				strcpy(region, "GB");
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < name_len && k + 1 < sizeof key; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '-')
			key[k++] = s[i];
	key[k] = '\0';
	norm_lower_utf8(key, k);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(key, names[i].name) == 0) {
			snprintf(tag, size, "%s%s%s", names[i].tag, region[0] ? "-" : "", region);
			return 0;
		}
	return -1;
}

int norm_lang_name(const char *s, size_t n, char *tag, size_t size)
{
	/* "Finnish / Suomi": either side will do */
	while (n > 0) {
		const char *slash = memchr(s, '/', n);
		size_t part = slash ? (size_t)(slash - s) : n;
		if (one_name(s, part, tag, size) == 0)
			return 0;
		if (!slash)
			break;
		s = slash + 1;
		n -= part + 1;
	}
	return -1;
}
