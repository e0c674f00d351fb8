# trial 8/17: the plan (FU_CADENCE), a holidays file headed "Date"
# (FU_HOLIDAYS) and the events log, each saved by a Finnish Excel (';',
# BOM, CRLF; an opt-out typed in with a Windows-1252 "ü"): cron.sh runs on,
# its marks are appended as the log's other rows are (';', CRLF), and no
# e-mail goes out twice
set -eu
export FU_FROM=s@x.fi FU_ORDERS=orders.csv TZ=Europe/Helsinki
cp "$TESTS/cases/fu-schedule/excel-saved-plan-holidays-log/plan.csv" plan.csv
printf 'Date,Name\r\n2026-03-05,Holiday\r\n' >holidays.csv
export FU_CADENCE=plan.csv FU_HOLIDAYS=holidays.csv
printf 'id,first_name,email,tz\n1,Anna,anna@example.com,Europe/Helsinki\n2,Bo,bo@example.com,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nanna@example.com,2026-03-02T10:00:00+02:00,purchase,30,Kettle,order #1\nbo@example.com,2026-03-02T10:00:00+02:00,purchase,30,Teapot,order #2\n' >orders.csv
printf '\357\273\277contact_id;when;type;value;item;note\r\nbo@example.com;2026-03-02T09:00:00+02:00;unsubscribe;;;M\374ller phoned: no mails\r\n' >events.csv
for t in 2026-03-03T10:30 2026-03-03T11:00 2026-03-09T10:30 2026-03-09T11:00 2026-03-10T10:30; do
	FU_NOW=$t:00+02:00 sh "$EXAMPLES/cron.sh" >>log 2>&1
done
! grep -q 'failed\|cannot be read\|nothing handed out' log
grep -q "events.csv:2: not UTF-8 (byte 0xFC in field 6): read as Windows-1252" log
# two thank-yous and Anna's check-in; Bo's opt-out holds (no check-in)
[ "$(grep -c '^Subject:' outbox.mbox)" -eq 3 ]
[ "$(grep -c ';followup;' events.csv)" -eq 3 ]
grep -q "^anna@example.com;2026-03-09T10:30:00+02:00;followup;Kettle;check-in;[0-9a-f]*$(printf '\r')\$" events.csv
! grep -q '^bo@example.com;[^;]*;followup;Teapot;check-in' events.csv
# every line of the log is ';' and CRLF, as Excel wrote it
[ "$(grep -vc "$(printf '\r')\$" events.csv)" -eq 0 ]
! grep -q ',' events.csv
# sh cron.sh done and stop too
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" stop anna@example.com
grep -q "^anna@example.com;2026-03-10T12:00:00+02:00;unsubscribe;;;replied stop$(printf '\r')\$" events.csv
