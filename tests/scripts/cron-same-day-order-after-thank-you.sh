#!/bin/sh
# A purchase of the day's order reaching the log after the order's thank-you
# went out (README's daily-export recipe): #1020 (Lamp) of Wednesday morning
# is thanked Thursday 10:30 in Tokyo and marked done with what it named;
# Thursday noon's export brings #1021 (Armchair) and #1022 (Lamp; Bulb) of
# the same Wednesday, before the thank-you fell due.  They are thanked on
# their own, once, on Friday (Thursday's one e-mail went out), naming only
# what the first did not: Armchair and Bulb, not the lamp again.  A mark
# without a value (made before marks recorded what they named) covers the
# whole order, as it did.
set -eu
export TZ=UTC FU_FROM='Shop <hello@shop.example>' FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
mkdir exports
echo contact_id,when,type,value,item,note >events.csv
printf 'id,first_name,email,tz,created\n172,Yuki,yuki@example.com,Asia/Tokyo,2026-10-18\n' >contacts.csv
H='Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name'
printf '%s\n#1020,yuki@example.com,paid,171.02,2026-12-02 10:10:00 +0900,1,Lamp\n' "$H" >exports/orders-2026-12-02.csv
fu-import exports/orders-*.csv >orders.csv 2>/dev/null
FU_NOW=2026-12-03T01:30:00Z sh cron.sh >/dev/null 2>&1 # Thursday 10:30 in Tokyo: the lamp's thank-you
grep -q ',followup,Lamp,thank-you,[0-9a-f]*$' events.csv || { echo "the mark names no item:"; cat events.csv; exit 1; }
printf '%s\n#1020,yuki@example.com,paid,171.02,2026-12-02 10:10:00 +0900,1,Lamp\n#1021,yuki@example.com,paid,284.34,2026-12-02 16:27:00 +0900,1,Armchair\n#1022,yuki@example.com,paid,30.00,2026-12-02 18:05:00 +0900,1,Lamp\n#1022,,,,,1,Bulb\n' \
	"$H" >exports/orders-2026-12-03.csv
fu-import exports/orders-2026-12-03.csv exports/orders-2026-12-02.csv >orders.csv 2>/dev/null # newest first
for t in 2026-12-03T03:00:00Z 2026-12-03T07:30:00Z 2026-12-04T00:00:00Z 2026-12-04T00:30:00Z 2026-12-04T05:00:00Z \
	2026-12-07T00:00:00Z 2026-12-08T00:00:00Z 2026-12-09T00:00:00Z; do
	FU_NOW=$t sh cron.sh >/dev/null 2>&1
done
"$PY" - <<'PY'
import mailbox
def text(m):
    return ''.join(p.get_payload(decode=True).decode() for p in m.walk() if p.get_content_type() == 'text/plain')
got = [(m['Date'], m['Subject'], text(m)) for m in mailbox.mbox('outbox.mbox')]
thanks = [g for g in got if g[1].startswith('Thank you')]
assert len(thanks) == 2, [g[:2] for g in got]
assert 'Lamp' in thanks[0][2] and 'Armchair' not in thanks[0][2], thanks[0]
assert thanks[0][0].startswith('Thu, 3 Dec'), thanks[0][0]
assert 'Armchair, Bulb' in thanks[1][2] and 'Lamp' not in thanks[1][2], thanks[1]
assert thanks[1][0].startswith('Fri, 4 Dec'), thanks[1][0]
PY
# the plan keeps no thank-you open, expired or otherwise
n=$(fu-schedule -e orders.csv -e events.csv --now 2026-12-09T01:00:00Z -s thank-you <contacts.csv 2>/dev/null |
	mlr --icsv --onidx filter '$state != "done"' then count)
[ -z "$n" ] || [ "$n" = 0 ] || { echo "$n thank-yous still open"; exit 1; }
# a mark without a value covers the whole order: nothing more to thank
head -1 events.csv >old.csv
grep ',followup,Lamp,' events.csv | sed 's/,followup,Lamp,/,followup,,/' >>old.csv
n=$(fu-schedule -e orders.csv -e old.csv --now 2026-12-04T01:00:00Z -s thank-you <contacts.csv 2>/dev/null |
	mlr --icsv --onidx count)
[ -z "$n" ] || [ "$n" = 0 ] || { echo "a mark without a value: $n thank-yous open"; exit 1; }
