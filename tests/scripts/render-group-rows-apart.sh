#!/bin/sh
# trials10b/03: --group-by with a template that does not list the group's
# rows (no {{#rows}}: every built-in template) made a message naming only
# the first row, yet counted the others as written and put their task ids
# in its Message-ID, so a cron loop marked them done unseen.  Now each row
# of such a group is a message of its own (the same message, Message-ID
# included, as without --group-by), with a note naming the template; a
# template that lists the rows still makes one digest.  Read back with
# Python's email package.
set -eu
printf 'task_id,id,email,first_name,step,template,item,channel,kind\nt1,c1,ann@example.fi,Ann,value,value,Mug,email,marketing\nt2,c1,ann@example.fi,Ann,second-sale,second-sale,Teapot,email,marketing\nt3,c2,bob@example.fi,Bob,thank-you,thank-you,Kettle,email,service\nt4,c2,bob@example.fi,Bob,thank-you,thank-you,Tray,email,service\nt5,c3,cy@example.fi,Cy,thank-you,thank-you,Cup,email,service\n' >gd.csv
o="-f mbox --from s@example.fi -n 2026-11-30T10:00"
fu-render --group-by id $o gd.csv >grouped.mbox 2>err
cat >want-err <<'W'
fu-render: note: value.mustache does not list a group's rows (no {{#rows}}...{{/rows}}): --group-by sends each of them as a message of its own (first at line 2)
fu-render: note: thank-you.mustache does not list a group's rows (no {{#rows}}...{{/rows}} in its text and HTML parts): --group-by sends each of them as a message of its own (first at line 4)
fu-render: read 5, wrote 5 (5 messages), rejected 0
W
diff want-err err
fu-render $o gd.csv >plain.mbox 2>/dev/null
/usr/bin/python3 - <<'P'
import email, email.policy, mailbox
def read(path):
    out = []
    for m in mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)):
        assert not m.defects, m.defects
        out.append((m['Message-ID'], m['To'].addresses[0].addr_spec, m.get_body(('plain',)).get_content()))
    return out
g, p = read('grouped.mbox'), read('plain.mbox')
assert [x[0] for x in g] == [x[0] for x in p], (g, p)
for item, (mid, to, body) in zip(['Mug', 'Teapot', 'Kettle', 'Tray', 'Cup'], g):
    assert item in body, (item, body)
P
# a template that lists the rows: one digest of both, the text names each
mkdir tpl
printf 'Subject: Your {{count}} things\n\n{{#rows}}- {{item}}\n{{/rows}}{{> _optout}}' >tpl/digest.mustache
printf 'Reply stop to hear no more.\n' >tpl/_optout.mustache
fu-render -t tpl --template digest --group-by id $o gd.csv >digest.mbox 2>err
grep -q 'read 5, wrote 5 (3 messages), rejected 0$' err || { cat err; exit 1; }
! grep -q note err || { cat err; exit 1; }
/usr/bin/python3 - <<'P'
import email, email.policy, mailbox
bodies = [m.get_body(('plain',)).get_content() for m in mailbox.mbox('digest.mbox', factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default))]
assert len(bodies) == 3 and '- Mug\n- Teapot' in bodies[0] and '- Kettle\n- Tray' in bodies[1], bodies
P
# trials11b/02: rows in one part only.  Sent apart (as before), each
# message rendered {{#rows}} empty; made into one digest, the other part
# would say nothing of the rows.  Refused as a template error instead (exit
# 2, before any output), naming the {{#rows}} tag and the other part.
printf '<p>Your things</p>{{> _optout}}' >tpl/digest.html.mustache
st=0; fu-render -t tpl --template digest --group-by id $o gd.csv >out 2>err || st=$?
test $st = 2 && ! test -s out || { echo "status $st"; cat err; exit 1; }
printf '%s\n' "fu-render: tpl/digest.mustache:3:1: {{#rows}} in the text part only: a digest's HTML part (tpl/digest.html.mustache) would not list its rows; add {{#rows}}...{{/rows}} there too" | diff - err
# ... and in the HTML part only
printf 'Subject: Your {{count}} things\n\nHello {{first_name}}.\n{{> _optout}}' >tpl/digest.mustache
printf '<p>Your things</p>\n<ul>{{#rows}}<li>{{item}}</li>{{/rows}}</ul>{{> _optout}}' >tpl/digest.html.mustache
st=0; fu-render -t tpl --template digest --group-by id $o gd.csv >out 2>err || st=$?
test $st = 2 && ! test -s out || { echo "status $st"; cat err; exit 1; }
grep -qx "fu-render: tpl/digest.html.mustache:2:5: {{#rows}} in the HTML part only: a digest's text part (tpl/digest.mustache) would not list its rows; add {{#rows}}...{{/rows}} there too" err || { cat err; exit 1; }
# both parts listing them: one digest, each part names every row
printf 'Subject: Your {{count}} things\n\nHello {{first_name}}.\n{{#rows}}- {{item}}\n{{/rows}}{{> _optout}}' >tpl/digest.mustache
fu-render -t tpl --template digest --group-by id $o gd.csv >both.mbox 2>err
grep -q 'read 5, wrote 5 (3 messages), rejected 0$' err || { cat err; exit 1; }
/usr/bin/python3 - <<'P'
import email, email.policy, mailbox
msgs = list(mailbox.mbox('both.mbox', factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)))
assert len(msgs) == 3, len(msgs)
m = msgs[0]
assert m['Subject'] == 'Your 2 things', m['Subject']
text, html = m.get_body(('plain',)).get_content(), m.get_body(('html',)).get_content()
for item in ('Mug', 'Teapot'):
    assert item in text and '<li>%s</li>' % item in html, (text, html)
P
# a template that lists no rows, sent apart: {{count}} is each message's 1
printf 'Subject: Your {{count}} thing\n\n{{item}}\n{{> _optout}}' >tpl/one.mustache
fu-render -t tpl --template one --group-by id $o gd.csv 2>/dev/null | grep -c '^Subject: Your 1 thing$' | grep -qx 5
