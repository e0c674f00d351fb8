# A holidays calendar per country: FU_HOLIDAYS="FI=holidays-fi.csv
# US=holidays-us.csv".  On Thanksgiving (Thu 26 Nov) Aino in Helsinki gets
# her thank-you and Cara in New York waits for Friday; on Christmas Eve
# (Thu 24 Dec, a Finnish holiday) Cara gets hers and Aino waits for Monday
# 28 Dec (25 and 26 Dec are Finnish holidays too).  Without a scope both
# calendars hold for everybody, as before.
set -eu
export FU_FROM=shop@example.com
cp "$EXAMPLES/holidays-fi.csv" .
printf 'date,name\n2026-11-26,Thanksgiving\n2026-12-25,Christmas Day\n' >holidays-us.csv
printf 'id,first_name,email,tz\nc1,Aino,aino@example.fi,Europe/Helsinki\nc2,Cara,cara@example.com,America/New_York\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\ncara@example.com,2026-11-25T09:00:00-05:00,purchase,10,Mug,\naino@example.fi,2026-11-25T09:00:00+02:00,purchase,10,Mug,\n' >events.csv
cp events.csv events0.csv
sent() { # the contacts marked done
	grep ',followup,' events.csv | cut -d, -f1 | sort | tr '\n' ' '
}
# Thursday 26 November, 16:00 UTC: 18:00 in Helsinki (closed), 11:00 in New York
FU_HOLIDAYS="FI=holidays-fi.csv US=holidays-us.csv" FU_NOW=2026-11-26T13:00:00Z sh "$EXAMPLES/cron.sh" >log1
[ "$(sent)" = "aino@example.fi " ] || { echo "Thanksgiving: $(sent)"; exit 1; }
FU_HOLIDAYS="FI=holidays-fi.csv:US=holidays-us.csv" FU_NOW=2026-11-26T16:00:00Z sh "$EXAMPLES/cron.sh" >log2
[ "$(sent)" = "aino@example.fi " ] || { echo "Thanksgiving, New York morning: $(sent)"; exit 1; }
FU_HOLIDAYS="FI=holidays-fi.csv US=holidays-us.csv" FU_NOW=2026-11-27T16:00:00Z sh "$EXAMPLES/cron.sh" >log3
[ "$(sent)" = "aino@example.fi cara@example.com " ] || { echo "Friday: $(sent)"; exit 1; }
# Christmas Eve: a Finnish holiday only
sed 's/2026-11-25/2026-12-23/' events0.csv >events.csv
FU_HOLIDAYS="FI=holidays-fi.csv US=holidays-us.csv" FU_NOW=2026-12-24T13:00:00Z sh "$EXAMPLES/cron.sh" >log4
[ "$(sent)" = "" ] || { echo "Christmas Eve, Helsinki afternoon: $(sent)"; exit 1; }
FU_HOLIDAYS="FI=holidays-fi.csv US=holidays-us.csv" FU_NOW=2026-12-24T16:00:00Z sh "$EXAMPLES/cron.sh" >log5
[ "$(sent)" = "cara@example.com " ] || { echo "Christmas Eve, New York morning: $(sent)"; exit 1; }
fu-schedule -e events.csv -n 2026-12-24T16:00:00Z -b -w 09:00-17:00 --holidays FI=holidays-fi.csv \
	--holidays US=holidays-us.csv <contacts.csv 2>/dev/null | mlr --icsv --onidx filter '$step == "thank-you"' then cut -o -f id,due >due.txt
grep -qx 'c1 2026-12-28T09:00:00+02:00' due.txt || { echo "Aino's thank-you:"; cat due.txt; exit 1; }
# without scopes, both calendars hold for everybody: nobody on Thanksgiving
cp events0.csv events.csv
FU_HOLIDAYS="holidays-fi.csv holidays-us.csv" FU_NOW=2026-11-26T13:00:00Z sh "$EXAMPLES/cron.sh" >log6
[ "$(sent)" = "" ] || { echo "unscoped, Thanksgiving: $(sent)"; exit 1; }
# a scope that is no country or zone stops the run, nothing sent
st=0
FU_HOLIDAYS="XX=holidays-fi.csv" FU_NOW=2026-11-27T13:00:00Z sh "$EXAMPLES/cron.sh" >log7 2>err7 || st=$?
[ "$st" -eq 2 ] || { echo "XX= exit $st"; exit 1; }
grep -q 'XX=holidays-fi.csv: before .=. is no country' err7
cmp events.csv events0.csv
