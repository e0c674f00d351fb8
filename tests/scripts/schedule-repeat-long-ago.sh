# A repeating step without end, anchored long ago (trial finding 28): the
# current occurrence is found by bisection, not by walking every occurrence
# since the anchor, and a plan costs the occurrences in its horizon.  300
# contacts created in the year 1000 with a step every minute, and every
# business day with holidays, finish within a bound that only catches work
# per past occurrence (it hung); the occurrence handed out is checked
# against Python's own count.
set -u
fail=0
bad() { echo "$*"; fail=1; }
run() { # LIMIT NAME CMD...
	lim=$1 name=$2; shift 2
	[ -n "${ASAN_OPTIONS:-}" ] && lim=$((lim * 10))
	timeout "$lim" "$@" >"$name.out" 2>"$name.err"; st=$?
	[ $st = 124 ] && bad "$name: still running after ${lim}s"
	return $st
}
{ echo id,email,tz,created
  i=0; while [ $i -lt 300 ]; do echo "c$i,c$i@example.fi,UTC,1000-01-01T00:00:00Z"; i=$((i + 1)); done
} >contacts.csv
printf 'step,anchor,offset,window,expires,repeat\nping,created,1m,1m,,1m\n' >minute.csv
printf 'step,anchor,offset,window,expires,repeat\nping,created,0,1d,,1bd\n' >bday.csv
printf 'date\n2026-01-01\n2026-01-06\n2025-12-24\n2025-12-25\n2025-12-26\n' >holidays.csv

run 60 minute fu-schedule -c minute.csv --now 2026-03-02T10:00:30+02:00 --due contacts.csv ||
	bad "every minute: exit $st: $(tail -1 minute.err)"
run 60 bday fu-schedule -c bday.csv -b --holidays holidays.csv --now 2026-03-02T10:00+02:00 --due contacts.csv ||
	bad "every business day: exit $st: $(tail -1 bday.err)"
# two hours' plan of a step every minute: 120 occurrences a contact, each
# after the first held back by --max-per-contact and superseded by the
# next before a day with room (linear, not per past day)
run 60 plan fu-schedule -c minute.csv --now 2026-03-02T10:00:30+02:00 --horizon 2h contacts.csv ||
	bad "plan: exit $st: $(tail -1 plan.err)"
grep -q 'read 300 contacts, rejected 0, wrote 36300 tasks (36000 expired)' plan.err || bad "plan: $(tail -1 plan.err)"
$PY - <<'PY' || fail=1
import csv, datetime as dt
created = dt.datetime(1000, 1, 1, tzinfo=dt.timezone.utc)
now = dt.datetime(2026, 3, 2, 10, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
# every minute from created + 1m: the occurrence due last by now, 1-based
k = int((now - (created + dt.timedelta(minutes=1))).total_seconds() // 60) + 1
rows = list(csv.DictReader(open("minute.out")))
assert len(rows) == 300, len(rows)
for r in rows:
    assert r["reason"].endswith(f", {k} every 1m"), (r["reason"], k)
    assert r["due"] == "2026-03-02T08:00:00Z", r["due"]
# every business day from 1000-01-01 (a Monday-Friday count less holidays)
hol = {dt.date(2026, 1, 1), dt.date(2026, 1, 6), dt.date(2025, 12, 24), dt.date(2025, 12, 25),
       dt.date(2025, 12, 26)}
d, end, n = dt.date(1000, 1, 1), dt.date(2026, 3, 2), 0
while d < end:
    d += dt.timedelta(days=1)
    if d.weekday() < 5 and d not in hol:
        n += 1
rows = list(csv.DictReader(open("bday.out")))
assert len(rows) == 300, len(rows)
for r in rows:
    assert r["reason"].endswith(f", {n + 1} every 1bd"), (r["reason"], n + 1)
    assert r["due"] == "2026-03-02T00:00:00Z", r["due"]
PY
exit $fail
