# Fault loop over every program (./fu-*, found by listing, so a new program
# is covered without editing this), in the habit of coreutils' tests.  For
# each, its data-driven case with the most output (exit 0, no redirection of
# its own) is run again with:
#   stdout on /dev/full        -> exit 2, "PROG: ...write error..."
#   stdout closed              -> exit 2 and a message
#   stdout a pipe nobody reads (`| head -1` once head is gone)
#                              -> ends quietly: no message about the pipe
#   the input a missing file, a directory, a file it may not read (as
#   nobody, since root reads anything), --events the same
#                              -> exit 2, "PROG: NAME: why"
#   --rejects FILE (and fu-churn's --plot, --params) with stdout failing
#                              -> FILE is its old self or complete, never
#                                 half-written, and no temporary is left
set -u
fail=0
bad() { echo "$*"; fail=1; }
# a place nobody can read in: the test's own directory is root's alone
pub=$(mktemp -d "${TMPDIR:-/tmp}/fu-fault.XXXXXX")
trap 'rm -rf "$pub"' EXIT
chmod 755 "$pub"
echo 'id,email' >"$pub/secret.csv"
chmod 000 "$pub/secret.csv"
as_nobody=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		echo "note: root and no setpriv: the unreadable-file check is skipped"
	fi
fi
# stdout a pipe whose reader is gone: the first write gets SIGPIPE or EPIPE
closed_pipe() {
	$PY -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stdin=open(os.environ["IN"], "rb"))
sys.exit(0 if p.returncode < 0 else p.returncode)' sh -c "$1"
}

for bin in "$SRCDIR"/fu-*; do
	[ -x "$bin" ] && [ -f "$SRCDIR/src/$(basename "$bin").c" ] || continue
	p=$(basename "$bin")
	best= size=0
	for dir in "$TESTS"/cases/"$p"/*/; do
		[ -s "$dir/out" ] || continue
		[ ! -f "$dir/status" ] || [ "$(cat "$dir/status")" = 0 ] || continue
		grep -q '[|>]' "$dir/cmd" && continue
		s=$(wc -c <"$dir/out")
		[ "$s" -gt "$size" ] && best=$dir size=$s
	done
	[ -n "$best" ] || { bad "$p: no case that succeeds with output"; continue; }
	IN=/dev/null; [ -f "$best/in" ] && IN=$best/in
	export IN
	cmd=$(cat "$best/cmd")
	here=$PWD
	(cd "$best" && sh -c "$cmd" <"$IN" >/dev/full 2>"$here/err"); st=$?
	[ $st = 2 ] && grep -q "^$p: .*write error" err || bad "$p >/dev/full: exit $st: $(tail -2 err)"
	(cd "$best" && sh -c "$cmd" <"$IN" >&- 2>"$here/err"); st=$?
	[ $st = 2 ] && grep -q "^$p: " err || bad "$p >&-: exit $st: $(tail -2 err)"
	(cd "$best" && closed_pipe "$cmd" 2>"$here/err"); st=$?
	! grep -Eqi 'broken pipe|write error' err || bad "$p | head: not quiet (exit $st): $(tail -2 err)"

	# inputs that cannot be read
	"$bin" ./no-such.csv </dev/null >/dev/null 2>err; st=$?
	[ $st = 2 ] && grep -q "^$p: \./no-such.csv: No such file" err || bad "$p missing input: exit $st: $(cat err)"
	mkdir -p adir
	"$bin" adir </dev/null >/dev/null 2>err; st=$?
	[ $st = 2 ] && grep -q "^$p: adir:" err || bad "$p directory input: exit $st: $(cat err)"
	if [ -n "$as_nobody" ]; then
		$as_nobody "$bin" "$pub/secret.csv" </dev/null >/dev/null 2>err; st=$?
		[ $st = 2 ] && grep -q "^$p: $pub/secret.csv: Permission denied" err ||
			bad "$p unreadable input: exit $st: $(cat err)"
	elif [ "$(id -u)" != 0 ]; then
		"$bin" "$pub/secret.csv" </dev/null >/dev/null 2>err; st=$?
		[ $st = 2 ] && grep -q "Permission denied" err || bad "$p unreadable input: exit $st: $(cat err)"
	fi
	if "$bin" --help | grep -q -- '--events'; then
		for ev in ./no-such-events.csv adir; do
			"$bin" --events "$ev" --now 2026-01-01 </dev/null >/dev/null 2>err; st=$?
			[ $st = 2 ] && grep -q "^$p: $ev:" err || bad "$p --events $ev: exit $st: $(cat err)"
		done
	fi

	# named output files, with stdout failing after the run
	for opt in --rejects --plot --params; do
		"$bin" --help | grep -q -- "$opt" || continue
		rm -rf outdir && mkdir outdir
		f=$PWD/outdir/named
		case $opt in --plot) f=$f.svg ;; esac
		[ "$opt" = --params ] || echo old >"$f" # --params is written only when missing
		(cd "$best" && sh -c "$cmd $opt '$f'" <"$IN" >/dev/full 2>"$here/err"); st=$?
		[ $st = 2 ] || bad "$p $opt with stdout full: exit $st: $(tail -2 err)"
		left=$(ls -A outdir | grep -v '^named' || true)
		[ -z "$left" ] || bad "$p $opt: left behind: $left"
		[ -f "$f" ] || continue
		[ "$(cat "$f")" = old ] && continue
		case $opt in
		--plot) tail -c 20 "$f" | grep -q '</svg>' || bad "$p --plot: half-written SVG" ;;
		*) [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" = '\n' ] || bad "$p $opt: half-written (no last newline)" ;;
		esac
	done
done
exit $fail
