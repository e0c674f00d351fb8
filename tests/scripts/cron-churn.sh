# trial 6/33: the cron loop runs fu-churn when the plan goes by its columns
# (the default plan's win-back, loyalty-reward, feedback-ask), so a lapsed
# customer is sent the win-back from examples/cron.sh, and a CRM refresh of
# contacts.csv (FU_CRM) loses nothing: health.csv is made again each run.
# The contacts' own stage is kept: a CRM customer whose orders are not in
# the logs is not made a prospect and sent the leads' cadence.
set -eu
export FU_FROM=shop@example.com
printf 'Record ID,First Name,Email,Time Zone,Lifecycle Stage,Segment\nc1,Anna,anna@x.fi,Europe/Helsinki,,\nc2,Cai,cai@x.fi,Europe/Helsinki,customer,new\n' >crm.csv
printf 'contact_id,when,type,value,item,note\n' >orders.csv
for d in 2025-01-05 2025-02-04 2025-03-06 2025-04-05 2025-05-05; do
	printf 'anna@x.fi,%sT10:00:00+02:00,purchase,30,Coffee,order %s\n' $d $d >>orders.csv
done
echo contact_id,when,type,value,item,note >events.csv
run() { FU_CRM=crm.csv FU_ORDERS=orders.csv FU_NOW=$1 sh "$EXAMPLES/cron.sh" >>log 2>>err; }
run 2026-03-10T10:00:00+02:00
head -1 health.csv | tr ',' '\n' | grep -qx action
run 2026-03-11T10:00:00+02:00
# a CRM refresh remakes contacts.csv; the churn columns come back with the next run
touch -d '2026-03-11 11:00' contacts.csv; touch crm.csv
run 2026-03-12T10:00:00+02:00
run 2026-03-13T10:00:00+02:00
grep -a '^Subject' outbox.mbox >subjects
grep -q '^Subject: Could we do something better for you?' subjects || { echo "no win-back"; cat subjects err; exit 1; }
[ "$(grep -c 'Could we do something better' subjects)" -eq 1 ] || { echo "win-back twice"; cat subjects; exit 1; }
grep -q ',followup,[^,]*,win-back,' events.csv
# Cai: "customer" in the CRM, no orders in the logs: never a lead
! grep -q 'lead-' events.csv || { echo "a customer got a lead touch"; grep lead- events.csv; exit 1; }
! grep -q '^To: Cai' outbox.mbox
# the loop as before without fu-churn (FU_CHURN=no): no win-back planned
rm -f outbox.mbox health.csv; echo contact_id,when,type,value,item,note >events.csv
FU_CHURN=no FU_ORDERS=orders.csv FU_NOW=2026-03-10T10:00:00+02:00 sh "$EXAMPLES/cron.sh" >/dev/null 2>&1
[ ! -e health.csv ]
! grep -q 'Could we do something better' outbox.mbox
# FU_HEALTH may not be the contacts file itself (it is made again each run)
cp contacts.csv health.csv
st=0; FU_CONTACTS=health.csv FU_NOW=2026-03-10T10:00:00+02:00 sh "$EXAMPLES/cron.sh" 2>err2 >/dev/null || st=$?
[ "$st" -eq 2 ] && grep -q 'cannot be FU_CONTACTS too' err2 || { echo "exit $st"; cat err2; exit 1; }
# a FU_CADENCE without fu-churn's columns does not run it
printf 'step,anchor,offset,window,expires,channel,template,kind\nthank-you,order,1d,2d,4d,email,thank-you,service\n' >plan.csv
rm -f health.csv
FU_CADENCE=plan.csv FU_ORDERS=orders.csv FU_NOW=2026-03-10T10:00:00+02:00 sh "$EXAMPLES/cron.sh" >/dev/null 2>&1
[ ! -e health.csv ]
