#!/bin/sh
# fu-import throughput and memory beside Miller, on two generated contacts
# exports of ROWS rows (bench/gen-contacts.c): the clean kind (one row in ten
# repeats a person) and the messy kind (most rows merge or carry a value that
# needs a warning).  The peers do the nearest work a user would reach for:
#   mlr --icsv --ocsv cat                  beside fu-import --no-merge
#   mlr --icsv --ocsv head -n 1 -g EMAIL   (Miller's dedupe) beside fu-import
# Standard error goes to a file, as in a pipeline.  The commands run
# interleaved, RUNS rounds (default 3); each one's best wall time counts, with
# the peak RSS and CPU time of that run (on a shared machine the wall times
# depend on the load: the CPU times less so).  The load average is printed.
# fu-import's memory figure for merging adds what
# it spilled to its spool file (0 when the contacts fit --memory).
# The outputs are checked outside the timed runs: every row accounted for
# and Miller reads back as many records as fu-import says it wrote.
# Run from bench/ by `make bench` (after the build).
set -u
cd "$(dirname "$0")"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
[ -x data/gen-contacts ] || { echo "build first: make bench" >&2; exit 2; }
clean=data/contacts-$ROWS.csv
messy=data/contacts-messy-$ROWS.csv
[ -s "$clean" ] || data/gen-contacts "$ROWS" >"$clean" || exit 2
[ -s "$messy" ] || data/gen-contacts "$ROWS" messy >"$messy" || exit 2
results=data/fu-import-results.txt
: >"$results"
bad=0

