#!/bin/sh
# examples/cron.sh with FU_CRM: contacts.csv is never replaced by an events
# stream (trial 8 findings 03 and 10, their reproductions):
#  1 a Stripe customers export is read as contacts: Maria's order is thanked
#  2 an export guessed as events fails the run loudly (exit 2) and keeps
#    contacts.csv as it was; FU_CRM_KIND=contacts reads it as contacts
#  3 Zoho Books' contacts ("Contact ID", "Created Time") are contacts
set -eu
export TZ=UTC FU_TZ=Europe/Lisbon FU_FROM=shop@example.com FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
fail() { echo "$*"; echo "== contacts.csv"; cat contacts.csv 2>/dev/null; echo "== log"; cat log; exit 1; }
setup() {
	mkdir "$1" && cd "$1" && cp ../cron.sh .
	echo contact_id,when,type,value,item,note >events.csv
	printf 'contact_id,when,type,value,item,note\nmaria@example.com,2026-03-02T10:00:00Z,purchase,30,Plan,order ch_1\n' >orders.csv
}
run() { FU_NOW=2026-03-03T10:00:00+00:00 sh cron.sh >/dev/null 2>log; }

# 1
setup one
printf 'id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Total Spend,Payment Count,Refunded Volume,Dispute Losses,tag (metadata)\ncus_A1,,maria@example.com,Maria Silva,2026-02-27 14:03,false,price_m,active,120.00,4,0.00,0.00,\ncus_A2,,joao@example.com,João Souza,2026-02-28 09:11,false,,,0.00,0,0.00,0.00,\n' >stripe.csv
FU_CRM=stripe.csv run || fail "run 1 failed"
[ "$(head -c 3 contacts.csv)" = "id," ] || fail "1: contacts.csv is no contacts stream"
grep -q '^cus_A2,João,Souza,joao@example.com,' contacts.csv || fail "1: João not a contact"
[ "$(grep -c '^Subject: Thank you for your order' outbox.mbox)" -eq 1 ] || fail "1: Maria's order not thanked once"
grep -q 'joao@example.com' outbox.mbox && fail "1: João, who never paid, got mail"
cd ..

# 2: a CRM export whose header reads as events (a "Type" column and a time)
setup two
printf 'Contact ID,Created Time,Type,First Name,Email\n7,2026-02-27 14:03,customer,Maria,maria@example.com\n' >crm.csv
st=0; FU_CRM=crm.csv run || st=$?
[ "$st" -eq 2 ] || fail "2: a CRM export read as events did not fail the run (exit $st)"
[ ! -e contacts.csv ] || fail "2: contacts.csv written from an events stream"
grep -q 'read as events, not contacts.*FU_CRM_KIND=contacts' log || fail "2: no word of FU_CRM_KIND"
[ ! -e contacts.csv.new ] || fail "2: contacts.csv.new left behind"
printf 'id,first_name,email\n7,Maria,maria@example.com\n' >contacts.csv
touch -d '-1 day' contacts.csv
st=0; FU_CRM=crm.csv run || st=$?
[ "$st" -eq 2 ] || fail "2: with a previous contacts.csv, exit $st"
grep -q '^7,Maria,maria@example.com$' contacts.csv || fail "2: contacts.csv not kept"
grep -q 'guessed from its header: --kind contacts' log || fail "2: no word of the guess"
FU_CRM=crm.csv FU_CRM_KIND=contacts run || fail "2: FU_CRM_KIND=contacts failed"
grep -q '^7,Maria,,maria@example.com,' contacts.csv || fail "2: FU_CRM_KIND=contacts not read as contacts"
[ "$(grep -c '^Subject: Thank you for your order' outbox.mbox)" -eq 1 ] || fail "2: Maria's order not thanked"
cd ..

# 3
setup three
printf 'Created Time,Display Name,First Name,Last Name,EmailID,Contact ID,Billing Country\n2026-01-06 10:00:00,Maria Silva,Maria,Silva,maria@example.com,460000000012346,Portugal\n' >zoho.csv
FU_CRM=zoho.csv run || fail "3: run failed"
grep -q '^460000000012346,Maria,Silva,maria@example.com,' contacts.csv || fail "3: not read as contacts"
[ "$(grep -c '^Subject: Thank you for your order' outbox.mbox)" -eq 1 ] || fail "3: Maria's order not thanked"
