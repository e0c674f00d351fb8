# Hostile sizes, each bounded in time and memory: a header of 100,000 columns
# (linear in the columns: it once took fu-import over a minute), a 10 MB
# field, a million empty lines.  Every program must finish, keep or reject
# the row, and say so.  (No ulimit -v under make asan: ASan reserves
# terabytes of address space.)
set -u
fail=0
bad() { echo "$*"; fail=1; }
[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 2000000 # 2 GB
# run LIMIT-SECONDS NAME CMD...: stdout to NAME.out, stderr to NAME.err
run() {
	lim=$1 name=$2; shift 2
	# the limits catch quadratic work; sanitized builds run several times slower,
	# and ASan spends minutes of system time on the 100,000-column rows while
	# the other test shard runs beside it (2 cores)
	[ -n "${ASAN_OPTIONS:-}" ] && lim=$((lim * 30))
	timeout "$lim" "$@" >"$name.out" 2>"$name.err"; st=$?
	[ $st = 124 ] && bad "$name: still running after ${lim}s"
	return $st
}
events=events.csv
printf 'contact_id,when,type,value,item,note\nc001,2026-11-20T10:00:00+02:00,purchase,100,Sauna,\n' >$events

# 100,000 columns: contacts with id and email, then tasks for fu-render
$PY - <<'PY'
n = 100000
extra = ['c%d' % i for i in range(n)]
with open('wide-contacts.csv', 'w') as f:
    f.write(','.join(['id', 'email'] + extra) + '\n')
    f.write(','.join(['c001', 'a@example.com'] + ['v'] * n) + '\n')
with open('wide-tasks.csv', 'w') as f:
    f.write(','.join(['id', 'email', 'first_name', 'template', 'task_id'] + extra) + '\n')
    f.write(','.join(['c001', 'a@example.com', 'Aino', 'check-in', 't-1'] + ['v'] * n) + '\n')
PY
run 30 wide-import fu-import wide-contacts.csv || bad "fu-import wide: exit $st: $(tail -1 wide-import.err)"
[ "$(head -1 wide-import.out | tr ',' '\n' | wc -l)" -ge 100002 ] || bad "fu-import wide: columns lost"
grep -q 'read 1, wrote 1' wide-import.err || bad "fu-import wide: $(tail -1 wide-import.err)"
run 30 wide-sched fu-schedule --now 2026-11-30 --events "$events" wide-contacts.csv ||
	bad "fu-schedule wide: exit $st: $(tail -1 wide-sched.err)"
grep -q 'read 1 contacts, rejected 0, wrote [1-9]' wide-sched.err || bad "fu-schedule wide: $(tail -1 wide-sched.err)"
[ "$(sed -n 2p wide-sched.out | tr ',' '\n' | grep -c '^v$')" = 100000 ] || bad "fu-schedule wide: columns lost"
run 30 wide-render fu-render --from me@example.com --now 2026-11-30T10:00 wide-tasks.csv ||
	bad "fu-render wide: exit $st: $(tail -1 wide-render.err)"
[ "$(tail -n +2 wide-render.out | wc -l)" -ge 1 ] || bad "fu-render wide: no message"

# a 10 MB field (a note), quoted, with commas and line ends inside
$PY - <<'PY'
big = ('x' * 99 + ',') * 50000 + '\n' + 'y' * 5000000
with open('big-contacts.csv', 'w') as f:
    f.write('id,email,first_name,note\n')
    f.write('c001,a@example.com,Aino,"%s"\n' % big)
    f.write('c002,b@example.com,Bo,short\n')
with open('big-tasks.csv', 'w') as f:
    f.write('id,email,first_name,template,task_id,note\n')
    f.write('c001,a@example.com,%s,check-in,t-1,"%s"\n' % ('A' * 10000000, big))
PY
run 60 big-import fu-import big-contacts.csv || bad "fu-import big: exit $st: $(tail -1 big-import.err)"
grep -q 'read 2, wrote 2' big-import.err || bad "fu-import big: $(tail -1 big-import.err)"
[ "$(wc -c <big-import.out)" -gt 10000000 ] || bad "fu-import big: the field was cut"
run 60 big-sched fu-schedule --now 2026-11-30 --events "$events" big-contacts.csv ||
	bad "fu-schedule big: exit $st: $(tail -1 big-sched.err)"
grep -q 'read 2 contacts, rejected 0, wrote [1-9]' big-sched.err || bad "fu-schedule big: $(tail -1 big-sched.err)"
run 60 big-render fu-render --from me@example.com --now 2026-11-30T10:00 big-tasks.csv
[ $st -le 1 ] || bad "fu-render big: exit $st: $(tail -1 big-render.err)"

# a million empty lines around one record: blank lines are skipped, the
# record keeps its line number
{ echo 'id,email'; head -c 500000 /dev/zero | tr '\0' '\n'; echo 'c001,a@example.com';
  head -c 500000 /dev/zero | tr '\0' '\n'; } >empty-lines.csv
run 60 empty-import fu-import empty-lines.csv || bad "fu-import empty lines: exit $st: $(tail -1 empty-import.err)"
grep -q 'read 1, wrote 1' empty-import.err || bad "fu-import empty lines: $(tail -1 empty-import.err)"
run 60 empty-sched fu-schedule --now 2026-11-30 --events "$events" empty-lines.csv ||
	bad "fu-schedule empty lines: exit $st: $(tail -1 empty-sched.err)"
grep -q 'read 1 contacts, rejected 0, wrote [1-9]' empty-sched.err || bad "fu-schedule empty lines: $(tail -1 empty-sched.err)"
{ echo 'id,email,first_name,template,task_id'; head -c 1000000 /dev/zero | tr '\0' '\n';
  echo 'c001,a@example.com,Aino,check-in,t-1'; } >empty-tasks.csv
run 60 empty-render fu-render --from me@example.com --now 2026-11-30T10:00 empty-tasks.csv ||
	bad "fu-render empty lines: exit $st: $(tail -1 empty-render.err)"
exit $fail
