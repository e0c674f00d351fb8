#!/bin/sh
# fu-referrals on 1M contacts in a generated referral forest (5% roots, then
# three levels below them: 15%, 30%, 50%) and 2M events: the ledger with
# --depth 3 and the candidates, time and peak RSS (GNU time -v), beside the
# same ledger computed by sqlite3 with a recursive CTE, in the same run,
# interleaved, best of BENCH_RUNS (3).  The two ledgers must be equal.
# One contact in ten names its referrer by e-mail in upper case; times are
# UTC; every claim is dated (created) before 2025 and events are in 2025,
# so no claim is after a purchase and the forest has no ring.
# BENCH_CONTACTS / BENCH_EVENTS scale it down for a quick look.
set -eu
cd "$(dirname "$0")"
mkdir -p data
N=${BENCH_CONTACTS:-1000000}
E=${BENCH_EVENTS:-2000000}
RUNS=${BENCH_RUNS:-3}
C=data/ref-contacts-$N.csv
V=data/ref-events-$N-$E.csv
NOW=2026-01-01T00:00:00Z
export TZ=UTC LC_ALL=C
if [ ! -f "$C" ] || [ ! -f "$V" ]; then
	echo "generating $N contacts and $E events..."
	awk -v n="$N" 'BEGIN {
		srand(42)
		print "id,first_name,last_name,email,tz,created,unsubscribed,referred_by"
		# levels by position: [1, a] roots, (a, b] level 1, (b, c] level 2, (c, n] level 3
		a = int(n * 0.05); if (a < 1) a = 1
		b = a + int(n * 0.15); c = b + int(n * 0.30)
		for (i = 1; i <= n; i++) {
			if (i <= a) r = 0
			else if (i <= b) r = 1 + int(rand() * a)
			else if (i <= c) r = a + 1 + int(rand() * (b - a))
			else r = b + 1 + int(rand() * (c - b))
			ref = ""
			if (r) ref = rand() < 0.1 ? sprintf("USER%d@EXAMPLE.COM", r) : "c" r
			unsub = rand() < 0.02 ? "yes" : ""
			printf "c%d,First%d,Last%d,user%d@example.com,,2024-%02d-%02d,%s,%s\n", i, i, i, i, 1 + i % 12, 1 + i % 28, unsub, ref
		}
	}' >"$C"
	awk -v n="$N" -v e="$E" 'BEGIN {
		srand(7)
		split("purchase purchase purchase purchase purchase feedback feedback feedback reward reward followup success ticket_opened ticket_closed email_open email_open unsubscribe purchase purchase purchase", T, " ")
		print "contact_id,when,type,value,item,note"
		for (k = 0; k < e; k++) {
			c = 1 + int(rand() * n)
			t = T[1 + int(rand() * 20)]
			when = sprintf("2025-%02d-%02dT%02d:%02d:00Z", 1 + int(rand() * 12), 1 + int(rand() * 28), int(rand() * 24), int(rand() * 60))
			v = ""; item = ""
			if (t == "purchase") { v = 10 + int(rand() * 500); item = "Product " int(rand() * 200) }
			else if (t == "feedback") { v = int(rand() * 11); item = "NPS" }
			else if (t == "reward") { v = 5 * (1 + int(rand() * 4)); item = "referral thank-you" }
			else if (t == "followup") item = "referral-ask"
			else if (t == "success") item = "project delivered"
			else if (t ~ /^ticket/) item = "T" (c % 3)
			else if (t == "unsubscribe") { if (rand() < 0.9) t = "email_open" }
			printf "c%d,%s,%s,%s,%s,\n", c, when, t, v, item
		}
	}' >"$V"
fi
ls -l "$C" "$V" | awk '{ printf "%s %.0f MB\n", $NF, $5 / 1e6 }'

best_secs=""
measure() { # name command...  (best of the runs so far kept per name)
	name=$1; shift
	/usr/bin/time -v -o data/time.txt "$@" >data/out-"$name".csv 2>data/err-"$name".txt || {
		st=$?
		# fu-referrals exits 1 when claims lack credit; none do here
		echo "$name failed (exit $st):"; tail -5 data/err-"$name".txt; return 0; }
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' data/time.txt)
	rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' data/time.txt)
	echo "$name $secs $rss" >>data/ref-times.txt
}

cat >data/ref.sql <<SQL
.mode csv
.import $C contacts
.import $V events
CREATE INDEX contacts_id ON contacts(id);
CREATE INDEX contacts_email ON contacts(lower(email));
CREATE TABLE ev AS SELECT contact_id, type, CAST(value AS REAL) AS value, item, "when" AS t
	FROM events WHERE "when" <= '$NOW' AND type IN ('purchase', 'reward');
CREATE INDEX ev_contact ON ev(contact_id, type);
CREATE TABLE firstbuy AS SELECT contact_id AS id, min(t) AS first FROM ev WHERE type = 'purchase' GROUP BY contact_id;
CREATE INDEX firstbuy_id ON firstbuy(id);
-- credited claims: a known referrer (id, else e-mail), not oneself, not after a purchase
CREATE TABLE edge AS
	SELECT coalesce((SELECT a.id FROM contacts a WHERE a.id = c.referred_by),
	                (SELECT b.id FROM contacts b WHERE lower(b.email) = lower(c.referred_by))) AS referrer,
	       c.id AS referred, c.created AS t, c.rowid AS pos
	FROM contacts c WHERE c.referred_by <> '';
