#!/bin/sh
# fu-schedule on 1M contacts and 5M events: time and peak RSS (GNU time -v),
# beside the same selection written for sqlite3 and for Miller, in the same run.
# The selection: thank-you (24h) and check-in (7d) after each order (a
# contact's purchases of one day: with no send window, the day its steps fall
# due for it; counted from the first), due at --now, not expired (4d and 14d
# after the due time) and not yet marked done by a followup event made since
# the order (`fu-schedule --due --step thank-you,check-in --max-per-contact 0`:
# no daily cap, which the peers would have to write too).  Times are UTC.
# The three run interleaved, BENCH_ROUNDS (3) rounds; the best wall-clock and
# the best CPU time (user + system) of each are reported with its peak RSS
# (the highest of its runs) and the ratios to fu-schedule.
# BENCH_CONTACTS / BENCH_EVENTS scale it down for a quick look; BENCH_FU
# names another fu-schedule binary (an older build, to compare).
# Only one benchmark should run at a time: flock /work/bench.lock sh fu-schedule.sh
set -eu
cd "$(dirname "$0")"
mkdir -p data
N=${BENCH_CONTACTS:-1000000}
E=${BENCH_EVENTS:-5000000}
ROUNDS=${BENCH_ROUNDS:-3}
FU=${BENCH_FU:-../fu-schedule}
C=data/sched-contacts-$N.csv
V=data/sched-events-$E.csv
NOW=2026-03-01T00:00:00Z
export TZ=UTC LC_ALL=C
if [ ! -f "$C" ] || [ ! -f "$V" ]; then
	echo "generating $N contacts and $E events..."
	awk -v n="$N" 'BEGIN {
		srand(42)
		print "id,first_name,last_name,email,owner,stage,segment,tz,created"
		for (i = 1; i <= n; i++)
			printf "c%d,First%d,Last%d,user%d@example.com,owner%d,new,,,2025-%02d-%02d\n", i, i, i, i, i % 50, 1 + i % 12, 1 + i % 28
	}' >"$C"
	awk -v n="$N" -v e="$E" 'BEGIN {
		srand(7)
		split("purchase purchase email_open email_click feedback followup followup", T, " ")
		split("thank-you check-in", S, " ")
		print "contact_id,when,type,value,item,note"
		for (k = 0; k < e; k++) {
			c = 1 + int(rand() * n)
			t = T[1 + int(rand() * 7)]
			# January 2026 to early March: some events are after --now
			d = 1 + int(rand() * 65); m = 1; if (d > 31) { m = 2; d -= 31 } if (d > 28) { m = 3; d -= 28 }
			when = sprintf("2026-%02d-%02dT%02d:%02d:00Z", m, d, int(rand() * 24), int(rand() * 60))
			v = ""; item = ""
			if (t == "purchase") { v = 10 + int(rand() * 500); item = "Product " int(rand() * 200) }
			else if (t == "feedback") { v = int(rand() * 11); item = "NPS" }
			else if (t == "followup") item = S[1 + int(rand() * 2)]
			else item = "newsletter"
			printf "c%d,%s,%s,%s,%s,\n", c, when, t, v, item
		}
	}' >"$V"
fi
ls -l "$C" "$V" | awk '{ printf "%s %.0f MB\n", $NF, $5 / 1e6 }'

