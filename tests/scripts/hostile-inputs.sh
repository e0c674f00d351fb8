# Hostile input that is not about size: grammars pushed to their limits and
# data that tries to become a header, a path or a regular expression.  Each
# run is bounded in time (and memory, except under make asan).
set -u
fail=0
bad() { echo "$*"; fail=1; }
[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 2000000
run() { # LIMIT CMD...: stdout to out, stderr to err, status in st
	lim=$1; shift
	timeout "$lim" "$@" >out 2>err; st=$?
	[ $st = 124 ] && bad "still running after ${lim}s: $*"
	return 0
}
render() { run 30 fu-render --from me@example.com --now 2026-11-30T10:00 "$@"; }

# 10,000 nested template sections: refused with the place, not a stack overflow
mkdir tpl
{ printf 'Subject: hi\n\n'; $PY -c "print('{{#a}}' * 10000 + 'x' + '{{/a}}' * 10000)"; } >tpl/check-in.mustache
printf 'id,email,template,task_id,a\nc1,a@example.com,check-in,t1,1\n' >task.csv
render --templates tpl task.csv
[ $st = 2 ] && grep -q 'check-in.mustache:3:[0-9]*: sections nested more than' err || bad "nested sections: exit $st: $(cat err)"

# partial names that climb out of the template directory, directly, by a
# symbolic link, or by data ({{>*name}}): refused, nothing outside is read
ln -s /etc tpl/_etc
ln -s /etc/hostname tpl/_h.mustache
printf 'id,email,template,task_id,p\nc1,a@example.com,check-in,t1,../../../../etc/hostname\n' >task.csv
for partial in '../../../../etc/passwd' '/etc/hostname' '_etc/hostname' '_h' '*p'; do
	printf 'Subject: hi\n\n{{> %s}}\n' "$partial" >tpl/check-in.mustache
	render --templates tpl task.csv
	[ $st = 2 ] && grep -q 'check-in.mustache:3:1: ' err || bad "partial $partial: exit $st: $(cat err)"
	! grep -q "$(head -c 8 /etc/hostname)" out || bad "partial $partial: read a file outside"
done

# CR, LF and NUL in every column that can reach a mail header: the row is
# refused or the value kept inside its header, never a header of its own
$PY - "$EXAMPLES/tasks.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
hdr, good = rows[0], rows[1]
evil = ['x\r\nBcc: evil@example.com', 'x\nBcc: evil@example.com', 'x\rBcc: evil@example.com',
        'x\r\n\r\nevil body']
with open('inject.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(hdr)
    n = 0
    for c, name in enumerate(hdr):
        if name in ('template', 'lang', 'formal', 'channel'):
            continue
        for e in evil:
            r = list(good)
            r[c] = (r[c] or 'a@example.com') + e
            if name != 'task_id':
                n += 1
                r[hdr.index('task_id')] = 't-%d' % n
            w.writerow(r)
PY
render --format mbox inject.csv
[ $st -le 1 ] || bad "header injection: exit $st: $(tail -1 err)"
$PY - <<'PY' || fail=1
import mailbox
n = 0
for m in mailbox.mbox('out'):
    n += 1
    for k, v in m.items():
        if k.lower() == 'bcc' or 'evil' in str(v).lower() and k.lower() not in ('subject', 'to', 'from', 'reply-to', 'message-id'):
            print('injected header:', k, repr(v)[:80]); raise SystemExit(1)
    if 'evil body' in str(m.get_payload()).split('\n')[0]:
        print('injected body'); raise SystemExit(1)
if n == 0:
    print('no message at all'); raise SystemExit(1)
PY
# NUL bytes: the record is refused with its place (a NUL cannot be in CSV data)
printf 'id,email,template,task_id\nc1,a@example.com,check-in,t\000-1\nc2,b@example.com,check-in,t-2\n' >nul.csv
render nul.csv
[ $st = 1 ] && grep -q 'nul.csv:2' err && grep -q 'rejected 1' err || bad "NUL in a task: exit $st: $(cat err)"
printf 'id,email,first_name\nc1,a@example.com,A\000x\nc2,b@example.com,B\n' >nul-contacts.csv
for p in fu-import fu-schedule fu-churn fu-referrals; do
	run 30 "$p" --events "$EXAMPLES/schedule-events.csv" --now 2026-11-30 nul-contacts.csv
	[ "$p" = fu-import ] && run 30 fu-import nul-contacts.csv
	[ $st = 1 ] && grep -q 'nul-contacts.csv:2' err || bad "$p NUL: exit $st: $(cat err)"
done
# the same in an ICS calendar: a line break in data stays inside its property
printf 'id,email,first_name,company\nc1,a@example.com,"A\r\nATTENDEE:mailto:evil@example.com","Co\nATTENDEE:mailto:evil@example.com"\n' >ics-contacts.csv
printf 'contact_id,when,type,value,item,note\nc1,2026-11-20T10:00:00+02:00,purchase,1,"x\r\nATTENDEE:mailto:evil@example.com",\n' >ics-events.csv
run 30 fu-schedule --format ics --events ics-events.csv --now 2026-11-30 ics-contacts.csv
[ $st = 0 ] || bad "ics injection: exit $st: $(cat err)"
$PY - <<'PY' || fail=1
import icalendar
cal = icalendar.Calendar.from_ical(open('out', 'rb').read())
events = list(cal.walk('VEVENT'))
if not events:
    print('ics: no event'); raise SystemExit(1)
for e in events:
    if 'ATTENDEE' in e:
        print('ics: injected ATTENDEE'); raise SystemExit(1)
PY

# a catastrophic regular expression against long data, in a condition and
# in --complex: pcre2's match limit ends it with a clear message, exit 1
$PY -c "print('id,email,company'); print('c1,a@example.com,' + 'a' * 5000 + 'b'); print('c2,b@example.com,aaa')" >redos.csv
printf 'contact_id,when,type,value,item,note\nc1,2026-11-20T10:00:00+02:00,purchase,1,x,\nc2,2026-11-20T10:00:00+02:00,purchase,1,x,\n' >redos-ev.csv
printf 'step,anchor,offset,window,expires,repeat,channel,template,eligible,stop\nx,purchase,0,30d,,,email,check-in,"company =~ ""^(a+)+$""",\n' >redos-cad.csv
run 30 fu-schedule --cadence redos-cad.csv --events redos-ev.csv --now 2026-11-30 redos.csv
[ $st = 1 ] && grep -q 'redos.csv:2: .*limit' err && grep -q '^c2,' out || bad "regex in a condition: exit $st: $(cat err)"
$PY -c "print('contact_id,when,type,value,item,note'); print('c1,2026-11-20T10:00:00+02:00,purchase,1,' + 'a' * 5000 + 'b,')" >redos-ev2.csv
run 30 fu-schedule --complex '^(a+)+$' --events redos-ev2.csv --now 2026-11-30 redos.csv
[ $st = 1 ] && grep -q -- '--complex: .*limit' err || bad "--complex: exit $st: $(cat err)"

# times at the edges: 9999 and 1970 are dates like others; a leap second
# (:60) is no time fu can hold: refused with the value; DST gaps and folds
# are read as wall time in the zone
printf 'id,email,created,tz\nc1,a@example.com,9999-12-31,Europe/Helsinki\nc2,b@example.com,1970-01-01,UTC\nc3,c@example.com,2016-12-31T23:59:60Z,Europe/Helsinki\nc4,d@example.com,2026-03-29T03:30,Europe/Helsinki\nc5,e@example.com,2026-10-25T03:30,Europe/Helsinki\n' >edge.csv
run 30 fu-import edge.csv
[ $st = 1 ] && grep -q "edge.csv:4: created '2016-12-31T23:59:60Z'" err && grep -q 'read 5, wrote 5' err ||
	bad "fu-import edges: exit $st: $(cat err)"
grep -q '^c1,.*,9999-12-31,' out && grep -q '^c2,.*,1970-01-01,' out || bad "fu-import edges: dates lost: $(cat out)"
printf 'contact_id,when,type,value,item,note\nc2,1970-01-01T00:00:00Z,purchase,1,x,\nc3,2016-12-31T23:59:60Z,purchase,1,x,\nc4,2026-03-29T03:30,purchase,1,x,\nc5,2026-10-25T03:30,purchase,1,x,\n' >edge-ev.csv
for now in 1970-01-01 2026-03-29T03:30 2026-10-25T03:30 2026-10-25T02:30 2026-03-29; do
	run 30 fu-schedule --events edge-ev.csv --now "$now" edge.csv
	[ $st = 1 ] && grep -q "edge-ev.csv:3: .*no such time of day" err || bad "fu-schedule --now $now: exit $st: $(cat err)"
	$PY -c "
import csv, datetime
for r in csv.DictReader(open('out')):
    datetime.datetime.fromisoformat(r['due'].replace('Z', '+00:00'))" || bad "fu-schedule --now $now: a due time Python cannot read"
done
run 30 fu-schedule --events edge-ev.csv --now 2016-12-31T23:59:60Z edge.csv
[ $st = 2 ] && grep -q -- "--now '2016-12-31T23:59:60Z'" err || bad "--now leap second: exit $st: $(cat err)"
exit $fail
