# trials10/05: a task that leaves the plan (the monthly value step
# re-anchored on a newer purchase) is written once more as CANCELLED under
# its UID when the last export is given (--previous), so that a calendar
# client importing the feed drops it; a later export carries it unchanged
# (same SEQUENCE) while it is within the calendar's window.  Without
# --previous it just is not there.  Parsed by Python's icalendar.
set -eu
export TZ=America/New_York
d=$TESTS/cases/fu-schedule/trial10-06-done-sequence-stays
plan() {
	now=$1; shift
	fu-schedule --events "$d/orders.csv" --events "$d/events.csv" --now "$now" --window 09:00-17:00 \
		--business-days --horizon 30d -f ics "$@" <"$d/contacts.csv" 2>err
}
plan 2027-03-25T12:00:00Z >p1.ics
plan 2027-03-27T12:00:00Z >plain.ics
plan 2027-03-27T12:00:00Z --previous p1.ics >p2.ics
grep -q 'cancelled 2 of --previous no longer planned' err || { cat err; exit 1; }
plan 2027-03-28T12:00:00Z --previous p2.ics >p3.ics
# a file that is not there: exit 2; --previous with CSV: a usage error
st=0; plan 2027-03-27T12:00:00Z --previous missing.ics >/dev/null || st=$?
[ "$st" = 2 ] || { echo "missing --previous: exit $st"; exit 1; }
st=0; fu-schedule --previous p1.ics </dev/null >/dev/null 2>&1 || st=$?
[ "$st" = 2 ] || { echo "--previous without ics: exit $st"; exit 1; }
# a calendar of other events: not read, counted in a note; a folded UID
# line of a task is read
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:meeting-1@example.com\r\nDTSTART:20270401T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:61680eb9a9d697\r\n 35@fu-schedule\r\nDTSTART:20270412T033000Z\r\nSEQUENCE:3\r\nSUMMARY:value: S\\, C\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >other.ics
plan 2027-03-27T12:00:00Z --previous other.ics >o2.ics
grep -q 'other.ics: 1 events that are no fu-schedule task' err && grep -q 'cancelled 1 of --previous' err || { cat err; exit 1; }
tr -d '\r' <o2.ics | grep -A9 '^UID:61680eb9a9d69735' | grep -qx 'SUMMARY:left the plan: value: S\\, C' || { cat o2.ics; exit 1; }
"$PY" - <<'PY'
from icalendar import Calendar
def load(f):
    return {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(open(f, "rb").read()).walk("VEVENT")}
p1, plain, p2, p3 = load("p1.ics"), load("plain.ics"), load("p2.ics"), load("p3.ics")
left = sorted(u for u in p1 if u not in plain and str(p1[u].get("X-FU-STATE")) != "done" and
              p1[u].decoded("DTSTART").isoformat() >= "2027-02-25")
assert left == ["48fb247a9bc35e61", "decf8e5ae0e30ea4"], left
for u in left:
    e = p2[u]
    assert str(e["STATUS"]) == "CANCELLED" and str(e["X-FU-STATE"]) == "left", e
    assert int(e["SEQUENCE"]) == int(p1[u]["SEQUENCE"]) + 1, (u, e["SEQUENCE"])
    assert e.decoded("DTSTART") == p1[u].decoded("DTSTART")
    assert str(e["SUMMARY"]) == "left the plan: " + str(p1[u]["SUMMARY"]), e["SUMMARY"]
    assert not e.walk("VALARM")
    # carried on unchanged by the next export
    f = p3[u]
    assert (str(f["STATUS"]), int(f["SEQUENCE"]), str(f["SUMMARY"])) == \
        (str(e["STATUS"]), int(e["SEQUENCE"]), str(e["SUMMARY"])), f
# every task of the plain export is in p2 as it is there
for u, e in plain.items():
    assert str(p2[u]["SUMMARY"]) == str(e["SUMMARY"]) and int(p2[u]["SEQUENCE"]) == int(e["SEQUENCE"]), u
assert len(p2) == len(plain) + 2, (len(p2), len(plain))
PY
