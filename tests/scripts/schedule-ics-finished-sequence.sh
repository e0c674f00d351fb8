#!/bin/sh
# trials9b/19: a task that expired or was done keeps one SEQUENCE in every
# later export (fu-schedule(1) -f): the exports of an unchanged calendar
# agree, instead of a new revision of every finished task each day.
# Parsed by Python's icalendar.
set -eu
printf 'id,first_name,email,tz\nc1,Ann,a@example.com,America/New_York\nc2,Bea,b@example.com,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nc1,2026-03-07T02:30:00,purchase,10,Mug,\nc2,2026-03-02T10:00:00+02:00,purchase,10,Tea,\n' >events.csv
# a step that never expires, marked done
printf 'step,anchor,offset,window,expires,channel,template,kind\nthank-you,order,24h,24h,4d,email,thank-you,service\ncall-back,order,2d,1d,,call,call-back,service\n' >cadence.csv
for n in 2026-03-10T12:00:00Z 2026-03-12T12:00:00Z 2026-03-13T12:00:00Z 2026-03-20T12:00:00Z 2026-04-01T12:00:00Z; do
	fu-schedule -c cadence.csv -e events.csv -n $n -H 60d -f ics <contacts.csv >"$n.ics"
done
# c2's call-back done on 5 Mar, found in the later exports
tid=$(tr -d '\r' <2026-03-10T12:00:00Z.ics | awk -F: '/^UID:/ { u = $2 } /^SUMMARY:call-back: Bea/ { sub(/@.*/, "", u); print u }')
test -n "$tid"
printf 'c2,2026-03-05T11:00:00+02:00,followup,,call-back,%s\n' "$tid" >>events.csv
for n in 2026-03-12T12:00:00Z 2026-03-20T12:00:00Z 2026-04-01T12:00:00Z; do
	fu-schedule -c cadence.csv -e events.csv -n $n -H 60d -f ics <contacts.csv >"done-$n.ics"
done
"$PY" - "$tid" <<'PY'
import sys
from icalendar import Calendar
def load(f):
    return {str(e["UID"]): e for e in Calendar.from_ical(open(f, "rb").read()).walk("VEVENT")}
days = ["2026-03-10", "2026-03-12", "2026-03-13", "2026-03-20", "2026-04-01"]
cals = [load(d + "T12:00:00Z.ics") for d in days]
ann = [u for u, e in cals[0].items() if str(e["SUMMARY"]) == "thank-you: Ann"]
assert len(ann) == 1, list(cals[0])
u = ann[0]
seqs = [int(c[u]["SEQUENCE"]) for c in cals]
states = [str(c[u]["STATUS"]) for c in cals]
assert states == ["CONFIRMED"] + ["CANCELLED"] * 4, states
# open at its planned time: 0; expired (4 days after its due of 8 Mar): one
# more than the 5 days it could have been moved by then, in every export
assert seqs == [0, 5, 5, 5, 5], seqs
# every finished task: one revision in every later export
def finished(c):
    return {u: (str(e["STATUS"]), int(e["SEQUENCE"]), e.decoded("DTSTART"))
            for u, e in c.items() if str(e["STATUS"]) == "CANCELLED" or "X-FU-STATE" in e}
later = [finished(c) for c in cals[2:]]
for f in later[1:]:
    for u2, v in later[0].items():
        if u2 in f:
            assert f[u2] == v, (u2, v, f[u2])
# the done call-back (a step that never expires): higher than it was open,
# and the same in each export after
tid = sys.argv[1] + "@fu-schedule"
open_seq = int(cals[0][tid]["SEQUENCE"])
done = [load("done-" + d + "T12:00:00Z.ics")[tid] for d in days[1:2] + days[3:]]
assert all(str(e["X-FU-STATE"]) == "done" for e in done), done
dseq = [int(e["SEQUENCE"]) for e in done]
assert dseq[0] > open_seq and dseq == [dseq[0]] * 3, (open_seq, dseq)
PY
