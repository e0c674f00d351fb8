#!/bin/sh
# A long non-ASCII display name needs more than one encoded word: they are
# cut where the name has a space, never inside a word or a character
# (trial finding 27: "Östergård-Äij" + "älä-Öhman" read "Äij älä" in
# Python's email).  A decoder that follows RFC 2047 6.2 (joining adjacent
# encoded words) gives the name exactly; Python's policy.default, which
# keeps the folding space, gives every word whole.  Encoded words stay
# within 75 characters, their lines within 76.
set -eu
cat >nm.csv <<'C'
id,first_name,last_name,email,lang,task_id,template
a,Åsa-Märta Ülla,Östergård-Äijälä-Öhman,a@x.fi,sv,t1,thank-you
b,Åsa-Märta Ülla Britt-Marie Märtaliisa Ääliö,Östergård-Äijälä-Öhman Ylä-Äkäslompolo,b@x.fi,sv,t2,thank-you
c,Ärräpää Öö Ää Åå Üü Ëë Ïï Ćć Łł Žž Šš Ţţ Őő,Çç,c@x.fi,sv,t3,thank-you
C
fu-render --format mbox --from s@x.fi --templates "$EXAMPLES/templates" nm.csv >nm.mbox
/usr/bin/python3 - <<'P'
import csv, email, email.header, mailbox, re, sys
from email import policy
names = [(r['first_name'] + ' ' + r['last_name']) for r in csv.DictReader(open('nm.csv', encoding='utf-8'))]
bad = 0
for k, raw in enumerate(mailbox.mbox('nm.mbox').itervalues()):
    raw = raw.as_bytes()
    head = raw.split(b'\n\n', 1)[0].decode('ascii')
    to = re.search(r'^To: (.*?)\n(?=\S)', head + '\nX', re.S | re.M).group(1)
    for w in re.findall(r'=\?[^?]*\?[QB]\?[^?]*\?=', to):
        if len(w) > 75: print('encoded word over 75:', w); bad += 1
    for line in to.split('\n'):
        if len(line) + (4 if line is to.split('\n')[0] else 0) > 76: print('line over 76:', line); bad += 1
    rfc = str(email.header.make_header(email.header.decode_header(to.rsplit(' <', 1)[0])))
    if rfc != names[k]: print('RFC 2047 decoding %r, want %r' % (rfc, names[k])); bad += 1
    m = email.message_from_bytes(raw, policy=policy.default)
    py = m['To'].addresses[0].display_name
    if py.split() != names[k].split(): print('Python reads %r, want %r' % (py, names[k])); bad += 1
sys.exit(1 if bad else 0)
P
