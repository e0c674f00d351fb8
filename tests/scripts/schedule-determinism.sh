# Same inputs and --now, same output: twice in a row, with the events log in
# another order, and with the printed default plan passed back as --cadence.
# The printed plan is examples/cadence.csv.  Output read back by Python's csv.
set -eu
ex=$EXAMPLES
args="--now 2026-03-10T12:00 --horizon 60d"
fu-schedule --events "$ex/schedule-events.csv" $args <"$ex/schedule-contacts.csv" >a.csv 2>a.err
fu-schedule --events "$ex/schedule-events.csv" $args <"$ex/schedule-contacts.csv" >b.csv 2>b.err
cmp a.csv b.csv
cmp a.err b.err
# events in reverse order (header first)
{ head -1 "$ex/schedule-events.csv"; tail -n +2 "$ex/schedule-events.csv" | sort -r; } >rev.csv
fu-schedule --events rev.csv $args <"$ex/schedule-contacts.csv" >c.csv 2>/dev/null
cmp a.csv c.csv
# the default plan, printed and read back
fu-schedule --print-cadence >plan.csv
cmp plan.csv "$ex/cadence.csv"
fu-schedule --cadence plan.csv --events "$ex/schedule-events.csv" $args <"$ex/schedule-contacts.csv" >d.csv 2>/dev/null
cmp a.csv d.csv
# CRLF contacts with a BOM give the same tasks
printf '\357\273\277' >crlf.csv; sed 's/$/\r/' "$ex/schedule-contacts.csv" >>crlf.csv
fu-schedule --events "$ex/schedule-events.csv" $args <crlf.csv >e.csv 2>/dev/null
cmp a.csv e.csv
"$PY" - <<'PY'
import csv
rows = list(csv.reader(open("a.csv", newline="", encoding="utf-8")))
head = rows[0]
assert head[-10:] == "task_id step due state channel template anchor item reason kind".split(), head
assert all(len(r) == len(head) for r in rows), "ragged output"
ids = [r[head.index("task_id")] for r in rows[1:]]
assert len(ids) == len(set(ids)) > 10, len(ids)
PY
