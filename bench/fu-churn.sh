#!/bin/sh
# fu-churn benchmarks (issue 8).
# 1. The CDNOW master log (23,570 customers, 69,659 purchases), fitted and
#    scored, whole process, beside an independent fit of the same likelihoods
#    with Debian's python3-scipy (tests/tools/cdnow_scipy.py --score: builds
#    the summary, fits BG/NBD and Gamma-Gamma, computes P(alive) and
#    E[Y(52w)] for every customer).  Parameters and both columns are checked
#    equal (1e-3, 1.5e-4); runs interleaved, best of 3; wall and CPU time
#    (the machine is shared: CPU time is the steadier ratio) and peak RSS.
# 2. Generated logs (bench/gen-churn.awk): BENCH_CUSTOMERS (1M) customers
#    buying by the BG/NBD process and spending by Gamma-Gamma, plus e-mail,
#    feedback, ticket, owner and reward events up to BENCH_EVENTS (2M and
#    10M) events, time-ordered over two years:
#    fu-churn's time and peak RSS, which should stay near flat as events grow
#    (memory follows customers and purchase days, not events).
set -eu
cd "$(dirname "$0")"
mkdir -p data
export TZ=UTC LC_ALL=C
PY=/usr/bin/python3
CD=../tests/conformance/cdnow

run() { # name command...: sets secs, cpu, rss
	name=$1; shift
	/usr/bin/time -v -o data/time.txt "$@" >data/out-"$name".csv 2>data/err-"$name".txt || {
		echo "$name failed:"; tail -5 data/err-"$name".txt; exit 1; }
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' data/time.txt)
	cpu=$(awk -F': ' '/(User|System) time/ { s += $2 } END { print s }' data/time.txt)
	rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' data/time.txt)
}
best() { # current best, new value
	awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'
}

echo "-- CDNOW master: fit and score"
if [ ! -f data/cdnow-master.txt ]; then
	gzip -dc "$CD/CDNOW_master.txt.gz" | tr -d '\r' >data/cdnow-master.txt
	awk 'NR > 1 { printf "%s,%s-%s-%s,purchase,%s,%s CDs\n", $1, substr($2, 1, 4), substr($2, 5, 2), substr($2, 7, 2), $4, $3 }' \
		data/cdnow-master.txt | (echo contact_id,when,type,value,item; cat) >data/cdnow-events.csv
	awk 'NR > 1 && !seen[$1]++ { print $1 }' data/cdnow-master.txt | (echo id; cat) >data/cdnow-contacts.csv
fi
fw= fc= fr= pw= pc= pr=
for round in 1 2 3; do
	rm -f data/cdnow-params.csv
	run fu-churn ../fu-churn --events data/cdnow-events.csv --now 1997-09-30 --horizon 52w \
		--params data/cdnow-params.csv data/cdnow-contacts.csv
	fw=$(best "$fw" "$secs"); fc=$(best "$fc" "$cpu"); fr=$rss
	run scipy "$PY" ../tests/tools/cdnow_scipy.py --score data/scipy-score.csv data/cdnow-master.txt 1997-09-30
	pw=$(best "$pw" "$secs"); pc=$(best "$pc" "$cpu"); pr=$rss
done
# the same answers
"$PY" - data/cdnow-params.csv data/out-scipy.csv data/out-fu-churn.csv data/scipy-score.csv <<'P'
import csv, sys
ours = dict(l.strip().split(',') for l in open(sys.argv[1]) if not l.startswith('name'))
theirs = dict(l.strip().split(',') for l in open(sys.argv[2]))
for k in ('r', 'alpha', 'a', 'b', 'll', 'p', 'q', 'gamma', 'gg_ll'):
    assert abs(float(ours[k]) - float(theirs[k])) < 1e-3, (k, ours[k], theirs[k])
a = {r['id']: r for r in csv.DictReader(open(sys.argv[3]))}
b = {r['id']: r for r in csv.DictReader(open(sys.argv[4]))}
assert len(a) == len(b) == 23570
for k, r in b.items():
    for c in ('p_alive', 'exp_purchases'):
        assert abs(float(a[k][c]) - float(r[c])) <= 1.5e-4, (k, c, a[k][c], r[c])
print('outputs equal: parameters (1e-3), p_alive and exp_purchases of 23570 customers (1.5e-4)')
P
printf '%-10s %7.2f s wall %7.2f s cpu %5s MB peak RSS\n' fu-churn "$fw" "$fc" "$fr" scipy "$pw" "$pc" "$pr"
awk -v fw="$fw" -v fc="$fc" -v pw="$pw" -v pc="$pc" 'BEGIN {
	printf "fu-churn is %.0fx faster than scipy by wall time, %.0fx by CPU time (target 20x)\n",
		pw / (fw > 0.005 ? fw : 0.005), pc / (fc > 0.005 ? fc : 0.005) }'

N=${BENCH_CUSTOMERS:-1000000}
echo "-- generated: $N customers"
[ -f data/churn-contacts-$N.csv ] || awk -v n="$N" 'BEGIN {
	print "id,email,stage"
	for (i = 1; i <= n; i++) printf "g%d,g%d@example.com,returning\n", i, i
}' >data/churn-contacts-$N.csv
for E in ${BENCH_EVENTS:-2000000 10000000}; do
	V=data/churn-events-$N-$E.csv
	if [ ! -f "$V" ]; then
		echo "generating $E events..."
		# about 40% purchases: the purchase rate falls as alpha grows
		alpha=$(awk -v e="$E" -v n="$N" 'BEGIN { a = 6 * 10 * n / e; print a < 1 ? 1 : a }')
		awk -v n="$N" -v e="$E" -v alpha="$alpha" -f gen-churn.awk |
			sort -t "$(printf '\t')" -k1,1n -s | cut -f2 |
			(echo contact_id,when,type,value,item,note; cat) >"$V"
	fi
	run "gen-$E" ../fu-churn --events "$V" --now 2026-03-01 data/churn-contacts-$N.csv
	rows=$(($(wc -l <data/out-gen-$E.csv) - 1))
	printf '%9d events: %7.2f s wall %7.2f s cpu %5s MB peak RSS, %d rows (%s bytes of RSS per customer)\n' \
		"$E" "$secs" "$cpu" "$rss" "$rows" "$(awk -v r="$rss" -v n="$N" 'BEGIN { printf "%.0f", r * 1048576 / n }')"
	tail -1 data/err-gen-$E.txt
done
