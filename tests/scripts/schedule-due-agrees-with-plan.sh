#!/bin/sh
# --due hands out what the plan lists as due or overdue at --now, for every
# contact whose send window is open then: the same tasks, naming the same
# items.  The daily cap (one e-mail a contact a day) used to differ: a
# thank-you due later the same day took the day's room in the plan, moving
# a check-in due earlier to the next day, while --due at an earlier run
# handed out the check-in (it did not see the afternoon's thank-you), and
# the thank-you then waited for the next day.  Random contacts (leads,
# customers of several orders) in zones of whole and odd offsets (+05:45,
# +05:30, +09:30, -03:30, +12:45), some sharing an address (a household in
# one zone, counted together by the daily cap), random run times at any
# minute, under the default cap, two a day and none.
set -eu
"$PY" - <<'PY'
import csv, datetime as dt, random, subprocess, sys, os
from zoneinfo import ZoneInfo
random.seed(12)
zones = ["Europe/Helsinki", "America/New_York", "Asia/Tokyo", "Asia/Kathmandu", "Asia/Kolkata",
         "Australia/Adelaide", "America/St_Johns", "Pacific/Chatham"]
start = dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)
with open('ac.csv', 'w') as f:
    f.write('id,email,tz,created,stage,segment\n')
    for i in range(80):
        lead = i % 5 == 0
        # a household: two contacts of one zone, one address
        mail = f'a{i - len(zones)}' if i % 11 == 9 else f'a{i}'
        cr = start + dt.timedelta(minutes=random.randrange(0, 20 * 1440)) if lead else start - dt.timedelta(days=300)
        f.write(f'a{i},{mail}@example.com,{zones[i % len(zones)]},{cr.isoformat()},{"prospect" if lead else "customer"},{"new" if lead else ""}\n')
ev = []
for i in range(80):
    for k in range(random.choice([0, 1, 2, 3, 4])):
        t = start - dt.timedelta(days=20) + dt.timedelta(minutes=random.randrange(0, 40 * 1440))
        ev.append((t, f'a{i}', 'purchase', str(random.randrange(5, 99)), f'Item{i}-{k}'))
ev.sort()
with open('ae.csv', 'w') as f:
    f.write('contact_id,when,type,value,item,note\n')
    for t, c, ty, v, it in ev: f.write(f'{c},{t.isoformat()},{ty},{v},{it},\n')
bad = 0
for trial in range(90):
    now = start + dt.timedelta(minutes=random.randrange(0, 20 * 1440))
    ns = now.strftime('%Y-%m-%dT%H:%MZ')
    cap = ['--max-per-contact', str(trial % 3)] if trial % 3 != 1 else []
    args = ['fu-schedule', '-e', 'ae.csv', '-n', ns, '-w', '09:00-17:00', '-b'] + cap
    plan = list(csv.DictReader(subprocess.run(args, stdin=open('ac.csv'), capture_output=True, text=True).stdout.splitlines()))
    due = list(csv.DictReader(subprocess.run(args + ['-d'], stdin=open('ac.csv'), capture_output=True, text=True).stdout.splitlines()))
    def isopen(r):
        loc = now.astimezone(ZoneInfo(r['tz']))
        return loc.weekday() < 5 and 9 <= loc.hour < 17
    p = {(r['task_id'], r['item']) for r in plan if r['state'] in ('due', 'overdue') and isopen(r)}
    d = {(r['task_id'], r['item']) for r in due}
    if p != d:
        bad += 1
        print(ns, cap, 'plan only', sorted(p - d)[:3], 'due only', sorted(d - p)[:3])
sys.exit(1 if bad else 0)
PY
