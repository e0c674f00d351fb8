# examples/cron.sh run twice at once on the same events log (cron starting a
# run while the last one is still going, and a call marked done meanwhile):
# the runs take turns on EVENTS.lock, so no task is handed out twice and no
# done mark is lost.  Repeated, as a race would not show every time.
set -eu
export FU_FROM=shop@example.com
for round in 1 2 3 4 5; do
	rm -rf r && mkdir r && cd r
	cp "$EXAMPLES/schedule-contacts.csv" contacts.csv
	cp "$EXAMPLES/schedule-events.csv" events.csv
	FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log1 2>err1 &
	a=$!
	FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log2 2>err2 &
	b=$!
	# a call marked done by hand while they run (it may not be open yet: exit 1)
	FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" done 0000000000000000 2>/dev/null || true
	wait $a
	wait $b
	cat log1 log2 | grep -q ' 3 e-mails sent, 1 calls open$' ||
		{ echo "round $round: no run sent the 3 e-mails"; cat log1 log2 err1 err2; exit 1; }
	cat log1 log2 | grep -q ' 0 e-mails sent, 1 calls open$' ||
		{ echo "round $round: the second run sent again"; cat log1 log2; exit 1; }
	"$PY" - <<'PY'
import csv, mailbox
rows = list(csv.DictReader(open("events.csv", newline="")))
marks = [r["note"] for r in rows if r["type"] == "followup" and r["note"]]
assert len(marks) == len(set(marks)) == 3, marks
ids = [m["Message-ID"] for m in mailbox.mbox("outbox.mbox")]
assert len(ids) == len(set(ids)) == 3, ids
PY
	# now both at once with a call made: the mark is kept, the call closes
	call=$(mlr --icsv --onidx cut -f task_id calls.csv)
	FU_NOW=2026-03-10T12:10:00+02:00 sh "$EXAMPLES/cron.sh" done "$call" &
	a=$!
	FU_NOW=2026-03-10T12:10:00+02:00 sh "$EXAMPLES/cron.sh" >log3 2>err3 &
	b=$!
	wait $a
	wait $b
	grep -c ",followup,,lead-mid-1,$call\$" events.csv | grep -qx 1 ||
		{ echo "round $round: the done mark of $call was lost or doubled"; exit 1; }
	cd ..
done
