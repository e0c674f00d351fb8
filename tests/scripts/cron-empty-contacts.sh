# trials9/11 item 7: a new shop's first runs, with a CRM export that has
# no rows yet: fu-churn's columns join the empty contacts list without the
# "could not be joined (no id column ...)" note (the file has an id column;
# Miller just writes nothing for a header alone), and once the CRM has a
# customer the next run joins them as before.
set -eu
export FU_FROM=shop@example.com
printf 'Record ID,First Name,Email,Time Zone,Lifecycle Stage,Segment\n' >crm.csv
printf 'contact_id,when,type,value,item,note\n' >orders.csv
echo contact_id,when,type,value,item,note >events.csv
run() { FU_CRM=crm.csv FU_ORDERS=orders.csv FU_NOW=$1 sh "$EXAMPLES/cron.sh" >>log 2>>err; }
run 2026-03-10T10:00:00+02:00
! grep -q 'could not be joined' err || { echo "empty contacts: join note"; cat err; exit 1; }
head -1 health.csv | tr ',' '\n' | grep -qx id
head -1 health.csv | tr ',' '\n' | grep -qx action
[ "$(wc -l <health.csv)" -eq 1 ] || { echo "health.csv: rows from nowhere"; cat health.csv; exit 1; }
printf 'c1,Anna,anna@x.fi,Europe/Helsinki,customer,\n' >>crm.csv
touch -d '2026-03-11 09:00' contacts.csv
printf 'anna@x.fi,2026-03-10T12:00:00+02:00,purchase,30,Coffee,order 1\n' >>orders.csv
run 2026-03-11T10:00:00+02:00
! grep -q 'could not be joined' err || { echo "join note"; cat err; exit 1; }
mlr --icsv --onidx cut -o -f id,frequency health.csv >got
[ "$(cat got)" = "c1 1" ] || { echo "health.csv after the first customer:"; cat health.csv; exit 1; }
