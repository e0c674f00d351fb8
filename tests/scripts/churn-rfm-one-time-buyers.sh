#!/bin/sh
# trials9/13: on CDNOW's full log (23,570 customers, 60% bought once, as of
# 1997-09-30) every one-time buyer has F 1 -- the ties at the worst value
# take the bottom score -- so the segment "lost" (R 1, FM 1) exists; with
# mid-rank alone they all had F 2 and nobody was lost.  The segment sizes
# are pinned: every cell of the table that can be reached is.
set -u
gzip -dc "$TESTS/conformance/cdnow/CDNOW_master.txt.gz" | tr -d '\r' | awk '
	BEGIN { print "contact_id,when,type,value,item" }
	NR > 1 { printf "%s,%s-%s-%s,purchase,%s,cd\n", $1, substr($2, 1, 4), substr($2, 5, 2), substr($2, 7, 2), $4 }' >events.csv
awk -F, 'NR > 1 && !seen[$1]++ { print $1 }' events.csv | sed '1i id' >contacts.csv
fu-churn -e events.csv -n 1997-09-30 <contacts.csv >health.csv 2>err || { cat err; exit 1; }
fail=0
# F by purchase days: one-time buyers all 1; two purchase days 4 (their
# block's middle rank); the rest 5
mlr --icsv --ocsv put '$F = substr($rfm, 1, 1)' then count-distinct -f frequency,F then \
	put '$frequency = $frequency >= 3 ? "3+" : $frequency' then stats1 -a sum -f count -g frequency,F then sort -f frequency \
	health.csv >f.csv
cat >want-f.csv <<'X'
frequency,F,count_sum
1,1,14119
2,4,4442
3+,5,5009
X
cmp -s want-f.csv f.csv || { echo "F by frequency:"; diff want-f.csv f.csv; fail=1; }
mlr --icsv --ocsv count-distinct -f rfm_segment then sort -nr count -f rfm_segment health.csv >seg.csv
cat >want-seg.csv <<'X'
rfm_segment,count
hibernating,5622
champions,4530
loyal,3630
about-to-sleep,3437
at-risk,1998
lost,1501
potential,1386
needs-attention,710
promising,526
cant-lose,230
X
cmp -s want-seg.csv seg.csv || { echo "segments:"; diff want-seg.csv seg.csv; fail=1; }
# lost: bought once, long ago, for little
mlr --icsv --ojson filter '$rfm_segment == "lost"' then stats1 -a max -f frequency then put '$ok = $frequency_max == 1' health.csv | grep -q '"ok": true' ||
	{ echo "a lost customer who bought more than once"; fail=1; }
exit $fail
