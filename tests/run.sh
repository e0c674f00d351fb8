#!/bin/sh
# fu test runner.  Two kinds of test, both found by listing files:
#  tests/cases/GROUP/NAME/  a data-driven case: `cmd` (a shell command run in
#      the case directory), optional `in` (stdin; else /dev/null), `out`
#      (expected stdout; absent = empty), `err` (expected stderr; absent =
#      empty), `status` (expected exit status; absent = 0).
#  tests/scripts/NAME.sh    a script; exit 0 = pass.  Runs in a fresh temp dir.
# Both see TESTS (this directory), EXAMPLES and SRCDIR (the checkout) in the
# environment, and the built programs first on PATH.
# Usage: sh tests/run.sh [PATTERN]   (runs tests whose name contains PATTERN)
# FU_TEST_JOBS=N (default: the number of CPUs) runs N shards side by side;
# each test still runs alone in its own directory, and the report is one.
set -u
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
TESTS=$SRCDIR/tests
EXAMPLES=$SRCDIR/examples
export SRCDIR TESTS EXAMPLES
export LC_ALL=C.UTF-8 TZ=Europe/Helsinki
PATH=$TESTS/tools:$PATH
# Debian's python with its modules, not a pyenv one first on PATH.
PY=/usr/bin/python3
export PY
pattern=${1:-}
jobs=${FU_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
shard=${FU_TEST_SHARD:-}
if [ -z "$shard" ] && [ "$jobs" -gt 1 ]; then
	outs=$(mktemp -d "${TMPDIR:-/tmp}/fu-shards.XXXXXX")
	pids=
	trap 'rm -rf "$outs"' EXIT
	trap 'kill $pids 2>/dev/null; exit 143' INT TERM
	i=0
	while [ "$i" -lt "$jobs" ]; do
		FU_TEST_SHARD=$i/$jobs sh "$0" "$pattern" >"$outs/$i" 2>&1 &
		pids="$pids $!"
		i=$((i + 1))
	done
	# a shard that died (killed, out of memory) has no summary or a status
	# its summary does not explain: one failure more
	i=0
	for pid in $pids; do
		wait "$pid"; echo "$?" >"$outs/$i.status"
		i=$((i + 1))
	done
	i=0 p=0 f=0
	while [ "$i" -lt "$jobs" ]; do
		grep -v '^[0-9]* passed, [0-9]* failed$' "$outs/$i"
		sum=$(grep '^[0-9]* passed, [0-9]* failed$' "$outs/$i" | tail -1)
		st=$(cat "$outs/$i.status")
		sp=${sum%% *}; sf=${sum#*, }; sf=${sf%% *}
		if [ -z "$sum" ] || { [ "$st" != 0 ] && [ "$sf" = 0 ]; }; then
			echo "FAIL shard $i/$jobs ended with status $st and no summary of it"
			[ -n "$sum" ] || { sp=$(grep -c '^ok ' "$outs/$i"); sf=$(grep -c '^FAIL ' "$outs/$i"); }
			sf=$((sf + 1))
		fi
		p=$((p + sp)) f=$((f + sf))
		i=$((i + 1))
	done
	echo "$p passed, $f failed"
	[ "$f" -eq 0 ]
	exit
fi
shard_no=${shard%/*} shard_of=${shard#*/}
[ -n "$shard" ] || { shard_no=0 shard_of=1; }
seq=0
mine() { seq=$((seq + 1)); [ $((seq % shard_of)) -eq "$shard_no" ]; }
work=$(mktemp -d "${TMPDIR:-/tmp}/fu-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 143' INT TERM
pass=0 fail=0

report() { # name ok|FAIL detail-file
	if [ "$2" = ok ]; then
		pass=$((pass + 1)); echo "ok   $1"
	else
		fail=$((fail + 1)); echo "FAIL $1"; sed 's/^/     /' "$3" | head -40
	fi
}

for dir in "$TESTS"/cases/*/*/; do
	[ -f "$dir/cmd" ] || continue
	name=${dir%/}; name=${name#"$TESTS"/cases/}
	case $name in *"$pattern"*) ;; *) continue ;; esac
	mine || continue
	in=/dev/null; [ -f "$dir/in" ] && in=$dir/in
	(cd "$dir" && sh ./cmd <"$in" >"$work/out" 2>"$work/err"); st=$?
	want_st=0; [ -f "$dir/status" ] && want_st=$(cat "$dir/status")
	: >"$work/why"
	for f in out err; do
		if [ -f "$dir/$f" ]; then want=$dir/$f; else want=/dev/null; fi
		cmp -s "$want" "$work/$f" || { echo "$f differs:"; diff "$want" "$work/$f" | head -30; } >>"$work/why"
	done
	[ "$st" = "$want_st" ] || echo "exit status $st, expected $want_st" >>"$work/why"
	if [ -s "$work/why" ]; then report "$name" FAIL "$work/why"; else report "$name" ok; fi
done

for script in "$TESTS"/scripts/*.sh; do
	[ -f "$script" ] || continue
	name=scripts/$(basename "$script" .sh)
	case $name in *"$pattern"*) ;; *) continue ;; esac
	mine || continue
	mkdir "$work/s" && (cd "$work/s" && sh "$script") >"$work/why" 2>&1
	if [ $? -eq 0 ]; then report "$name" ok; else report "$name" FAIL "$work/why"; fi
	rm -rf "$work/s"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
