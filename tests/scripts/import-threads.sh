# fu-import reads in a helper thread or not (FU_IMPORT_THREADS=1/0, by
# default depending on idle CPUs): both give byte-identical output, stderr and
# exit status on every fu-import case and on a generated file of many batches.
set -u
fail=0
cc -O2 -o gen "$SRCDIR/bench/gen-contacts.c" && ./gen 20000 >big.csv || exit 1
for dir in "$TESTS"/cases/fu-import/*/ big; do
	if [ "$dir" = big ]; then
		for t in 0 1; do
			FU_IMPORT_THREADS=$t fu-import big.csv >out.$t 2>err.$t; echo $? >st.$t
		done
	else
		in=/dev/null; [ -f "$dir/in" ] && in=$dir/in
		for t in 0 1; do
			(cd "$dir" && FU_IMPORT_THREADS=$t sh ./cmd <"$in" >"$OLDPWD/out.$t" 2>"$OLDPWD/err.$t"; echo $? >"$OLDPWD/st.$t")
		done
	fi
	for f in out err st; do
		cmp -s $f.0 $f.1 || { echo "$dir: $f differs with and without the thread"; fail=1; }
	done
done
exit $fail
