/* names.c — how fu-import compares people's names when it decides whether
 * two rows are one person (merge.c, household.c, --previous): names are
 * folded (case, marks, the German and Nordic transliterations), and first
 * names agree when one is a short form of the other (norm.h). */
#include "norm.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The ASCII letters of the Latin-1 and Latin Extended-A lower-case letters
 * U+00DF..U+017F (norm_lower_utf8 has lowered them): '.' not a letter, '1'
 * "ij", '2' "oe", '3' "ss", '4' "ae", '5' "th" */
static const char latin_base[] =
	"3aaaaaa4ceeeeiiiidnooooo.ouuuuy5y"           /* U+00DF..U+00FF */
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii11jjkkklllllll"
	"lllnnnnnnnnnoooo" "oo22rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

size_t norm_name_fold(const char *s, size_t n, int translit, char *out, size_t cap)
{
	char low[256];
	if (n > sizeof low)
		n = sizeof low;
	memcpy(low, s, n);
	norm_lower_utf8(low, n);
	const unsigned char *u = (const unsigned char *)low;
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < cap;) {
		unsigned char c = u[i];
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				out[k++] = (char)c;
			i++; /* spaces, hyphens, dots, apostrophes: not compared */
			continue;
		}
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (i + len > n)
			break;
		unsigned cp = len == 2 ? (unsigned)(c & 0x1F) << 6 | (u[i + 1] & 0x3F) : 0;
		if (len == 2 && cp >= 0xDF && cp <= 0x17F) {
			char b = latin_base[cp - 0xDF];
			static const char *const two[] = {"ij", "oe", "ss", "ae", "th"};
			if (b >= '1' && b <= '5') {
				memcpy(out + k, two[b - '1'], 2);
				k += 2;
			} else if (b != '.') {
				out[k++] = b;
			}
		} else if (len == 2 && cp < 0xC0) {
			; /* a no-break space, a symbol: no letter */
		} else if (len > 1) {
			memcpy(out + k, u + i, len); /* Greek, Cyrillic, ...: as lowered */
			k += len;
		}
		i += len;
	}
	if (!translit)
		return k;
	/* ü and ue, ß and ss, å and aa, ø and oe: each pair as its one letter */
	size_t j = 0;
	for (size_t i = 0; i < k; i++) {
		char c = out[i], d = i + 1 < k ? out[i + 1] : 0;
		if ((d == 'e' && (c == 'a' || c == 'o' || c == 'u')) || (c == d && (c == 'a' || c == 's')))
			i++;
		out[j++] = c;
	}
	return j;
}

uint32_t norm_name_hash(const char *s, size_t n)
{
	char key[256];
	size_t k = norm_name_fold(s, n, 1, key, sizeof key);
	if (!k)
		return 0;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < k; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	return h ? h : 1;
}

uint32_t norm_name_initial(const char *s, size_t n)
{
	char key[16];
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	/* the first letter's bytes are enough (an initial of two, Æ, gives one) */
	size_t k = norm_name_fold(s, n < 12 ? n : 12, 0, key, sizeof key);
	if (!k)
		return 0;
	unsigned char c = (unsigned char)key[0];
	size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	uint32_t v = 0;
	for (size_t i = 0; i < len && i < k; i++)
		v |= (uint32_t)(unsigned char)key[i] << (8 * i);
	return v;
}

/* ---- short forms of first names --------------------------------------------- */

/* Names one person goes by: a line each, the full name(s) first, then its
 * short forms, as written (folded when first used).  Two names agree when
 * a line has both.  Only forms that are not a prefix of the full name
 * (those agree anyway: Chris, Christopher), but for a prefix the rest of
 * which is a gender ending (gender_ending: Ann, Anna); fu-import(1) lists
 * the languages. */
