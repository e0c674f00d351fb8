# trials9b/04: with --group-by a row repeating a task (its task_id and
# recipient) is dropped with a note and counted as repeated, as without
# --group-by: a digest never lists a task twice, and a task already in one
# message is not sent again in a later one.  Parsed back with Python's email
# package.
set -eu
mkdir tpl
printf 'Subject: Your {{count}} orders\n\n{{#rows}}- {{item}} ({{task_id}})\n{{/rows}}{{> _optout}}' >tpl/digest.mustache
printf 'Reply stop to hear no more.\n' >tpl/_optout.mustache
H=id,first_name,email,task_id,template,item
# two due lists pasted together: t1 twice in one run of rows
printf '%s\n1,Ann,a@example.com,t1,digest,Mug\n1,Ann,a@example.com,t2,digest,Tea\n1,Ann,a@example.com,t1,digest,Mug\n' $H >g2.csv
# t1 again after other groups, and the address in other capitals
printf '%s\n1,Ann,a@example.com,t1,digest,Mug\n1,Ann,A@Example.com,t2,digest,Tea\n2,Bob,b@example.com,t3,digest,Pot\n1,Ann,a@example.com,t4,digest,Cup\n1,Ann,a@example.com,t1,digest,Mug\n' $H >g.csv
for f in g2 g; do
	fu-render -t tpl --group-by id -f mbox --from s@example.fi --now 2026-11-23T09:00 $f.csv >$f.mbox 2>$f.err
done
grep -q '^fu-render: g2.csv:4: note: the same task as line 2' g2.err || { cat g2.err; exit 1; }
grep -q 'read 3, wrote 2 (1 messages), repeated 1, rejected 0$' g2.err || { cat g2.err; exit 1; }
grep -q '^fu-render: g.csv:6: note: the same task as line 2' g.err || { cat g.err; exit 1; }
grep -q 'read 5, wrote 4 (3 messages), repeated 1, rejected 0$' g.err || { cat g.err; exit 1; }
/usr/bin/python3 - <<'P'
import mailbox, email.policy
def msgs(f):
    out = []
    for m in mailbox.mbox(f, factory=None):
        e = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
        assert not e.defects, (f, e.defects)
        out.append((e['To'].addresses[0].addr_spec.lower(), e['Subject'], e.get_content()))
    return out
ms = msgs('g2.mbox')
assert ms == [('a@example.com', 'Your 2 orders', '- Mug (t1)\n- Tea (t2)\nReply stop to hear no more.\n')], ms
ms = msgs('g.mbox')
assert [m[2].splitlines()[:-1] for m in ms] == [['- Mug (t1)', '- Tea (t2)'], ['- Pot (t3)'], ['- Cup (t4)']], ms
assert len({m[0] + m[2] for m in ms}) == 3
P
