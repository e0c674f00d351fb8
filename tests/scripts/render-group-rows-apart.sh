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
# rows in the text part but not in the HTML part: a reader of the HTML
# would not see them, so the rows go apart
printf '<p>Your things</p>{{> _optout}}' >tpl/digest.html.mustache
fu-render -t tpl --template digest --group-by id $o gd.csv 2>err | grep -c '^Message-ID' | grep -qx 5
grep -q 'digest.mustache does not list.*in its text and HTML parts' err || { cat err; exit 1; }
