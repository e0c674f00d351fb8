#!/bin/sh
# trials13b/02: an opt-out logged under an e-mail no contact has any more
# (changed in contacts.csv by hand, without fu-import --previous) reaches
# nobody.  cron.sh sends no marketing while it stands (any contact may be
# that person), still sends service e-mails, marks only what it sent, says
# why and exits 1; with the old address in the contact's aliases column the
# opt-out is Bob's and the run is clean.
set -eu
export TZ=Europe/Helsinki FU_FROM=shop@villa.fi FU_CHURN=no
cp "$EXAMPLES/cron.sh" cron.sh
printf 'id,first_name,last_name,email,tz,created\nn1,Bob,Smith,robert@example.com,America/New_York,2026-10-01\nm1,Mia,Lee,mia@example.com,America/New_York,2026-10-01\n' >contacts.csv
log='contact_id,when,type,value,item,note
n1,2026-11-20T15:00:00-05:00,purchase,45.00,Mug,order #1002
bob@example.com,2026-11-21T10:00:00-05:00,unsubscribe,,,newsletter
mia@example.com,2026-11-29T10:00:00-05:00,purchase,5,Tea,order #1003'
echo "$log" >events.csv
st=0; FU_NOW=2026-11-30T16:00:00Z sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 1 ] || { echo "exit $st with an opt-out that reaches nobody"; cat err; exit 1; }
! grep -q '^To: Bob' outbox.mbox || { echo "marketing sent past an opt-out"; grep '^Subject' outbox.mbox; exit 1; }
grep -q '^Subject: Thank you for your order, Mia' outbox.mbox || { echo "the service e-mail held too"; cat err; exit 1; }
grep -q 'an opt-out matches no contact (named above): 1 marketing tasks held' err || { echo "not named"; cat err; exit 1; }
! grep -q ',check-in,' events.csv || { echo "a held task was marked"; exit 1; }
# put in the aliases column (as fu-import --previous does), the opt-out is
# Bob's: no hold, no marketing to him, exit 0
printf 'id,first_name,last_name,email,tz,created,aliases\nn1,Bob,Smith,robert@example.com,America/New_York,2026-10-01,bob@example.com\nm1,Mia,Lee,mia@example.com,America/New_York,2026-10-01,\n' >contacts.csv
rm -f outbox.mbox
st=0; FU_NOW=2026-11-30T16:30:00Z sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 0 ] || { echo "aliases: exit $st"; cat err; exit 1; }
[ ! -s outbox.mbox ] || { echo "aliases: sent"; grep '^Subject' outbox.mbox; exit 1; }
! grep -q 'held' err || { echo "aliases: still held"; cat err; exit 1; }
# review13b/5: an address nobody has any more is acknowledged by an
# unsubscribe noted "no contact", as cron.sh says: no hold, exit 0, and it
# is still an opt-out when the person comes back under it (a subscribe,
# the old advice, would have undone it)
printf 'id,first_name,last_name,email,tz,created\nn1,Bob,Smith,robert@example.com,America/New_York,2026-10-01\nm1,Mia,Lee,mia@example.com,America/New_York,2026-10-01\n' >contacts.csv
rm -f outbox.mbox
st=0; FU_NOW=2026-11-30T17:00:00Z sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 1 ] && grep -q "append 'ADDRESS,.*,unsubscribe,,,no contact'" err || { echo "no way told: exit $st"; cat err; exit 1; }
echo 'bob@example.com,2026-11-30T12:00:00-05:00,unsubscribe,,,no contact' >>events.csv
rm -f outbox.mbox
st=0; FU_NOW=2026-11-30T17:30:00Z sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 0 ] || { echo "acknowledged: exit $st"; cat err; exit 1; }
! grep -q 'held\|matches no contact' err || { echo "acknowledged: still held"; cat err; exit 1; }
printf 'p1,Bob,Old,bob@example.com,America/New_York,2026-10-01\n' >>contacts.csv
echo 'p1,2026-11-10T10:00:00-05:00,purchase,9,Cup,order #1004' >>events.csv
fu-schedule -e events.csv -n 2026-12-30T17:00:00Z <contacts.csv 2>/dev/null >plan.csv
! grep -q '^p1,.*,marketing$' plan.csv || { echo "the person came back and gets marketing"; grep '^p1' plan.csv; exit 1; }
grep -q '^p1,' plan.csv || { echo "no plan for p1 at all (the test tests nothing)"; exit 1; }
