#!/bin/sh
# Trial 6 finding 36: an order authorised at checkout (a purchase at its
# Created at, thanked) and captured two days later (paid, Paid at) keeps its
# purchase time when the exports are re-imported newest first (README), so
# its task id stays and the customer is thanked once; a deposit order
# (partially_paid, then paid a week later) likewise.  A bank-transfer order
# pending for days and paid later is still thanked from its payment
# (trial 5/08), and every run's orders log gives each order one time.
set -eu
export TZ=Europe/Helsinki FU_FROM=s@x.fi FU_ORDERS=orders.csv
cp "$EXAMPLES/cron.sh" cron.sh
H='Name,Email,Financial Status,Paid at,Created at,Total,Lineitem name,Id'
printf '%s\n#1001,ann@x.fi,authorized,,2026-03-02 10:00:00 +0200,50.00,Kiuas,9001\n#1002,bo@x.fi,partially_paid,2026-03-02 10:05:00 +0200,2026-03-02 10:00:00 +0200,500.00,Sauna,9002\n#1003,cy@x.fi,pending,,2026-03-02 11:00:00 +0200,80.00,Pipo,9003\n' "$H" >orders-2026-03-02.csv
printf '%s\n#1001,ann@x.fi,paid,2026-03-04 12:00:00 +0200,2026-03-02 10:00:00 +0200,50.00,Kiuas,9001\n#1002,bo@x.fi,partially_paid,2026-03-02 10:05:00 +0200,2026-03-02 10:00:00 +0200,500.00,Sauna,9002\n#1003,cy@x.fi,pending,,2026-03-02 11:00:00 +0200,80.00,Pipo,9003\n' "$H" >orders-2026-03-05.csv
printf '%s\n#1001,ann@x.fi,paid,2026-03-04 12:00:00 +0200,2026-03-02 10:00:00 +0200,50.00,Kiuas,9001\n#1002,bo@x.fi,paid,2026-03-09 12:00:00 +0200,2026-03-02 10:00:00 +0200,500.00,Sauna,9002\n#1003,cy@x.fi,paid,2026-03-09 15:00:00 +0200,2026-03-02 11:00:00 +0200,80.00,Pipo,9003\n' "$H" >orders-2026-03-10.csv
printf 'id,first_name,email,tz\nc1,Ann,ann@x.fi,Europe/Helsinki\nc2,Bo,bo@x.fi,Europe/Helsinki\nc3,Cy,cy@x.fi,Europe/Helsinki\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
log_times() { cut -d, -f1-3 orders.csv | sort; }
run() { # NOW EXPORT...: re-import the exports given (newest first), then cron
	now=$1; shift
	fu-import "$@" >orders.csv 2>/dev/null
	log_times >>times.log
	FU_NOW=$now sh cron.sh >/dev/null 2>&1
}
run 2026-03-03T10:30:00+02:00 orders-2026-03-02.csv
run 2026-03-05T12:30:00+02:00 orders-2026-03-05.csv orders-2026-03-02.csv
for d in 10 11 12 13 16 17 18 19 20 23 24 25 26 27; do
	run 2026-03-${d}T12:30:00+02:00 orders-2026-03-10.csv orders-2026-03-05.csv orders-2026-03-02.csv
done
# each order has one purchase time over all runs
sort -u times.log >times.u
n=$(grep -c purchase times.u)
[ "$n" = 3 ] || { echo "orders moved:"; cat times.u; exit 1; }
grep -q '^ann@x.fi,2026-03-02T10:00:00+02:00,purchase' times.u
grep -q '^bo@x.fi,2026-03-02T10:00:00+02:00,purchase' times.u
grep -q '^cy@x.fi,2026-03-09T15:00:00+02:00,purchase' times.u # trial 5/08: from its payment
"$PY" - <<'PY'
import mailbox, collections
n = collections.Counter((m['To'], m['Subject'].split(',')[0]) for m in mailbox.mbox('outbox.mbox'))
thanks = {k[0]: v for k, v in n.items() if k[1].startswith('Thank you')}
assert thanks == {'Ann <ann@x.fi>': 1, 'Bo <bo@x.fi>': 1, 'Cy <cy@x.fi>': 1}, n
assert all(v == 1 for v in n.values()), n
PY