static const char *const short_forms[] = {
	/* English */
	"robert bob bobby rob robbie",
	"william wilhelm willem vilhelm bill billy will willy willi ville liam",
	"elizabeth elisabeth elisabet liz lizzie lizzy beth betty betsy bess bessie libby lisa "
	"liesel lisbeth liisa babette bettan",
	"james jim jimmy jamie",
	"michael mikael mike mikey mick mickey micky micke mikko",
	"richard rick ricky rich richie dick",
	"margaret margarete margareta marguerite maggie meg peggy marge greta grete gretchen margot",
	"katherine catherine kathryn katharine katharina katarina katariina kate katie kathy cathy "
	"kati kaisa kathi käthe",
	"john jack johnny jon",
	"jonathan jon jonny",
	"thomas tom tommy",
	"anthony antony tony",
	"joseph josef joe joey jupp sepp",
	"edward ed eddie ted teddy ned",
	"edmund ed",
	"edwin ed",
	"charles charlie chuck",
	"karl carl kalle kaarle kaarlo",
	"charlotte charlotta lotta lotte lottie",
	"alan allan allen al",
	"albert al bertie",
	"alfred al alfie fred",
	"alexander aleksander aleksanteri alex al sasha sandy xander aleksi santeri",
	"alexandra aleksandra alex sasha sandra",
	"andrew andreas andy andi drew",
	"christopher christoph christophe chris kit",
	"christian chris",
	"christina kristina christine kristin kristiina stina tina kicki",
	"nicholas nicolas nikolaus niklaus nick nicky nico klaus",
	"patrick pat paddy",
	"patricia pat patty trish tricia",
	"stephen steven stefan steffen steve stevie steph",
	"stephanie stefanie steffi steph fanny",
	"susan susanne susanna suzanne sue susie suzy susi sanna",
	"jennifer jenny jen jenni",
	"deborah debbie deb",
	"rebecca becky becca",
	"victoria vicky tori",
	"frederick frederic frédéric fred freddie freddy",
	"friedrich fritz",
	"heinrich heinz",
	"henry harry hank",
	"lawrence laurence larry",
	"gerald gerry jerry",
	"peter pete petteri pekka pelle",
	"matthew matthias mathieu matthieu matt",
	"samuel sam sammy",
	"samantha sam sammy",
	"timothy tim timmy",
	"zachary zach zack",
	"gregory greg",
	"nathaniel nathan nate",
	"abigail abby",
	"dorothy dot dottie dolly",
	"eleanor ellie nell nora",
	"mary molly polly",
	"theresa teresa theresia tess tessa resi",
	"penelope penny",
	"sarah sally sadie",
	"benjamin ben benny",
	"daniel dan danny",
	"david dave davy",
	"anna ann annie anni nancy",
	"anne ann annie nancy",
	"isabelle isabel isabella isa bella izzy",
	/* Finnish */
	"juhani juha jussi",
	"johannes johann hans hannes",
	"johanna hanna hanne",
	"eeva eva",
	"birgitta britta brita birgit gitta",
	/* Swedish */
	"olof olov olle",
	"nils nisse",
	"lars lasse",
	"joakim joachim jocke jochen",
	"sofia sophia sofie sophie fia",
	"helena lena",
	"magdalena malin lena magda",
	"jan janne",
	"johan janne",
	/* German */
	"konrad conrad kurt",
	"ulrich uli ulli",
	"bernhard bernard bernd bernie",
	"sebastian sébastien basti seb",
	"florian flo",
	"tobias tobi toby",
	"gabriele gabriela gabrielle gabi gaby",
	"friederike rike",
	"cornelia conny",
	"monika monica moni",
	"ursula uschi ulla",
	/* French */
	"emmanuel emmanuelle manu",
	"valérie valerie val",
	"dominique dom",
	"jean jeannot",
	"pierre pierrot",
	/* Spanish */
	"francisco paco pancho",
	"josé pepe",
	"ignacio nacho",
	"dolores lola",
};
enum { NGROUPS = sizeof short_forms / sizeof short_forms[0] };

/* the table folded: each word NUL-ended in FORMS, and by word (sorted)
 * its place there and its line */
static char forms[8192];
static struct form {
	uint32_t at, group;
} index_[1024];
static size_t nindex;
static pthread_once_t forms_once = PTHREAD_ONCE_INIT;

static int by_word(const void *a, const void *b)
{
	const struct form *x = a, *y = b;
	int c = strcmp(forms + x->at, forms + y->at);
	return c ? c : (x->group > y->group) - (x->group < y->group);
}

static void fold_forms(void)
{
	size_t k = 0;
	for (size_t g = 0; g < NGROUPS; g++) {
		const char *s = short_forms[g];
		while (*s) {
			size_t w = strcspn(s, " ");
			if (k + w + 8 < sizeof forms && nindex < sizeof index_ / sizeof index_[0]) {
				index_[nindex++] = (struct form){(uint32_t)k, (uint32_t)g};
				k += norm_name_fold(s, w, 1, forms + k, w + 8);
				forms[k++] = '\0';
			}
			s += w;
			s += *s == ' ';
		}
	}
	qsort(index_, nindex, sizeof index_[0], by_word);
}

