#!/bin/sh
# A name in the data, written into a template's To or From line, can name a
# person but never add a mailbox or choose the sender (trial finding 18).
set -eu
mkdir tpl
printf 'To: {{first_name}} {{last_name}} <{{email}}>\nFrom: {{owner}} <shop@x.fi>\nSubject: Order {{item}}\n\nHi {{first_name}}.\n' >tpl/thank-you.mustache
printf 'id,first_name,last_name,email,item,task_id,template,owner\na,"Ann <spy@evil.com>, Bob",Aho,a@x.fi,Lamp,t1,thank-you,"Evil <e@evil.com>, x"\nb,{{{x}}},"O'"'"'Connor, Jr",b@x.fi,Lamp,t2,thank-you,"Liisa ""the boss"" \\"\n' >in.csv
fu-render -t tpl -f mbox --from s@x.fi in.csv >out.mbox
$PY - <<'PY'
import mailbox, email
from email import policy
msgs = list(mailbox.mbox('out.mbox', factory=lambda f: email.message_from_binary_file(f, policy=policy.default)))
assert len(msgs) == 2, len(msgs)
for m, to in zip(msgs, ['a@x.fi', 'b@x.fi']):
    assert [a.addr_spec for a in m['To'].addresses] == [to], m['To']
    assert [a.addr_spec for a in m['From'].addresses] == ['shop@x.fi'], m['From']
assert msgs[0]['To'].addresses[0].display_name == 'Ann <spy@evil.com>, Bob Aho', msgs[0]['To']
assert msgs[1]['From'].addresses[0].display_name == 'Liisa "the boss" \\', msgs[1]['From']
PY
# the mbox envelope sender is the template's, never the data's
[ "$(grep -c '^From shop@x.fi ' out.mbox)" = 2 ]
