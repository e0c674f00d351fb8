# trial 8/20: an events log (and contacts) saved by Excel as "CSV UTF-8"
# (byte order mark, CRLF): cron.sh appends its done marks and opt-outs with
# their contact_id, in the log's own line ends, and the next runs read them
# (no thank-you twice, nothing stopped); fu-churn's columns still join
set -eu
export FU_FROM=s@x.fi FU_ORDERS=orders.csv TZ=Europe/Helsinki
printf 'id,first_name,email,tz\n1,Anna,anna@example.com,Europe/Helsinki\n2,Bo,bo@example.com,Europe/Helsinki\n3,Cy,cy@example.com,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nanna@example.com,2026-03-02T10:00:00+02:00,purchase,30,Kettle,order #1\nbo@example.com,2026-03-02T10:00:00+02:00,purchase,30,Teapot,order #2\ncy@example.com,2026-03-03T10:00:00+02:00,purchase,30,Cup,order #3\n' >orders.csv
printf '\357\273\277contact_id,when,type,value,item,note\r\nanna@example.com,2026-03-03T10:30:00+02:00,followup,Kettle,thank-you,818efe77242caff8\r\nbo@example.com,2026-03-03T10:30:00+02:00,followup,Teapot,thank-you,42f41fba76caa1f6\r\nbo@example.com,2026-03-04T09:00:00+02:00,unsubscribe,,,phoned\r\n' >events.csv
FU_NOW=2026-03-04T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q ' 1 e-mails sent, 0 calls open$' log
# Cy's mark: keyed, and CRLF as the rest of the log
tail -n 1 events.csv | grep -q "^cy@example.com,2026-03-04T10:30:00+02:00,followup,Cup,thank-you,[0-9a-f]*$(printf '\r')\$"
for t in 2026-03-04T11:00 2026-03-05T10:30 2026-03-05T11:00; do
	FU_NOW=$t:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
	grep -q ' 0 e-mails sent, 0 calls open$' log
	! grep -q 'cannot be read' log
done
[ "$(grep -c 'Subject:' outbox.mbox)" -eq 1 ]
# no row of the log without its key
! grep -q '^,' events.csv
# sh cron.sh stop on such a log: under the e-mail and the id
FU_NOW=2026-03-06T10:00:00+02:00 sh "$EXAMPLES/cron.sh" stop anna@example.com
grep -q "^anna@example.com,2026-03-06T10:00:00+02:00,unsubscribe,,,replied stop$(printf '\r')\$" events.csv
grep -q "^1,2026-03-06T10:00:00+02:00,unsubscribe,,,replied stop$(printf '\r')\$" events.csv
# a log whose header has no contact_id gets nothing appended, and says so
printf 'who,when,type,value,item,note\n' >bad.csv
st=0
FU_EVENTS=bad.csv FU_NOW=2026-03-06T10:00:00+02:00 sh "$EXAMPLES/cron.sh" stop anna@example.com 2>err || st=$?
[ "$st" -eq 2 ] && grep -q 'bad.csv: its header has no contact_id column; nothing appended' err
[ "$(wc -l <bad.csv)" -eq 1 ]
# contacts.csv saved by Excel too: fu-churn's columns are joined (the
# default plan's win-back and loyalty steps need them)
printf '\357\273\277id,first_name,email,tz\r\n1,Anna,anna@example.com,Europe/Helsinki\r\n2,Bo,bo@example.com,Europe/Helsinki\r\n3,Cy,cy@example.com,Europe/Helsinki\r\n' >contacts.csv
FU_NOW=2026-03-06T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
! grep -q 'could not be joined' log
head -n 1 health.csv | grep -q ',risk,'
