# fu-schedule --format ics, read back by a real parser (Debian's python3-icalendar):
# one VEVENT per CSV task, UID from task_id, DTSTART = due, TEXT escaping,
# CRLF, folding at 75 octets without splitting UTF-8, a VALARM per event.
set -eu
cat >contacts.csv <<'CSV'
id,first_name,last_name,email,phone,tz
i1,Äijä; Öhman,"Backslash \ and, comma",aijä@example.fi,+358401234567,Europe/Helsinki
i2,"Multi
Line","Name with a very long tail that goes on and on past the seventy-five octet limit 😀😀😀",long@example.com,,America/New_York
i3,Plain,Person,plain@example.com,,
CSV
cat >events.csv <<'CSV'
contact_id,when,type,value,item,note
i1,2026-02-27T10:00:00+02:00,purchase,10,"Mug; large, blue",
i2,2026-03-02T09:00,purchase,20,Kettle,
i3,2026-03-03,purchase,30,Pen,
CSV
args="--events events.csv --now 2026-03-05T12:00 --horizon 30d"
fu-schedule $args <contacts.csv >tasks.csv
fu-schedule $args --format ics --alarm 30m <contacts.csv >tasks.ics
fu-schedule $args --format ics --alarm 30m <contacts.csv >again.ics
cmp tasks.ics again.ics
"$PY" - <<'PY'
import csv, datetime, sys
from icalendar import Calendar

raw = open("tasks.ics", "rb").read()
assert raw.endswith(b"\r\n"), "no CRLF at the end"
lines = raw.split(b"\r\n")[:-1]
for n, line in enumerate(lines, 1):
    assert b"\n" not in line and b"\r" not in line, f"line {n}: bare line end"
    assert len(line) <= 75, f"line {n}: {len(line)} octets"
    line.decode("utf-8")  # a fold never splits a UTF-8 sequence
assert any(l.startswith(b" ") for l in lines), "nothing was folded (test data too short?)"

cal = Calendar.from_ical(raw)
assert str(cal["VERSION"]) == "2.0"
events = [c for c in cal.walk("VEVENT")]
tasks = list(csv.DictReader(open("tasks.csv", newline="", encoding="utf-8")))
# an expired task stays in the calendar, cancelled (issue 11: a re-import
# updates the entry instead of leaving it upcoming)
expired = [t for t in tasks if t["state"] == "expired"]
assert [(t["id"], t["step"]) for t in expired] == [("i1", "thank-you")], expired
assert len(events) == len(tasks) > 5, (len(events), len(tasks))
uids = [str(e["UID"]) for e in events]
assert len(set(uids)) == len(uids), "duplicate UIDs"
for e, t in zip(events, tasks):
    assert str(e["UID"]) == t["task_id"] + "@fu-schedule"
    due = datetime.datetime.fromisoformat(t["due"])
    start = e.decoded("DTSTART")
    assert start == due, (start, due)
    assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(0)
    name = " ".join(x for x in (t["first_name"], t["last_name"]) if x)
    assert str(e["SUMMARY"]) == f"{t['step']}: {name}", (str(e["SUMMARY"]), name)
    desc = str(e["DESCRIPTION"])
    assert desc.startswith(t["reason"] + "\n"), desc
    if t["item"]:
        assert ("item: " + t["item"]) in desc, desc
    alarms = [a for a in e.walk("VALARM")]
    if t["state"] == "expired":
        assert str(e["STATUS"]) == "CANCELLED" and int(e["SEQUENCE"]) >= 1 and not alarms, e
        continue
    assert str(e["STATUS"]) == "CONFIRMED" and int(e["SEQUENCE"]) == 0, e
    assert len(alarms) == 1
    assert alarms[0].decoded("TRIGGER") == -datetime.timedelta(minutes=30)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
print(len(events), "events checked")
PY
# a re-import updates: the same task keeps its UID when unrelated events arrive
printf 'i3,2026-03-04,email_open,,news,\n' >>events.csv
fu-schedule $args --format ics <contacts.csv | grep '^UID' | sort >uids2
grep '^UID' tasks.ics | sort >uids1
cmp uids1 uids2
# header-only input: an empty, valid calendar
printf 'id,email\n' | fu-schedule --now 2026-03-05 --format ics >empty.ics
"$PY" -c '
from icalendar import Calendar
c = Calendar.from_ical(open("empty.ics","rb").read())
assert not c.walk("VEVENT")'

# Issue 11: a task done since the last export keeps its UID, marked done,
# so that re-importing the calendar updates it; the others are unchanged.
grep '^UID' tasks.ics | head -1 | sed 's/^UID://; s/@fu-schedule.*//' | tr -d '\r' >id
tid=$(cat id)
step=$(mlr --icsv --onidx filter '$task_id == "'"$tid"'"' then cut -f id,step tasks.csv)
set -- $step
printf '%s,2026-03-05T11:00,followup,,%s,%s\n' "$1" "$2" "$tid" >>events.csv
fu-schedule $args --format ics --alarm 30m <contacts.csv >after.ics 2>/dev/null
"$PY" - "$tid" <<'PY'
import sys
from icalendar import Calendar
tid = sys.argv[1] + "@fu-schedule"
before = {str(e["UID"]): e for e in Calendar.from_ical(open("tasks.ics", "rb").read()).walk("VEVENT")}
after = {str(e["UID"]): e for e in Calendar.from_ical(open("after.ics", "rb").read()).walk("VEVENT")}
assert set(before) == set(after), set(before) ^ set(after)
done = after[tid]
assert str(done["X-FU-STATE"]) == "done", done
assert int(done["SEQUENCE"]) > int(before[tid]["SEQUENCE"]), (done["SEQUENCE"], before[tid]["SEQUENCE"])
assert str(done["SUMMARY"]).startswith("done: ") and str(done["TRANSP"]) == "TRANSPARENT"
assert not done.walk("VALARM")
assert done.decoded("DTSTART") == before[tid].decoded("DTSTART")
for uid in before:
    if uid != tid:
        assert after[uid].to_ical() == before[uid].to_ical(), uid
print("done task kept under its UID")
PY
