#!/bin/sh
# examples/cron.sh keeps its only state in the events log: marks it appends
# must be readable whatever shape the log has, and a run that cannot read its
# marks, or cannot write the outbox, must not hand anything out again
# (trial 3 findings 09, 10, 13, 15; the opt-out line of finding 12).
set -eu
export TZ=Europe/Helsinki FU_FROM=shop@example.com
cp "$EXAMPLES/cron.sh" cron.sh
thanks() { grep -c '^To: Jane Smith' outbox.mbox || true; }
runs() { for n in 2026-10-13T10:00:00+03:00 2026-10-13T10:30:00+03:00 2026-10-13T11:00:00+03:00 2026-10-14T10:00:00+03:00; do
	FU_NOW=$n sh cron.sh >/dev/null 2>&1 || true; done; }
printf 'Email,First Name,Last Name\njane@example.com,Jane,Smith\n' | fu-import 2>/dev/null >contacts.csv

# 1. a log fu-import made from a Shopify export keeps its extra columns
printf 'Name,Email,Financial Status,Paid at,Fulfillment Status,Total,Created at,Lineitem quantity,Lineitem name\n#1001,jane@example.com,paid,2026-10-12 10:00:00 +0300,fulfilled,55.00,2026-10-12 10:00:00 +0300,1,Sauna hat\n' >orders.csv
fu-import orders.csv >events.csv 2>/dev/null
[ "$(head -1 events.csv | tr ',' '\n' | wc -l)" -gt 6 ] || { echo "setup: no pass-through columns"; exit 1; }
runs
[ "$(thanks)" -eq 1 ] || { echo "1: $(thanks) thank-yous with a wide log"; tail -3 events.csv; exit 1; }
fu-schedule --events events.csv --now 2026-10-14T10:00:00+03:00 <contacts.csv >/dev/null 2>err || { echo "1: log unreadable"; cat err; exit 1; }

# 2. a log whose last line has no line end
rm -f outbox.mbox
printf 'contact_id,when,type,value,item,note\njane@example.com,2026-10-12T10:00:00+03:00,purchase,10,Sauna hat,' >events.csv
runs
[ "$(thanks)" -eq 1 ] || { echo "2: $(thanks) thank-yous"; cat events.csv; exit 1; }
[ "$(grep -c purchase events.csv)" -eq 1 ] && grep -q '^jane@example.com,2026-10-12T10:00:00+03:00,purchase,10,Sauna hat,$' events.csv ||
	{ echo "2: the purchase line was changed"; cat events.csv; exit 1; }

# 3. a done mark the programs cannot read: nothing handed out, exit 2
rm -f outbox.mbox
printf 'contact_id,when,type,value,item,note\njane@example.com,2026-10-12T10:00:00+03:00,purchase,10,Sauna hat,\njane@example.com,2026-10-13T09:00:00+03:00,followup,,thank-you,x,extra\n' >events.csv
st=0; FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 2 ] || { echo "3: exit $st with an unreadable mark"; cat err; exit 1; }
[ ! -s outbox.mbox ] || { echo "3: mail went out with an unreadable mark"; exit 1; }
grep -q 'done mark or unsubscribe cannot be read' err || { echo "3: no message"; cat err; exit 1; }

# 4. no From address (cron sets neither FU_FROM nor EMAIL): refused
printf 'contact_id,when,type,value,item,note\njane@example.com,2026-10-12T10:00:00+03:00,purchase,10,Sauna hat,\n' >events.csv
st=0; env -u FU_FROM -u EMAIL FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 2 ] && grep -q FU_FROM err || { echo "4: exit $st without a From"; cat err; exit 1; }

# 5. fu-render failing half-way: the outbox is left as it was, nothing marked
mkdir -p fake
cat >fake/fu-render <<'SH'
#!/bin/sh
printf 'From x\nSubject: half\n' ; echo "fu-render: write error" >&2; exit 2
SH
chmod +x fake/fu-render
echo "From old" >outbox.mbox
st=0; PATH=$PWD/fake:$PATH FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>err || st=$?
[ "$st" -eq 2 ] || { echo "5: exit $st"; exit 1; }
[ "$(cat outbox.mbox)" = "From old" ] || { echo "5: the outbox changed"; cat outbox.mbox; exit 1; }
! grep -q followup events.csv || { echo "5: marked after a failed render"; exit 1; }
[ ! -e outbox.tmp ] || { echo "5: temporary file left"; exit 1; }

# 6. stop: an unsubscribe event; marketing mail then carries nothing, service still goes
sh cron.sh stop jane@example.com
grep -q '^jane@example.com,.*,unsubscribe,' events.csv || { echo "6: no unsubscribe event"; cat events.csv; exit 1; }
if sh cron.sh stop 'a,b' 2>/dev/null; then echo "6: a comma accepted"; exit 1; fi
fu-schedule --events events.csv --now 2026-10-13T10:00:00+03:00 <contacts.csv >/dev/null 2>err || { echo "6: log unreadable"; cat err; exit 1; }

