#!/bin/sh
# fu-import throughput and memory, beside Miller and a plain libcsv round trip,
# on one generated messy contacts file (1M rows, ~170 MB; bench/gen-contacts.c).
# Each tool runs RUNS times (default 3); the best wall time counts, and the
# peak RSS of that run.  Run from bench/ by `make bench` (after the build).
set -u
cd "$(dirname "$0")"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
data=data/contacts-$ROWS.csv
[ -x data/gen-contacts ] && [ -x data/csvcat ] || { echo "build first: make bench" >&2; exit 2; }
[ -s "$data" ] || data/gen-contacts "$ROWS" >"$data" || exit 2
bytes=$(wc -c <"$data")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $data, $ROWS rows, $mb MB"

# run NAME CMD...: best of RUNS; sets $secs, $rss_kb; appends a report line
results=data/fu-import-results.txt
: >"$results"
run() {
	name=$1; shift
	best=; best_rss=
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -v -o data/time.txt "$@" <"$data" >/dev/null 2>data/stderr.txt
		st=$?
		if [ $st -gt 1 ]; then
			echo "$name: exit $st" >&2; tail -3 data/stderr.txt >&2; return 1
		fi
		s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); v = 0; for (k = 1; k <= n; k++) v = v * 60 + t[k]; print v }' data/time.txt)
		r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' data/time.txt)
		if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$s; best_rss=$r
		fi
		i=$((i + 1))
	done
	secs=$best; rss_kb=$best_rss
	printf '%-34s %7.2f s %8.1f MB/s %9d KB peak RSS\n' "$name" "$secs" \
		"$(awk -v b="$bytes" -v s="$secs" 'BEGIN { print b / 1e6 / s }')" "$rss_kb" | tee -a "$results"
}

run "csvcat (plain libcsv round trip)" data/csvcat || exit 1
t_csv=$secs
run "mlr --icsv --ocsv cat" mlr --icsv --ocsv cat || exit 1
t_mlr=$secs
run "fu-import --no-merge" ../fu-import --no-merge || exit 1
t_nomerge=$secs; rss_nomerge=$rss_kb
tail -1 data/stderr.txt
run "fu-import (merging)" ../fu-import || exit 1
t_merge=$secs; rss_merge=$rss_kb
counts=$(tail -1 data/stderr.txt)
echo "$counts"
distinct=$(echo "$counts" | sed -n 's/.*wrote \([0-9]*\),.*/\1/p')

echo
awk -v m="$t_mlr" -v c="$t_csv" -v n="$t_nomerge" -v g="$t_merge" \
    -v rn="$rss_nomerge" -v rg="$rss_merge" -v d="$distinct" 'BEGIN {
	printf "fu-import --no-merge vs Miller:      %5.2fx  (target >= 3x: %s)\n", m / n, m / n >= 3 ? "met" : "MISSED"
	printf "fu-import --no-merge vs plain libcsv: %4.0f%%  (target >= 60%%: %s)\n", 100 * c / n, c / n >= 0.6 ? "met" : "MISSED"
	printf "fu-import merging vs Miller:         %5.2fx\n", m / g
	printf "merging memory: %.1f bytes per distinct contact beyond the --no-merge peak (%d contacts; target <= ~100: %s)\n",
	    (rg - rn) * 1024 / d, d, (rg - rn) * 1024 / d <= 100 ? "met" : "MISSED"
}'
