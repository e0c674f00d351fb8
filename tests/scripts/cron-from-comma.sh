# trial 8/19 item 10: FU_FROM with a company name holding a comma, typed
# without quotes ("Acme, Inc. <hello@acme.com>"): cron.sh quotes the name,
# the e-mail goes out From that one address (read back by Python's email)
set -eu
printf 'id,first_name,email,tz\n1,Anna,anna@example.com,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nanna@example.com,2026-03-02T10:00:00+02:00,purchase,30,Kettle,order #1\n' >orders.csv
echo contact_id,when,type,value,item,note >events.csv
FU_FROM='Acme, Inc. <hello@acme.com>' FU_ORDERS=orders.csv FU_NOW=2026-03-03T10:30:00+02:00 \
	sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q ' 1 e-mails sent' log
"$PY" -c '
import mailbox, email.policy, email.utils
msgs = list(mailbox.mbox("outbox.mbox", factory=None))
m = email.message_from_bytes(msgs[0].as_bytes(), policy=email.policy.default)
addrs = email.utils.getaddresses([str(m["From"])])
assert addrs == [("Acme, Inc.", "hello@acme.com")], addrs
'
