/* gen-contacts — write a messy contacts export for benchmarking fu-import.
 * Usage: gen-contacts [ROWS [messy]] > contacts.csv  (default 1000000 rows, ~170 MB)
 *
 * With "messy", the export is like a CRM's after years of use: most rows
 * merge or warn.  Seven rows in ten repeat an earlier person (same phone, the
 * e-mail in another case or missing: "N/A", so the phone merges it); half the
 * stages are the CRM's own words (kept in source_stage, with a warning);
 * dates are m/d/yyyy (the column's order is decided from its values); an
 * opt-out column; one row in a thousand has an impossible date.
 *
 * HubSpot-like headers; names with Nordic letters; e-mails in mixed case with
 * stray spaces; phones in national and international forms; dates as ISO,
 * d.m.yyyy and ISO date-times; notes with commas, quotes and line breaks; about
 * one row in ten repeats an earlier person (merging has work to do) and one in
 * two thousand has an impossible date (a reject).  Deterministic: the same
 * ROWS always give the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x9E3779B97F4A7C15ULL;

static uint64_t next(void)
{
	/* xorshift64* */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1DULL;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

static const char *const first[] = {
	"Matti", "Maija", "Jöns", "Åsa", "Pekka", "Liisa", "Anna", "Erik", "Sören", "Päivi",
	"Jukka", "Tiina", "Olof", "Björn", "Kaisa", "Ville", "Sanna", "Ærøn", "Mikko", "Hanna",
};
static const char *const last[] = {
	"Virtanen", "Mäkinen", "Åberg", "Nieminen", "Korhonen", "Lindqvist", "Hämäläinen",
	"Berg", "Söderström", "Laine", "Heikkinen", "Öberg", "Koskinen", "Järvinen", "Lind",
};
static const char *const company[] = {
	"Esimerkki Oy", "\"Berg & Dotter, AB\"", "Laine Design", "Nordic Widgets Ab",
	"\"Kahvila \"\"Kuppi\"\" Oy\"", "", "Sähkö-Åberg Ky", "Acme Ltd", "",
};
static const char *const owner[] = {"Liisa Laine", "Pekka Ojala", "Anna Berg", ""};
static const char *const stage[] = {
	"Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity",
	"Customer", "Evangelist", "", "customer",
};
static const char *const domain[] = {"example.com", "Example.FI", "esimerkki.fi", "exempel.se",
                                     "mail.example.org"};
static const char *const city[] = {"Helsinki", "Turku", "Åbo", "Göteborg", "Tampere", "Oulu",
                                   "Jyväskylä", "Umeå"};
static const char *const source[] = {
	"Website form", "Trade fair 2024", "Referral", "Newsletter sign-up", "Cold call",
};
static const char *const notes[] = {
	"\"Soittaa mieluiten aamupäivisin, ei perjantaisin.\"",
	"\"Asked about \"\"Premium\"\" plan; call back, maybe in spring\"",
	"\"Tilasi kaksi kertaa:\nensin näytteen, sitten koko erän.\"",
	"Prefers e-mail",
	"",
	"\"Met at the fair, stand 12; interested in the sauna range\"",
	"\"Kund sedan 2019 – trogen, ring före jul\"",
};

static void phone(void)
{
	unsigned n = pick(10000000);
	switch (pick(4)) {
	case 0: printf("040 %03u %04u", n / 10000, n % 10000); break;
	case 1: printf("+358 50 %03u %04u", n / 10000, n % 10000); break;
	case 2: printf("044-%07u", n); break;
	default: break; /* no phone */
	}
}

static void date(void)
{
	unsigned y = 2015 + pick(10), m = 1 + pick(12), d = 1 + pick(28);
	if (pick(2000) == 0) {
		printf("31.2.%u", y); /* impossible: rejected */
		return;
	}
	switch (pick(3)) {
	case 0: printf("%u-%02u-%02u", y, m, d); break;
	case 1: printf("%u.%u.%u", d, m, y); break;
	default: printf("%u-%02u-%02u %02u:%02u", y, m, d, pick(24), pick(60)); break;
	}
}

static const char *const own_stage[] = {"Partner", "Churned", "VIP", "Reseller"};

/* a person's phone, the same every time they appear, written one of three ways */
static void messy_phone(long who)
{
	unsigned n = (unsigned)((uint64_t)who * 2654435761u % 10000000u);
	switch (pick(3)) {
	case 0: printf("040 %03u %04u", n / 10000, n % 10000); break;
	case 1: printf("+358 40 %03u %04u", n / 10000, n % 10000); break;
	default: printf("+358 040-%07u", n); break;
	}
}

static void messy(long rows)
{
	printf("First Name,Last Name,Email,Phone Number,Company Name,Contact owner,"
	       "Lifecycle Stage,Create Date,Unsubscribed from all email,City,Notes\n");
	long persons = 0;
	for (long i = 0; i < rows; i++) {
		long who = persons > 0 && pick(10) < 7 ? (long)(next() % (uint64_t)persons) : persons++;
		const char *f = first[who % 20], *l = last[(who / 20) % 15];
		printf("%s,%s,", f, l);
		switch (pick(8)) {
		case 0: printf("N/A"); break; /* known by the phone only */
		case 1: printf(" %s.%s%ld@%s ", f, l, who, domain[(who + 1) % 5]); break;
		default: printf("%s.%s%ld@%s", f, l, who, domain[who % 5]); break;
		}
		printf(",");
		messy_phone(who);
		printf(",%s,%s,", company[pick(9)], owner[pick(4)]);
		if (pick(2))
			printf("%s", own_stage[pick(4)]);
		else
			printf("%s", stage[pick(9)]);
		unsigned y = 2015 + pick(10), m = 1 + pick(12), d = 1 + pick(28);
		if (pick(1000) == 0)
			printf(",2/30/%u", y); /* impossible: left empty, with a warning */
		else
			printf(",%u/%u/%u", m, d, y);
		printf(",%s,%s,%s\n", pick(5) == 0 ? "true" : "false", city[pick(8)], notes[pick(7)]);
	}
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 1000000;
	if (argc > 2 && argv[2][0] == 'm') {
		messy(rows);
		return fflush(stdout) != 0 || ferror(stdout) ? (perror("gen-contacts"), 1) : 0;
	}
	printf("First Name,Last Name,Email,Phone Number,Company Name,Contact owner,"
	       "Lifecycle Stage,Create Date,City,Lead Source,Notes\n");
	for (long i = 0; i < rows; i++) {
		/* one row in ten repeats a person seen before */
		long who = i > 0 && pick(10) == 0 ? (long)(next() % (uint64_t)i) : i;
		const char *f = first[who % 20], *l = last[(who / 20) % 15];
		printf("%s,%s,", f, l);
		if (pick(3) == 0)
			printf(" ");
		printf("%s.%s%ld@%s", f, l, who, domain[who % 5]);
		printf(",");
		phone();
		printf(",%s,%s,%s,", company[pick(9)], owner[pick(4)], stage[pick(9)]);
		date();
		printf(",%s,%s,%s\n", city[pick(8)], source[pick(5)], notes[pick(7)]);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-contacts");
		return 1;
	}
	return 0;
}
