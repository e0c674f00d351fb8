#!/bin/sh
# fu-schedule from cron: hand out what is due, then mark it done.
#
# crontab line (every morning at 07:30, in the directory with the data):
#   30 7 * * 1-5  cd $HOME/crm && sh cron.sh >>cron.log 2>&1
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
due=due-$day.csv

fu-schedule --events "$events" --now "$now" --due --max-per-owner 40 \
	--window 08:00-18:00 <"$contacts" >"$due"

# Hand the tasks on here: render the messages (fu-render), send, call...
# Then mark each one done.  A task that could not be handled is simply not
# marked: it stays due and comes back on the next run.
mlr --icsv --ocsv --headerless-csv-output \
	put '$contact_id = is_present($id) && $id != "" ? $id : $email;
	     $when = "'"$now"'"; $type = "followup"; $value = ""; $item = $step; $note = $task_id' \
	then cut -o -f contact_id,when,type,value,item,note \
	"$due" >>"$events"

echo "$(date -u +%FT%TZ) $(($(wc -l <"$due") - 1)) tasks handed out for $day"
