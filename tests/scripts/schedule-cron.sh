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
due = list(csv.DictReader(open("due-2026-03-10T1200.csv", newline="")))
assert due == [], due  # the second run's file
assert {m["note"] for m in marks} and all(len(m["note"]) == 16 for m in marks)
PY
# a day later, only what fell due since: the second touches, timed from the
# first ones' done marks
FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log3
cut -d, -f1,15 due-2026-03-11T1200.csv >got
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

# review of issue 3: the crontab line of cron.sh, run Thursday to Monday:
# a Thursday 09:00 purchase is thanked on Friday at 09:00 (not never: run
# once before the window opened, it was due after Friday's run and expired
# by Monday's); a Thursday 18:30 one, due after Friday's last run, on Monday
# at 08:00 (its thank-you lives 4 days now, not 48h).  Each exactly once.
printf 'id,first_name,last_name,email,phone,company,owner,stage,segment,lang,formal,tz,created\np1,Aino,Laine,p1@example.fi,,,P,new,,fi,no,Europe/Helsinki,2024-01-01\np2,Eino,Laine,p2@example.fi,,,P,new,,fi,no,Europe/Helsinki,2024-01-01\n' >wc.csv
printf 'contact_id,when,type,value,item,note\np1,2024-05-09T09:00:00+03:00,purchase,10,Sauna,order 1\np2,2024-05-09T18:30:00+03:00,purchase,10,Kiuas,order 2\n' >we.csv
line=$(grep '^#   ' "$EXAMPLES/cron.sh" | sed 's/^#   //')
[ "$(printf '%s\n' "$line" | cut -d' ' -f1-5)" = '*/30 8-17 * * 1-5' ]
for day in 09 10 11 12 13; do
	case $day in 11 | 12) continue ;; esac # the crontab's 1-5: no weekend runs
	h=8
	while [ $h -le 17 ]; do
		for m in 00 30; do
			FU_CONTACTS=wc.csv FU_EVENTS=we.csv FU_NOW=$(printf '2024-05-%sT%02d:%s:00+03:00' $day $h $m) \
				sh "$EXAMPLES/cron.sh" >>wlog
		done
		h=$((h + 1))
	done
done
"$PY" - <<'PY'
import csv
marks = [(r["contact_id"], r["when"], r["item"]) for r in csv.DictReader(open("we.csv", newline=""))
         if r["type"] == "followup"]
assert marks == [("p1", "2024-05-10T09:00:00+03:00", "thank-you"),
                 ("p2", "2024-05-13T08:00:00+03:00", "thank-you")], marks
PY
