# trial 10/12: a customer who unsubscribed in Mailchimp and later
# re-subscribed (back in its subscribed export, OPTIN_TIME and CONFIRM_TIME
# after the UNSUB_TIME) gets marketing again: fu-import --previous undoes
# the opt-out, and cron.sh logs a subscribe event under each key the
# unsubscribe was logged by, so the logged opt-out is undone too.  Her
# created date stays her first opt-in.
set -eu
export FU_TZ=Europe/Helsinki FU_FROM=s@x.fi FU_ORDERS=orders.csv FU_CRM="mc-sub.csv mc-unsub.csv"
h='Email Address,First Name,Last Name,OPTIN_TIME,CONFIRM_TIME,LAST_CHANGED,LEID,EUID'
printf '%s\nbo@example.fi,Bo,Berg,2026-01-05 08:00:00,2026-01-05 08:00:00,2026-01-05 08:00:00,2,e2\n' "$h" >mc-sub.csv
printf '%s,UNSUB_TIME\nanna@example.fi,Anna,Aho,2026-01-02 08:00:00,2026-01-02 08:00:00,2026-02-01 08:00:00,1,e1,2026-02-01 08:00:00\n' "$h" >mc-unsub.csv
printf 'contact_id,when,type,value,item,note\nanna@example.fi,2026-02-20T10:00:00+02:00,purchase,30,Kettle,order #1\n' >orders.csv
echo contact_id,when,type,value,item,note >events.csv
FU_NOW=2026-03-23T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q ' 0 e-mails sent' log
grep -q '^anna@example.fi,2026-02-01T08:00:00Z,unsubscribe,' events.csv
# she re-subscribes on 03-25: Mailchimp lists her as subscribed again
printf '%s\nbo@example.fi,Bo,Berg,2026-01-05 08:00:00,2026-01-05 08:00:00,2026-01-05 08:00:00,2,e2\nanna@example.fi,Anna,Aho,2026-03-25 08:00:00,2026-03-25 08:00:00,2026-03-25 08:00:00,1,e1\n' "$h" >mc-sub.csv
printf '%s,UNSUB_TIME\n' "$h" >mc-unsub.csv
touch -d '2020-01-01' contacts.csv
FU_NOW=2026-03-27T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q 'opt-ins again' log
grep -q '^anna@example.fi,2026-03-27T10:30:00+02:00,subscribe,' events.csv
[ "$(grep -c ',subscribe,' events.csv)" -eq 2 ]
grep -q '^[0-9a-f]*,Anna,Aho,anna@example.fi,.*,2026-01-02T08:00:00Z,,' contacts.csv
grep -q ' 1 e-mails sent' log
grep -q '^anna@example.fi,2026-03-27T10:30:00+02:00,followup,Kettle,value,' events.csv
# the next run logs no second subscribe
touch -d '2020-01-01' contacts.csv
FU_NOW=2026-03-28T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
[ "$(grep -c ',subscribe,' events.csv)" -eq 2 ]
