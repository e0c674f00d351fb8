# Trial 6/07: a name from the data that looks like an RFC 2047 encoded word
# ("=?utf-8?b?QWRtaW4=?=") is encoded as text, so that mail readers show it
# as written, never decoded into what the data chose ("Admin")
set -eu
printf 'id,first_name,last_name,email,task_id,template,item,owner\nc1,=?utf-8?b?QWRtaW4=?=,X,a1@example.com,u1,thank-you,Tea,\nc2,Ann,=?iso-8859-1?q?B=F6?= Ö,a2@example.com,u2,thank-you,Tea,\n' >e.csv
fu-render -f mbox --from shop@example.com --now 2026-11-24T09:00 e.csv >e.mbox 2>/dev/null
if grep -a '^To:' e.mbox | grep -q '=?utf-8?b?\|=?iso'; then
	echo "encoded-word text written raw:"; grep -a '^To:' e.mbox; exit 1
fi
/usr/bin/python3 - <<'P'
import mailbox, email, email.policy
got = []
for m in mailbox.mbox('e.mbox'):
    msg = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
    assert not msg.defects, msg.defects
    got.append(msg['To'].addresses[0].display_name)
assert got == ['=?utf-8?b?QWRtaW4=?= X', 'Ann =?iso-8859-1?q?B=F6?= Ö'], got
P
