#!/bin/sh
# Trial 8 finding 12: cron.sh's default --max-per-owner 40 held the
# thank-you e-mails of a one-person business whose CRM names its founder as
# owner of every contact: 60 Black Friday orders were thanked 40 on Monday,
# 20 on Tuesday.  The cap counts a person's tasks (calls), not what the
# machine sends: all 60 go out on Monday, and none is left to expire.
set -eu
export TZ=Europe/Helsinki FU_FROM=s@x.fi FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
{ echo id,first_name,email,owner,tz
  i=0; while [ $i -lt 60 ]; do echo "$i,N$i,c$i@example.com,Mia Owner,Europe/Helsinki"; i=$((i + 1)); done
} >contacts.csv
{ echo contact_id,when,type,value,item,note
  i=0; while [ $i -lt 60 ]; do echo "c$i@example.com,2026-11-27T09:00:00+02:00,purchase,10,Tea,order #$i"; i=$((i + 1)); done
} >orders.csv
echo contact_id,when,type,value,item,note >events.csv
for d in 2026-11-28 2026-11-30; do
	FU_NOW=${d}T10:30:00+02:00 sh cron.sh >>run.log 2>&1
done
grep -q '2026-11-28T10:30:00+02:00: 0 e-mails sent' run.log || { cat run.log; exit 1; }
grep -q '2026-11-30T10:30:00+02:00: 60 e-mails sent' run.log || { cat run.log; exit 1; }
"$PY" - <<'PY'
import mailbox
to = [m['To'] for m in mailbox.mbox('outbox.mbox') if m['Subject'].startswith('Thank you')]
assert len(to) == 60 and len(set(to)) == 60, (len(to), len(set(to)))
PY
# nothing left to expire: every thank-you is done
fu-schedule -e orders.csv -e events.csv -n 2026-12-08T10:00:00+02:00 -s thank-you <contacts.csv >plan.csv 2>err.log
[ "$(wc -l <plan.csv)" = 1 ] || { cat plan.csv err.log; exit 1; }
