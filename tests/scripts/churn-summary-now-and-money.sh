#!/bin/sh
# trials9b/21: a --summary records its --now, and --fit-summary refuses a
# summary made at another --now (T and recency count to it: the model
# would be fitted, and RFM ranked, on a stale base); sums are written to 15
# digits (22.345, not 22.345000000000006), and a sharded run still gives
# the single run's rows.  Money prints alike in fu-churn and fu-referrals:
# whole cents, a half rounded away from zero (0.125 is 0.13 in both).
set -u
fail=0
tr -d '\r' <"$TESTS/conformance/cdnow/CDNOW_sample.txt" | awk '
	BEGIN { print "contact_id,when,type,value,item" }
	{ printf "c%s,%s-%s-%s,purchase,%s,cd\n", $2, substr($3, 1, 4), substr($3, 5, 2), substr($3, 7, 2), $5 }' >events.csv
tr -d '\r' <"$TESTS/conformance/cdnow/CDNOW_sample.txt" | awk 'BEGIN { print "id" } !seen[$2]++ { print "c" $2 }' >contacts.csv
head -n 1200 contacts.csv >shard1.csv
{ echo id; tail -n +1201 contacts.csv; } >shard2.csv

# the summaries carry their --now and no float noise
for s in 1 2; do
	fu-churn -e events.csv -n 1997-09-30 --summary <shard$s.csv >sum$s.csv 2>/dev/null || fail=1
done
cat sum1.csv sum2.csv >summary.csv
head -n 3 summary.csv >got-head.csv
cat >want-head.csv <<'X'
x,t_x,T,mean_spend,recency_days,monetary,now
2,213,272,22.345,59,74.02,1997-09-30
1,12,272,11.77,260,75.11,1997-09-30
X
cmp -s want-head.csv got-head.csv || { echo "summary:"; diff want-head.csv got-head.csv; fail=1; }
# no number with more than 15 significant digits
awk -F, 'NR > 1 && $1 != "x" { for (k = 4; k <= 6; k += 2) { d = $k; gsub(/[^0-9]/, "", d); sub(/^0+/, "", d); if (length(d) > 15) print $k } }' summary.csv >noisy.txt
[ -s noisy.txt ] && { echo "noisy numbers:"; head noisy.txt; fail=1; }

# the sharded run is the single run
fu-churn -e events.csv -n 1997-09-30 <contacts.csv >plain.csv 2>/dev/null
for s in 1 2; do
	fu-churn -e events.csv -n 1997-09-30 --fit-summary summary.csv <shard$s.csv >h$s.csv 2>/dev/null || fail=1
done
{ cat h1.csv; tail -n +2 h2.csv; } >sharded.csv
cmp -s plain.csv sharded.csv || { echo "sharded rows differ from the single run's"; fail=1; }

# a summary of another --now is refused, with its line, exit 2
fu-churn -e events.csv -n 1998-06-30 --fit-summary summary.csv <shard1.csv >stale.csv 2>err
st=$?
[ $st -eq 2 ] || { echo "stale summary: exit $st, want 2"; fail=1; }
grep -q "summary.csv:2: a summary as of --now 1997-09-30, but this run is as of 1998-06-30" err ||
	{ echo "stale summary: no message"; cat err; fail=1; }
# ... as is one of another time of the same day when --now was given
fu-churn -e events.csv -n 1997-09-30T12:00:00Z --fit-summary summary.csv <shard1.csv >/dev/null 2>err
[ $? -eq 2 ] || { echo "summary of a date read by a date-time --now"; fail=1; }
# a summary written before the now column is read, with a note
mlr --icsv --ocsv cut -x -f now summary.csv >old.csv
fu-churn -e events.csv -n 1997-09-30 --fit-summary old.csv <shard1.csv >old-h.csv 2>err || { echo "old summary refused"; cat err; fail=1; }
grep -q "old.csv: no now column" err || { echo "old summary: no note"; fail=1; }
cmp -s old-h.csv h1.csv || { echo "old summary: other rows"; fail=1; }

# money alike in both programs
cat >ev.csv <<'X'
contact_id,when,type,value,item
r,2026-01-01,purchase,5,tea
r,2026-01-02,referral,,f
f,2026-01-05,purchase,0.125,tea
X
printf 'id\nr\nf\n' >c.csv
churn=$(fu-churn -e ev.csv -n 2026-02-01 <c.csv 2>/dev/null | mlr --icsv --onidx filter '$id == "f"' then cut -f monetary)
refs=$(fu-referrals -e ev.csv -n 2026-02-01 <c.csv 2>/dev/null | mlr --icsv --onidx filter '$id == "r"' then cut -f revenue)
[ "$churn $refs" = "0.13 0.13" ] || { echo "money: fu-churn $churn, fu-referrals $refs (want 0.13 0.13)"; fail=1; }
exit $fail
