# trial 5/19: a customer who opted out (sh cron.sh stop) and opts in again
# is recorded with sh cron.sh subscribe ID-OR-EMAIL: a subscribe event
# appended to the log (never edited), the latest of the two wins
set -eu
export FU_FROM=shop@example.com
printf 'id,first_name,email,tz,created,stage,segment\nr1,Rea,rea@example.fi,Europe/Helsinki,2026-03-10T10:00:00+02:00,prospect,new\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
FU_NOW=2026-03-10T10:02:00+02:00 sh "$EXAMPLES/cron.sh" stop r1
grep -q '^rea@example.fi,2026-03-10T10:02:00+02:00,unsubscribe,,,replied stop$' events.csv
FU_NOW=2026-03-10T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log1
grep -q ' 0 e-mails sent, 0 calls open$' log1
FU_NOW=2026-03-10T11:10:00+02:00 sh "$EXAMPLES/cron.sh" subscribe REA@example.fi
grep -q '^rea@example.fi,2026-03-10T11:10:00+02:00,subscribe,,,opted in again$' events.csv
FU_NOW=2026-03-10T11:30:00+02:00 sh "$EXAMPLES/cron.sh" >log2
grep -q ' 1 e-mails sent, 0 calls open$' log2
grep -q ',followup,,lead-new-1,' events.csv
# an unknown key records nothing; a key that is no id or e-mail is refused
st=0
FU_NOW=2026-03-10T11:40:00+02:00 sh "$EXAMPLES/cron.sh" subscribe nobody@example.fi 2>err || st=$?
[ "$st" -eq 1 ] && grep -q 'nothing recorded' err
st=0
sh "$EXAMPLES/cron.sh" subscribe 2>err || st=$?
[ "$st" -eq 2 ] && grep -q 'usage: sh cron.sh subscribe ID-OR-EMAIL' err
[ "$(grep -c ",subscribe," events.csv)" -eq 2 ]   # under the e-mail and the id
grep -q "^r1,2026-03-10T11:10:00+02:00,subscribe," events.csv
# a contact the CRM export marks unsubscribed (yes, no date): the opt-in is
# recorded, with a warning that the CRM's opt-out wins until cleared there
printf 'id,first_name,email,tz,unsubscribed\nu1,Uma,uma@example.fi,Europe/Helsinki,Yes\nr1,Rea,rea@example.fi,Europe/Helsinki,\n' >contacts.csv
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" subscribe u1 2>err
grep -q '^uma@example.fi,2026-03-10T12:00:00+02:00,subscribe,' events.csv
grep -q 'u1: opt-in recorded, but contacts.csv says unsubscribed (yes): that opt-out wins until it is cleared in the CRM' err
# ... and none for one without it
FU_NOW=2026-03-10T12:10:00+02:00 sh "$EXAMPLES/cron.sh" subscribe r1 2>err
[ ! -s err ]
