#!/bin/sh
# Trial 11b/04: a covering thank-you names two orders; an order after it
# must not bring a thank-you naming one of them again.  examples/cron.sh
# hourly, the shop's exports imported as they come.
#  Aino: Monday evening's Teapot (#3001) and Wednesday 00:44's Kettle
#  (#3002) are thanked in one e-mail on Wednesday 09:00 (one thank-you a
#  week for a regular), marked done naming both.  Wednesday 23:56's Mug
#  (#3003) falls into the Kettle's order (one local day), but was bought
#  after the thank-you went out, within its quiet time: covered by it,
#  not thanked, and the Kettle is not thanked again on Thursday.
#  Ben: the same two orders thanked on Wednesday 09:00, and a Mug (#4003)
#  bought Wednesday 08:00 that reaches the log only at noon: not thanked by
#  that e-mail, it gets one of its own on Thursday, naming the Mug alone.
set -eu
export TZ=Europe/Helsinki FU_FROM='Shop <hello@shop.example>' FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
echo contact_id,when,type,value,item,note >events.csv
printf 'id,first_name,email,tz\n1,Aino,aino@example.fi,Europe/Helsinki\n2,Ben,ben@example.fi,Europe/Helsinki\n' >contacts.csv
H='Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name'
day1="#3001,aino@example.fi,paid,40.00,2026-03-02 18:32:00 +0200,1,Teapot
#4001,ben@example.fi,paid,40.00,2026-03-02 18:32:00 +0200,1,Teapot"
day3="#3002,aino@example.fi,paid,25.00,2026-03-04 00:44:00 +0200,1,Kettle
#4002,ben@example.fi,paid,25.00,2026-03-04 00:44:00 +0200,1,Kettle"
import() { printf '%s\n' "$H" "$@" >export.csv && fu-import export.csv >orders.csv 2>/dev/null; }
run() { for t in "$@"; do FU_NOW=$t sh cron.sh >/dev/null 2>&1; done; }
import "$day1"
run 2026-03-02T19:00:00+02:00 2026-03-03T09:00:00+02:00 2026-03-03T17:00:00+02:00
import "$day1" "$day3"
run 2026-03-04T01:00:00+02:00 2026-03-04T09:00:00+02:00 2026-03-04T10:00:00+02:00
import "$day1" "$day3" "#4003,ben@example.fi,paid,9.00,2026-03-04 08:00:00 +0200,1,Mug"
run 2026-03-04T12:00:00+02:00 2026-03-04T17:00:00+02:00
import "$day1" "$day3" "#4003,ben@example.fi,paid,9.00,2026-03-04 08:00:00 +0200,1,Mug" \
	"#3003,aino@example.fi,paid,9.00,2026-03-04 23:56:00 +0200,1,Mug"
for d in 05 06 09 10 11 12; do
	for h in 09 10 11 12 13 14 15 16 17; do run "2026-03-${d}T$h:00:00+02:00"; done
done
"$PY" - <<'PY'
import mailbox
def text(m):
    return ''.join(p.get_payload(decode=True).decode() for p in m.walk() if p.get_content_type() == 'text/plain')
got = [(m['To'], m['Date'], m['Subject'], text(m)) for m in mailbox.mbox('outbox.mbox')]
thanks = [g for g in got if g[2].startswith('Thank you')]
aino = [g for g in thanks if 'aino@' in g[0]]
ben = [g for g in thanks if 'ben@' in g[0]]
assert len(aino) == 1, [g[:3] for g in aino]
assert aino[0][1].startswith('Wed, 4 Mar') and 'Teapot, Kettle' in aino[0][3], aino[0]
assert len(ben) == 2, [g[:3] for g in ben]
assert ben[0][1].startswith('Wed, 4 Mar') and 'Teapot, Kettle' in ben[0][3], ben[0]
assert ben[1][1].startswith('Thu, 5 Mar') and 'Mug' in ben[1][3] and 'Kettle' not in ben[1][3], ben[1]
PY
# the plan keeps no thank-you open, expired or otherwise
n=$(fu-schedule -e orders.csv -e events.csv --now 2026-03-12T18:00:00+02:00 -s thank-you <contacts.csv 2>/dev/null |
	mlr --icsv --onidx filter '$state != "done"' then count)
[ -z "$n" ] || [ "$n" = 0 ] || { echo "$n thank-yous still open"; exit 1; }
