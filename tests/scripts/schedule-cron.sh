# examples/cron.sh, as cron runs it: around the clock, every 30 minutes.
# E-mails are rendered into outbox.mbox and marked done; calls are listed
# in calls.csv and marked done only by `sh cron.sh done TASK_ID`.
set -eu
export FU_FROM=shop@example.com
cp "$EXAMPLES/schedule-contacts.csv" contacts.csv
cp "$EXAMPLES/schedule-events.csv" events.csv
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log1
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log2
# 12:00 in Helsinki: c1's thank-you, c2's first lead touch (Stockholm) and
# c5's check-in go out; c3 (New York, 05:00 there) waits for its window;
# c4's first touch is a call: listed, not marked.  Run again: nothing more.
grep -q ' 3 e-mails sent, 1 calls open$' log1
grep -q ' 0 e-mails sent, 1 calls open$' log2
[ "$(grep -c '^From ' outbox.mbox)" -eq 3 ]
"$PY" - <<'PY'
import csv
rows = list(csv.DictReader(open("events.csv", newline="")))
marks = [(r["contact_id"], r["item"]) for r in rows if r["type"] == "followup" and r["note"]]
# keyed by the e-mail (a CRM id that changes keeps its marks)
assert marks == [("anna.aho@example.fi", "thank-you"), ("ben@example.se", "lead-new-1"), ("eero@example.fi", "check-in")], marks
calls = list(csv.DictReader(open("calls.csv", newline="")))
assert [(c["id"], c["step"], c["channel"]) for c in calls] == [("c4", "lead-mid-1", "call")], calls
PY
# the call is made and marked done by hand; it is then no longer open, and
# the next touch (an e-mail 4h after the call was done) follows
call=$(mlr --icsv --onidx cut -f task_id calls.csv)
FU_NOW=2026-03-10T12:10:00+02:00 sh "$EXAMPLES/cron.sh" done "$call"
grep -q ",2026-03-10T12:10:00+02:00,followup,,lead-mid-1,$call\$" events.csv
FU_NOW=2026-03-10T12:30:00+02:00 sh "$EXAMPLES/cron.sh" >log3
grep -q ' 0 e-mails sent, 0 calls open$' log3
FU_NOW=2026-03-10T16:30:00+02:00 sh "$EXAMPLES/cron.sh" >log4
# 16:30: c4's second touch (due 16:10), and c3's value e-mail (09:30 in New York)
grep -q ' 2 e-mails sent, 0 calls open$' log4
sh "$EXAMPLES/cron.sh" done 0123456789abcdef 2>err && exit 1
grep -q 'no open call 0123456789abcdef' err

# one bad contact row (exit 1) does not stop the run: the good rows go out
cp "$EXAMPLES/schedule-contacts.csv" contacts.csv
cp "$EXAMPLES/schedule-events.csv" events.csv
printf 'c9,"Bad"row,x\n' >>contacts.csv
FU_NOW=2026-03-10T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log5 2>err5
grep -q ' 3 e-mails sent, 1 calls open$' log5
grep -q 'malformed quoting' err5
grep -q 'bad input rows (see above); the good ones go on' err5
# exit 2 (here: an unreadable events log) stops the run: nothing marked
mkdir -p adir
FU_EVENTS=adir FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log6 2>err6 && exit 1
grep -Eq 'fu-(churn|schedule) failed \(exit 2\); nothing handed out' err6
# a missing log is not made up (a mistyped path would lose every mark)
FU_EVENTS=missing.csv FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log6 2>err6 && exit 1
grep -q 'missing.csv: no events log' err6
[ ! -e missing.csv ]
# ... and so does a bad holidays line (a holiday misread is mail on it)
printf 'date\n2026-04-03\n6.4.2026\n' >bad-holidays.csv
FU_HOLIDAYS=bad-holidays.csv FU_NOW=2026-03-11T12:00:00+02:00 sh "$EXAMPLES/cron.sh" >log7 2>err7 && exit 1
grep -q 'bad-holidays.csv:3:1: bad date "6.4.2026"' err7

# The crontab line runs every 30 minutes around the clock, Thursday to
# Monday: purchases in Helsinki and New York (late Thursday, on the weekend)
# are thanked once each, on a business day inside 09:00-17:00 in the
# customer's own zone.
line=$(grep '^#   ' "$EXAMPLES/cron.sh" | head -1 | sed 's/^#   //')
[ "$(printf '%s\n' "$line" | cut -d' ' -f1-5)" = '*/30 * * * *' ]
printf 'id,first_name,last_name,email,owner,stage,tz,created\np1,Aino,Laine,p1@example.fi,P,new,Europe/Helsinki,2024-01-01\np2,Ed,Moss,p2@example.com,P,new,America/New_York,2024-01-01\np3,Ola,Berg,p3@example.se,P,new,Europe/Stockholm,2024-01-01\n' >wc.csv
printf 'contact_id,when,type,value,item,note\np1,2024-05-09T09:00,purchase,10,Sauna,\np2,2024-05-09T18:30-04:00,purchase,10,Kiuas,\np3,2024-05-11T12:00+02:00,purchase,10,Bucket,\n' >we.csv
for day in 09 10 11 12 13; do
	for h in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23; do
		for m in 00 30; do
			FU_CONTACTS=wc.csv FU_EVENTS=we.csv FU_NOW=2024-05-${day}T$h:$m:00Z \
				sh "$EXAMPLES/cron.sh" >>wlog 2>>werr
		done
	done
done
"$PY" - <<'PY'
import csv
marks = [(r["contact_id"], r["when"], r["item"]) for r in csv.DictReader(open("we.csv", newline=""))
         if r["type"] == "followup"]
# p1: due Fri 09:00 Helsinki (06:00Z); p2: due Fri 18:30 New York, after the
# window: Monday 09:00 there (13:00Z); p3: due Sunday: Monday 09:00 Stockholm
assert marks == [("p1@example.fi", "2024-05-10T06:00:00Z", "thank-you"),
                 ("p3@example.se", "2024-05-13T07:00:00Z", "thank-you"),
                 ("p2@example.com", "2024-05-13T13:00:00Z", "thank-you")], marks
PY
