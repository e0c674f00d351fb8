#!/bin/sh
# Trial 3 finding 04: a Sunday-night order is thanked Tuesday 09:00 and marked
# done; Monday's invoice purchase, logged Tuesday noon, is another day's order:
# it is thanked on its own (the next business day: one e-mail a day), exactly
# once, and the Sunday order's task keeps its id.
set -eu
export TZ=Europe/Helsinki
printf 'id,first_name,last_name,email,tz\nc1,Anna,Aho,anna@example.fi,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nc1,2026-10-25T23:39,purchase,425.00,Sauna stove,\n' >events.csv
: >handed.txt
run() {
	fu-schedule -e events.csv -n "$1" -d -w 09:00-17:00 -b <contacts.csv >due.csv
	mlr --icsv --onidx --ofs ' ' put '$now="'"$1"'"' then cut -o -f now,step,task_id,item due.csv >>handed.txt
	mlr --icsv --ocsv --headerless-csv-output put '$contact_id=$id;$when="'"$1"'";$type="followup";$value="";$note=$task_id;$item=$step' \
		then cut -o -f contact_id,when,type,value,item,note due.csv >>events.csv
}
run 2026-10-27T09:00:00+02:00 2>/dev/null
first=$(cat handed.txt)
echo 'c1,2026-10-26,purchase,426.00,Heat pump,' >>events.csv # Monday's invoice, logged Tuesday noon
for day in 27 28 29 30; do for h in 09 10 11 12 13 14 15 16; do run 2026-10-${day}T$h:30:00+02:00 2>/dev/null; done; done
[ "$first" = "2026-10-27T09:00:00+02:00 thank-you 7f8a35c5488cbb0b Sauna stove" ] ||
	{ echo "Sunday's order: $first"; exit 1; }
grep -q '^2026-10-28T09:30:00+02:00 thank-you [0-9a-f]* Heat pump$' handed.txt ||
	{ echo "the heat pump was not thanked on Wednesday:"; cat handed.txt; exit 1; }
[ "$(grep -c ' thank-you ' handed.txt)" = 2 ] || { echo "thank-yous:"; cat handed.txt; exit 1; }
[ "$(cut -d' ' -f3 handed.txt | sort | uniq -d)" = "" ] || { echo "a task handed out twice:"; cat handed.txt; exit 1; }
# the plan with and without the timing options agrees: nothing left to thank
for opts in "" "-w 09:00-17:00 -b"; do
	n=$(fu-schedule -e events.csv -n 2026-10-30T17:00:00+02:00 -s thank-you $opts <contacts.csv 2>/dev/null |
		mlr --icsv --onidx filter '$state != "done"' then count)
	[ -z "$n" ] || [ "$n" = 0 ] || { echo "plan ($opts): $n thank-yous still open"; exit 1; }
done