# one NAME DATA CMD...: run once; keep the best wall time and its peak RSS
# in data/best.NAME (seconds KB), and the last stderr in data/err.NAME
one() {
	name=$1 data=$2; shift 2
	/usr/bin/time -f '%e %M %U %S' -o data/time.txt "$@" <"$data" >/dev/null 2>data/err.$name
	st=$?
	if [ $st -gt 1 ]; then
		echo "$name: exit $st" >&2; tail -3 data/err.$name >&2; return 1
	fi
	set -- $(tail -1 data/time.txt)
	if [ ! -s data/best.$name ] || awk -v a="$1" -v b="$(cut -d' ' -f1 data/best.$name)" 'BEGIN { exit !(a < b) }'; then
		echo "$1 $2 $(awk -v u="$3" -v s="$4" 'BEGIN { print u + s }')" >data/best.$name
	fi
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for set in clean messy; do
	eval data=\$$set
	bytes=$(wc -c <"$data")
	echo "input: $data, $ROWS rows, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
	rm -f data/best.*
	r=0
	while [ $r -lt "$RUNS" ]; do
		one mlr-cat "$data" mlr --icsv --ocsv cat || exit 1
		one nomerge "$data" ../fu-import --no-merge || exit 1
		one mlr-dedupe "$data" mlr --icsv --ocsv head -n 1 -g Email || exit 1
		one merge "$data" ../fu-import || exit 1
		r=$((r + 1))
	done
	for n in mlr-cat nomerge mlr-dedupe merge; do
		set -- $(cat data/best.$n)
		printf '%-6s %-11s %7.2f s %8.1f MB/s %9d KB peak RSS %7.2f s CPU\n' "$set" "$n" "$1" \
			"$(awk -v b="$bytes" -v s="$1" 'BEGIN { print b / 1e6 / s }')" "$2" "$3" | tee -a "$results"
	done
	echo "  fu-import --no-merge: $(tail -1 data/err.nomerge)"
	echo "  fu-import:            $(tail -1 data/err.merge)"
	echo "  stderr: fu-import --no-merge wrote $(wc -c <data/err.nomerge) bytes, merging $(wc -c <data/err.merge)"
	# the outputs checked, outside the timed runs: every row is accounted
	# for (read = written + merged + rejected), Miller reads back as many
	# records as fu-import says it wrote, and --no-merge keeps every row that
	# mlr cat keeps but the rejected ones.  (Miller's dedupe keeps one row per
	# e-mail cell as written; merging also joins e-mails that differ only in
	# case or spaces, and rows by phone, so it keeps fewer: both are shown.)
	../fu-import --no-merge <"$data" >data/out.nomerge 2>data/err.check
	sum_nm=$(tail -1 data/err.check)
	../fu-import <"$data" >data/out.merge 2>data/err.check
	sum_m=$(tail -1 data/err.check)
	mlr --icsv --ocsv head -n 1 -g Email <"$data" >data/out.dedupe
	n_in=$(mlr --icsv --onidx count "$data")
	n_nm=$(mlr --icsv --onidx count data/out.nomerge)
	n_m=$(mlr --icsv --onidx count data/out.merge)
	n_dd=$(mlr --icsv --onidx count data/out.dedupe)
	rm -f data/out.nomerge data/out.merge data/out.dedupe
	check=$(awk -v nin="$n_in" -v nnm="$n_nm" -v nm="$n_m" -v snm="$sum_nm" -v sm="$sum_m" 'BEGIN {
		split(snm, a, /[ ,]+/); split(sm, b, /[ ,]+/)
		for (i in a) { if (a[i] == "read") r1 = a[i+1]; if (a[i] == "wrote") w1 = a[i+1]; if (a[i] == "rejected") j1 = a[i+1] }
		for (i in b) { if (b[i] == "read") r2 = b[i+1]; if (b[i] == "wrote") w2 = b[i+1]; if (b[i] == "merged") m2 = b[i+1]; if (b[i] == "rejected") j2 = b[i+1] }
		ok = r1 == nin && w1 == nnm && w1 + j1 == nin && r2 == nin && w2 == nm && w2 + m2 + j2 == nin
		print ok ? "ok" : "MISMATCH"
	}')
	echo "  outputs: $n_in input records; mlr cat $n_in, fu-import --no-merge $n_nm; mlr head -g Email $n_dd, fu-import merged $n_m contacts: $check" | tee -a "$results"
	[ "$check" = ok ] || bad=1
	# what merging held and spilled to its spool in TMPDIR (nothing when the
	# contacts fit --memory), as fu-import counts it
	FU_IMPORT_STATS=1 ../fu-import <"$data" 2>data/err.stats >/dev/null
	stats=$(grep 'merge:' data/err.stats)
	echo "  $stats"
	spill=$(echo "$stats" | sed -n 's/.*spilled \([0-9]*\) bytes.*/\1/p')
	per=$(echo "$stats" | sed -n 's/.*, \([0-9.]*\) bytes per contact.*/\1/p')
	distinct=$(tail -1 data/err.merge | sed -n 's/.*wrote \([0-9]*\),.*/\1/p')
	awk -v mc="$(cut -d' ' -f1 data/best.mlr-cat)" -v nm="$(cut -d' ' -f1 data/best.nomerge)" \
	    -v md="$(cut -d' ' -f1 data/best.mlr-dedupe)" -v g="$(cut -d' ' -f1 data/best.merge)" \
	    -v rn="$(cut -d' ' -f2 data/best.nomerge)" -v rg="$(cut -d' ' -f2 data/best.merge)" \
	    -v cmc="$(cut -d' ' -f3 data/best.mlr-cat)" -v cnm="$(cut -d' ' -f3 data/best.nomerge)" \
	    -v cmd="$(cut -d' ' -f3 data/best.mlr-dedupe)" -v cg="$(cut -d' ' -f3 data/best.merge)" \
	    -v sp="${spill:-0}" -v d="$distinct" -v per="${per:-0}" -v set="$set" 'BEGIN {
		printf "  %s: fu-import --no-merge vs mlr cat:    %5.2fx  (target >= 3x: %s)\n", set, mc / nm, mc / nm >= 3 ? "met" : "MISSED"
		printf "  %s: fu-import vs mlr head -g (dedupe): %5.2fx  (target >= 3x: %s)\n", set, md / g, md / g >= 3 ? "met" : "MISSED"
		printf "  %s: merging memory %.0f bytes per distinct contact (%d contacts): peak RSS beyond that of --no-merge plus %d bytes spilled (as fu-import counts it: %s)\n",
		    set, ((rg - rn) * 1024 + sp) / d, d, sp, per
		printf "  %s: CPU seconds (user+sys, all threads): --no-merge %.2fx less than mlr cat, merging %.2fx less than mlr head -g\n", set, (cnm > 0 ? cmc / cnm : 0), (cg > 0 ? cmd / cg : 0)
	}' | tee -a "$results"
done
exit $bad
