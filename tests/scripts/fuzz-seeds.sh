# Every libFuzzer target's committed seeds and regression cases
# (tests/fuzz/seeds/NAME), replayed by the target built as a plain program
# (tests/fuzz/replay.c, built by `make check`): a crash, a failed assertion
# or a sanitizer report under `make asan` fails; so does a seed that takes
# more than a minute (a hang that came back).
set -u
fail=0
for src in "$TESTS"/fuzz/*.c; do
	t=$(basename "$src" .c)
	[ "$t" = replay ] && continue
	bin=$TESTS/fuzz/bin/$t
	seeds=$TESTS/fuzz/seeds/$t
	[ -x "$bin" ] || { echo "$t: $bin not built"; fail=1; continue; }
	[ -d "$seeds" ] && [ -n "$(ls "$seeds")" ] || { echo "$t: no seeds in $seeds"; fail=1; continue; }
	timeout 60 "$bin" "$seeds" >out 2>err; st=$?
	[ $st = 0 ] || { echo "$t: exit $st"; tail -20 err; fail=1; }
	echo "$t: $(tail -1 err)"
done
exit $fail
