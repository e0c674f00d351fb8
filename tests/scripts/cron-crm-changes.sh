#!/bin/sh
# examples/cron.sh with FU_CRM: contacts.csv is made again from the CRM export
# with fu-import --previous whenever the export is newer, so a person whose
# e-mail or CRM id changes keeps the old key as an alias (trial 4 findings
# 14, 01 and 05, their reproductions):
#  1 e-mail changed (same id): an order under the old address is thanked
#    once, at the new address; the opt-out recorded by the old e-mail holds
#  2 the CRM id changed (same e-mail) after `stop ID`: no marketing after it
#  3 two CRM records of one person, listed in another order each day: one id,
#    one thank-you
set -eu
export TZ=UTC FU_FROM='Shop <hello@shop.example>' FU_ORDERS=orders.csv FU_CRM=crm.csv
cp "$EXAMPLES/cron.sh" cron.sh
fail() { echo "$*"; echo "== events.csv"; cat events.csv; echo "== contacts.csv"; cat contacts.csv; exit 1; }
subjects() { grep -c "^Subject: $1" outbox.mbox || true; }
# an export written later than the contacts made from the last one
crm() { sleep 0.01; printf "$@" >crm.csv; touch -d '+1 second' crm.csv; }
run() { FU_NOW=$1 sh cron.sh >/dev/null 2>>cron.log; }

# 1: Liisa orders on Monday 30 Nov as liisa@old.fi and asks to stop
# marketing; on Tuesday her CRM record (id 501) has liisa@new.fi
mkdir one && cd one && cp ../cron.sh .
echo contact_id,when,type,value,item,note >events.csv
crm 'Record ID,First Name,Email,Create Date,Time Zone\n501,Liisa,liisa@old.fi,2026-01-01 10:00,Europe/Helsinki\n'
printf 'Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name\n#1,liisa@old.fi,paid,50.00,2026-11-30 08:00:00 +0200,1,Teapot\n' >o.csv
fu-import o.csv >orders.csv 2>/dev/null
FU_NOW=2026-11-30T07:00:00Z sh cron.sh stop liisa@old.fi || fail "stop by e-mail refused"
grep -q '^liisa@old.fi,.*,unsubscribe,' events.csv || fail "opt-out not recorded under the e-mail"
grep -q '^501,.*,unsubscribe,' events.csv || fail "opt-out not recorded under the id"
crm 'Record ID,First Name,Email,Create Date,Time Zone\n501,Liisa,liisa@new.fi,2026-01-01 10:00,Europe/Helsinki\n'
run 2026-12-01T09:00:00Z
grep -q 'liisa@old.fi' contacts.csv || fail "the old address is no alias"
[ "$(subjects 'Thank you for your order')" -eq 1 ] || fail "order under the old address not thanked once"
grep -q '^To: Liisa <liisa@new.fi>' outbox.mbox || fail "thank-you not to the new address"
for t in 2026-12-01T12:00:00Z 2026-12-08T09:00:00Z 2026-12-21T09:00:00Z 2027-01-04T09:00:00Z; do run $t; done
[ "$(subjects 'Thank you for your order')" -eq 1 ] || fail "thank-you sent again"
[ "$(grep -c '^Subject:' outbox.mbox)" -eq 1 ] || { grep '^Subject:' outbox.mbox; fail "marketing after the opt-out"; }
cd ..

# 2: Eeva says stop, recorded by her id; the CRM then gives her another id
mkdir two && cd two && cp ../cron.sh .
echo contact_id,when,type,value,item,note >events.csv
crm 'Record ID,First Name,Email,Create Date,Time Zone\n105,Eeva,eeva@example.com,2026-10-01 10:00,Europe/Helsinki\n'
printf 'Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name\n#1001,eeva@example.com,paid,50.00,2026-11-20 11:00:00 +0200,1,Linen apron\n' >o.csv
fu-import o.csv >orders.csv 2>/dev/null
run 2026-11-23T09:00:00Z
[ "$(subjects 'Thank you for your order')" -eq 1 ] || fail "no thank-you"
FU_NOW=2026-11-30T12:00:00Z sh cron.sh stop 105 || fail "stop by id refused"
crm 'Record ID,First Name,Email,Create Date,Time Zone\n9105,Eeva,eeva@example.com,2026-10-01 10:00,Europe/Helsinki\n'
for t in 2026-12-01T09:00:00Z 2026-12-21T09:00:00Z 2027-01-20T09:00:00Z; do run $t; done
grep -q '105' contacts.csv || fail "the old id is no alias"
[ "$(grep -c '^Subject:' outbox.mbox)" -eq 1 ] || { grep '^Subject:' outbox.mbox; fail "marketing after stop by id and an id change"; }
cd ..

# 3: Ann's two CRM records; the export's row order flips every day
mkdir three && cd three && cp ../cron.sh .
echo contact_id,when,type,value,item,note >events.csv
printf 'Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name\n#1001,ann@example.com,paid,20.00,2026-12-01 10:00:00 +0000,1,Mug\n' >o.csv
fu-import o.csv >orders.csv 2>/dev/null
a='2,Ann,Ann@Example.com,2026-02-01 10:00,Europe/London\n' b='1,Ann,ann@example.com,2026-01-01 10:00,Europe/London\n'
for day in 02 03 04 07; do
	if [ "$day" = 03 ] || [ "$day" = 07 ]; then rows="$a$b"; else rows="$b$a"; fi
	crm "Record ID,First Name,Email,Create Date,Time Zone\\n$rows"
	run 2026-12-${day}T09:30:00Z
	[ "$(mlr --icsv --onidx cut -f id contacts.csv)" = 1 ] || fail "merged id is not the smallest on day $day"
done
[ "$(subjects 'Thank you for your order')" -eq 1 ] || fail "thank-you sent again after the row order flipped"
