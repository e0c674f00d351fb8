#!/bin/sh
# fu-schedule from cron, around the clock: hand out the e-mails due now and
# list the calls for people.
#
# crontab line (in the directory with the data):
#   */30 * * * *  cd $HOME/crm && sh cron.sh >>cron.log 2>&1
# One line serves contacts in every zone: fu-schedule --due hands a task out
# only while its contact's send window (--window, in the contact's own tz
# column) is open on a business day (-b); a New York customer's thank-you
# waits for office hours in New York.  At most one e-mail a contact a local
# day (--max-per-contact 1, the default): a thank-you and a check-in due
# together go out on two days, the thank-you (service) first; the rest wait
# for the next window, never past their expiry.  A run every 30 minutes
# gives a lead created in office hours its first touch within 30 minutes.
#
# E-mails: rendered into outbox.mbox (fu-render; your mailer sends it), then
# marked done by appending a followup event (item = the step, note = the
# task_id) to the events log; nothing else keeps state, so a run repeated by
# cron, or run twice, hands out nothing twice and loses no mark.  A row
# fu-render rejects is not marked: it comes back on the next run.
#
# Calls are for people: the calls open now are written to calls.csv on
# every run (for a calendar: fu-schedule --format ics), never marked done
# here.
# Whoever made a call marks it done:
#   sh cron.sh done TASK_ID        (the task_id column of calls.csv)
# which appends the same followup event.
#
# Runs that overlap (a slow run still going when cron starts the next, or a
# `done` typed meanwhile) take turns: each holds an exclusive lock on
# EVENTS.lock (flock(1)) from reading the events log to its last mark, so
# the second sees the first one's marks: no task is handed out twice and no
# done mark is lost.  The lock is released when the run ends, however it ends.
#
# FU_NOW pins the clock (for tests); FU_HOLIDAYS names a holidays CSV;
# FU_FROM is the From address of the e-mails (default $EMAIL);
# FU_MAX_PER_OWNER caps the tasks of each owner (a salesperson) a day
# (default 40; empty: no cap).  Contacts without an owner -- a web shop's
# customers -- are never capped by it: their thank-yous all go out.
set -eu
contacts=${FU_CONTACTS:-contacts.csv}
events=${FU_EVENTS:-events.csv}
exec 9>>"$events.lock"
flock 9
now=${FU_NOW:-$(date +%Y-%m-%dT%H:%M:%S%z | sed 's/\(..\)$/:\1/')}
plan="--window 09:00-17:00 --business-days ${FU_HOLIDAYS:+--holidays $FU_HOLIDAYS}"

if [ "${1:-}" = done ]; then # sh cron.sh done TASK_ID: a call was made
	[ $# -eq 2 ] || { echo "usage: sh cron.sh done TASK_ID" >&2; exit 2; }
	mlr --icsv --ocsv --headerless-csv-output filter '$task_id == "'"$2"'"' \
		then put '$contact_id = is_present($id) && $id != "" ? $id : $email;
		          $when = "'"$now"'"; $type = "followup"; $value = ""; $item = $step; $note = $task_id' \
		then cut -o -f contact_id,when,type,value,item,note calls.csv >done.tmp
	[ -s done.tmp ] || { echo "cron.sh: no open call $2 in calls.csv" >&2; rm -f done.tmp; exit 1; }
	cat done.tmp >>"$events" && rm -f done.tmp
	exit 0
fi

# Exit 1 means some input rows were bad (each named on stderr, in the log)
# but the good ones were planned: hand those out and carry on.  Only 2 (a
# usage error, an unreadable file, a bad cadence or holidays file) stops.
st=0
cap=${FU_MAX_PER_OWNER-40}
# shellcheck disable=SC2086
fu-schedule --events "$events" --now "$now" --due ${cap:+--max-per-owner $cap} $plan \
	<"$contacts" >due.csv || st=$?
case $st in
0) ;;
1) echo "$(date -u +%FT%TZ) fu-schedule: bad input rows (see above); the good ones go on" >&2 ;;
*) echo "$(date -u +%FT%TZ) fu-schedule failed (exit $st); nothing handed out" >&2
   exit "$st" ;;
esac

# (Miller writes no header for no records: an empty file then)
mlr --icsv --ocsv filter '$channel == "email"' due.csv >emails.csv
mlr --icsv --ocsv filter '$channel != "email"' due.csv >calls.csv
rows() { if [ -s "$1" ]; then mlr --icsv --ojson count "$1" | sed -n 's/.*"count": \([0-9]*\).*/\1/p'; else echo 0; fi; }

echo task_id >sent.csv
if [ -s emails.csv ]; then
	rst=0
	rm -f render-rejects.csv
	fu-render --format mbox --now "$now" --from "${FU_FROM:-${EMAIL:-shop@example.com}}" --rejects render-rejects.csv <emails.csv >>outbox.mbox || rst=$?
	if [ "$rst" -gt 1 ]; then
		echo "$(date -u +%FT%TZ) fu-render failed (exit $rst); nothing marked" >&2
		exit "$rst"
	fi
	# the task_ids fu-render rejected (their rows are in its report) are not marked
	mlr --icsv --onidx cut -f task_id emails.csv | while read -r id; do
		grep -qF "$id" render-rejects.csv 2>/dev/null || echo "$id"
	done >>sent.csv
	mlr --icsv --ocsv --headerless-csv-output join -j task_id -f sent.csv \
		then put '$contact_id = is_present($id) && $id != "" ? $id : $email;
		     $when = "'"$now"'"; $type = "followup"; $value = ""; $item = $step; $note = $task_id' \
		then cut -o -f contact_id,when,type,value,item,note \
		emails.csv >>"$events"
fi

echo "$(date -u +%FT%TZ) $now: $(($(wc -l <sent.csv) - 1)) e-mails sent, $(rows calls.csv) calls open"
