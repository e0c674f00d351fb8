# examples/cron.sh run twice on the same morning: the second run hands out
# nothing; the marks it appended are followup events read back by Python.
set -eu
cp "$EXAMPLES/schedule-contacts.csv" contacts.csv
cp "$EXAMPLES/schedule-events.csv" events.csv
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log1
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log2
grep -q ' 10 tasks handed out for 2026-03-10$' log1
grep -q ' 0 tasks handed out for 2026-03-10$' log2
"$PY" - <<'PY'
import csv
rows = list(csv.DictReader(open("events.csv", newline="")))
marks = [r for r in rows if r["type"] == "followup" and r["note"]]
assert len(marks) == 10, len(marks)
due = list(csv.DictReader(open("due-2026-03-10.csv", newline="")))
assert due == [], due  # the second run's file
assert {m["note"] for m in marks} and all(len(m["note"]) == 16 for m in marks)
PY
# a day later, only what fell due since
FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log3
cut -d, -f1,15 due-2026-03-11.csv >got
cat >want <<'CSV'
id,step
c4,lead-mid-3
CSV
diff want got
