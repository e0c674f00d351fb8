# fu-import reads in a helper thread or not (FU_IMPORT_THREADS=1/0, by
# default depending on idle CPUs): both give byte-identical output, stderr,
# exit status and reject report on every fu-import case and on generated
# files of many batches (a clean one and a messy one, where most rows merge
# or warn), merged and not.
set -u
fail=0
cc -O2 -o gen "$SRCDIR/bench/gen-contacts.c" && ./gen 20000 >big.csv && ./gen 20000 messy >messy.csv || exit 1
for dir in "$TESTS"/cases/fu-import/*/ big messy big--no-merge messy--no-merge; do
	case $dir in
	big* | messy*)
		opt=${dir#big} && opt=${opt#messy}
		for t in 0 1; do
			FU_IMPORT_THREADS=$t fu-import --rejects=rej.$t $opt "${dir%%-*}.csv" >out.$t 2>err.$t
			echo $? >st.$t
			sed "s/rej\.$t/rej/" err.$t >err.tmp && mv err.tmp err.$t
		done
		cmp -s rej.0 rej.1 || { echo "$dir: the reject report differs with and without the thread"; fail=1; }
		;;
	*)
		in=/dev/null; [ -f "$dir/in" ] && in=$dir/in
		for t in 0 1; do
			(cd "$dir" && FU_IMPORT_THREADS=$t sh ./cmd <"$in" >"$OLDPWD/out.$t" 2>"$OLDPWD/err.$t"; echo $? >"$OLDPWD/st.$t")
		done
		;;
	esac
	for f in out err st; do
		cmp -s $f.0 $f.1 || { echo "$dir: $f differs with and without the thread"; fail=1; }
	done
done
exit $fail
