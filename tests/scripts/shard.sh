#!/bin/sh
# Past one machine (README): examples/shard.sh splits contacts and events
# into N shards, GNU parallel runs a program on each, and the concatenated
# outputs hold exactly the rows of a single run: fu-schedule (events keyed by
# id and by e-mail in any case), fu-render on the shards' tasks, and
# fu-referrals' ledger with whole referral trees per shard (SHARD_BY=referral),
# and fu-churn in two phases (--summary, one fit, --fit-summary).
set -eu
command -v parallel >/dev/null || { echo "GNU parallel is not installed"; exit 1; }
command -v mlr >/dev/null || { echo "Miller is not installed"; exit 1; }
shard=$SRCDIR/examples/shard.sh
now=2026-03-10T12:00:00+02:00

# 600 contacts; events keyed by id, or by the contact's e-mail in other case
"$PY" - <<'PY'
import csv, random
random.seed(13)
zones = ["Europe/Helsinki", "Europe/Stockholm", "America/New_York"]
with open("contacts.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "first_name", "last_name", "email", "owner", "stage", "lang", "tz", "created", "note"])
    for i in range(600):
        w.writerow([f"k{i}", f"Name{i}", "Ö'Brien, Jr." if i % 7 == 0 else "Aho", f"p{i}@example.fi",
                    random.choice(["mia", "ole"]), random.choice(["prospect", "new", "customer"]),
                    random.choice(["fi", "en", "sv"]), random.choice(zones),
                    f"2026-0{random.randint(1, 3)}-{random.randint(1, 9):02d}",
                    "two\nlines" if i % 11 == 0 else ""])
with open("events.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["contact_id", "when", "type", "value", "item", "note"])
    for n in range(3000):
        i = random.randrange(650)  # some events join no contact
        key = f"k{i}" if random.random() < 0.6 else f"P{i}@Example.FI"
        t = random.choice(["purchase", "email_open", "email_click", "reply", "ticket_opened", "feedback"])
        value = f"{random.randint(5, 900)}.{random.randint(0, 99):02d}" if t == "purchase" else (
            str(random.randint(0, 10)) if t == "feedback" else "")
        w.writerow([key, f"2026-0{random.randint(1, 3)}-{random.randint(1, 9):02d}T1{random.randint(0, 9)}:00:00+02:00",
                    t, value, random.choice(["Kettle", "Grinder", "Beans"]) if t == "purchase" else "", ""])
PY

# same_rows A B: the same header and the same multiset of records
same_rows() {
	"$PY" - "$1" "$2" <<'PY'
import csv, sys
a, b = ([r for r in csv.reader(open(p, newline="", encoding="utf-8"))] for p in sys.argv[1:3])
assert a[0] == b[0], ("headers differ", a[0], b[0])
assert len(a) > 2, "too few rows to tell"
if sorted(a[1:]) != sorted(b[1:]):
    sa, sb = set(map(tuple, a[1:])), set(map(tuple, b[1:]))
    print("only in the single run:", sorted(sa - sb)[:3])
    print("only in the shards:", sorted(sb - sa)[:3])
    sys.exit(f"{sys.argv[1]} and {sys.argv[2]} differ")
PY
}
# concat OUT FILES...: one header, then every file's records
concat() {
	out=$1; shift
	sed -n 1p "$1" >"$out"
	for f; do sed 1d "$f" >>"$out"; done
}

sh "$shard" 4 shards contacts.csv events.csv
[ "$(ls -d shards/*/ | wc -l)" = 4 ]
# every row is in exactly one shard
[ "$(cat shards/*/contacts.csv | "$PY" -c 'import csv,sys; print(sum(1 for r in csv.reader(sys.stdin)) - 4)')" = 600 ]
[ "$(cat shards/*/events.csv | wc -l)" = $((3000 + 4)) ]

# fu-schedule
fu-schedule --events events.csv --now "$now" <contacts.csv >single-tasks.csv 2>single.err || [ $? -eq 1 ]
parallel --will-cite -j2 "fu-schedule --events {}events.csv --now $now <{}contacts.csv >{}tasks.csv 2>{}err || [ \$? -eq 1 ]" ::: shards/*/
concat sharded-tasks.csv shards/*/tasks.csv
same_rows single-tasks.csv sharded-tasks.csv

# fu-render: each shard renders its own tasks
fu-render --now "$now" <single-tasks.csv >single-mail.csv 2>/dev/null || [ $? -eq 1 ]
parallel --will-cite -j2 "fu-render --now $now <{}tasks.csv >{}mail.csv 2>/dev/null || [ \$? -eq 1 ]" ::: shards/*/
concat sharded-mail.csv shards/*/mail.csv
same_rows single-mail.csv sharded-mail.csv

# fu-churn, two phases: the shards' customer summaries, one fit over them
# all (--params), then each shard judged against the whole base
fu-churn --events events.csv --now "$now" <contacts.csv >single-health.csv 2>/dev/null || [ $? -eq 1 ]
parallel --will-cite -j2 "fu-churn --events {}events.csv --now $now --summary <{}contacts.csv >{}summary.csv 2>/dev/null" ::: shards/*/
cat shards/*/summary.csv >summary.csv
printf 'id\n' | fu-churn --fit-summary summary.csv --params params.csv --now "$now" >/dev/null 2>&1
grep -q '^alpha,' params.csv
parallel --will-cite -j2 "fu-churn --events {}events.csv --now $now --fit-summary summary.csv --params params.csv <{}contacts.csv >{}health.csv 2>/dev/null || [ \$? -eq 1 ]" ::: shards/*/
concat sharded-health.csv shards/*/health.csv
same_rows single-health.csv sharded-health.csv
# the model and RFM columns are filled, not left empty on both sides
"$PY" - single-health.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert sum(1 for r in rows if r["p_alive"] and r["clv"] and r["rfm"]) > 300, "model columns empty"
PY
# without the whole base, a shard's own fit and quintiles differ
fu-churn --events shards/0/events.csv --now "$now" <shards/0/contacts.csv >own.csv 2>/dev/null || [ $? -eq 1 ]
! "$PY" -c 'import sys; sys.exit(0 if set(open(sys.argv[1]).readlines()[1:]) <= set(open(sys.argv[2]).readlines()) else 1)' own.csv single-health.csv

# fu-referrals: the example network plus referral chains among the 600
"$PY" - "$SRCDIR/examples" <<'PY'
import csv, random, sys
random.seed(7)
rows = list(csv.reader(open(sys.argv[1] + "/referral-contacts.csv", newline="")))
ev = list(csv.reader(open(sys.argv[1] + "/referral-events.csv", newline="")))
head = rows[0]
with open("ref-contacts.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows(rows)
    for i in range(400):
        by = "" if i < 40 else random.choice([f"r{random.randrange(i)}", f"R{random.randrange(i)}@EXAMPLE.FI", ""])
        r = dict(zip(head, [""] * len(head)), id=f"r{i}", first_name=f"R{i}", email=f"r{i}@example.fi",
                 tz="Europe/Helsinki", created="2023-03-01", referred_by=by)
        w.writerow([r[h] for h in head])
with open("ref-events.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows(ev)
    for i in range(400):
        if random.random() < 0.5:
            w.writerow([f"r{i}", f"2024-0{random.randint(1, 4)}-1{random.randint(0, 9)}T10:00:00+02:00",
                        "purchase", f"{random.randint(10, 300)}", "Grinder", ""])
        if random.random() < 0.2:  # a claim by event, sometimes a second claim or a ring
            w.writerow([f"r{random.randrange(400)}", "2023-06-01T10:00:00+03:00", "referral", "",
                        f"r{i}", ""])
PY
refer() { fu-referrals --events "$1" --now 2024-05-10 --perk '10 per converted' --depth 2 <"$2" || [ $? -eq 1 ]; }
refer ref-events.csv ref-contacts.csv >single-ledger.csv 2>/dev/null
SHARD_BY=referral sh "$shard" 3 refshards ref-contacts.csv ref-events.csv
for d in refshards/*/; do refer "${d}events.csv" "${d}contacts.csv" >"${d}ledger.csv" 2>/dev/null; done
concat sharded-ledger.csv refshards/*/ledger.csv
same_rows single-ledger.csv sharded-ledger.csv
# the trees were spread over the shards, not all in one
for d in refshards/*/; do [ "$(wc -l <"${d}contacts.csv")" -gt 20 ]; done
