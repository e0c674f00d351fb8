# trial 14 F10: a CRLF or a bare CR inside a data value reaches the text
# part as a line end of the message (CRLF), never as =0D (a bare CR
# encoded as data); parsed back with Python's email package
set -eu
mkdir t
printf 'Subject: Thanks for {{item}}\n\nThanks for your order of {{item}}.\n{{note}}\n' >t/thanks.mustache
printf 'task_id,id,first_name,email,step,kind,template,item,note\r\ncr1,1,A,a@example.com,thank-you,service,thanks,"Tea\rPot","line1\r\nline2\rline3"\r\n' >t.csv
fu-render -t t -f mbox --from s@example.com --now 2026-12-01T10:00:00Z t.csv >t.mbox 2>err
grep -q 'read 1, wrote 1, rejected 0$' err || { cat err; exit 1; }
! grep -q '=0D' t.mbox || { cat t.mbox; exit 1; }
$PY - <<'P'
import mailbox, email.policy
m = next(iter(mailbox.mbox('t.mbox', factory=None)))
e = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
body = e.get_body(('plain',)).get_content()
assert '\r' not in body, repr(body)
assert body.split('\n')[:5] == ['Thanks for your order of Tea', 'Pot.', 'line1', 'line2', 'line3'], repr(body)
P
