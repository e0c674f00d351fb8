#!/bin/sh
# Progress (the library reader): a run that passes 2 s with stderr on a
# terminal shows one line updated in place (rows, rows/s, bytes read of the
# total) and takes it off at the end; a quick run shows nothing; so does a
# slow run whose stderr is no terminal.  The terminal is script(1)'s pty.
# The run is made slow by its reader: the output pipe is not read for 2.5 s.
set -eu
command -v script >/dev/null || { echo "script (bsdutils) is not installed"; exit 1; }
seq 1 300000 | sed 's/^/contact-/; s/$/,42/' >big.csv
slow='| (sleep 2.5; cat >/dev/null)'

script -qec "csvcat big.csv $slow" tty.log </dev/null >/dev/null
# the line: "csvcat: big.csv: 123 rows, 45 rows/s, 0.2 MB read of 4.5 MB (4%)"
grep -a -q 'csvcat: big.csv: [0-9]* rows, [0-9]* rows/s, [0-9.]* MB read of [0-9.]* MB ([0-9]*%)' tty.log ||
	{ echo "no progress line on the terminal:"; cat -v tty.log; exit 1; }
# redrawn in place, and cleared before the program ends
grep -a -q "$(printf '\r')csvcat: big.csv" tty.log
grep -a -q "$(printf '\r\033\\[K')" tty.log

script -qec "csvcat big.csv >/dev/null" quick.log </dev/null >/dev/null
! grep -a -q 'rows/s' quick.log || { echo "a quick run showed progress:"; cat -v quick.log; exit 1; }

# not a terminal: nothing, however long the run
sh -c "csvcat big.csv $slow" 2>pipe.err
[ ! -s pipe.err ] || { echo "progress into a pipe:"; cat -v pipe.err; exit 1; }

# a program: --progress writes lines into a pipe too (one each 10 s, the
# first at 2 s); --no-progress keeps a terminal clean
{ echo id,email; seq 1 200000 | sed 's/.*/k&,k&@example.fi/'; } >contacts.csv
slowin='(head -c 100000 contacts.csv; sleep 2.5; tail -c +100001 contacts.csv)'
sh -c "$slowin | fu-referrals --progress --now 2024-01-01 >/dev/null" 2>prog.err || [ $? -eq 1 ]
# (no bytes: an input is a pipe, whose size is unknown)
grep -q '^fu-referrals: <stdin>: [0-9]* rows, [0-9]* rows/s$' prog.err ||
	{ echo "--progress into a pipe:"; cat -v prog.err; exit 1; }
# and the summary line still ends stderr
tail -1 prog.err | grep -q '^fu-referrals: read 200000 contacts'
script -qec "$slowin | fu-referrals --no-progress --now 2024-01-01 >/dev/null" np.log </dev/null >/dev/null
! grep -a -q 'rows/s' np.log || { echo "--no-progress showed progress:"; cat -v np.log; exit 1; }

# trial 2 finding 10: the line names the input being read and counts its own
# rows (not the events log's, read before), without the header; the rows
# that have come through a slow pipe are counted, not held back for a full
# chunk
slow3() { head -3 "$1"; sleep 2.5; tail -n +4 "$1"; }
slow3 "$EXAMPLES/churn-contacts.csv" |
	fu-churn -e "$EXAMPLES/churn-events.csv" -n 2026-03-10 --progress 2>churn.err >/dev/null
head -1 churn.err | grep -q '^fu-churn: <stdin>: 2 rows, [0-9]* rows/s$' ||
	{ echo "fu-churn --progress:"; cat -v churn.err; exit 1; }
slow3 "$EXAMPLES/tasks.csv" | fu-render --now 2026-11-23T09:00 --progress 2>render.err >/dev/null
head -1 render.err | grep -q '^fu-render: <stdin>: 2 rows, [0-9]* rows/s$' ||
	{ echo "fu-render --progress:"; cat -v render.err; exit 1; }
# fu-import, which waits on its input for the dialect sample before its
# reader starts, shows the line too (the 2 s count from the program's start)
slow3 "$EXAMPLES/exports/asiakkaat.csv" | fu-import --progress 2>import.err >/dev/null
head -1 import.err | grep -q '^fu-import: <stdin>: [0-9]* rows, [0-9]* rows/s$' ||
	{ echo "fu-import --progress:"; cat -v import.err; exit 1; }
