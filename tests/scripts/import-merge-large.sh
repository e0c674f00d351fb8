# Merging on a generated messy file (bench/gen-contacts.c, 30000 rows, the
# messy kind: most rows repeat a person, some known by the phone only): the
# merged output equals an independent fold of the --no-merge output in Python
# (same e-mail; a row without one joins the contact with its phone; a row
# with one joins a contact known only by its phone; neither when the names
# differ, nor a row without an e-mail, unless the full names agree, when two
# e-mails share the phone; first non-empty value per
# column, earliest created and opt-out, a date before a bare yes; the id
# derived from the merged row; first appearance order), the counts add up,
# and --no-merge memory does not grow with the input.
set -eu
cc -O2 -o gen "$SRCDIR/bench/gen-contacts.c"
./gen 30000 messy >in.csv
fu-import --no-merge in.csv >nm.csv 2>nm.err || [ $? = 1 ]
fu-import --memory 64K in.csv >m.csv 2>m.err || [ $? = 1 ]
fu-import in.csv >m2.csv 2>/dev/null || [ $? = 1 ]
cmp m.csv m2.csv # spilling to the spool file changes nothing
$PY - nm.csv m.csv nm.err m.err <<'PY'
import csv, re, sys
def rows(p):
    with open(p, newline='', encoding='utf-8') as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode('utf-8'):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return '%016x' % h
hdr, nm = rows(sys.argv[1])
hdr2, m = rows(sys.argv[2])
assert hdr == hdr2
I, E, P, C, U, F, L = (hdr.index(c) for c in ('id', 'email', 'phone', 'created', 'unsubscribed',
                                              'first_name', 'last_name'))
merged, has_email, by_email, by_phone = [], [], {}, {}
names, shared, by_name, napart = [], set(), {}, 0
def relation(r, c):
    # what the names say: a last name or first initial both have differs: two
    # people; both full names and they agree; else open
    i, l = r[F][:1].lower(), r[L].lower()
    ci, cl = names[c]
    if (not i and not l) or (not ci and not cl):
        return 'open'
    if (l and cl and l != cl) or (i and ci and i != ci):
        return 'differ'
    return 'agree' if l and cl and i and ci else 'open'
for r in nm:
    e, p = r[E], r[P]
    c = by_email.get(e) if e else None
    bp = by_phone.get(p) if p else None
    apart, k = False, None
    if c is None and bp is not None and (not e or not has_email[bp]):
        rel = relation(r, bp)
        if rel == 'differ' or (not e and p in shared and rel != 'agree'):
            apart = True
            if not e:
                k = (p, r[F][:1].lower(), r[L].lower())
                c = by_name.get(k)
                apart = c is None
        else:
            c = bp
    if c is None:
        c = len(merged); merged.append(list(r)); has_email.append(False)
        names.append((r[F][:1].lower(), r[L].lower()))
        napart += apart
    else:
        g = merged[c]
        for i, v in enumerate(r):
            if not v:
                continue
            if not g[i]:
                g[i] = v
            elif i == C and v < g[i]:
                g[i] = v
            elif i == U and (g[i] == 'yes' and v != 'yes' or v != 'yes' and v < g[i]):
                g[i] = v
        if names[c] == ('', '') and (r[F] or r[L]):
            names[c] = (r[F][:1].lower(), r[L].lower())
    if e:
        if bp is not None and bp != c and has_email[bp]:
            shared.add(p)
        has_email[c] = True
        by_email.setdefault(e, c)
    if p and bp is None:
        by_phone.setdefault(p, c)
    if apart and k is not None:
        by_name[k] = c
phones = set()
for g in merged:
    g[I] = fnv(g[E] or g[P])
    if napart and not g[E]:  # a second person known by the same phone
        if g[P] in phones:
            g[I] = fnv(g[P] + ' ' + g[F] + ' ' + g[L])
        phones.add(g[P])
assert len(merged) == len(m), (len(merged), len(m))
for a, b in zip(merged, m):
    assert a == b, (a, b)
def counts(p):
    last = open(p, encoding='utf-8').read().splitlines()[-1]
    return list(map(int, re.fullmatch(r'fu-import: read (\d+), wrote (\d+), merged (\d+), rejected (\d+)', last).groups()))
n1, w1, k1, r1 = counts(sys.argv[3]); n2, w2, k2, r2 = counts(sys.argv[4])
assert n1 == n2 == 30000 and k1 == 0 and r1 == r2 and n2 == w2 + k2 + r2 and w1 == len(nm) and w2 == len(m)
assert k2 > n2 // 2, k2   # the messy kind repeats seven persons in ten
print('merged', k2, 'of', n2)
PY
# memory is flat without merging: 4x the rows, (almost) the same peak RSS
./gen 120000 messy >big.csv
small=$(/usr/bin/time -f %M fu-import --no-merge in.csv 2>&1 >/dev/null | tail -1)
large=$(/usr/bin/time -f %M fu-import --no-merge big.csv 2>&1 >/dev/null | tail -1)
echo "peak RSS: 30000 rows ${small} KB, 120000 rows ${large} KB"
[ $((large - small)) -lt 1024 ]
