# trial 5/13: examples/cron.sh takes several holidays calendars in
# FU_HOLIDAYS (separated by spaces or colons), each passed as its own
# --holidays; the second was read as the contacts file ("contacts need an
# id or an email column", nothing handed out).
set -eu
export FU_FROM=shop@example.com
cp "$EXAMPLES/holidays-fi.csv" .
printf 'date,name\n2026-11-26,Thanksgiving\n' >holidays-us.csv
printf 'id,first_name,email,tz\nc1,Aino,aino@example.fi,Europe/Helsinki\nc2,Cara,cara@example.com,America/New_York\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\ncara@example.com,2026-11-25T09:00:00-05:00,purchase,10,Mug,\n' >events.csv
cp events.csv events0.csv
# Thursday 26 November, 11:00 in New York: Thanksgiving, Cara's thank-you waits
FU_HOLIDAYS="holidays-fi.csv holidays-us.csv" FU_NOW=2026-11-26T16:00:00Z sh "$EXAMPLES/cron.sh" >log1
grep -q ' 0 e-mails sent, 0 calls open$' log1
# Friday: it goes out (colons separate the names too)
FU_HOLIDAYS="holidays-fi.csv:holidays-us.csv" FU_NOW=2026-11-27T16:00:00Z sh "$EXAMPLES/cron.sh" >log2
grep -q ' 1 e-mails sent, 0 calls open$' log2
grep -q '^cara@example.com,2026-11-27T16:00:00Z,followup,Mug,thank-you,' events.csv
# with the Finnish calendar alone, Thanksgiving is a business day
cp events0.csv events.csv
FU_HOLIDAYS=holidays-fi.csv FU_NOW=2026-11-26T16:00:00Z sh "$EXAMPLES/cron.sh" >log3
grep -q ' 1 e-mails sent, 0 calls open$' log3
# a name that is no file is said to be one, and nothing is handed out
cp events0.csv events.csv
st=0
FU_HOLIDAYS="holidays-fi.csv holidays-se.csv" FU_NOW=2026-11-27T16:00:00Z sh "$EXAMPLES/cron.sh" >log4 2>err4 || st=$?
[ "$st" -eq 2 ]
grep -q 'holidays-se.csv: no such holidays file (FU_HOLIDAYS)' err4
cmp events.csv events0.csv
