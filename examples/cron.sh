#!/bin/sh
# fu-schedule from cron: hand out what is due, then mark it done.
#
# crontab line (every 30 minutes while the --window below is open, on
# weekdays, in the directory with the data):
#   */30 8-17 * * 1-5  cd $HOME/crm && sh cron.sh >>cron.log 2>&1
# Run it while the window is open, not once before it: a task falls due at
# its own time of day (a thank-you 24h after the purchase), so a single
# morning run would find it only the next day.  Tasks due over the weekend
# are handed out on Monday (the default plan's steps live long enough).
#
# Marking a task done is appending a followup event (item = the step,
# note = the task_id) to the events log; nothing else keeps state, so a run
# repeated by cron, or run twice, hands out nothing twice and loses no mark.
# FU_NOW pins the clock (for tests); by default fu-schedule uses the clock.
set -eu
contacts=${FU_CONTACTS:-contacts.csv}
events=${FU_EVENTS:-events.csv}
now=${FU_NOW:-$(date +%Y-%m-%dT%H:%M:%S%z | sed 's/\(..\)$/:\1/')}
day=$(printf '%s' "$now" | cut -c1-10)
# one file per run (several runs a day): due-2026-03-10T0930.csv
due=due-$(printf '%s' "$now" | cut -c1-16 | tr -d :).csv

# Exit 1 means some input rows were bad (each named on stderr, in the log)
# but the good ones were planned: hand those out and carry on.  Only 2 (a
# usage error, an unreadable file, a bad cadence) stops the run.
st=0
fu-schedule --events "$events" --now "$now" --due --max-per-owner 40 \
	--window 08:00-18:00 <"$contacts" >"$due" || st=$?
case $st in
0) ;;
1) echo "$(date -u +%FT%TZ) fu-schedule: bad input rows (see above); the good ones go on" >&2 ;;
*) echo "$(date -u +%FT%TZ) fu-schedule failed (exit $st); nothing handed out" >&2
   exit "$st" ;;
esac

# Hand the tasks on here: render the messages (fu-render), send, call...
# Then mark each one done.  A task that could not be handled is simply not
# marked: it stays due and comes back on the next run.
mlr --icsv --ocsv --headerless-csv-output \
	put '$contact_id = is_present($id) && $id != "" ? $id : $email;
	     $when = "'"$now"'"; $type = "followup"; $value = ""; $item = $step; $note = $task_id' \
	then cut -o -f contact_id,when,type,value,item,note \
	"$due" >>"$events"

echo "$(date -u +%FT%TZ) $(($(wc -l <"$due") - 1)) tasks handed out for $day"
