#!/bin/sh
# Input that is not text: every program reading /dev/zero (or a binary file)
# as CSV stops at once with a clear error and exit 2, as input or as a file
# it reads beside it; after a good header, a NUL record that never ends
# (no line end for 64 MiB) stops reading too, in bounded memory.
set -u
fail=0
bad() { echo "$*"; fail=1; }
printf 'id,email\nc1,a@example.com\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\n' >events.csv
printf 'id,email,template,task_id\n' >tasks.csv
check() { # what expect-status pattern command...
	what=$1 want=$2 pat=$3; shift 3
	timeout 10 "$@" >out 2>err; st=$?
	[ "$st" = "$want" ] || { bad "$what: exit $st (want $want): $(head -c 300 err)"; return; }
	grep -q "$pat" err || bad "$what: no '$pat' in: $(head -c 300 err)"
}
nul='binary data (NUL byte): not CSV text'
for p in fu-import fu-schedule fu-render fu-churn fu-referrals; do
	check "$p </dev/zero" 2 "<stdin>:1:1: header: $nul" sh -c "exec $p </dev/zero"
	check "$p /dev/zero" 2 "/dev/zero:1:1: header: $nul" "$p" /dev/zero
	# a gzip file's header holds a NUL in its first bytes
	printf '\037\213\010\000\000\000\000\000\000\003x,y\n' >gz.csv
	check "$p gz.csv" 2 "gz.csv:1:[0-9]*: header: $nul" "$p" gz.csv
done
for p in fu-schedule fu-churn fu-referrals; do
	check "$p --events /dev/zero" 2 "/dev/zero:1:1: header: $nul" "$p" --events /dev/zero contacts.csv
done
# a good header, then zeros without end: the bad record is given up on
for p in fu-import "fu-schedule --events events.csv" "fu-churn --events events.csv" \
	"fu-referrals --events events.csv"; do
	check "$p header + zeros" 2 "<stdin>:2: binary data: a bad record runs on for 64 MiB" \
		sh -c "(printf 'id,email\n'; exec cat /dev/zero) | exec $p"
done
check "fu-render header + zeros" 2 "<stdin>:2: binary data" sh -c "(printf 'id,email,template,task_id\n'; exec cat /dev/zero) | exec fu-render"
# a stray NUL in a text file still costs only its record
printf 'id,email\nc1,a\000b@example.com\nc2,b@example.com\n' >stray.csv
check "fu-schedule stray NUL" 1 "stray.csv:2:5: NUL byte in input" fu-schedule --events events.csv stray.csv
exit $fail
