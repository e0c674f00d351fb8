#!/bin/sh
# Trial 11b finding 07: fu-import notes order times without an offset and
# advises --source-tz; a shop that follows the advice later (or drops it)
# has the same orders written as 2026-03-02T10:00:00-05:00 instead of
# 2026-03-02T10:00.  Task ids hash the wall clock as written (fu(7) TASKS),
# so the thank-yous sent and marked before are not handed out again -- for
# a customer in the shop's zone and one in Helsinki, whose naive order was
# read in her own zone -- and each customer is thanked once.
set -eu
export TZ=UTC FU_FROM='Shop <hello@shop.example>' FU_ORDERS=orders.csv
H='Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name'
run() { # DIR FIRST-IMPORT-ARGS LATER-IMPORT-ARGS
	mkdir "$1" && cd "$1"
	cp "$EXAMPLES/cron.sh" cron.sh
	echo contact_id,when,type,value,item,note >events.csv
	printf 'id,first_name,email,tz,created\n1,Anna,anna@example.com,America/New_York,2026-01-05\n2,Mika,mika@example.fi,Europe/Helsinki,2026-01-05\n' >contacts.csv
	printf '%s\n#1001,anna@example.com,paid,120.00,2026-03-02 10:00:00,1,Espresso machine\n#1002,mika@example.fi,paid,50.00,2026-03-02 10:00:00,1,Mug\n' \
		"$H" >export.csv
	# shellcheck disable=SC2086
	fu-import $2 export.csv >orders.csv 2>/dev/null
	# 10:30 in Helsinki, in New York; 09:30 in Helsinki the next day (a thank-you
	# due after 17:00 there waits for the morning)
	for t in 2026-03-03T08:30:00Z 2026-03-03T15:30:00Z 2026-03-04T07:30:00Z; do
		FU_NOW=$t sh cron.sh >/dev/null 2>&1
	done
	[ "$(grep -c ',followup,.*,thank-you,' events.csv)" = 2 ] || { echo "$1: not both thanked:"; cat events.csv; exit 1; }
	# shellcheck disable=SC2086
	fu-import $3 export.csv >orders.csv 2>/dev/null
	for t in 2026-03-04T08:00:00Z 2026-03-04T15:00:00Z 2026-03-05T07:30:00Z 2026-03-05T15:00:00Z 2026-03-06T15:00:00Z; do
		FU_NOW=$t sh cron.sh >/dev/null 2>&1
	done
	"$PY" - "$1" <<'PY'
import mailbox, sys
thanks = sorted(m['To'] for m in mailbox.mbox('outbox.mbox') if m['Subject'].startswith('Thank you'))
assert thanks == ['Anna <anna@example.com>', 'Mika <mika@example.fi>'], (sys.argv[1], thanks)
PY
	n=$(fu-schedule -e orders.csv -e events.csv --now 2026-03-06T16:00:00Z -s thank-you <contacts.csv 2>/dev/null |
		mlr --icsv --onidx filter '$state != "done"' then count)
	[ -z "$n" ] || [ "$n" = 0 ] || { echo "$1: $n thank-yous open again"; exit 1; }
	cd ..
}
run added "" "--source-tz America/New_York"
grep -q '2026-03-02T10:00:00-05:00,purchase' added/orders.csv || { echo "--source-tz wrote no offset"; exit 1; }
run dropped "--source-tz America/New_York" ""
# fu-render's Message-ID comes from the task_id: the thank-yous rendered into
# a Maildir from the log written naive and then with offsets are the same two
# files, not four
mkdir md && cd md
printf 'id,first_name,email,tz\n1,Anna,anna@example.com,America/New_York\n2,Mika,mika@example.fi,Europe/Helsinki\n' >contacts.csv
printf '%s\n#1001,anna@example.com,paid,120.00,2026-03-02 10:00:00,1,Espresso machine\n#1002,mika@example.fi,paid,50.00,2026-03-02 10:00:00,1,Mug\n' \
	"$H" >export.csv
for tz in "" "--source-tz America/New_York"; do
	# shellcheck disable=SC2086
	fu-import $tz export.csv >orders.csv 2>/dev/null
	fu-schedule -e orders.csv --now 2026-03-04T12:00:00Z -s thank-you <contacts.csv 2>/dev/null |
		fu-render --from 'Shop <hello@shop.example>' --now 2026-03-04T12:00:00Z -f maildir box 2>/dev/null
done
[ "$(ls box/new | wc -l)" = 2 ] || { echo "Maildir: $(ls box/new)"; exit 1; }
