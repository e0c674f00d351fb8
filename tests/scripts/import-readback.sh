# Every sample export through fu-import: the output is read back by Python's
# csv module, rows are as wide as the header, the counts on stderr add up
# (N = M + K + R), and every derived id is the documented formula: FNV-1a 64
# of the normalised e-mail, else the E.164 phone, as 16 hex digits.
set -eu
for f in "$EXAMPLES"/exports/*; do
	opts=
	case $f in *kunder*) opts="--country SE" ;; esac
	st=0
	# shellcheck disable=SC2086
	fu-import $opts --rejects rej.csv "$f" >out.csv 2>err.txt || st=$?
	[ "$st" -le 1 ] || { echo "$f: exit $st"; cat err.txt; exit 1; }
	$PY - out.csv err.txt rej.csv "$f" <<'PY'
import csv, re, sys
out, err, rej, name = sys.argv[1:5]
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode('utf-8'):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return '%016x' % h
with open(out, newline='', encoding='utf-8') as fp:
    rows = list(csv.reader(fp))
hdr, body = rows[0], rows[1:]
assert all(len(r) == len(hdr) for r in body), name
last = open(err, encoding='utf-8').read().splitlines()[-1]
m = re.fullmatch(r'fu-import: read (\d+), wrote (\d+), merged (\d+), rejected (\d+)', last)
assert m, (name, last)
n, w, k, r = map(int, m.groups())
# unsubscribe events beside an orders export's purchases are told in a note,
# not counted among the rows written
extra = sum(int(x) for x in re.findall(r'note: (\d+) unsubscribe events? written beside',
                                       open(err, encoding='utf-8').read()))
assert n == w + k + r and w + extra == len(body), (name, n, w, k, r, extra, len(body))
with open(rej, newline='', encoding='utf-8') as fp:
    rr = list(csv.DictReader(fp))
assert len(rr) == r, (name, len(rr), r)
d = [dict(zip(hdr, x)) for x in body]
for row in d:
    if 'id' in hdr:   # contacts: a derived id is the hash of the e-mail, else the phone
        key = row['email'] or row['phone']
        if re.fullmatch(r'[0-9a-f]{16}', row['id']):
            assert key and row['id'] == fnv(key), (name, row)
    else:             # events: the e-mail itself, else the hash of the phone
        cid = row['contact_id']
        assert '@' in cid or re.fullmatch(r'[0-9a-f]{16}', cid), (name, row)
PY
done
# the same contact gets the same id in another run, another file and another shape
a=$(printf 'email\nAnna@Example.com\n' | fu-import 2>/dev/null | sed -n 2p | cut -d, -f1)
b=$(printf 'Sähköposti;Nimi\r\n anna@example.com ;Anna\r\n' | fu-import --no-merge 2>/dev/null | sed -n 2p | cut -d, -f1)
c=$(printf 'Date,Event,Phone\n2024-01-01,call,040 123 4567\n' | fu-import 2>/dev/null | sed -n 2p | cut -d, -f1)
d=$(printf 'phone\n+358401234567\n' | fu-import 2>/dev/null | sed -n 2p | cut -d, -f1)
e=$(printf 'Date,Event,Email\n2024-01-01,call,ANNA@example.com\n' | fu-import 2>/dev/null | sed -n 2p | cut -d, -f1)
[ "$c" = "$d" ] && [ "$e" = anna@example.com ] || { echo "event ids: $c $d $e"; exit 1; }
[ "$a" = "$b" ] && [ "$a" = "$($PY -c '
h = 0xcbf29ce484222325
for b in b"anna@example.com": h = ((h ^ b) * 0x100000001b3) & (2**64 - 1)
print("%016x" % h)')" ] || { echo "ids differ: $a $b $c"; exit 1; }
