# trials10/18, trials10b/10: the thank-you --due hands out names every order
# it covers, as the plan lists it -- also an order whose own thank-you is not
# yet due (bought the evening before, on a Sunday, at 00:15 before the 09:00
# run).  cron.sh marks a hand-out with the task's item: an order the item
# left out was taken as not thanked for and thanked again the next morning.
set -eu
export TZ=America/New_York
# trials10/18: orders Mon 20:40 and Tue 17:18 in Auckland; the same task at
# the same --now names the same items in the plan and handed out
printf 'id,email,tz\nc25,c25@example.com,Pacific/Auckland\n' >c25.csv
cat >o25.csv <<'CSV'
contact_id,when,type,value,item,note
c25@example.com,2027-03-22T03:40:00-04:00,purchase,33.00,"Assam, malty; Matcha whisk",order 3027
c25@example.com,2027-03-23T00:18:00-04:00,purchase,89.00,"Cast-iron teapot ""Tetsubin""; Matcha whisk; Masala chai blend",order 3030
CSV
for a in "--horizon 5d" "--due --interval 1h" "--due"; do
	fu-schedule --events o25.csv --now 2027-03-23T20:00:00Z $a --window 09:00-17:00 --business-days \
		--step thank-you <c25.csv 2>/dev/null | mlr --icsv --ocsv cut -o -f task_id,due,item >out.csv
	tail -n +2 out.csv >>items.txt
done
n=$(sort -u items.txt | wc -l)
[ "$n" = 1 ] || { echo "plan and --due differ:"; cat items.txt; exit 1; }
grep -q ',2027-03-24T09:00:00+13:00,"Assam, malty, Matcha whisk, Cast-iron teapot ""Tetsubin"", Masala chai blend"$' items.txt ||
	{ echo "covering thank-you:"; cat items.txt; exit 1; }

# a half-hourly cron marking what it hands out (value: the item): one
# thank-you for each customer's week of orders, naming every order
export TZ=Europe/Helsinki
printf 'id,email,tz\nk1,k1@example.fi,Europe/Helsinki\nk3,k3@example.fi,Europe/Helsinki\nk18,k18@example.fi,Europe/Helsinki\n' >c.csv
cat >ev.csv <<'CSV'
contact_id,when,type,value,item,note
k1,2026-01-08T20:00:00+02:00,purchase,50,Kettle,order 1
k1,2026-01-09T20:00:00+02:00,purchase,10,Tea,order 2
k1,2026-01-11T20:00:00+02:00,purchase,5,Cups,order 3
k3,2026-01-12T21:00:00+02:00,purchase,10,Mug,order 4
k3,2026-01-14T00:15:00+02:00,purchase,10,Pot,order 5
k18,2026-01-09T18:00:00+02:00,purchase,10,Cups,order 6
k18,2026-01-12T07:40:00+02:00,purchase,10,Kettle,order 7
CSV
for d in $(seq 8 16); do
	for h in $(seq 5 15); do
		for m in 00 30; do
			now=$(printf '2026-01-%02dT%02d:%sZ' "$d" "$h" "$m")
			fu-schedule -e ev.csv -n "$now" -d --interval 30m -w 09:00-17:00 -b -s thank-you <c.csv 2>/dev/null |
				mlr --icsv --ocsv --headerless-csv-output put '$contact_id = $id; $when = "'"$now"'"; $type = "followup"; $value = $item; $item = $step; $note = $task_id' \
					then cut -o -f contact_id,when,type,value,item,note >>ev.csv
		done
	done
done
got=$(grep ',followup,' ev.csv | cut -d, -f1,2)
want='k1,2026-01-12T07:00Z
k18,2026-01-12T07:00Z
k3,2026-01-14T07:00Z'
[ "$(echo "$got" | sort)" = "$want" ] || { echo "thank-yous handed out:"; grep ',followup,' ev.csv; exit 1; }
grep -q '^k1,.*,followup,"Kettle, Tea, Cups",' ev.csv && grep -q '^k3,.*,followup,"Mug, Pot",' ev.csv &&
	grep -q '^k18,.*,followup,"Cups, Kettle",' ev.csv || { echo "items:"; grep ',followup,' ev.csv; exit 1; }
