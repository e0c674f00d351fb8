#!/bin/sh
# Trial 8 finding 09 (reproduction A): the README recipe (daily Shopify
# exports re-imported newest first, cron.sh each day).  Order #1001 is
# thanked on 3 Mar; the next day's export has it edited (a Teapot line
# added), the day after its first line renamed ("Kettle - Black").  It was
# thanked four times; it is thanked once.
set -eu
export TZ=Europe/Helsinki FU_FROM=shop@example.com FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
H='Name,Email,Financial Status,Paid at,Fulfillment Status,Created at,Subtotal,Total,Lineitem quantity,Lineitem name,Lineitem price'
printf '%s\n#1001,anna@example.com,paid,2026-03-02 10:05:00 +0200,unfulfilled,2026-03-02 10:00:00 +0200,30.00,30.00,1,Kettle,30.00\n' "$H" >exp1.csv
printf '%s\n#1001,anna@example.com,paid,2026-03-02 10:05:00 +0200,fulfilled,2026-03-02 10:00:00 +0200,45.00,45.00,1,Kettle,30.00\n#1001,,,,,,,,1,Teapot,15.00\n' "$H" >exp2.csv
printf '%s\n#1001,anna@example.com,paid,2026-03-02 10:05:00 +0200,fulfilled,2026-03-02 10:00:00 +0200,45.00,45.00,1,Kettle - Black,30.00\n#1001,,,,,,,,1,Teapot,15.00\n' "$H" >exp3.csv
printf 'id,first_name,email,tz\n1,Anna,anna@example.com,Europe/Helsinki\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
fu-import exp1.csv >orders.csv 2>/dev/null
FU_NOW=2026-03-03T10:00:00+02:00 sh cron.sh >>run.log 2>&1
fu-import exp2.csv exp1.csv >orders.csv 2>/dev/null
FU_NOW=2026-03-04T10:30:00+02:00 sh cron.sh >>run.log 2>&1
fu-import exp3.csv exp2.csv exp1.csv >orders.csv 2>/dev/null
# (9 Mar brings the check-in, once)
for d in 05 06 09; do FU_NOW=2026-03-${d}T10:30:00+02:00 sh cron.sh >>run.log 2>&1; done
"$PY" - <<'PY'
import mailbox
subj = [m['Subject'] for m in mailbox.mbox('outbox.mbox')]
thanks = [s for s in subj if s.startswith('Thank you')]
assert len(thanks) == 1, subj
PY
[ "$(grep -c ',followup,.*,thank-you,' events.csv)" = 1 ] || { cat events.csv run.log; exit 1; }
