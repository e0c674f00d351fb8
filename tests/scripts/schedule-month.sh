# A simulated month of daily cron runs (March 2026, each morning at 05:00 UTC):
# each run's due tasks are marked done by appending followup events, as
# examples/cron.sh does.  Checks: nothing handed out twice, nothing handed out
# before it is due, a second run on the same morning finds nothing, and the
# tasks handed out each day are exactly the ones worked out by hand from the
# plan (so nothing is missed: a reply, an unsubscribe, an open ticket and a new
# purchase each change the plan mid-month).
set -eu
cat >contacts.csv <<'CSV'
id,first_name,email,owner,stage,segment,complex,tz,created
A,Anna,a@example.fi,mia,new,,,Europe/Helsinki,2026-01-01
B,Bea,b@example.fi,mia,new,,yes,Europe/Helsinki,2026-01-01
C,Cem,c@example.fi,tom,loyal,,,Europe/Helsinki,2025-06-01
D,Dan,d@example.fi,tom,returning,,,Europe/Helsinki,2025-06-01
F,Fay,f@example.fi,tom,new,,,Europe/Helsinki,2026-01-01
L1,Lea,l1@example.fi,mia,prospect,new,,Europe/Helsinki,2026-03-09T10:00
L2,Leo,l2@example.fi,mia,prospect,mid,,Europe/Helsinki,2026-03-16T06:00
L3,Liv,l3@example.fi,tom,prospect,campaign,,Europe/Helsinki,2026-03-02T12:00
CSV
# the log holds what will happen during the month too: an event counts only
# from the run after its time
cat >events.csv <<'CSV'
contact_id,when,type,value,item,note
A,2026-03-02T10:00:00+02:00,purchase,100,Espresso machine,
B,2026-03-05T09:00:00+02:00,purchase,900,Roaster,
B,2026-03-12T12:00:00+02:00,feedback,10,NPS,
C,2026-01-20T10:00:00+02:00,purchase,50,Beans,
C,2026-03-04T10:00:00+02:00,ticket_opened,,T-1,
C,2026-03-16T10:00:00+02:00,ticket_closed,,T-1,
D,2026-03-02T08:00:00+02:00,purchase,20,Filters,
D,2026-03-20T12:00:00+02:00,purchase,25,Mug,
F@Example.fi,2026-02-25T10:00:00+02:00,purchase,70,Grinder,
L1,2026-03-14T12:00:00+02:00,reply,,Re: welcome,
L3,2026-03-05T08:00:00+02:00,unsubscribe,,,
CSV
# Since the review of issue 3: C's thank-you and check-in (due in January)
# have expired by 1 March and are not handed out (they are listed as expired,
# checked at the end); F's thank-you (due 26 February) lives 4 days since the
# second review, so the 1 March run still hands it out; L2's mid
# touches are chained, each timed from when the one before was done, so
# lead-mid-3 no longer comes on the same day as lead-mid-2 (18, 19, 23, 26
# instead of 17, 18, 20, 25).  Trial finding 16: D's mug on the 20th is
# thanked, but gets no check-in: the check-in is quiet for 30 days after
# the one for D's filters on the 2nd.
cat >expected.txt <<'TXT'
1 C value
1 F thank-you
3 L3 lead-campaign-1
4 A thank-you
4 D thank-you
5 F check-in
5 L3 lead-campaign-2
7 B thank-you
9 B check-in
10 A check-in
10 D check-in
10 L1 lead-new-1
11 L1 lead-new-2
13 L1 lead-new-3
14 B referral-ask
16 L2 lead-mid-1
17 C second-sale
17 L2 lead-mid-2
18 L2 lead-mid-3
19 L2 lead-mid-4
22 C value
22 D thank-you
23 L2 lead-mid-5
26 L2 lead-mid-6
28 F value
TXT
"$PY" - <<'PY'
import csv, datetime, re, subprocess, sys

def run(now):
    out = subprocess.run(["fu-schedule", "--events", "events.csv", "--now", now, "--due"],
                         stdin=open("contacts.csv"), capture_output=True, text=True)
    assert out.returncode == 0, (now, out.returncode, out.stderr)
    # only the summary line, and its counts add up (no rejects, no strangers;
    # D's check-in for 20 March's order is covered by 2 March's, quiet 30d)
    assert re.fullmatch(r"fu-schedule: read 8 contacts, rejected 0, wrote (\d+) tasks(?:, left out \d+ expired)?"
                        r"(?:, left out \d+ covered by an earlier order's \(quiet\))?; events: "
                        r"read (\d+) = used (\d+) \+ 0 for 0 contacts not in the input \+ (\d+) after --now"
                        r" \+ 0 rejected\n", out.stderr), out.stderr
    return list(csv.DictReader(out.stdout.splitlines()))

seen = {}
got = []
for day in range(1, 32):
    now = f"2026-03-{day:02d}T05:00:00Z"
    now_t = datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))
    tasks = run(now)
    for t in tasks:
        tid = t["task_id"]
        assert tid not in seen, f"day {day}: {tid} {t['id']} {t['step']} again (first on day {seen[tid]})"
        seen[tid] = day
        assert datetime.datetime.fromisoformat(t["due"]) <= now_t, f"day {day}: not yet due: {t}"
        assert t["state"] in ("due", "overdue"), t
        got.append(f"{day} {t['id']} {t['step']}")
    # mark them done, as cron.sh does: item = step, note = task_id
    with open("events.csv", "a", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for t in tasks:
            w.writerow([t["id"], now, "followup", "", t["step"], t["task_id"]])
    # cron running twice: the second run finds nothing left
    again = run(now)
    assert again == [], f"day {day}: second run gave {[(t['id'], t['step']) for t in again]}"

want = open("expected.txt").read().split("\n")[:-1]
if got != want:
    import difflib
    sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(want, got, "expected", "got", lineterm=""))
    sys.exit(1)
# the expired ones are never dropped silently: listed with state expired
out = subprocess.run(["fu-schedule", "--events", "events.csv", "--now", "2026-03-31T05:00:00Z"],
                     stdin=open("contacts.csv"), capture_output=True, text=True)
expired = sorted((t["id"], t["step"]) for t in csv.DictReader(out.stdout.splitlines())
                 if t["state"] == "expired")
assert expired == [("C", "check-in"), ("C", "thank-you")], expired
assert "(2 expired)" in out.stderr, out.stderr
print(len(got), "tasks over 31 days, as planned")
PY
