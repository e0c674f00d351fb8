#!/bin/sh
# trials11b/06: a task of the last export that is no longer planned is
# written CANCELLED with one more SEQUENCE (--previous); planned again later
# under the same UID (here: its contact missing from one day's CRM export,
# back the next), it was written with the SEQUENCE derived from the task
# alone, lower than the cancellation's, and a calendar client ignored it:
# the task stayed cancelled.  Now a task's SEQUENCE is never below the one
# --previous holds for its UID, and one more when the event changed (above
# all: cancelled there, planned here); unchanged, re-exports agree.  Read
# with Python's icalendar.
set -eu
export TZ=America/New_York
d=$TESTS/cases/fu-schedule/trial10-06-done-sequence-stays
plan() {
	contacts=$1; shift
	fu-schedule --events "$d/orders.csv" --events "$d/events.csv" --now 2027-03-25T12:00:00Z \
		--window 09:00-17:00 --business-days --horizon 30d -f ics "$@" <"$contacts" 2>err
}
grep -v 'c2\.phoenix@' "$d/contacts.csv" >without-dale.csv
plan "$d/contacts.csv" >p1.ics
plan without-dale.csv --previous p1.ics >p2.ics
grep -q 'cancelled 2 of --previous no longer planned' err || { cat err; exit 1; }
plan "$d/contacts.csv" --previous p2.ics >p3.ics
plan "$d/contacts.csv" --previous p3.ics >p4.ics
plan "$d/contacts.csv" >plain.ics
"$PY" - <<'PY'
from icalendar import Calendar
def load(f):
    return {str(e["UID"]): e for e in Calendar.from_ical(open(f, "rb").read()).walk("VEVENT")}
p1, p2, p3, p4, plain = (load(f + ".ics") for f in ("p1", "p2", "p3", "p4", "plain"))
seq = lambda e: int(e["SEQUENCE"])
left = sorted(u for u, e in p2.items() if str(e.get("X-FU-STATE")) == "left")
assert len(left) == 2 and all("Dale Walker" in str(p2[u]["SUMMARY"]) for u in left), left
for u in left:
    assert str(p2[u]["STATUS"]) == "CANCELLED" and seq(p2[u]) == seq(p1[u]) + 1, (u, p1[u], p2[u])
    back = p3[u]
    assert str(back["STATUS"]) == "CONFIRMED" and back.get("X-FU-STATE") is None, back
    # the client holds the cancellation: only a higher SEQUENCE replaces it
    assert seq(back) > seq(p2[u]), (u, seq(p1[u]), seq(p2[u]), seq(back))
    # a re-export with the same plan agrees
    assert seq(p4[u]) == seq(back), (u, seq(back), seq(p4[u]))
# every other task: as without --previous, in both exports
for u, e in plain.items():
    if u in left:
        continue
    assert seq(p3[u]) == seq(e) and seq(p4[u]) == seq(e), (u, seq(e), seq(p3[u]), seq(p4[u]))
assert set(p3) == set(plain) == set(p4), (len(p3), len(plain), len(p4))
PY
