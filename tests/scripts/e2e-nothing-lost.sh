# Nothing lost, end to end: a generated, deliberately messy export of
# 100,000 contacts (HubSpot's headers, a BOM, CRLF, duplicates by e-mail in
# other case, rows with no way to reach the person, ragged rows, bad quoting,
# invalid UTF-8, blank lines, stray spaces) and a messy events export go
#   fu-import -> fu-churn -> fu-schedule --due -> fu-render
# and every input row must be in an output or a reject report (with its
# reason), or counted as merged; each program's summary must add up.
set -u
fail=0
bad() { echo "$*"; fail=1; }
[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 3000000
now=2026-11-30T10:00
$PY - <<'PY'
import random
rnd = random.Random(12)
N = 100000
first = ['Aino', 'Bo', 'Chen', 'Dörte', 'Eero', 'Fatima', 'Gösta', 'Hanna']
kinds = {}
with open('export.csv', 'wb') as f:
    f.write('\ufeffRecord ID,First Name,Last Name,Email,Phone Number,Company Name,Contact owner,Lifecycle Stage,Create Date,Marker\r\n'.encode())
    for i in range(N):
        m = 'm%06d' % i
        r = rnd.random()
        email = 'p%d@example.com' % i
        phone = '+358 40 %07d' % i
        kind = 'good'
        if r < 0.05:   # a duplicate of an earlier contact, its e-mail in other case
            j = rnd.randrange(max(i, 1))
            email = ('P%d@EXAMPLE.com' % j) if i else email
            kind = 'dup' if i else 'good'
        elif r < 0.07: # nobody to reach
            email, phone, kind = '', '', 'reject'
        row = [str(1000 + i), rnd.choice(first), 'Name%d' % i, email, phone,
               '"Oy %d, ""Ab"""' % i, 'Owner %d' % (i % 7), rnd.choice(['Lead', 'Customer', 'Subscriber', '']),
               '2024-%02d-%02d 09:12' % (i % 12 + 1, i % 28 + 1), m]
        line = ','.join(row)
        if 0.07 <= r < 0.08:   # a stray value past the header: the row is kept
            line += ',extra'
        elif 0.08 <= r < 0.085: # bad quoting
            line = line.replace('"Oy', 'O"y', 1); kind = 'reject'
        elif 0.085 <= r < 0.09: # stray spaces and a tab
            line = line.replace(email, '  %s\t' % email, 1) if email else line
        data = line.encode()
        if 0.09 <= r < 0.092:  # invalid UTF-8 (Latin-1 name in a UTF-8 file)
            data = data.replace(b'Name', b'N\xe4me', 1)
        f.write(data + (b'\r\n' if i % 3 else b'\n'))
        if i % 1000 == 0:
            f.write(b'\r\n')  # blank lines between records
        kinds[m] = kind
with open('kinds.txt', 'w') as f:
    f.writelines('%s %s\n' % kv for kv in kinds.items())
with open('events-export.csv', 'w') as f:
    f.write('contact_id,when,type,value,item,note\n')
    for i in range(0, N, 2):
        f.write('%d,2026-%02d-%02dT10:00:00+02:00,purchase,%d.50,Item %d,\n' % (1000 + i, i % 10 + 1, i % 28 + 1, i % 300 + 1, i))
        if i % 50 == 0:
            f.write('%d,2026-13-01,purchase,1,x,\n' % (1000 + i))  # a bad date
        if i % 70 == 0:
            f.write('%d,2026-11-01T10:00:00+02:00,email_open,,News,\n' % (1000 + i))
PY
fu-import --rejects rej-import.csv export.csv >contacts.csv 2>import.err; st=$?
[ $st = 1 ] || bad "fu-import: exit $st: $(tail -1 import.err)"
fu-import --kind events --rejects rej-ievents.csv events-export.csv >events.csv 2>ievents.err; st=$?
[ $st = 1 ] || bad "fu-import events: exit $st: $(tail -1 ievents.err)"
fu-churn --events events.csv --now $now --rejects rej-churn.csv <contacts.csv >churn.csv 2>churn.err; st=$?
[ $st -le 1 ] || bad "fu-churn: exit $st: $(tail -1 churn.err)"
fu-schedule --due --events events.csv --now $now --rejects rej-sched.csv <churn.csv >tasks.csv 2>sched.err; st=$?
[ $st -le 1 ] || bad "fu-schedule: exit $st: $(tail -1 sched.err)"
fu-render --from me@example.com --now $now --format mbox --rejects rej-render.csv <tasks.csv >mail.mbox 2>render.err; st=$?
[ $st -le 1 ] || bad "fu-render: exit $st: $(tail -1 render.err)"
$PY - <<'PY' || fail=1
import csv, re, sys, mailbox
csv.field_size_limit(1 << 30)
def rows(path):
    with open(path, newline='', encoding='utf-8', errors='surrogateescape') as f:
        return list(csv.DictReader(f))
def summary(path):
    return open(path, encoding='utf-8', errors='replace').read().strip().split('\n')[-1]
def nums(pattern, path):
    m = re.search(pattern, summary(path))
    if not m:
        print('%s: summary not understood: %s' % (path, summary(path))); sys.exit(1)
    return [int(x) for x in m.groups()]
ok = True
def check(cond, what):
    global ok
    if not cond:
        print('FAIL', what); ok = False

kinds = dict(l.split() for l in open('kinds.txt'))
N = len(kinds)
# fu-import: read = wrote + merged + rejected; each marker in the output or the report
read, wrote, merged, rejected = nums(r'read (\d+), wrote (\d+), merged (\d+), rejected (\d+)$', 'import.err')
out, rej = rows('contacts.csv'), rows('rej-import.csv')
# rows written anyway (a stray value, a byte not UTF-8) are in the report
# too, their reason saying so; each of them is written or merged
kept = [r for r in rej if r['reason'].endswith('; row kept')]
rej = [r for r in rej if not r['reason'].endswith('; row kept')]
check(len(kept) > 0, 'fu-import: no row written anyway is in the report')
check(read == N, 'fu-import read %d of %d records' % (read, N))
check(read == wrote + merged + rejected, 'fu-import: %d != %d + %d + %d' % (read, wrote, merged, rejected))
check(len(out) == wrote, 'fu-import: %d rows out, summary says %d' % (len(out), wrote))
check(len(rej) == rejected, 'fu-import: %d in the report, summary says %d' % (len(rej), rejected))
check(all(r['reason'] for r in rej), 'fu-import: a reject without its reason')
seen = {}
for r in out:
    seen[r['Marker']] = 'out'
for r in rej:
    m = re.search(r'm\d{6}', r['record'])
    check(m is not None, 'fu-import: a reject without its record: %r' % r)
    if m:
        check(m.group(0) not in seen, 'fu-import: %s both written and rejected' % m.group(0))
        seen[m.group(0)] = 'rej'
lost = [m for m in kinds if m not in seen]
check(len(lost) == merged, 'fu-import: %d markers neither written nor rejected, %d merged' % (len(lost), merged))
check(all(kinds[m] == 'dup' for m in lost), 'fu-import: lost, not a duplicate: %s' % [m for m in lost if kinds[m] != 'dup'][:5])
check(all(kinds[m] != 'reject' for m in seen if seen[m] == 'out'), 'fu-import: an unusable row was written')
for r in kept:
    m = re.search(r'm\d{6}', r['record'])
    check(m is not None and (seen.get(m.group(0)) == 'out' or kinds[m.group(0)] == 'dup'),
          'fu-import: a row said kept is not written: %r' % r)

# events import
read, wrote, merged, rejected = nums(r'read (\d+), wrote (\d+), merged (\d+), rejected (\d+)$', 'ievents.err')
check(read == wrote + merged + rejected and len(rows('rej-ievents.csv')) == rejected, 'events import: %d %d %d %d' % (read, wrote, merged, rejected))

# fu-churn: every contact in, out or rejected; the events ledger adds up
c_read, c_rej, c_wrote, e_read, e_used, e_other, e_future, e_rej = nums(
    r'read (\d+) contacts, rejected (\d+), wrote (\d+); events: read (\d+) = used (\d+) \+ (\d+) for \d+ contacts not in the input \+ (\d+) after --now \+ (\d+) rejected', 'churn.err')
churn = rows('churn.csv')
check(c_read == len(out) == c_rej + c_wrote == c_rej + len(churn), 'fu-churn contacts: %d %d %d %d' % (c_read, len(out), c_rej, c_wrote))
check(e_read == e_used + e_other + e_future + e_rej, 'fu-churn events ledger')
check(e_read == len(rows('events.csv')), 'fu-churn events read %d of %d' % (e_read, len(rows('events.csv'))))
check([r['Marker'] for r in churn] == [r['Marker'] for r in out][:len(churn)] or c_rej > 0, 'fu-churn: order or rows changed')

# fu-schedule
s_read, s_rej, s_tasks, e_read, e_used, e_other, e_future, e_rej = nums(
    r'read (\d+) contacts, rejected (\d+), wrote (\d+) tasks.*; events: read (\d+) = used (\d+) \+ (\d+) for \d+ contacts not in the input \+ (\d+) after --now \+ (\d+) rejected', 'sched.err')
tasks = rows('tasks.csv')
check(s_read == len(churn), 'fu-schedule read %d of %d contacts' % (s_read, len(churn)))
check(s_tasks == len(tasks), 'fu-schedule: %d tasks, summary says %d' % (len(tasks), s_tasks))
check(len(rows('rej-sched.csv')) == s_rej + e_rej, 'fu-schedule: report %d, summary %d + %d' % (len(rows('rej-sched.csv')), s_rej, e_rej))
check(e_read == e_used + e_other + e_future + e_rej, 'fu-schedule events ledger')
check(s_tasks > 0, 'fu-schedule: no task at all')

# fu-render: read = wrote + skipped + rejected; one message per written row
m = re.search(r'read (\d+), wrote (\d+)(?:, skipped (\d+)[^,]*)?, rejected (\d+)', summary('render.err'))
check(m is not None, 'fu-render summary: ' + summary('render.err'))
if m:
    r_read, r_wrote, r_skip, r_rej = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), int(m.group(4))
    check(r_read == len(tasks), 'fu-render read %d of %d' % (r_read, len(tasks)))
    check(r_read == r_wrote + r_skip + r_rej, 'fu-render: %d != %d + %d + %d' % (r_read, r_wrote, r_skip, r_rej))
    check(len(rows('rej-render.csv')) == r_rej, 'fu-render report')
    check(sum(1 for _ in mailbox.mbox('mail.mbox')) == r_wrote, 'fu-render: messages != wrote')
print('import %d -> churn %d -> schedule %d tasks -> render' % (N, len(churn), len(tasks)))
sys.exit(0 if ok else 1)
PY
exit $fail
