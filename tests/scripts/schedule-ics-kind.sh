#!/bin/sh
# -f ics says each task's kind as the CSV's kind column does: a CATEGORIES
# property of its own beside the channel's, and a line of the DESCRIPTION.
# Parsed by Python's icalendar.
set -eu
printf 'id,first_name,email,tz\nc1,Anna,anna@example.fi,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nc1,2026-03-02T10:00:00+02:00,purchase,10,Lamp,\n' >events.csv
printf 'step,anchor,offset,window,expires,channel,template,kind\nthank-you,order,24h,24h,4d,email,thank-you,service\ncall,order,3d,1d,7d,call,call,marketing\n' >cadence.csv
fu-schedule -c cadence.csv -e events.csv -n 2026-03-02T12:00:00+02:00 -H 14d -f ics <contacts.csv >a.ics
fu-schedule -c cadence.csv -e events.csv -n 2026-03-02T12:00:00+02:00 -H 14d <contacts.csv >a.csv
"$PY" - <<'PY'
import csv
from icalendar import Calendar
kinds = {r["task_id"]: (r["step"], r["channel"], r["kind"]) for r in csv.DictReader(open("a.csv", newline=""))}
events = list(Calendar.from_ical(open("a.ics", "rb").read()).walk("VEVENT"))
assert len(events) == len(kinds) == 2, (len(events), kinds)
for e in events:
    tid = str(e["UID"]).split("@")[0]
    step, channel, kind = kinds[tid]
    cats = e["CATEGORIES"]
    cats = cats if isinstance(cats, list) else [cats]
    values = [str(v) for c in cats for v in c.cats]
    assert values == [channel, kind], (values, channel, kind)
    assert "\nkind: %s\n" % kind in str(e["DESCRIPTION"]), e["DESCRIPTION"]
assert sorted(k for _, _, k in kinds.values()) == ["marketing", "service"], kinds
PY
