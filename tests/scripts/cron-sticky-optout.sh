# trial 8/15: an opt-out read from a CRM or newsletter export (FU_CRM) is
# recorded in the events log, once, so it holds when the export stops
# listing the person (Mailchimp archives unsubscribed contacts) while the
# shop's export keeps them: no marketing e-mail the next day.  A bare "yes"
# is recorded at the run that first sees it; a later opt-in (sh cron.sh
# subscribe) wins.
set -eu
export FU_TZ=Europe/Helsinki FU_FROM=s@x.fi FU_ORDERS=orders.csv FU_CRM="shopify.csv mc-unsub.csv"
printf 'Customer ID,First Name,Last Name,Email,Accepts Email Marketing\n9001,Anna,Aho,anna@example.fi,yes\n9002,Bo,Berg,bo@example.fi,yes\n' >shopify.csv
printf 'Email Address,First Name,Last Name,UNSUB_TIME\nanna@example.fi,Anna,Aho,2026-02-01 08:00:00\n' >mc-unsub.csv
printf 'contact_id,when,type,value,item,note\nanna@example.fi,2026-02-20T10:00:00+02:00,purchase,30,Kettle,order #1\n' >orders.csv
echo contact_id,when,type,value,item,note >events.csv
FU_NOW=2026-03-23T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q ' 0 e-mails sent' log
grep -q 'cron.sh: 2 opt-outs read from contacts.csv recorded in events.csv' log
grep -q '^anna@example.fi,2026-02-01T08:00:00Z,unsubscribe,' events.csv
grep -q '^9001,2026-02-01T08:00:00Z,unsubscribe,' events.csv
# Anna archived in Mailchimp: the opt-out holds, and is not recorded again
touch -d '2020-01-01' contacts.csv
printf 'Email Address,First Name,Last Name,UNSUB_TIME\n' >mc-unsub.csv
for d in 24 25 26; do
	FU_NOW=2026-03-${d}T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
	grep -q ' 0 e-mails sent' log
	! grep -q 'opt-outs read' log
done
[ "$(grep -c ',unsubscribe,' events.csv)" -eq 2 ]
! grep -q ',followup,' events.csv
# she opts in again: the later subscribe wins, marketing resumes
FU_NOW=2026-03-27T09:00:00+02:00 sh "$EXAMPLES/cron.sh" subscribe anna@example.fi
FU_NOW=2026-03-27T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
grep -q ' 1 e-mails sent' log
grep -q '^anna@example.fi,2026-03-27T10:30:00+02:00,followup,Kettle,value,' events.csv
# an undated opt-out ("yes", a CRM's checkbox): recorded at the run that
# first sees it, once
printf 'id,first_name,email,tz,unsubscribed\nc1,Cy,cy@example.fi,Europe/Helsinki,Yes\nc2,Di,di@example.fi,Europe/Helsinki,No\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
FU_CRM= FU_NOW=2026-03-30T10:30:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
FU_CRM= FU_NOW=2026-03-30T11:00:00+02:00 sh "$EXAMPLES/cron.sh" >log 2>&1
[ "$(grep -c ',unsubscribe,' events.csv)" -eq 2 ]
grep -q '^cy@example.fi,2026-03-30T10:30:00+02:00,unsubscribe,' events.csv
grep -q '^c1,2026-03-30T10:30:00+02:00,unsubscribe,' events.csv
! grep -q 'di@example.fi' events.csv
