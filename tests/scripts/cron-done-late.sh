#!/bin/sh
# examples/cron.sh done: a call listed before the window closed is marked done
# after the next run emptied calls.csv (trial 3 finding 02); then it is not
# listed again, and the lead's next touch follows.
set -eu
export TZ=Europe/Helsinki FU_FROM=shop@example.com
cp "$EXAMPLES/cron.sh" cron.sh
printf 'id,first_name,last_name,email,owner,stage,segment,tz,created\nL1,Lea,Lead,lea@example.fi,mia,prospect,mid,Europe/Helsinki,2026-10-13T16:20:00+03:00\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\n' >events.csv
FU_NOW=2026-10-13T16:30:00+03:00 sh cron.sh 2>/dev/null >/dev/null
id=$(mlr --icsv --onidx cut -f task_id calls.csv)
[ -n "$id" ] || { echo "no call listed at 16:30"; exit 1; }
FU_NOW=2026-10-13T17:00:00+03:00 sh cron.sh 2>/dev/null >/dev/null
[ ! -s calls.csv ] || { echo "calls.csv not emptied after the window closed"; exit 1; }
# pasted from a spreadsheet: a blank after it, capitals (trials6/16)
FU_NOW=2026-10-13T17:05:00+03:00 sh cron.sh done "$(printf '%s' "$id" | tr a-f A-F) " || { echo "done refused after the window closed"; exit 1; }
grep -q ",followup,.*,$id\$" events.csv || { echo "no followup mark for $id"; cat events.csv; exit 1; }
# marked twice: refused, and the log keeps one mark
if FU_NOW=2026-10-13T17:06:00+03:00 sh cron.sh done "$id" 2>/dev/null; then echo "second done accepted"; exit 1; fi
[ "$(grep -c ",$id\$" events.csv)" -eq 1 ] || { echo "mark doubled"; exit 1; }
# not a task id: a usage error, nothing appended
if sh cron.sh done 'x" || true || "' 2>/dev/null; then echo "bad id accepted"; exit 1; fi
FU_NOW=2026-10-14T09:00:00+03:00 sh cron.sh 2>/dev/null >/dev/null
if [ -s calls.csv ] && mlr --icsv --onidx cut -f task_id calls.csv | grep -qx "$id"; then
	echo "the call made yesterday is open again"; exit 1
fi
