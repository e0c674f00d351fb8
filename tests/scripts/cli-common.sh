# Every program: --help, --version, misuse, write errors, man page, completions
# that name every long option of --help.
set -u
fail=0
bad() { echo "$*"; fail=1; }
for bin in "$SRCDIR"/fu-*; do
	[ -x "$bin" ] && [ -f "$SRCDIR/src/$(basename "$bin").c" ] || continue
	p=$(basename "$bin")
	"$bin" --help >help.txt 2>err.txt || bad "$p --help: exit $?"
	[ -s err.txt ] && bad "$p --help wrote to stderr"
	grep -q "^Usage: $p" help.txt || bad "$p --help: no 'Usage: $p' line"
	"$bin" --version | grep -q "^$p (fu) " || bad "$p --version"
	"$bin" --no-such-option >/dev/null 2>err.txt; st=$?
	[ "$st" = 2 ] || bad "$p --no-such-option: exit $st, want 2"
	grep -q "Try '$p --help'" err.txt || bad "$p misuse: no 'Try' line"
	"$bin" --help >/dev/full 2>err.txt; st=$?
	[ "$st" = 2 ] && grep -q "write error" err.txt || bad "$p --help >/dev/full: exit $st, $(cat err.txt)"
	# a directory or a missing file as input: exit 2 with the name
	"$bin" / >/dev/null 2>err.txt; st=$?
	[ "$st" = 2 ] && grep -q "^$p: /" err.txt || bad "$p /: exit $st, $(cat err.txt)"
	"$bin" ./no-such-file.csv >/dev/null 2>err.txt; st=$?
	[ "$st" = 2 ] && grep -q "no-such-file.csv: No such file" err.txt || bad "$p no-such-file: exit $st, $(cat err.txt)"
	[ -f "$SRCDIR/man/$p.1" ] || bad "$p: no man/$p.1"
	for opt in $(grep -o -- '--[a-z][a-z0-9-]*' help.txt | sort -u); do
		name=${opt#--}
		grep -q -- "$opt" "$SRCDIR/completions/$p.bash" 2>/dev/null || bad "$p: bash completion lacks $opt"
		grep -q -- "$opt" "$SRCDIR/completions/_$p" 2>/dev/null || bad "$p: zsh completion lacks $opt"
		grep -Eq -- "-l $name( |\$)" "$SRCDIR/completions/$p.fish" 2>/dev/null || bad "$p: fish completion lacks -l $name"
		grep -Eq -- "Fl (\\\\-)?$name( |\$)" "$SRCDIR/man/$p.1" 2>/dev/null || bad "$p: man page lacks .Fl $name"
	done
done
exit $fail