# 7. the README's recipe for new orders (trial 3 finding 06): every export kept
# and re-imported into orders.csv, marks in events.csv; Tuesday's export
# overlaps Monday's.  One thank-you each; the overlapping order counted once.
rm -f outbox.mbox; echo contact_id,when,type,value,item,note >events.csv
mkdir -p exports
hdr='Name,Email,Financial Status,Paid at,Total,Created at,Lineitem quantity,Lineitem name'
printf '%s\n#1001,jane@example.com,paid,2026-10-12 10:00:00 +0300,55.00,2026-10-12 10:00:00 +0300,1,Sauna hat\n' "$hdr" >exports/orders-mon.csv
printf 'Email,First Name,Last Name\njane@example.com,Jane,Smith\nkim@example.com,Kim,Berg\n' | fu-import 2>/dev/null >contacts.csv
fu-import exports/orders-*.csv >orders.csv 2>/dev/null
FU_ORDERS=orders.csv FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>&1
printf '%s\n#1001,jane@example.com,paid,2026-10-12 10:00:00 +0300,55.00,2026-10-12 10:00:00 +0300,1,Sauna hat\n#1002,kim@example.com,paid,2026-10-13 11:00:00 +0300,15.00,2026-10-13 11:00:00 +0300,1,Soap\n' "$hdr" >exports/orders-tue.csv
fu-import exports/orders-*.csv >orders.csv 2>/dev/null
for n in 2026-10-14T10:00:00+03:00 2026-10-14T11:30:00+03:00 2026-10-15T10:00:00+03:00; do FU_ORDERS=orders.csv FU_NOW=$n sh cron.sh >/dev/null 2>&1; done
[ "$(thanks)" -eq 1 ] || { echo "7: Jane thanked $(thanks) times after a re-import"; exit 1; }
[ "$(grep -c '^To: Kim Berg' outbox.mbox)" -eq 1 ] || { echo "7: Kim not thanked once"; exit 1; }
fu-churn --events orders.csv --events events.csv --now 2026-10-20 <contacts.csv 2>/dev/null |
	mlr --icsv --onidx filter '$email == "jane@example.com"' then cut -f monetary | grep -qx '55.00' ||
	{ echo "7: Jane's spend is not 55.00"; exit 1; }

# 8. an order pending in an older export and paid in a newer one (trial 4
# finding 02): imported newest first, the paid copy is the one read
printf '%s\n#1003,kim@example.com,pending,,20.00,2026-10-15 10:00:00 +0300,1,Towel\n' "$hdr" >exports/orders-2026-10-15.csv
printf '%s\n#1003,kim@example.com,paid,2026-10-16 09:00:00 +0300,20.00,2026-10-15 10:00:00 +0300,1,Towel\n' "$hdr" >exports/orders-2026-10-16.csv
# shellcheck disable=SC2046
fu-import $(ls -r exports/orders-*.csv) >orders.csv 2>/dev/null
grep -q '^kim@example.com,.*,purchase,20.00,Towel,' orders.csv || { echo "8: the paid order was not read"; cat orders.csv; exit 1; }

# 9. marks keyed by the e-mail (trial 4 finding 01): a CRM id changed after
# the thank-you went out does not send it again
rm -f outbox.mbox
printf 'id,first_name,last_name,email\nold1,Lea,Lind,lea@example.com\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nlea@example.com,2026-10-12T10:00:00+03:00,purchase,10,Cup,\n' >events.csv
FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>&1
grep -q '^lea@example.com,2026-10-13T10:00:00+03:00,followup,' events.csv || { echo "9: mark not keyed by the e-mail"; cat events.csv; exit 1; }
printf 'id,first_name,last_name,email\nnew1,Lea,Lind,lea@example.com\n' >contacts.csv
FU_NOW=2026-10-13T10:30:00+03:00 sh cron.sh >/dev/null 2>&1
[ "$(grep -c '^To: Lea Lind' outbox.mbox)" -eq 1 ] || { echo "9: thanked again after an id change"; exit 1; }

# 10. stop: only a contact's own id or e-mail (trial 4 finding 03); the
# sender as a mail client copies it (a display form, mailto:, blanks around
# it: trials6/16) is read as the address, as fu(7) reads an event's key, and
# recorded under the contact's own keys
for bad in lea@exmaple.com 'Lea <lea@exmaple.com>' 'a,b@example.com'; do
	if sh cron.sh stop "$bad" 2>/dev/null; then echo "10: stop '$bad' accepted"; exit 1; fi
done
for form in 'Lea Lind <LEA@example.com>' 'mailto:lea@example.com' ' lea@example.com	'; do
	cp events.csv before.csv
	sh cron.sh stop "$form" || { echo "10: stop '$form' refused"; exit 1; }
	diff before.csv events.csv | grep -q '^> lea@example.com,.*,unsubscribe,' || { echo "10: stop '$form' not keyed by the e-mail"; exit 1; }
	diff before.csv events.csv | grep -q '^> new1,.*,unsubscribe,' || { echo "10: stop '$form' not keyed by the id"; exit 1; }
	grep -q '^[^,]*[<:	 ]' events.csv && { echo "10: stop '$form' wrote a key as given"; exit 1; }
done
sh cron.sh stop new1 && grep -q '^lea@example.com,.*,unsubscribe,' events.csv || { echo "10: stop by id not keyed by the e-mail"; exit 1; }

# 11. two customers sharing one address: their marks are keyed by their ids
# (keyed by the address they would join the first one only, and the second's
# thank-you would go out every half hour)
rm -f outbox.mbox
printf 'id,first_name,last_name,email\nh1,Anna,Aho,info@aho.fi\nh2,Pekka,Aho,INFO@aho.fi\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nh2,2026-10-12T10:00:00+03:00,purchase,10,Hat,\nh1,2026-10-12T10:00:00+03:00,purchase,10,Towel,\n' >events.csv
for n in 2026-10-13T10:00:00+03:00 2026-10-13T10:30:00+03:00 2026-10-14T10:00:00+03:00; do FU_NOW=$n sh cron.sh >/dev/null 2>&1; done
[ "$(grep -c '^From ' outbox.mbox)" -eq 2 ] || { echo "11: $(grep -c '^From ' outbox.mbox) messages for two orders"; cat events.csv; exit 1; }
grep -q '^h2,.*,followup,' events.csv || { echo "11: the second customer's mark not keyed by its id"; exit 1; }
