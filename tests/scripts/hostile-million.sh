# A million of one thing, bounded in time and memory: a referral graph that
# is one ring of 1,000,000 people (every claim a cycle: none credited, all
# counted), and 1,000,000 events of one contact through every program that
# reads events (the store keeps facts, not events: memory stays small).
set -u
fail=0
bad() { echo "$*"; fail=1; }
[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 3000000
run() { # LIMIT NAME CMD...
	lim=$1 name=$2; shift 2
	timeout "$lim" "$@" >"$name.out" 2>"$name.err"; st=$?
	[ $st = 124 ] && bad "$name: still running after ${lim}s"
	return 0
}
$PY - <<'PY'
import datetime
n = 1000000
with open('ring.csv', 'w') as f:
    f.write('id,email,created,referred_by\n')
    f.writelines('p%d,p%d@example.com,2024-01-01,p%d\n' % (i, i, (i + 1) % n) for i in range(n))
with open('ring-ev.csv', 'w') as f:
    f.write('contact_id,when,type,value,item,note\n')
    f.writelines('p%d,2024-02-01T10:00:00Z,purchase,10,x,\n' % i for i in range(0, n, 10))
t0 = datetime.datetime(2020, 1, 1)
with open('one-ev.csv', 'w') as f:
    f.write('contact_id,when,type,value,item,note\n')
    for i in range(n):
        t = t0 + datetime.timedelta(seconds=i * 97)
        f.write('c1,%sZ,%s,%d,x,\n' % (t.strftime('%Y-%m-%dT%H:%M:%S'),
                                        'purchase' if i % 3 == 0 else 'email_open', i % 100 + 1))
with open('one.csv', 'w') as f:
    f.write('id,email\nc1,a@example.com\nc2,b@example.com\n')
PY
run 600 ring fu-referrals --events ring-ev.csv --now 2024-06-01 --depth 3 ring.csv
[ $st = 1 ] || bad "ring: exit $st: $(tail -1 ring.err)"
grep -q 'read 1000000 contacts, rejected 0, wrote 1000000 referrers; claims 1000000 = 0 credited .* + 1000000 cycle' ring.err ||
	bad "ring: $(tail -1 ring.err)"
for p in fu-churn fu-schedule fu-referrals; do
	run 300 "$p" "$p" --events one-ev.csv --now 2024-01-01 one.csv
	[ $st = 0 ] || bad "$p, a million events: exit $st: $(tail -1 "$p.err")"
	grep -q 'read 2 contacts, rejected 0, .*events: read 1000000 = used 1000000 + 0' "$p.err" ||
		bad "$p, a million events: $(tail -1 "$p.err")"
done
grep -q '^c1,' fu-churn.out && grep -q '^c2,' fu-churn.out || bad "fu-churn: a contact lost"
exit $fail
