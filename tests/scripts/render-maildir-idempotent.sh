# Issue 14: Maildir and .eml files are named after the Message-ID, so
# rendering the same tasks again (at another time) replaces them instead of
# adding copies; a message already read (moved to cur/ with flags) is
# replaced there, its flags kept.  Parsed back with Python's email package.
set -eu
cat >in.csv <<'T'
id,first_name,last_name,email,lang,formal,task_id,template,item
c1,Aino,Virtanen,aino@example.fi,fi,no,t1,thank-you,Sauna
c2,Zoë,O'Connor,zoe@example.com,en,no,t2,check-in,
c3,Åsa,Berg,asa@example.se,sv,ja,t3,thank-you,Värmepump
T
opts="--from Shop<shop@example.fi>"
fu-render $opts --now 2026-11-23T09:00 -f maildir md in.csv 2>/dev/null
fu-render $opts --now 2026-11-23T09:00 -f eml eml in.csv 2>/dev/null
[ "$(ls md/new | wc -l)" = 3 ] || { echo "first run: $(ls md/new | wc -l) files"; exit 1; }
# the user's mail program reads one: new/NAME -> cur/NAME:2,S
first=$(ls md/new | head -1)
mv "md/new/$first" "md/cur/$first:2,S"
# a day later, the same tasks again
fu-render $opts --now 2026-11-24T10:00 -f maildir md in.csv 2>/dev/null
fu-render $opts --now 2026-11-24T10:00 -f eml eml in.csv 2>/dev/null
[ "$(ls md/new | wc -l)" = 2 ] || { echo "new/: $(ls md/new)"; exit 1; }
[ "$(ls md/cur)" = "$first:2,S" ] || { echo "cur/: $(ls md/cur)"; exit 1; }
[ "$(ls md/tmp | wc -l)" = 0 ] || { echo "tmp/ not empty"; exit 1; }
[ "$(ls eml | wc -l)" = 3 ] || { echo "eml: $(ls eml)"; exit 1; }
/usr/bin/python3 - "$first" <<'P'
import email, email.policy, glob, os, sys
first = sys.argv[1]
ids = {}
for path in glob.glob('md/new/*') + glob.glob('md/cur/*') + glob.glob('eml/*.eml'):
    m = email.message_from_binary_file(open(path, 'rb'), policy=email.policy.default)
    assert not m.defects, (path, m.defects)
    mid = m['Message-ID']
    base = os.path.basename(path).split(':')[0]
    # the file name follows from the Message-ID
    assert base.split('.')[0] == mid.strip('<>').split('.')[0], (path, mid)
    # the second run's content replaced the first's
    assert m['Date'].datetime.day == 24, (path, m['Date'])
    ids.setdefault(path.split('/')[0], []).append(mid)
for where, got in ids.items():
    assert len(got) == len(set(got)) == 3, (where, got)
assert sorted(ids['md']) == sorted(ids['eml'])
P
