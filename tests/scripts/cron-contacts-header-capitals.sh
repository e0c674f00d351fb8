# trial 11b/03: a contacts file made by hand with "ID", " Email " and "TZ"
# headers, which the programs read as id, email and tz: cron.sh reads them
# so too (blanks and capitals aside, semicolons from a spreadsheet), so
# fu-churn's columns are joined (Anna's win-back), a reply "stop" finds
# the contact by its e-mail, and an opt-out in "Unsubscribed" is logged.
set -eu
export FU_FROM=shop@example.com FU_CHURN=yes
printf 'ID; Email ;First_Name;TZ;Unsubscribed\nc1;anna@x.fi;Anna;Europe/Helsinki;\nc2;bo@x.fi;Bo;Europe/Helsinki;yes\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\n' >orders.csv
for d in 2025-01-05 2025-02-04 2025-03-06 2025-04-05 2025-05-05; do
	printf 'anna@x.fi,%sT10:00:00+02:00,purchase,30,Coffee,order %s\n' $d $d >>orders.csv
done
echo contact_id,when,type,value,item,note >events.csv
FU_ORDERS=orders.csv FU_NOW=2026-03-10T10:00:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
! grep -q 'could not be joined' log || { cat log; exit 1; }
head -1 health.csv | tr ',' '\n' | grep -qx action
head -1 health.csv | tr ',' '\n' | grep -qx id
grep -q '^c1,anna@x.fi,.*,win-back$' health.csv
# Bo's opt-out (its Unsubscribed column) logged under his e-mail and id
grep -q '^bo@x.fi,2026-03-10T10:00:00+02:00,unsubscribe,' events.csv
grep -q '^c2,2026-03-10T10:00:00+02:00,unsubscribe,' events.csv
FU_ORDERS=orders.csv FU_NOW=2026-03-10T11:00:00+02:00 sh "$EXAMPLES/cron.sh" stop ANNA@x.fi
grep -q '^anna@x.fi,2026-03-10T11:00:00+02:00,unsubscribe,,,replied stop$' events.csv
grep -q '^c1,2026-03-10T11:00:00+02:00,unsubscribe,,,replied stop$' events.csv
