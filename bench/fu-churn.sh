#!/bin/sh
# fu-churn benchmarks (issue 8).
# 1. The CDNOW master log (23,570 customers, 69,659 purchases), fitted and
#    scored, whole process, beside an independent fit of the same likelihoods
#    with Debian's python3-scipy (tests/tools/cdnow_scipy.py --score: builds
#    the summary, fits BG/NBD and Gamma-Gamma, computes P(alive) and
#    E[Y(52w)] for every customer).  Parameters and both columns are checked
#    equal (1e-3, 1.5e-4); runs interleaved, best of 3; wall and CPU time
#    (the machine is shared: CPU time is the steadier ratio) and peak RSS.
# 2. Generated logs: BENCH_CUSTOMERS (1M) customers with BENCH_EVENTS
#    (2M and 10M) events, time-ordered over two years, 40% purchases:
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
awk -v n="$N" 'BEGIN {
	print "id,email,stage"
	for (i = 1; i <= n; i++) printf "g%d,g%d@example.com,returning\n", i, i
}' >data/churn-contacts-$N.csv
for E in ${BENCH_EVENTS:-2000000 10000000}; do
	V=data/churn-events-$N-$E.csv
	if [ ! -f "$V" ]; then
		echo "generating $E events..."
		awk -v n="$N" -v e="$E" 'BEGIN {
			srand(8)
			# 730 days from 2024-03-01, in time order (an append-only log)
			D = 730
			for (d = 0; d < D; d++) {
				z = 19783 + d + 719468; era = int(z / 146097); doe = z - era * 146097
				yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
				y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
				mp = int((5 * doy + 2) / 153); dd = doy - int((153 * mp + 2) / 5) + 1
				m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
				date[d] = sprintf("%04d-%02d-%02d", y, m, dd)
			}
			split("purchase purchase purchase purchase email_sent email_sent email_open email_open email_click reply", T, " ")
			print "contact_id,when,type,value,item,note"
			for (k = 0; k < e; k++) {
				d = int(k * D / e)
				# some customers buy far more often than others
				c = 1 + int(n * rand() * rand())
				t = T[1 + int(rand() * 10)]
				if (t == "purchase")
					printf "g%d,%sT%02d:%02d:00Z,purchase,%d.%02d,Product %d,\n", c, date[d], int(rand() * 24), int(rand() * 60), 5 + int(rand() * 200), int(rand() * 100), int(rand() * 500)
				else
					printf "g%d,%sT%02d:%02d:00Z,%s,,newsletter,\n", c, date[d], int(rand() * 24), int(rand() * 60), t
			}
		}' >"$V"
	fi
	run "gen-$E" ../fu-churn --events "$V" --now 2026-03-01 data/churn-contacts-$N.csv
	rows=$(($(wc -l <data/out-gen-$E.csv) - 1))
	printf '%9d events: %7.2f s wall %7.2f s cpu %5s MB peak RSS, %d rows (%s bytes of RSS per customer)\n' \
		"$E" "$secs" "$cpu" "$rss" "$rows" "$(awk -v r="$rss" -v n="$N" 'BEGIN { printf "%.0f", r * 1048576 / n }')"
	tail -1 data/err-gen-$E.txt
done
