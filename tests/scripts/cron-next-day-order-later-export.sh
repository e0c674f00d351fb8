#!/bin/sh
# Trial 4 finding 06 (README's daily-export recipe): order #1055 of Thursday
# reaches orders.csv in Friday's export, after the thank-you of Wednesday's
# order #1020 went out.  It is an order of its own, thanked once (Monday:
# Friday's one e-mail went out), and the check-in names each order's item.
set -eu
export TZ=UTC FU_FROM='Shop <hello@shop.example>' FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
mkdir exports
echo contact_id,when,type,value,item,note >events.csv
printf 'id,first_name,email,tz,created\n172,Yuki,yuki@example.com,Asia/Tokyo,2026-10-18\n' >contacts.csv
H='Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name'
printf '%s\n#1020,yuki@example.com,paid,171.02,2026-12-02 23:10:00 +0900,1,Lamp\n' "$H" >exports/orders-2026-12-03.csv
fu-import exports/orders-*.csv >orders.csv 2>/dev/null
FU_NOW=2026-12-04T00:00:00Z sh cron.sh >/dev/null 2>&1 # Friday 09:00 in Tokyo: the lamp's thank-you
printf '%s\n#1020,yuki@example.com,paid,171.02,2026-12-02 23:10:00 +0900,1,Lamp\n#1055,yuki@example.com,paid,284.34,2026-12-03 16:27:00 +0900,1,Armchair\n' \
	"$H" >exports/orders-2026-12-04.csv
fu-import exports/orders-2026-12-04.csv exports/orders-2026-12-03.csv >orders.csv 2>/dev/null # newest first
for t in 2026-12-04T06:00:00Z 2026-12-07T00:00:00Z 2026-12-08T00:00:00Z 2026-12-09T00:00:00Z 2026-12-10T00:00:00Z 2026-12-11T00:00:00Z; do
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
assert thanks[0][0].startswith('Fri, 4 Dec'), thanks[0][0]
assert 'Armchair' in thanks[1][2] and 'Lamp' not in thanks[1][2], thanks[1]
assert thanks[1][0].startswith('Mon, 7 Dec'), thanks[1][0]
PY
# the plan keeps no thank-you open, expired or otherwise
n=$(fu-schedule -e orders.csv -e events.csv --now 2026-12-11T01:00:00Z -s thank-you <contacts.csv 2>/dev/null |
	mlr --icsv --onidx filter '$state != "done"' then count)
[ -z "$n" ] || [ "$n" = 0 ] || { echo "$n thank-yous still open"; exit 1; }
