# The EXAMPLES of every man page run as tests: in a `.Bd -literal` block, a
# line `$ command` is run (sh, in a copy of examples/); the lines after it, up
# to the next command or the block's end, are its exact expected output.
set -u
cp -r "$EXAMPLES" ex
fail=0 ran=0
for page in "$SRCDIR"/man/*.[17]; do
	[ -f "$page" ] || continue
	awk '
		/^\.Sh / { inex = ($2 == "EXAMPLES") }
		inex && /^\.Bd -literal/ { lit = 1; next }
		inex && /^\.Ed/ { lit = 0; next }
		inex && lit {
			gsub(/\\e/, "\\"); gsub(/\\-/, "-"); gsub(/\\&/, "")
			if ($0 ~ /^\$ /) { n++; print "#CMD " substr($0, 3) > "cmds.txt"; next }
			if (n) print > "cmds.txt"
		}' "$page"
	[ -f cmds.txt ] || continue
	n=0
	while IFS= read -r line; do
		case $line in
		"#CMD "*) n=$((n + 1)); printf '%s\n' "${line#\#CMD }" >"cmd.$n"; : >"want.$n" ;;
		*) printf '%s\n' "$line" >>"want.$n" ;;
		esac
	done <cmds.txt
	i=1
	while [ $i -le $n ]; do
		(cd ex && sh -c "$(cat ../cmd.$i)") >got 2>err; st=$?
		ran=$((ran + 1))
		if [ $st -ne 0 ]; then
			echo "$(basename "$page"): exit $st: $(cat cmd.$i)"; cat err; fail=1
		elif [ -s "want.$i" ] && ! cmp -s "want.$i" got; then
			echo "$(basename "$page"): output differs: $(cat cmd.$i)"; diff "want.$i" got | head -20; fail=1
		fi
		i=$((i + 1))
	done
	rm -f cmds.txt cmd.* want.*
done
echo "$ran man page examples run"
exit $fail
