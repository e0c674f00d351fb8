# Merging on a generated messy file (bench/gen-contacts.c, 30000 rows): the
# merged output equals an independent fold of the --no-merge output in Python
# (same key = e-mail, else phone; first non-empty value per column, earliest
# created; first appearance order), the counts add up, and --no-merge memory
# does not grow with the input.
set -eu
cc -O2 -o gen "$SRCDIR/bench/gen-contacts.c"
./gen 30000 >in.csv
fu-import --no-merge in.csv >nm.csv 2>nm.err || [ $? = 1 ]
fu-import in.csv >m.csv 2>m.err || [ $? = 1 ]
$PY - nm.csv m.csv nm.err m.err <<'PY'
import csv, re, sys
def rows(p):
    with open(p, newline='', encoding='utf-8') as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
hdr, nm = rows(sys.argv[1])
hdr2, m = rows(sys.argv[2])
assert hdr == hdr2
E, P, C = hdr.index('email'), hdr.index('phone'), hdr.index('created')
groups, order = {}, []
for r in nm:
    k = r[E] or r[P]
    if k not in groups:
        groups[k] = list(r); order.append(k); continue
    g = groups[k]
    for i, v in enumerate(r):
        if i == C:
            if v and g[i] and v < g[i]: g[i] = v
            elif v and not g[i]: g[i] = v
        elif not g[i] and v:
            g[i] = v
want = [groups[k] for k in order]
assert len(want) == len(m), (len(want), len(m))
for a, b in zip(want, m):
    assert a == b, (a, b)
def counts(p):
    last = open(p, encoding='utf-8').read().splitlines()[-1]
    return list(map(int, re.fullmatch(r'fu-import: read (\d+), wrote (\d+), merged (\d+), rejected (\d+)', last).groups()))
n1, w1, k1, r1 = counts(sys.argv[3]); n2, w2, k2, r2 = counts(sys.argv[4])
assert n1 == n2 == 30000 and k1 == 0 and r1 == r2 and n2 == w2 + k2 + r2 and w1 == len(nm) and w2 == len(m)
assert k2 > 1000, k2   # the generator repeats about one person in ten
print('merged', k2, 'of', n2)
PY
# memory is flat without merging: 4x the rows, (almost) the same peak RSS
./gen 120000 >big.csv
small=$(/usr/bin/time -f %M fu-import --no-merge in.csv 2>&1 >/dev/null | tail -1)
large=$(/usr/bin/time -f %M fu-import --no-merge big.csv 2>&1 >/dev/null | tail -1)
echo "peak RSS: 30000 rows ${small} KB, 120000 rows ${large} KB"
[ $((large - small)) -lt 1024 ]
