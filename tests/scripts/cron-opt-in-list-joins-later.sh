# trial 11/04: a shop that needs consent (FU_CRM_ARGS --opt-in-list) runs
# cron.sh hourly.  A customer on no list of consent gets no marketing, but
# that is no opt-out of hers: no unsubscribe is logged for her, and when she
# joins the newsletter later her next import (--previous) subscribes her.
# One who opted out (the hand list's Do Not Email) stays out when that list
# no longer says so.
set -eu
unsub() { mlr --icsv --onidx filter '$email == "'"$1"'"' then cut -f unsubscribed contacts.csv; }
export FU_TZ=Europe/Helsinki FU_FROM=s@x.fi FU_ORDERS=orders.csv
export FU_CRM="subs.csv shop.csv optouts.csv" FU_CRM_ARGS="--opt-in-list subs.csv"
printf 'Email Address,First Name,Last Name,LEID,EUID\nbo@example.fi,Bo,Berg,101,e101\n' >subs.csv
printf 'Name,Email,Orders\nAnna Aho,anna@example.fi,1\nBo Berg,bo@example.fi,1\nCai Cho,cai@example.fi,1\n' >shop.csv
printf 'Email,Do Not Email\ncai@example.fi,yes\n' >optouts.csv
printf 'contact_id,when,type,value,item,note\nanna@example.fi,2026-02-20T10:00:00+02:00,purchase,30,Kettle,order #1\ncai@example.fi,2026-02-20T11:00:00+02:00,purchase,30,Kettle,order #2\n' >orders.csv
echo contact_id,when,type,value,item,note >events.csv
FU_NOW=2026-03-23T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q ' 0 e-mails sent' log
[ "$(unsub anna@example.fi)" = no-consent ]
! grep -q '^anna@example.fi,.*,unsubscribe,' events.csv
grep -q '^cai@example.fi,.*,unsubscribe,' events.csv
# Anna joins the newsletter; the hand list of opt-outs is emptied
printf 'Email Address,First Name,Last Name,LEID,EUID\nbo@example.fi,Bo,Berg,101,e101\nanna@example.fi,Anna,Aho,102,e102\n' >subs.csv
printf 'Email,Do Not Email\n' >optouts.csv
touch -d '2020-01-01' contacts.csv
FU_NOW=2026-03-24T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
[ "$(unsub anna@example.fi)" = "" ]
[ "$(unsub cai@example.fi)" = yes ]
grep -q ' 1 e-mails sent' log
grep -q '^anna@example.fi,2026-03-24T10:30:00+02:00,followup,Kettle,' events.csv
! grep -q '^anna@example.fi,.*,\(un\)\?subscribe,' events.csv
! grep -q '^cai@example.fi,.*,followup,' events.csv
