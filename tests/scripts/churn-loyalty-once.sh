# Trial finding 29: fu-churn | fu-schedule every day, everything handed out
# marked done as examples/cron.sh does: a loyal customer who buys every other
# Monday gets the loyalty-reward e-mail once in reward_days (30 here), not
# after every purchase -- the e-mail sent (a followup event naming the step)
# counts as the reward.
set -eu
export TZ=Europe/Helsinki
printf 'id,first_name,email,tz,lang\nL1,Lotta,lotta@x.fi,Europe/Helsinki,fi\n' >loy.csv
{ echo contact_id,when,type,value,item,note
  for d in 2025-11-03 2025-11-17 2025-12-01 2025-12-15 2026-01-05 2026-01-19 2026-02-02 2026-02-16 \
           2026-03-02 2026-03-16 2026-03-30 2026-04-13 2026-04-27; do
	echo "L1,${d}T10:00,purchase,30,Beans,"
  done; } >ev.csv
printf 'name,value\nreward_days,30\nfeedback_days,10000\n' >w.csv
for day in $(seq 0 75); do
	n=$(date -d "2026-02-01 +$day day" +%F)T12:00:00+02:00
	fu-churn -w w.csv -e ev.csv --now "$n" <loy.csv 2>/dev/null | fu-schedule -e ev.csv --now "$n" --due 2>/dev/null >due.csv
	mlr --icsv --ocsv --headerless-csv-output put '$contact_id = $email; $when = "'"$n"'"; $type = "followup"; $value = ""; $item = $step; $note = $task_id' \
		then cut -o -f contact_id,when,type,value,item,note due.csv >>ev.csv
done
got=$(grep ',followup,,loyalty-reward,' ev.csv | cut -d, -f2 | tr '\n' ' ')
[ "$got" = "2026-02-04T12:00:00+02:00 2026-03-06T12:00:00+02:00 2026-04-05T12:00:00+02:00 " ] || {
	echo "loyalty-reward e-mails: $got"; exit 1; }
# 15 days after the e-mail: no "not rewarded" reason, no action
fu-churn -w w.csv -e ev.csv --now 2026-04-20T12:00:00+03:00 <loy.csv 2>/dev/null | mlr --icsv --ojson cut -o -f reasons,action >why.json
grep -q '"action": "none"' why.json && ! grep -q 'not rewarded' why.json || { cat why.json; exit 1; }
