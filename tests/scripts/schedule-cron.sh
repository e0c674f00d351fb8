# examples/cron.sh run twice on the same morning: the second run hands out
# nothing; the marks it appended are followup events read back by Python.
set -eu
cp "$EXAMPLES/schedule-contacts.csv" contacts.csv
cp "$EXAMPLES/schedule-events.csv" events.csv
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log1
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log2
# 6: c3's thank-you and check-in (due in February) have expired, and the
# second lead touches of c2 and c4 wait for the first to be done (review of
# issue 3: before, 10 were handed out)
grep -q ' 6 tasks handed out for 2026-03-10$' log1
grep -q ' 0 tasks handed out for 2026-03-10$' log2
"$PY" - <<'PY'
import csv
rows = list(csv.DictReader(open("events.csv", newline="")))
marks = [r for r in rows if r["type"] == "followup" and r["note"]]
assert len(marks) == 6, len(marks)
due = list(csv.DictReader(open("due-2026-03-10.csv", newline="")))
assert due == [], due  # the second run's file
assert {m["note"] for m in marks} and all(len(m["note"]) == 16 for m in marks)
PY
# a day later, only what fell due since: the second touches, timed from the
# first ones' done marks
FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log3
cut -d, -f1,15 due-2026-03-11.csv >got
cat >want <<'CSV'
id,step
c2,lead-new-2
c4,lead-mid-2
CSV
diff want got

# review of issue 3: one bad contact row (exit 1) must not stop the run for
# good: the good rows are handed out and marked, the problem is logged.
cp "$EXAMPLES/schedule-contacts.csv" contacts.csv
cp "$EXAMPLES/schedule-events.csv" events.csv
printf 'c9,"Bad"row,x\n' >>contacts.csv
before=$(grep -c ',followup,' events.csv)
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log4 2>err4
grep -q ' 6 tasks handed out for 2026-03-10$' log4
grep -q 'contacts.csv:[0-9]*:[0-9]*: malformed quoting' err4 || grep -q '<stdin>:[0-9]*:[0-9]*: malformed quoting' err4
grep -q 'bad input rows (see above); the good ones go on' err4
[ "$(grep -c ',followup,' events.csv)" -eq $((before + 6)) ]
# exit 2 (here: an unreadable events log) stops the run: nothing marked
FU_EVENTS=missing.csv FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log5 2>err5 && exit 1
grep -q 'fu-schedule failed (exit 2); nothing handed out' err5
[ ! -e missing.csv ] || [ ! -s missing.csv ]
