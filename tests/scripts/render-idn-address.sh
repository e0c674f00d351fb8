#!/bin/sh
# trials3/16: an address fu-import and fu-schedule take ('anna@exämple.fi',
# 'päivi@example.fi') is sent by fu-render, not rejected on every cron run:
# the domain in its IDNA (xn--) form, a UTF-8 local part as RFC 6532 writes
# it (for servers that speak SMTPUTF8); read back by Python's email package.
set -eu
printf 'Email,First Name\nanna@EXÄMPLE.fi,Anna\nPäivi@example.fi,Päivi\nbad@exä..fi,Bad\n' >people.csv
fu-import people.csv >contacts.csv 2>import.err || true
grep -q 'read 3, wrote 2' import.err
{
	echo 'id,first_name,email,lang,task_id,step,channel,template,item'
	tail -n +2 contacts.csv | cut -d, -f1,2,4 | while IFS=, read -r id fn em; do
		echo "$id,$fn,$em,en,${id}0,value,email,value,Hat"
	done
	echo 'z,Zed,z@exä..fi,en,zz,value,email,value,Hat'
} >tasks.csv
st=0
fu-render -f mbox --from 'Shop <shop@kauppa.fi>' --now 2026-10-13T10:00:00+03:00 tasks.csv >out.mbox 2>render.err || st=$?
[ "$st" = 1 ] || { echo "fu-render exit $st"; cat render.err; exit 1; }
grep -q "z@exä..fi': not a valid e-mail address" render.err
grep -q 'read 3, wrote 2, rejected 1' render.err
$PY - <<'PY'
import mailbox, email
from email import policy
# RFC 6532 headers are UTF-8: Python reads them from text, not bytes
box = mailbox.mbox('out.mbox')
msgs = [email.message_from_string(box.get_bytes(k).decode('utf-8'), policy=policy.SMTPUTF8) for k in box.keys()]
assert len(msgs) == 2, len(msgs)
got = sorted(a.addr_spec for m in msgs for a in m['To'].addresses)
assert got == ['anna@xn--exmple-cua.fi', 'päivi@example.fi'], got
for m in msgs:
    assert m['Subject'], m
    assert m.get_content()
assert 'Päivi' in [a.display_name for m in msgs for a in m['To'].addresses]
PY
