#!/bin/sh
# Trial 3 finding 07: an order refunded after it was imported is taken back.
# fu-import writes a later export's refunded order as a refund event of the
# order's time; appended to the log, it stops the order's follow-ups not yet
# sent (check-in, value, second-sale), and fu-churn and fu-referrals no
# longer count the purchase or its spend.  Re-imported newest first (the
# README's recipe) or oldest first, the order's purchase and refund agree.
set -u
fail=0
bad() { echo "$*"; fail=1; }
export TZ=Europe/Helsinki
printf 'id,first_name,last_name,email,tz\nj,Jane,Smith,jane@example.com,Europe/Helsinki\nr,Rita,Ross,rita@example.com,Europe/Helsinki\n' >contacts.csv
H='Name,Email,Financial Status,Paid at,Fulfillment Status,Total,Created at,Lineitem quantity,Lineitem name,Cancelled at,Refunded Amount'
printf '%s\n#1001,jane@example.com,paid,2026-10-12 10:00:00 +0300,fulfilled,1290.00,2026-10-12 10:00:00 +0300,1,Sauna stove,,0.00\n' "$H" >orders-1012.csv
printf '%s\n#1001,jane@example.com,refunded,2026-10-12 10:00:00 +0300,fulfilled,1290.00,2026-10-12 10:00:00 +0300,1,Sauna stove,2026-10-14 09:00:00 +0300,1290.00\n' "$H" >orders-1014.csv
events() { mlr --icsv --ocsv cut -o -f contact_id,when,type,value,item,note; }
{ echo contact_id,when,type,value,item,note
  echo 'r,2026-10-01T10:00:00+03:00,referral,,jane@example.com,'; } >events.csv
fu-import orders-1012.csv 2>/dev/null | events | tail -n +2 >>events.csv
cp events.csv before.csv
fu-import orders-1014.csv >refund.csv 2>err || bad "import of the refunded order: exit $?: $(cat err)"
grep -q 'orders-1014.csv:2: note: order #1001 is refunded: not a purchase; written as a refund' err ||
	bad "no note of the refund: $(cat err)"
[ "$(events <refund.csv | tail -n +2)" = 'jane@example.com,2026-10-12T10:00:00+03:00,refund,1290.00,Sauna stove,order #1001' ] ||
	bad "refund row: $(cat refund.csv)"
events <refund.csv | tail -n +2 >>events.csv
steps() { fu-schedule -e "$1" -n 2026-10-20T12:00:00+03:00 -H 60d <contacts.csv 2>/dev/null | mlr --icsv --onidx cut -f step | tr '\n' ' '; }
[ "$(steps before.csv)" = "thank-you check-in value value second-sale " ] || bad "before the refund: $(steps before.csv)"
[ "$(steps events.csv)" = "" ] || bad "after the refund, tasks: $(steps events.csv)"
churn() { fu-churn -e "$1" -n 2026-10-20 <contacts.csv 2>/dev/null | mlr --icsv --ocsv filter '$id == "j"' then cut -o -f frequency,monetary | tail -n +2; }
[ "$(churn before.csv)" = "1,1290.00" ] || bad "fu-churn before: $(churn before.csv)"
[ "$(churn events.csv)" = "0," ] || bad "fu-churn after: $(churn events.csv)"
refs() { fu-referrals -e "$1" --now 2026-10-20 <contacts.csv 2>/dev/null | mlr --icsv --ocsv cut -o -f id,converted,revenue | tail -n +2; }
[ "$(refs before.csv)" = "r,1,1290.00" ] || bad "fu-referrals before: $(refs before.csv)"
[ "$(refs events.csv)" = "r,0,0.00" ] || bad "fu-referrals after: $(refs events.csv)"
# the refund logged twice (the export imported again) takes back once
events <refund.csv | tail -n +2 >>events.csv
[ "$(churn events.csv)" = "0," ] || bad "fu-churn, refund twice: $(churn events.csv)"
# exports re-imported into orders.csv, newest first: the refund only; oldest
# first: the purchase and its refund; either way nothing to follow up
fu-import orders-1014.csv orders-1012.csv 2>/dev/null | events >orders-new.csv
fu-import orders-1012.csv orders-1014.csv 2>err | events >orders-old.csv
[ "$(mlr --icsv --onidx cut -f type orders-new.csv | tr '\n' ' ')" = "refund " ] || bad "newest first: $(cat orders-new.csv)"
[ "$(mlr --icsv --onidx cut -f type orders-old.csv | tr '\n' ' ')" = "purchase refund " ] || bad "oldest first: $(cat orders-old.csv)"
grep -q 'order #1001 is refunded after it was read as a purchase: written as a refund' err || bad "oldest first: $(cat err)"
for o in orders-new.csv orders-old.csv; do
	[ "$(steps "$o")" = "" ] || bad "$o: tasks $(steps "$o")"
	[ "$(churn "$o")" = "0," ] || bad "$o: fu-churn $(churn "$o")"
done
# a part refunded: the purchase stays, its spend is less
printf 'contact_id,when,type,value,item,note\nj,2026-10-12T10:00:00+03:00,purchase,100.00,Towels,order #7\nj,2026-10-12T10:00:00+03:00,refund,30.00,Towels,order #7\n' >part.csv
[ "$(churn part.csv)" = "1,70.00" ] || bad "part refunded: fu-churn $(churn part.csv)"
[ "$(steps part.csv)" = "thank-you check-in value value second-sale " ] || bad "part refunded: $(steps part.csv)"
# two orders of a day, thanked together; the first refunded after: the other's
# thank-you is not sent again, the check-in names what was kept, and a
# purchase anchor moves to the latest purchase kept
printf 'contact_id,when,type,value,item,note\nj,2026-10-12T10:00:00+03:00,purchase,50.00,Lamp,order #8\nj,2026-10-12T15:00:00+03:00,purchase,20.00,Vase,order #9\n' >day.csv
id=$(fu-schedule -e day.csv -n 2026-10-13T10:00:00+03:00 -d -s thank-you <contacts.csv 2>/dev/null | mlr --icsv --onidx cut -f task_id)
[ -n "$id" ] || bad "no thank-you for the day's orders"
{ cat day.csv; echo "j,2026-10-13T10:00:00+03:00,followup,,thank-you,$id"; echo 'j,2026-10-12T10:00:00+03:00,refund,50.00,Lamp,order #8'; } >day2.csv
plan() { fu-schedule -e day2.csv -n "$1" -H 60d <contacts.csv 2>/dev/null | mlr --icsv --onidx --ofs ' ' cut -o -f step,item,state; }
[ "$(plan 2026-10-13T12:00:00+03:00 | grep thank-you)" = "" ] || bad "thank-you again after a refund: $(plan 2026-10-13T12:00:00+03:00)"
[ "$(plan 2026-10-20T12:00:00+03:00 | grep check-in)" = "check-in Vase due" ] || bad "check-in: $(plan 2026-10-20T12:00:00+03:00)"
[ "$(plan 2026-10-20T12:00:00+03:00 | grep -c 'value Vase')" = 2 ] || bad "value steps: $(plan 2026-10-20T12:00:00+03:00)"
exit $fail
