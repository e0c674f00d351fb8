# Trial finding 16: a regular who buys a coffee every morning is not mailed
# every working day.  The default plan's thank-you is quiet for 7 days after
# an order it covers, its check-in for 30: over four weeks of daily cron
# runs (examples/cron.sh's timing, everything handed out marked done) she
# gets one check-in and a thank-you a week -- with the next morning's coffee,
# bought before that thank-you went out (it did not name it), thanked the
# day after -- and every other morning's coffee falls into a thanked week.
set -eu
export TZ=Europe/Helsinki
printf 'id,first_name,email,owner,stage,tz,created\nr1,Rita,rita@x.fi,mia,loyal,Europe/Helsinki,2025-01-01\n' >contacts.csv
{ echo contact_id,when,type,value,item,note
  for d in $(seq 1 21); do printf 'r1,2026-06-%02dT08:00,purchase,4.50,Coffee,\n' "$d"; done; } >events.csv
for d in $(seq 1 28); do
	for h in 09:30 13:30; do
		now=$(printf '2026-06-%02dT%s' "$d" "$h")
		fu-schedule --events events.csv --now "$now" --due --window 09:00-17:00 --business-days \
			--holidays "$EXAMPLES/holidays-fi.csv" <contacts.csv 2>/dev/null |
			mlr --icsv --ocsv --headerless-csv-output put '$contact_id = $email; $when = "'"$now"'"; $type = "followup"; $value = ""; $item = $step; $note = $task_id' \
				then cut -o -f contact_id,when,type,value,item,note >>events.csv
	done
done
sent=$(grep -c ',followup,' events.csv)
thanks=$(grep ',followup,,thank-you,' events.csv | cut -d, -f2 | tr '\n' ' ')
checkins=$(grep -c ',followup,,check-in,' events.csv || true)
[ "$thanks" = "2026-06-02T09:30 2026-06-03T09:30 2026-06-10T09:30 2026-06-11T09:30 2026-06-18T09:30 2026-06-22T09:30 " ] ||
	{ echo "thank-yous: $thanks"; exit 1; }
[ "$checkins" = 1 ] || { echo "check-ins: $checkins"; exit 1; }
[ "$sent" = 7 ] || { echo "$sent e-mails"; grep followup events.csv; exit 1; }
# the same log under a plan without quiet: the 16 June coffee, covered by
# the thank-you of the 10th's above, would be thanked on the 17th
fu-schedule --print-cadence | mlr --icsv --ocsv put '$quiet = ""' >plain.csv
n=$(fu-schedule --cadence plain.csv --events events.csv --now 2026-06-17T09:30 --due --step thank-you \
	--window 09:00-17:00 --business-days <contacts.csv 2>/dev/null | mlr --icsv --onidx count)
[ "$n" = 1 ] || { echo "without quiet: $n thank-yous due on the 17th"; exit 1; }