DELETE FROM edge WHERE referrer IS NULL OR referrer = referred
	OR EXISTS (SELECT 1 FROM firstbuy f WHERE f.id = edge.referred AND f.first < edge.t);
CREATE INDEX edge_referred ON edge(referred);
CREATE INDEX edge_referrer ON edge(referrer);
CREATE TABLE lv AS
WITH RECURSIVE up(referrer, referred, level) AS (
	SELECT referrer, referred, 1 FROM edge
	UNION ALL
	SELECT e.referrer, up.referred, up.level + 1 FROM up JOIN edge e ON e.referred = up.referrer
	WHERE up.level < 3)
SELECT up.referrer, up.level, count(*) AS referred,
       sum(EXISTS (SELECT 1 FROM firstbuy f WHERE f.id = up.referred)) AS converted
FROM up GROUP BY up.referrer, up.level;
CREATE INDEX lv_referrer ON lv(referrer, level);
CREATE TABLE rev AS SELECT e.referrer, sum(p.value) AS revenue FROM edge e JOIN ev p
	ON p.contact_id = e.referred AND p.type = 'purchase'
	   AND p.t >= max(e.t, strftime('%Y-%m-%dT%H:%M:%SZ', '$NOW', '-365 days'))
	GROUP BY e.referrer;
CREATE INDEX rev_referrer ON rev(referrer);
CREATE TABLE given AS SELECT contact_id AS id, sum(value) AS given FROM ev WHERE type = 'reward' GROUP BY contact_id;
CREATE INDEX given_id ON given(id);
.headers on
SELECT c.id,
	coalesce(l1.referred, 0) AS referred, coalesce(l1.converted, 0) AS converted,
	coalesce(l2.referred, 0) AS referred_2, coalesce(l2.converted, 0) AS converted_2,
	coalesce(l3.referred, 0) AS referred_3, coalesce(l3.converted, 0) AS converted_3,
	printf('%.2f', coalesce(rev.revenue, 0)) AS revenue,
	printf('%.2f', 10 * (coalesce(l1.converted, 0) + 0.5 * coalesce(l2.converted, 0) + 0.25 * coalesce(l3.converted, 0))) AS perks_owed,
	printf('%.2f', coalesce(g.given, 0)) AS perks_given,
	printf('%.2f', 10 * (coalesce(l1.converted, 0) + 0.5 * coalesce(l2.converted, 0) + 0.25 * coalesce(l3.converted, 0)) - coalesce(g.given, 0)) AS balance
FROM contacts c
	LEFT JOIN lv l1 ON l1.referrer = c.id AND l1.level = 1
	LEFT JOIN lv l2 ON l2.referrer = c.id AND l2.level = 2
	LEFT JOIN lv l3 ON l3.referrer = c.id AND l3.level = 3
	LEFT JOIN rev ON rev.referrer = c.id
	LEFT JOIN given g ON g.id = c.id
WHERE EXISTS (SELECT 1 FROM edge e WHERE e.referrer = c.id)
ORDER BY c.rowid;
SQL

: >data/ref-times.txt
i=0
while [ $i -lt "$RUNS" ]; do
	measure ledger ../fu-referrals --events "$V" --now "$NOW" --depth 3 --perk '10 per converted' "$C"
	measure candidates ../fu-referrals --candidates --events "$V" --now "$NOW" "$C"
	measure sqlite3 sqlite3 :memory: -init data/ref.sql .quit
	i=$((i + 1))
done
awk -v n="$N" -v e="$E" '
	{ if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; rss[$1] = $3 } }
	END {
		printf "%-12s %8s %8s\n", "", "best s", "peak MB"
		for (k in best) printf "%-12s %8.2f %8d\n", k, best[k], rss[k]
		printf "sqlite3 / fu-referrals ledger: %.1fx the time, %.1fx the memory\n", best["sqlite3"] / best["ledger"], rss["sqlite3"] / rss["ledger"]
		printf "fu-referrals ledger: %.0f bytes of peak RSS per contact and event\n", rss["ledger"] * 1048576 / (n + e)
	}' data/ref-times.txt
rows=$(($(wc -l <data/out-candidates.csv) - 1))
echo "candidates: $rows contacts to ask"
tail -1 data/err-ledger.txt

# the ledgers agree on every column both compute
mlr --icsv --ocsv cut -o -f id,referred,converted,referred_2,converted_2,referred_3,converted_3,revenue,perks_owed,perks_given,balance \
	data/out-ledger.csv >data/ledger-fu.csv
if cmp -s data/ledger-fu.csv data/out-sqlite3.csv; then
	echo "sqlite3: same ledger as fu-referrals ($(($(wc -l <data/ledger-fu.csv) - 1)) referrers)"
else
	echo "sqlite3: ledger DIFFERS from fu-referrals"
	diff data/ledger-fu.csv data/out-sqlite3.csv | head -5
	exit 1
fi
