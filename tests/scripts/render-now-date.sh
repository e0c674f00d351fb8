# trials9b/11: --now given as a date: the whole day counts (fu(7)), but a
# message is never dated later than it is made: today's date gives the
# clock's time, a past day its end (23:59:59), a day to come its start.
# Parsed back with Python's email package.
set -eu
export TZ=Europe/Helsinki
printf 'id,first_name,email,task_id,template\n1,Ann,a@example.com,t1,thank-you\n' >in.csv
today=$(date +%F)
for d in "$today" 2026-03-03 2999-01-01; do
	fu-render -f mbox --from s@example.fi --now "$d" in.csv >"m-$d.mbox" 2>/dev/null
done
/usr/bin/python3 - "$today" <<'P'
import mailbox, email.policy, sys, time, datetime
today = sys.argv[1]
def date_of(f):
    ms = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
          for m in mailbox.mbox(f, factory=None)]
    assert len(ms) == 1 and not ms[0].defects, (f, ms)
    return ms[0]['Date'].datetime
d = date_of('m-%s.mbox' % today)
now = time.time()
assert d.timestamp() <= now + 1, ('today dated in the future', d)
assert now - d.timestamp() < 600, ('today not the clock', d)
assert d.strftime('%Y-%m-%d') in (today, time.strftime('%Y-%m-%d')), d
d = date_of('m-2026-03-03.mbox')
assert d.isoformat() == '2026-03-03T23:59:59+02:00', d
d = date_of('m-2999-01-01.mbox')
assert d.isoformat() == '2999-01-01T00:00:00+02:00', d
P
