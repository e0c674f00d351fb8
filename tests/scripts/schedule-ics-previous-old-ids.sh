#!/bin/sh
# An upgrade from the task ids before 2026-12 (fu(7) TASKS), checked with
# Python's icalendar: the export given the release before's calendar
# (--previous) cancels every old UID it no longer lists, done ones whose task
# is now listed under a new UID too, and lists each task exactly once; a
# calendar that applies it holds one live entry a task.
set -eu
d=$TESTS/cases/fu-schedule/ics-previous-old-ids
fu-schedule --events "$d/orders.csv" --events "$d/events.csv" --now 2026-03-06T17:00:00Z --window 09:00-17:00 \
	--business-days --horizon 30d -f ics --previous "$d/old.ics" <"$d/contacts.csv" >new.ics 2>err
"$PY" - "$d/old.ics" <<'PY'
import sys
from collections import Counter
from icalendar import Calendar
def load(f):
    return list(Calendar.from_ical(open(f, "rb").read()).walk("VEVENT"))
old, new = load(sys.argv[1]), load("new.ics")
uids = Counter(str(e["UID"]) for e in new)
assert all(c == 1 for c in uids.values()), [u for u, c in uids.items() if c > 1]
# a client's calendar: the old entries, updated by the new export's
cal = {str(e["UID"]): e for e in old}
for e in new:
    u = str(e["UID"])
    assert u not in cal or int(e["SEQUENCE"]) >= int(cal[u]["SEQUENCE"]), u
    cal[u] = e
for e in old:
    assert str(e["UID"]) in uids, ("old UID neither listed nor cancelled", str(e["UID"]), str(e["SUMMARY"]))
live = Counter(str(e["SUMMARY"]) for e in cal.values() if str(e.get("STATUS")) != "CANCELLED")
assert all(c == 1 for c in live.values()), [s for s, c in live.items() if c > 1]
assert len(live) == 21, live  # 7 contacts: a thank-you (done), a check-in, a value e-mail
PY
