/* Test tool for the contract floor: the reader and the event store.
 *   storetool [-c CAP] [-p DAYS] [-r REJECTS] -n NOW EVENTS < contacts.csv
 * Reads contacts with fu_reader (column id required), joins each to its
 * facts and prints what fu-churn and fu-referrals read from the store; then
 * the referral edges.  -c sets the warning cap, -p the period in days. */
#include "fu.h"
#include "lib/evfacts.h"
#include "lib/reader.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static void time_or_empty(int64_t t, char *buf, size_t n)
{
	if (t == INT64_MIN)
		buf[0] = '\0';
	else
		fu_format_time(t, "UTC", buf, n);
}

int main(int argc, char **argv)
{
	fu_init("storetool");
	const char *now_s = NULL, *rejects_path = NULL;
	long days = 0;
	int c;
	while ((c = getopt(argc, argv, "c:p:r:n:")) != -1) {
		switch (c) {
		case 'c': fu_warn_cap = atol(optarg); break;
		case 'p': days = atol(optarg); break;
		case 'r': rejects_path = optarg; break;
		case 'n': now_s = optarg; break;
		default: return 2;
		}
	}
	if (optind >= argc)
		return 2;
	int64_t now;
	const char *why;
	if (fu_parse_now(now_s, &now, &why) != 0)
		fu_usage_error("--now: %s", why);
	fu_rejects rej = {0};
	if (rejects_path && fu_rejects_open(&rej, rejects_path) != 0)
		return 2;
	fu_eventdb db;
	char *slot_types[] = {"owner_change"};
	fu_eventdb_init(&db, slot_types, 1, now);
	fu_eventdb_keep(&db, &(fu_store_opts){.purchases = 1, .period = days * 86400});
	db.rejects = rejects_path ? &rej : NULL;
	if (fu_eventdb_load(&db, argv[optind]) != 0) {
		fu_eventdb_free(&db);
		return 2;
	}
	static const char *const need[] = {"id", NULL};
	fu_reader in;
	int got = fu_reader_open(&in, "-", "a contacts list", need, rejects_path ? &rej : NULL);
	if (got != 0) {
		fu_eventdb_free(&db);
		return got < 0 ? 2 : 1;
	}
	long c_id = fu_reader_col(&in, "id"), c_email = fu_reader_col(&in, "email"),
	     c_tz = fu_reader_col(&in, "tz");
	fu_join_scratch js = {0};
	fu_record *rec;
	printf("id,events,purchases,first_purchase,buys,spent,rewarded,opens_recent,opens_before,"
	       "open_tickets,owner_change\n");
	while ((got = fu_reader_next(&in, &rec)) == 1) {
		const char *tz = c_tz >= 0 && *rec->fields[c_tz] ? rec->fields[c_tz] : NULL;
		if (!*rec->fields[c_id]) {
			fu_reader_reject(&in, rec, "empty id", "empty id");
			continue;
		}
		const fu_facts *f = fu_eventdb_join(&db, rec->fields[c_id],
		                                    c_email >= 0 ? rec->fields[c_email] : "", "", tz, &js);
		if (!f) {
			printf("%s,0,,,,,,,,,\n", rec->fields[c_id]);
			continue;
		}
		long events = 0;
		for (int k = 0; k < FU_EV_N; k++)
			events += f->count[k];
		char first[32], oc[32] = "";
		time_or_empty(f->kept ? f->kept->first_purchase : INT64_MIN, first, sizeof first);
		const fu_slot *s = fu_eventdb_slots(&db, f);
		if (s[0].set)
			fu_format_time(fu_event_time(s[0].t, s[0].naive, tz), "UTC", oc, sizeof oc);
		printf("%s,%ld,%u,%s,", rec->fields[c_id], events, f->count[FU_EV_PURCHASE], first);
		for (uint32_t i = 0; f->kept && i < f->kept->nbuys; i++) {
			char t[32];
			const fu_purchase *b = &f->kept->buys[i];
			fu_format_time(fu_event_time(b->t, b->naive, tz), "UTC", t, sizeof t);
			printf("%s%s=%g", i ? " " : "", t, isnan(b->amount) ? 0.0 : b->amount);
		}
		printf(",%g,%g,%u,%u,%d,%s\n", f->spent, f->kept ? f->kept->rewarded : 0,
		       f->kept && f->kept->periods ? f->kept->periods->recent[FU_EV_EMAIL_OPEN] : 0,
		       f->kept && f->kept->periods ? f->kept->periods->before[FU_EV_EMAIL_OPEN] : 0, fu_facts_open_tickets(f), oc);
	}
	printf("edges\n");
	for (size_t i = 0; i < db.nedges; i++)
		printf("%s:%ld %s -> %s\n", db.file, db.edges[i].line, fu_interned(&db, db.edges[i].from),
		       fu_interned(&db, db.edges[i].to));
	fu_warn("contacts: read %ld, rejected %ld; events: read %ld, rejected %ld, after --now %ld",
	        in.n.read, in.n.rejected, db.events + db.bad + db.future, db.bad, db.future);
	fu_reader_close(&in);
	fu_join_scratch_free(&js);
	fu_eventdb_free(&db);
	if (rejects_path && fu_rejects_close(&rej) != 0)
		return 2;
	return got < 0 ? 2 : 0;
}
