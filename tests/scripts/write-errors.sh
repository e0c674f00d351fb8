# Fault loop over every program: each data-driven case that succeeds with
# output is run again with stdout on /dev/full and with stdout closed; both
# must fail loudly (exit 2, "write error"), never exit 0 with output lost.
set -u
fail=0 ran=0
for dir in "$TESTS"/cases/fu-*/*/; do
	[ -s "$dir/out" ] || continue
	[ ! -f "$dir/status" ] || [ "$(cat "$dir/status")" = 0 ] || continue
	grep -q '[|>]' "$dir/cmd" && continue # the case redirects its own output
	in=/dev/null; [ -f "$dir/in" ] && in=$dir/in
	name=${dir%/}; name=${name#"$TESTS"/cases/}
	(cd "$dir" && sh ./cmd <"$in" >/dev/full 2>"$OLDPWD/err"); st=$?
	ran=$((ran + 1))
	if [ $st -ne 2 ] || ! grep -q "write error" err; then
		echo "$name >/dev/full: exit $st: $(tail -1 err)"; fail=1
	fi
	# the summary claims nothing the disk refused ("not written", as
	# fu-import says, not "wrote 13 tasks")
	if grep -q '^fu-[a-z]*: read .*[ ,]\(wrote\|drew\) [0-9]' err; then
		echo "$name >/dev/full: the summary says it wrote: $(grep '^fu-[a-z]*: read ' err | tail -1)"; fail=1
	fi
	(cd "$dir" && sh ./cmd <"$in" >&- 2>"$OLDPWD/err"); st=$?
	[ $st -ne 0 ] || { echo "$name >&-: exit 0"; fail=1; }
done
echo "$ran cases run into /dev/full and a closed stdout"
exit $fail
