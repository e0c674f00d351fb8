#!/bin/sh
# trials3/14: a task a daily cap moves between two exports comes with a
# higher SEQUENCE (RFC 5545 3.8.7.4), so a calendar re-importing it moves
# the entry; done, higher again.  Parsed by Python's icalendar.
set -eu
export TZ=Europe/Helsinki
printf 'id,first_name,email,tz\nc1,Anna,anna@example.fi,Europe/Helsinki\n' >contacts.csv
# the check-in of the first order (7d: 9 Mar) meets the thank-you of a
# second order made on 8 Mar: one e-mail a day, service first, so the
# check-in rolls to 10 Mar
printf 'contact_id,when,type,value,item,note\nc1,2026-03-02T10:00:00+02:00,purchase,10,Lamp,\nc1,2026-03-08T10:00:00+02:00,purchase,10,Mug,\n' >events.csv
args='-e events.csv -H 14d -f ics'
fu-schedule $args -n 2026-03-03T12:00:00+02:00 <contacts.csv >a.ics
fu-schedule $args -n 2026-03-08T12:00:00+02:00 <contacts.csv >b.ics
# the check-in done on 10 Mar (marked by its task_id, as cron.sh does)
tid=$(tr -d '\r' <a.ics | awk -F: '/^UID:/ { u = $2 } /^SUMMARY:check-in/ { sub(/@.*/, "", u); print u }')
printf 'c1,2026-03-10T11:00:00+02:00,followup,,check-in,%s\n' "$tid" >>events.csv
fu-schedule $args -n 2026-03-10T12:00:00+02:00 <contacts.csv >c.ics
"$PY" - <<'PY'
import datetime
from icalendar import Calendar
def load(f):
    return {str(e["UID"]): e for e in Calendar.from_ical(open(f, "rb").read()).walk("VEVENT")}
a, b, c = load("a.ics"), load("b.ics"), load("c.ics")
checkin = [u for u, e in a.items() if str(e["SUMMARY"]).startswith("check-in")]
assert len(checkin) == 1, list(a)
u = checkin[0]
day = lambda e: e.decoded("DTSTART").astimezone(datetime.timezone(datetime.timedelta(hours=2))).date()
assert day(a[u]) == datetime.date(2026, 3, 9) and int(a[u]["SEQUENCE"]) == 0, (day(a[u]), a[u]["SEQUENCE"])
assert day(b[u]) == datetime.date(2026, 3, 10), day(b[u])
assert int(b[u]["SEQUENCE"]) > int(a[u]["SEQUENCE"]), b[u]["SEQUENCE"]
assert str(c[u]["X-FU-STATE"]) == "done", c[u]
assert int(c[u]["SEQUENCE"]) > int(b[u]["SEQUENCE"]), c[u]["SEQUENCE"]
# a task nothing moved keeps SEQUENCE 0 in every export
for u2, e in b.items():
    if u2 != u and u2 in a and str(e["STATUS"]) == "CONFIRMED" and "X-FU-STATE" not in e:
        assert e.decoded("DTSTART") == a[u2].decoded("DTSTART") and int(e["SEQUENCE"]) == 0, e
PY