# measure NAME COMMAND...: one run under GNU time; appends "wall cpu rss_kB"
# to data/sched-runs-NAME, the output to data/out-NAME.csv
measure() {
	name=$1; shift
	/usr/bin/time -v -o data/time.txt "$@" >data/out-"$name".csv 2>data/err-"$name".txt || {
		echo "$name failed:"; tail -5 data/err-"$name".txt; return 0; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/(User|System) time/ { u += $2 }
		/Maximum resident/ { rss = $2 }
		END { print s, u, rss }' data/time.txt >>data/sched-runs-"$name"
}

cat >data/sched.sql <<SQL
.mode csv
.import $C contacts
.import $V events
CREATE INDEX contacts_id ON contacts(id);
.headers on
WITH ev AS (SELECT contact_id, type, item, unixepoch("when") AS t FROM events
            WHERE type IN ('purchase', 'followup') AND unixepoch("when") <= unixepoch('$NOW')),
     p AS (SELECT contact_id, min(t) AS t FROM ev WHERE type = 'purchase' GROUP BY contact_id, t / 86400),
     f AS (SELECT contact_id, item AS step, max(t) AS t FROM ev WHERE type = 'followup' GROUP BY contact_id, item),
     steps(step, secs, exp) AS (VALUES ('thank-you', 86400, 4 * 86400), ('check-in', 7 * 86400, 14 * 86400)),
     due AS (SELECT p.contact_id, steps.step, p.t + steps.secs AS due FROM p CROSS JOIN steps
             LEFT JOIN f ON f.contact_id = p.contact_id AND f.step = steps.step
             WHERE p.t + steps.secs <= unixepoch('$NOW') AND unixepoch('$NOW') < p.t + steps.secs + steps.exp
                   AND (f.t IS NULL OR f.t < p.t))
SELECT c.*, due.step, strftime('%Y-%m-%dT%H:%M:%SZ', due.due, 'unixepoch') AS due
FROM contacts c JOIN due ON due.contact_id = c.id ORDER BY c.rowid, due.step DESC, due.due;
SQL
run_sqlite3() { measure sqlite3 sqlite3 :memory: -init data/sched.sql .quit; }

run_miller() {
	measure miller mlr --icsv --ocsv \
	filter '$type == "purchase" || $type == "followup"' \
	then put -q 'begin { @now = strptime("'"$NOW"'", "%Y-%m-%dT%H:%M:%SZ") }
		t = strptime($when, "%Y-%m-%dT%H:%M:%SZ");
		if (t <= @now) {
			if ($type == "purchase") {
				d = string(int(t / 86400));
				if (is_absent(@order[$contact_id][d]) || t < @order[$contact_id][d]) { @order[$contact_id][d] = t }
			} elif (is_absent(@last[$contact_id][$item]) || t > @last[$contact_id][$item]) {
				@last[$contact_id][$item] = t
			}
		}
		end {
			exp = {"thank-you": 345600, "check-in": 1209600};
			for (id, days in @order) {
				for (d, p in days) {
					for (step, secs in {"thank-you": 86400, "check-in": 604800}) {
						if (p + secs <= @now && @now < p + secs + exp[step] &&
						    (is_absent(@last[id][step]) || @last[id][step] < p)) {
							r = {"id": id, "step": step, "due": strftime(p + secs, "%Y-%m-%dT%H:%M:%SZ")};
							emit r
						}
					}
				}
			}
		}' \
	then join -j id -f "$C" then reorder -e -f step,due "$V"
}

rm -f data/sched-runs-* data/sched-best-*
round=1
while [ "$round" -le "$ROUNDS" ]; do
	measure fu-schedule "$FU" --events "$V" --now "$NOW" --due --step thank-you,check-in --max-per-contact 0 "$C"
	run_sqlite3
	run_miller
	round=$((round + 1))
done

# best wall and best CPU of each, its highest peak RSS, the tasks it wrote
echo "best of $ROUNDS interleaved runs:"
for name in fu-schedule sqlite3 miller; do
	[ -s data/sched-runs-$name ] || { echo "$name: no run succeeded"; continue; }
	rows=$(($(wc -l <data/out-"$name".csv) - 1))
	awk -v name="$name" -v rows="$rows" -v e="$E" '
		NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < c { c = $2 } $3 > r { r = $3 }
		END {
			printf "%-12s %8.2f s wall %8.2f s cpu %6.0f MB peak RSS %9d tasks\n", name, w, c, r / 1024, rows
			if (name == "fu-schedule")
				printf "%-12s %.1f bytes of peak RSS per event\n", "", r * 1024 / e
			print name, w, c >"data/sched-best-" name
		}' data/sched-runs-$name
done
for other in sqlite3 miller; do
	[ -s data/sched-best-$other ] && [ -s data/sched-best-fu-schedule ] || continue
	cat data/sched-best-fu-schedule data/sched-best-$other | awk '
		NR == 1 { w = $2; c = $3; next }
		{ printf "%s / fu-schedule: %.2fx the wall-clock time, %.2fx the CPU time\n", $1, $2 / w, $3 / c }'
done

# the three agree on the selection (id, step, due)
sel() { mlr --icsv --ocsv cut -o -f id,step,due then put '$due = ssub($due, "+00:00", "Z")' then sort -f id,step,due "$1"; }
sel data/out-fu-schedule.csv >data/sel-fu.csv
differs=0
for other in sqlite3 miller; do
	if [ -f data/out-$other.csv ] && sel data/out-$other.csv | cmp -s - data/sel-fu.csv; then
		echo "$other: same selection as fu-schedule"
	else
		echo "$other: selection DIFFERS from fu-schedule"
		differs=1
	fi
done
exit $differs
