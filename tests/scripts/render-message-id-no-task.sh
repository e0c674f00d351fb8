# trials9b/22: a row without a task_id (a hand-kept list, a newsletter) is
# identified by the message made from it and the day it is sent: November's
# and December's newsletter to the same row are two messages (two
# Message-IDs, two Maildir files: December's does not replace November's
# already sent in cur/) even when their text is the same, while the same
# newsletter rendered again that day is the same message (its file
# replaced, not a second copy).  Parsed back with Python's email package.
set -eu
mkdir nl
printf 'id,first_name,email\n1,Ann,a@example.com\n2,Bob,b@example.com\n' >list.csv
printf 'Subject: November news\n\nHi {{first_name}}, the November news.\n{{> _optout}}' >nl/nov.mustache
printf 'Subject: December news\n\nHi {{first_name}}, the December news.\n{{> _optout}}' >nl/dec.mustache
printf 'Reply stop to hear no more.\n' >nl/_optout.mustache
o="-t nl -f maildir --from s@example.fi md"
fu-render --template nov --now 2026-11-01T09:00Z $o list.csv 2>/dev/null
[ "$(ls md/new | wc -l)" = 2 ] || { echo "november: $(ls md/new)"; exit 1; }
# the mail program sends them and marks them seen
for f in md/new/*; do mv "$f" "md/cur/${f#md/new/}:2,S"; done
# November's again (a re-run that day): the same files, replaced in cur/
fu-render --template nov --now 2026-11-01T15:00Z $o list.csv 2>/dev/null
[ "$(ls md/new | wc -l)" = 0 ] || { echo "november again made new files: $(ls md/new)"; exit 1; }
[ "$(ls md/cur | wc -l)" = 2 ] || { echo "cur after november again: $(ls md/cur)"; exit 1; }
fu-render --template dec --now 2026-12-01T09:00Z $o list.csv 2>err
grep -q 'read 2, wrote 2, rejected 0$' err || { cat err; exit 1; }
[ "$(ls md/new | wc -l)" = 2 ] || { echo "december not new: $(ls md/new)"; exit 1; }
[ "$(ls md/cur | wc -l)" = 2 ] || { echo "cur after december: $(ls md/cur)"; exit 1; }
/usr/bin/python3 - <<'P'
import email, email.policy, glob, os
seen = {}
for path in glob.glob('md/new/*') + glob.glob('md/cur/*'):
    m = email.message_from_binary_file(open(path, 'rb'), policy=email.policy.default)
    assert not m.defects, (path, m.defects)
    mid = m['Message-ID']
    assert os.path.basename(path).split('.')[0] == mid.strip('<>').split('.')[0], (path, mid)
    want = 'December news' if path.startswith('md/new/') else 'November news'
    assert m['Subject'] == want, (path, m['Subject'])
    if want == 'November news':  # the re-run's copy replaced the first
        assert m['Date'].datetime.hour == 17, (path, m['Date'])
    seen[mid] = path
assert len(seen) == 4, seen
P
# the same text on another day (a monthly reminder that never changes):
# another message, not the one already sent
rm -rf md
fu-render --template nov --now 2026-11-01T09:00Z $o list.csv 2>/dev/null
for f in md/new/*; do mv "$f" "md/cur/${f#md/new/}:2,S"; done
fu-render --template nov --now 2026-12-01T09:00Z $o list.csv 2>/dev/null
[ "$(ls md/new | wc -l)" = 2 ] || { echo "same text a month later not new: $(ls md/new)"; exit 1; }
[ "$(ls md/cur | wc -l)" = 2 ] || { echo "cur after a month: $(ls md/cur)"; exit 1; }
# trials10 re-test of 9b/22: March's and April's message from the same row
mid() { printf 'first_name,email,template,kind\nAnn,ann@x.example,value,marketing\n' |
	fu-render --format mbox --from s@y.example --now "$1" 2>/dev/null | grep '^Message-ID'; }
a=$(mid 2027-03-01T10:00:00Z) b=$(mid 2027-04-01T10:00:00Z) c=$(mid 2027-03-01T18:00:00Z)
[ -n "$a" ] && [ "$a" != "$b" ] && [ "$a" = "$c" ] || { echo "ids: $a / $b / $c"; exit 1; }
