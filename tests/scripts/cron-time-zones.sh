# trial 6/26: FU_SOURCE_TZ is passed to fu-import --source-tz for FU_CRM, so
# a HubSpot lead's naive "Create Date" (the account's zone, Helsinki) is read
# as such and the New York lead gets its first touch within the half hour.
# trial 6/35: FU_TZ is the zone of contacts without a tz (exported as TZ);
# with neither FU_TZ nor TZ set, a run whose contacts lack a tz says so.
set -eu
export FU_FROM=shop@example.com
printf 'Record ID,First Name,Email,Time Zone,Create Date,Lifecycle Stage,Contact owner,Lead Status\n501,Zoe,zoe@example.com,America/New_York,2026-03-09 19:23,lead,mia,New\n' >hs.csv
echo contact_id,when,type,value,item,note >events.csv
FU_TZ=Europe/Helsinki FU_SOURCE_TZ=Europe/Helsinki FU_CRM=hs.csv FU_NOW=2026-03-09T19:30:00+02:00 \
	sh "$EXAMPLES/cron.sh" >out 2>err
grep -q ' 1 e-mails sent' out || { cat out err; exit 1; }
grep -q '^501,.*,2026-03-09T19:23:00+02:00' contacts.csv || { cat contacts.csv; exit 1; }
# without it, the time is read in New York: nothing until the next morning
rm -f contacts.csv outbox.mbox; echo contact_id,when,type,value,item,note >events.csv
FU_TZ=Europe/Helsinki FU_CRM=hs.csv FU_NOW=2026-03-09T19:30:00+02:00 sh "$EXAMPLES/cron.sh" >out 2>err
grep -q ' 0 e-mails sent' out

# a list without tz: 16:45 UTC is 19:45 in Helsinki, after the window
printf 'id,first_name,email\nc1,Aino,aino@x.fi\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\naino@x.fi,2026-06-01T10:00:00+03:00,purchase,50,Kiuas,order 1\n' >orders.csv
echo contact_id,when,type,value,item,note >events.csv
env -u TZ FU_ORDERS=orders.csv FU_NOW=2026-06-02T16:45:00+00:00 sh "$EXAMPLES/cron.sh" >out 2>err
grep -q '1 contacts have no tz: .* set FU_TZ (or TZ)' err || { cat err; exit 1; }
echo contact_id,when,type,value,item,note >events.csv
env -u TZ FU_TZ=Europe/Helsinki FU_ORDERS=orders.csv FU_NOW=2026-06-02T16:45:00+00:00 sh "$EXAMPLES/cron.sh" >out 2>err
grep -q ' 0 e-mails sent' out || { cat out err; exit 1; }
! grep -q 'have no tz' err
env -u TZ FU_TZ=Europe/Helsinki FU_ORDERS=orders.csv FU_NOW=2026-06-03T06:30:00+00:00 sh "$EXAMPLES/cron.sh" >out 2>err
grep -q ' 1 e-mails sent' out || { cat out err; exit 1; }
