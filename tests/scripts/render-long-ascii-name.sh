#!/bin/sh
# trials10b/02: a long ASCII word in first_name or last_name (a URL or CRM
# notes pasted into a name field) was written as one atom or quoted string,
# giving a To: line of 1,020-10,262 octets (RFC 5322 allows 998).  Now such a
# name is written as encoded words, which can be split: every header line
# stays within 78 octets, and an RFC 2047 decoder gives the name back.
set -eu
/usr/bin/python3 - <<'P'
import csv
w = csv.writer(open('long.csv', 'w', newline=''))
w.writerow(['task_id', 'id', 'email', 'first_name', 'last_name', 'step', 'template'])
w.writerow(['l1', 'c1', 'l1@example.fi', 'A' * 1000, '', 'thank-you', 'thank-you'])
w.writerow(['l2', 'c2', 'l2@example.fi', 'https://crm.example.com/contacts/' + 'x' * 1100, '', 'thank-you', 'thank-you'])
w.writerow(['l3', 'c3', 'l3@example.fi', '\u00c4' * 1000, '', 'thank-you', 'thank-you'])
w.writerow(['l4', 'c4', 'l4@example.fi', 'Ann', 'B' * 1200, 'thank-you', 'thank-you'])
w.writerow(['l5', 'c5', 'l5.with.a.rather.long.address@subdomain.example.fi', 'Annabel Lee-Kristiansson', 'Smith, "Jr"', 'thank-you', 'thank-you'])
w.writerow(['l6', 'c6', 'l6@example.fi', 'W' * 10000, 'Short', 'thank-you', 'thank-you'])
P
fu-render -f mbox --from shop@example.fi -n 2026-11-30T10:00 long.csv >long.mbox 2>err
grep -q 'read 6, wrote 6, rejected 0$' err || { cat err; exit 1; }
/usr/bin/python3 - <<'P'
import csv, email, email.header, email.policy, mailbox, sys
rows = list(csv.DictReader(open('long.csv', encoding='utf-8')))
bad = 0
for n, line in enumerate(open('long.mbox', 'rb'), 1):
    if len(line.rstrip(b'\n')) > 78 and not line.startswith(b'From '):
        head = line[:40]
        # body lines are the body's business (quoted-printable keeps them
        # within 76); only header lines are judged here
        if b':' in head or line.startswith(b' '):
            print('line %d: %d octets: %r' % (n, len(line) - 1, head)); bad += 1
box = mailbox.mbox('long.mbox', factory=lambda f: email.message_from_binary_file(f, policy=email.policy.compat32))
msgs = list(box)
assert len(msgs) == len(rows), len(msgs)
for m, r in zip(msgs, rows):
    want = (r['first_name'] + ' ' + r['last_name']).strip()
    to = str(email.header.make_header(email.header.decode_header(m['To']))).replace('\n', '')
    name, addr = to.rsplit(' <', 1)
    if name.startswith('"'):
        name = name[1:-1].replace('\\"', '"').replace('\\\\', '\\')
    if name != want or addr != r['email'] + '>':
        print('%s: To reads %r, want %r <%s>' % (r['task_id'], to[:60], want[:40], r['email'])); bad += 1
    d = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
    if d.defects or d['To'].defects:
        print(r['task_id'], 'defects', d.defects, d['To'].defects); bad += 1
    if d['To'].addresses[0].addr_spec != r['email']:
        print(r['task_id'], 'address', d['To'].addresses[0].addr_spec); bad += 1
sys.exit(1 if bad else 0)
P
