# An events log with a row per order line (same contact, same time, the same
# order in the note, another item) is one order of two lines: fu-schedule's
# tasks name both items and thank the order once, fu-churn's and
# fu-referrals' revenue is their sum.  A row given twice (all of contact,
# when, type, value, item and note) is still read once, and an order an
# earlier log had is read from that log only.
set -eu
cat >c.csv <<'T'
id,email,first_name,referred_by
r,r@x.fi,Ray,
k,k@x.fi,Kim,r
T
cat >e.csv <<'T'
contact_id,when,type,value,item,note
k,2026-11-20T10:00:00Z,purchase,10,Teapot,order #7
k,2026-11-20T10:00:00Z,purchase,20,Kettle,order #7
k,2026-11-20T10:00:00Z,purchase,20,Kettle,order #7
T
fu-schedule -e e.csv -n 2026-11-22 <c.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs '|' filter '$id == "k"' then cut -o -f step,item t.csv)
want='thank-you|Teapot, Kettle
check-in|Teapot, Kettle
value|Teapot, Kettle'
[ "$got" = "$want" ] || { echo "schedule: $got"; cat err; exit 1; }
grep -q 'events: read 3 = used 2 + .* + 1 repeated in its own log$' err || { cat err; exit 1; }
# the value step's condition sees the order's whole amount
printf 'step,anchor,offset,eligible\nbig,purchase,1d,anchor_value >= 30\n' >cad.csv
fu-schedule -c cad.csv -e e.csv -n 2026-11-22 <c.csv 2>err | grep -q ',big,' || { cat err; exit 1; }
fu-churn -e e.csv -n 2026-11-22 <c.csv >h.csv 2>err
got=$(mlr --icsv --onidx --ofs , filter '$id == "k"' then cut -o -f frequency,monetary h.csv)
[ "$got" = "1,30.00" ] || { echo "churn: $got"; cat err; exit 1; }
fu-referrals -e e.csv -n 2026-11-22 c.csv >l.csv 2>err
got=$(mlr --icsv --onidx --ofs , cut -o -f id,converted,revenue l.csv)
[ "$got" = "r,1,30.00" ] || { echo "referrals: $got"; cat err; exit 1; }
# a newer export of the same order (another log, its lines written again,
# one of them in another form): read from the first log only
cat >e2.csv <<'T'
contact_id,when,type,value,item,note
k@x.fi,2026-11-20T12:00:00+02:00,purchase,10.00,Teapot,order #7
k@x.fi,2026-11-20T12:00:00+02:00,purchase,20.00,Kettle (blue),order #7
T
fu-churn -e e.csv -e e2.csv -n 2026-11-22 <c.csv >h.csv 2>err
got=$(mlr --icsv --onidx --ofs , filter '$id == "k"' then cut -o -f frequency,monetary h.csv)
[ "$got" = "1,30.00" ] || { echo "churn, two logs: $got"; cat err; exit 1; }
fu-schedule -e e.csv -e e2.csv -n 2026-11-22 <c.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs '|' filter '$id == "k" && $step == "thank-you"' then cut -o -f item t.csv)
[ "$got" = "Teapot, Kettle" ] || { echo "schedule, two logs: $got"; cat err; exit 1; }
