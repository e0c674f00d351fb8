# Quoted-printable (mime_qp_encode) on 2,000 random texts built from the hard
# parts (blanks before a line end, '=', UTF-8, CR, control bytes, "From "
# at a line start, no final newline, long lines): Python's quopri decodes
# each back to the very bytes, no line is longer than 76, and no line begins
# with "From " or ">From" (mboxrd would have to quote it).
set -eu
/usr/bin/python3 - "$SRCDIR/tests/tools/qptool" <<'P'
import quopri, random, subprocess, sys
tool = sys.argv[1]
random.seed(14)
parts = [b'a', b'word ', b' ', b'\t', b'=', 'ä'.encode(), b'\n', b'From ', b'>From ', b'x' * 80,
         b'\r', b'\x01', 'é'.encode(), '€'.encode(), b'.', b'  \n']
bad = 0
for case in range(2000):
    src = b''.join(random.choice(parts) for _ in range(random.randrange(0, 120)))
    enc = subprocess.run([tool], input=src, capture_output=True, check=True).stdout
    if quopri.decodestring(enc) != src:
        bad += 1
        print('does not decode back:', src[:60], enc[:100])
    for line in enc.split(b'\n'):
        if len(line) > 76 or line.startswith(b'From ') or line.startswith(b'>From'):
            bad += 1
            print('bad line:', line)
            break
    if bad > 5:
        break
sys.exit(1 if bad else 0)
P
