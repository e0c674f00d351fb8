# fu-render mail output parsed back by Python's email package (Debian's
# /usr/bin/python3): no defects; the exact subject, body, HTML and addresses
# of the CSV output come back from mbox, maildir and eml; encoded words for
# non-ASCII headers; lines <= 998 octets; stable ids and dates.
set -eu
mkdir tpl
cat >tpl/plain.mustache <<'T'
{{! the data decides everything }}
Subject: {{subject}}
Reply-To: {{#reply}}{{reply}}{{/reply}}
X-Campaign: {{campaign}}

{{{body}}}
T
cat >tpl/rich.mustache <<'T'
Subject: {{subject}}
From: Myymälä Åkerö <shop@example.fi>

Text: {{{body}}}
T
cat >tpl/rich.html.mustache <<'T'
<p>{{first_name}}: {{body}}</p>
T
long=$(printf 'word%.0s ' $(seq 1 60))
longline=$(printf 'x%.0s' $(seq 1 1500))
cat >in.csv <<T
task_id,id,first_name,last_name,email,template,subject,body,reply,campaign
t1,c1,Åsa,Öberg-Ääri,asa@example.fi,plain,"Kiitos ostoksestasi, Åsa – ä ö å","Hei Åsa!
Tervetuloa.
",,syksy
t2,c2,John,Smith,john@example.com,plain,Plain ASCII subject,"Plain body.
",,
t3,c3,"Smith, ""J""",Q,jq@example.com,plain,$long end,"From the start
>From quoted
trailing spaces   
tab at end	
= equals =3D
$longline
no final newline",help@example.com,x
t4,c4,,,anon@example.org,plain,=?utf-8?q?not_an_encoded_word?=,"CRLF line
and a lone CR",,
t5,c5,Ümit,,umit@example.de,rich,Ääkköset <html> & more,"5 < 6 & ""quoted""
",,
t6,c6,Long,Name,long@example.fi,plain,$(printf 'äöå%.0s' $(seq 1 80)),"short
",,
T
# the CSV body of t4 gets real CR bytes
/usr/bin/python3 - <<'P'
import csv
rows = list(csv.reader(open('in.csv', newline='', encoding='utf-8')))
rows[4][7] = 'CRLF line\r\nand a lone CR\rend\n'
with open('in.csv', 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
P
opts="-t tpl --now 2026-11-23T10:30:00 --from Sender<sender@example.fi>"
fu-render $opts in.csv >out.csv
fu-render $opts -f mbox in.csv >out.mbox
fu-render $opts -f mbox in.csv >again.mbox
cmp out.mbox again.mbox || { echo "mbox output differs between two runs"; exit 1; }
fu-render $opts -f maildir md in.csv >/dev/null
fu-render $opts -f eml eml in.csv >/dev/null
fu-render $opts --unsubscribe 'https://example.fi/u?c={{id}}&n={{email}}' -f mbox in.csv >unsub.mbox
/usr/bin/python3 - <<'P'
import csv, email, glob, mailbox, sys
from email import policy
fail = []
def check(cond, what):
    if not cond:
        fail.append(what)
want = {r['task_id']: r for r in csv.DictReader(open('out.csv', newline='', encoding='utf-8'))}
inp = {r['task_id']: r for r in csv.DictReader(open('in.csv', newline='', encoding='utf-8'))}
check(len(want) == 6, 'CSV output has %d rows, want 6' % len(want))
# the CSV itself
check(want['t1']['subject'] == inp['t1']['subject'], 'CSV subject t1')
check(want['t4']['body'] == inp['t4']['body'] + '\n', 'CSV body t4 (CR bytes kept)')
check(want['t1']['to'] == 'Åsa Öberg-Ääri <asa@example.fi>', 'CSV to t1: %r' % want['t1']['to'])
check(want['t5']['html'] == '<p>Ümit: 5 &lt; 6 &amp; &quot;quoted&quot;\n</p>\n', 'CSV html escapes: %r' % want['t5']['html'])

def parse(raw, where):
    for n, line in enumerate(raw.split(b'\n')):
        check(len(line) <= 998, '%s: line %d is %d octets' % (where, n + 1, len(line)))
    check(all(b < 128 for b in raw), '%s: a non-ASCII byte in the message' % where)
    m = email.message_from_bytes(raw, policy=policy.default)
    tid = None
    for part in m.walk():
        check(not part.defects, '%s: defects %r' % (where, part.defects))
        for k, v in part.items():
            check(not getattr(v, 'defects', ()), '%s: header %s defects %r' % (where, k, v.defects))
    return m

def compare(m, where, unsub=False):
    mid = str(m['message-id'])
    rows = [r for r in want.values() if r['message_id'] == mid]
    check(len(rows) == 1, '%s: Message-ID %s not in the CSV' % (where, mid))
    if not rows:
        return None
    w = rows[0]
    i = inp[w['task_id']]
    check(str(m['subject']) == i['subject'], '%s: subject %r, want %r' % (where, str(m['subject']), i['subject']))
    check(str(m['date']) == 'Mon, 23 Nov 2026 10:30:00 +0200', '%s: date %s' % (where, m['date']))
    check(m['mime-version'] == '1.0', where + ': MIME-Version')
    check(str(m['to']) == w['to'], '%s: To %r, want %r' % (where, str(m['to']), w['to']))
    a = m['to'].addresses[0]
    check(a.addr_spec == i['email'], where + ': To address')
    name = (i['first_name'] + ' ' + i['last_name']).strip()
    check(a.display_name == name, '%s: display name %r, want %r' % (where, a.display_name, name))
    body = m.get_body(('plain',)).get_content()
    # a value's CRLF or lone CR is a line end of the mail (trial 14 F10); the CSV form keeps the bytes
    wb = w['body'].replace('\r\n', '\n').replace('\r', '\n')
    check(body == wb, '%s: body %r, want %r' % (where, body[:80], wb[:80]))
    check(m.get_body(('plain',)).get_content_charset() == 'utf-8', where + ': charset')
    if w['html']:
        check(m.get_content_type() == 'multipart/alternative', where + ': not multipart/alternative')
        parts = list(m.iter_parts())
        check([p.get_content_type() for p in parts] == ['text/plain', 'text/html'], where + ': part order')
        check(m.get_body(('html',)).get_content() == w['html'], where + ': html')
        check(str(m['from']) == 'Myymälä Åkerö <shop@example.fi>', where + ': template From %r' % str(m['from']))
    else:
        check(str(m['from']) == 'Sender <sender@example.fi>', where + ': --from')
    if i['reply']:
        check(str(m['reply-to']) == i['reply'], where + ': Reply-To')
    else:
        check(m['reply-to'] is None, where + ': empty Reply-To should be left out')
    if unsub:
        u = str(m['list-unsubscribe'])
        check(u.startswith('<https://example.fi/u?c=' + i['id'] + '&n='), where + ': List-Unsubscribe ' + u)
        check(str(m['list-unsubscribe-post']) == 'List-Unsubscribe=One-Click', where + ': List-Unsubscribe-Post')
    return w['task_id']

seen = []
box = mailbox.mbox('out.mbox', factory=None, create=False)
for k, msg in enumerate(box):
    raw = box.get_bytes(k)
    seen.append(compare(parse(raw, 'mbox#%d' % k), 'mbox#%d' % k))
check(sorted(x for x in seen if x) == sorted(want), 'mbox messages %r' % seen)
raw = open('out.mbox', 'rb').read()
check(b'=?UTF-8?Q?' in raw, 'no encoded words in the mbox')
check(b'\n=46rom the start' in raw or b'\n>From the start' in raw, 'From line not protected')
for k, msg in enumerate(mailbox.mbox('unsub.mbox', create=False)):
    compare(parse(mailbox.mbox('unsub.mbox').get_bytes(k), 'unsub#%d' % k), 'unsub#%d' % k, unsub=True)
files = sorted(glob.glob('md/new/*'))
check(len(files) == 6 and not glob.glob('md/tmp/*'), 'maildir: %d files in new/' % len(files))
for f in files:
    compare(parse(open(f, 'rb').read(), f), f)
files = sorted(glob.glob('eml/*.eml'))
check(len(files) == 6, 'eml: %d files' % len(files))
for f in files:
    compare(parse(open(f, 'rb').read(), f), f)
for f in fail:
    print('FAIL', f)
sys.exit(1 if fail else 0)
P
# Random subjects and bodies (blanks at line ends, '=', "From " lines, long
# lines, tabs, CR, non-ASCII) must all come back exactly from the mbox.
/usr/bin/python3 - <<'P'
import csv, random
random.seed(7)
alpha = ['a', 'b', ' ', ' ', '\t', '=', '=?', '?=', 'ä', 'ö', 'å', '€', '😀', '_', '>', 'From ', '.', '\n', '\n', '\r', 'x' * 90]
def text(n, nl=True, chars=alpha):
    s = ''.join(random.choice(chars) for _ in range(n))
    return s if nl else s.replace('\n', ' ').replace('\r', ' ')
with open('rand.csv', 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n', quoting=csv.QUOTE_ALL)
    w.writerow(['task_id', 'id', 'first_name', 'last_name', 'email', 'template', 'subject', 'body', 'reply', 'campaign'])
    for i in range(300):
        # names: words of up to 32 bytes (one encoded word each; longer
        # words are split, and Python's parser then shows a space there)
        w.writerow(['r%d' % i, 'c%d' % i, text(random.randint(0, 8), False, alpha[:-1]),
                    text(random.randint(0, 8), False, alpha[:-1]),
                    'r%d@example.fi' % i, 'plain', text(random.randint(1, 120), False),
                    text(random.randint(0, 400)), '', text(random.randint(0, 30), False)])
P
fu-render $opts rand.csv >rand.csv.out
fu-render $opts -f mbox rand.csv >rand.mbox
/usr/bin/python3 - <<'P'
import csv, email, mailbox, sys
from email import policy
want = {r['message_id']: r for r in csv.DictReader(open('rand.csv.out', newline='', encoding='utf-8'))}
i_name = {r['task_id']: (r['first_name'] + ' ' + r['last_name']).strip(' ')
          for r in csv.DictReader(open('rand.csv', newline='', encoding='utf-8'))}
bad = 0
box = mailbox.mbox('rand.mbox', create=False)
n = 0
for k in range(len(box)):
    raw = box.get_bytes(k)
    m = email.message_from_bytes(raw, policy=policy.default)
    w = want[str(m['message-id'])]
    n += 1
    problems = []
    if max(len(l) for l in raw.split(b'\n')) > 998: problems.append('long line')
    if m.defects: problems.append('defects %r' % m.defects)
    for h, v in m.items():
        if getattr(v, 'defects', ()): problems.append('%s defects %r' % (h, v.defects))
    if str(m['subject']) != w['subject']: problems.append('subject %r != %r' % (str(m['subject']), w['subject']))
    wb = w['body'].replace('\r\n', '\n').replace('\r', '\n')  # line ends of the mail (trial 14 F10)
    if m.get_content() != wb: problems.append('body %r != %r' % (m.get_content()[:60], wb[:60]))
    # a display name is a phrase: runs of blanks are one space
    a = m['to'].addresses[0]
    name = ' '.join((i_name[w['task_id']]).split())
    if ' '.join(a.display_name.split()) != name: problems.append('to %r != %r' % (a.display_name, name))
    if a.addr_spec != w['to'].rsplit('<', 1)[-1].rstrip('>'): problems.append('to address %r' % a.addr_spec)
    if str(m['x-campaign'] or '') != (w['headers'].split('X-Campaign: ', 1)[1].rstrip('\n') if 'X-Campaign' in w['headers'] else ''):
        problems.append('X-Campaign %r' % str(m['x-campaign']))
    if problems:
        bad += 1
        print(w['task_id'], problems)
if n != len(want) or n != 300:
    print('messages: %d in mbox, %d in CSV' % (n, len(want))); bad += 1
sys.exit(1 if bad else 0)
P