/* the first of the index's entries for folded name W, or NINDEX */
static size_t first_form(const char *w)
{
	size_t lo = 0, hi = nindex;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(forms + index_[mid].at, w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nindex && strcmp(forms + index_[lo].at, w) == 0 ? lo : nindex;
}

/* does a line of the table have both folded names A and B? */
static int short_form_of(const char *a, const char *b)
{
	pthread_once(&forms_once, fold_forms);
	size_t i = first_form(a);
	if (i == nindex)
		return 0; /* (most names: one search) */
	size_t j = first_form(b);
	/* both runs are sorted by line: walk them together */
	while (i < nindex && j < nindex && strcmp(forms + index_[i].at, a) == 0 &&
	       strcmp(forms + index_[j].at, b) == 0) {
		if (index_[i].group == index_[j].group)
			return 1;
		if (index_[i].group < index_[j].group)
			i++;
		else
			j++;
	}
	return 0;
}

/* is A (N bytes) a prefix of B (M bytes)? */
static int prefix(const char *a, size_t n, const char *b, size_t m)
{
	return n <= m && memcmp(a, b, n) == 0;
}

/* the bytes of the first character of folded S */
static size_t first_char(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* Are A (N bytes) and B (M bytes), folded, one spelling of one name: five
 * letters or more, the same first letter, one letter more, less, other or
 * two side by side swapped, and not at the end (Phillip and Philip,
 * Mohammed and Mohamed, Michael and Micheal; not Maria and Mario, Marion
 * and Mario, whose ends make them other names)?  A CRM's typo must not make
 * one mailbox two contacts (mailed twice); a second letter is another
 * name (Anna and Aino). */
static int spelling_of(const char *a, size_t n, const char *b, size_t m)
{
	if (n < m) {
		const char *t = a;
		a = b, b = t;
		size_t k = n;
		n = m, m = k;
	}
	if (m < 5 || n - m > 1 || a[0] != b[0])
		return 0;
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)a[k] >= 0x80)
			return 0; /* (letters beyond Latin: not compared by bytes) */
	for (size_t k = 0; k < m; k++)
		if ((unsigned char)b[k] >= 0x80)
			return 0;
	size_t i = 0;
	while (i < m && a[i] == b[i])
		i++;
	if (n > m) /* one letter more in A, at I */
		return i + 1 < n && memcmp(a + i + 1, b + i, m - i) == 0;
	if (i == n)
		return 1;
	if (i + 1 < n && memcmp(a + i + 1, b + i + 1, n - i - 1) == 0) /* another letter */
		return 1;
	return i + 2 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && /* two swapped */
	       memcmp(a + i + 2, b + i + 2, n - i - 2) == 0;
}

/* Does the end E (N bytes, folded) make the name before it, which ends in
 * LAST, another person's: a gender ending, a, e or o (Daniel and Daniela,
 * Paul and Paula, Louis and Louise, Christian and Christiane, Mari and
 * Mario), n after a vowel (Mario and Marion, Eva and Evan), ine, ina or
 * ette (Paul and Pauline, Henri and Henriette), or a or e after the last
 * letter doubled (Michel and Michelle, Jean and Jeanne)?  Not a short form's
 * ending (Chris and Christopher, Matt and Matti, Ann and Annie), nor a
 * letter doubled alone (Glen and Glenn). */
static int gender_ending(const char *e, size_t n, char last)
{
	int vowel = last && strchr("aeiouy", last) != NULL;
	if (n == 1)
		return *e == 'a' || *e == 'e' || *e == 'o' || (*e == 'n' && vowel);
	if (n == 2 && e[0] == last && (e[1] == 'a' || e[1] == 'e'))
		return 1;
	return (n == 3 && (memcmp(e, "ine", 3) == 0 || memcmp(e, "ina", 3) == 0)) ||
	       (n == 4 && memcmp(e, "ette", 4) == 0);
}

int norm_first_names_agree(const char *a, size_t an, const char *b, size_t bn)
{
	char fa[128], fb[128], ka[128], kb[128];
	while (an && (a[an - 1] == ' ' || a[an - 1] == '\t'))
		an--;
	while (bn && (b[bn - 1] == ' ' || b[bn - 1] == '\t'))
		bn--;
	if (an == bn && memcmp(a, b, an) == 0)
		return 1; /* the same again: most rows that meet */
	int dot_a = an && a[an - 1] == '.', dot_b = bn && b[bn - 1] == '.';
	size_t na = norm_name_fold(a, an, 0, fa, sizeof fa - 1), nb = norm_name_fold(b, bn, 0, fb, sizeof fb - 1);
	if (!na || !nb)
		return 1; /* no name says nothing */
	/* an initial, or an abbreviation with a dot (Chr.): the start of the other */
	if (na == first_char(fa) || dot_a || nb == first_char(fb) || dot_b) {
		if ((na == first_char(fa) || dot_a) && prefix(fa, na, fb, nb))
			return 1;
		if ((nb == first_char(fb) || dot_b) && prefix(fb, nb, fa, na))
			return 1;
	}
	/* one the start of the other, of three letters or more (Chris,
	 * Christopher), but for the rest a gender ending: Daniel and Daniela
	 * are two people, unless the table pairs them (Ann, Anna) */
	if ((na >= 3 && prefix(fa, na, fb, nb)) || (nb >= 3 && prefix(fb, nb, fa, na))) {
		const char *lo = na <= nb ? fa : fb, *hi = na <= nb ? fb : fa;
		size_t nlo = na <= nb ? na : nb, nhi = na <= nb ? nb : na;
		if (!gender_ending(hi + nlo, nhi - nlo, lo[nlo - 1]))
			return 1;
	}
	size_t ma = norm_name_fold(a, an, 1, ka, sizeof ka - 1), mb = norm_name_fold(b, bn, 1, kb, sizeof kb - 1);
	if (ma == mb && memcmp(ka, kb, ma) == 0)
		return 1;
	if (spelling_of(ka, ma, kb, mb))
		return 1;
	ka[ma] = kb[mb] = '\0';
	return short_form_of(ka, kb);
}
