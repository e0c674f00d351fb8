# trial 6/17: an opt-out the events log spells as fu(7) allows ("opt-out",
# "Unsubscribed", with blanks around it) is an opt-out to the guard too: a
# run whose log has one fu-schedule cannot read hands out nothing (exit 2);
# fu-schedule names it ("unsubscribe row: ..."), cron.sh does not guess.
# Other bad rows are named and the good ones go on.
set -eu
export FU_FROM=shop@example.com
printf 'id,first_name,email,tz\nc1,Anna,anna@x.fi,Europe/Helsinki\n' >contacts.csv
printf 'contact_id,when,type,value,item,note\nanna@x.fi,2026-10-01T10:00:00+03:00,purchase,50,Tea,order 1\n' >orders.csv
log() { printf 'contact_id,when,type,value,item,note\nanna@x.fi,2026-10-01T10:31:00+03:00,followup,,thank-you,801ed990a2bfae9e\n%s\n' "$1" >events.csv; }
run() { st=0; FU_NOW=2026-10-08T10:00:00+03:00 FU_ORDERS=orders.csv sh "$EXAMPLES/cron.sh" >out 2>err || st=$?; }
for row in 'anna@x.fi,2.10.2026 klo 10,opt-out,,,replied stop' \
	'anna@x.fi,2.10.2026 klo 10,Opted Out ,,,replied stop' \
	'anna@x.fi,2.10.2026 klo 10, Unsubscribed,,,replied stop' \
	',2026-10-02T10:00:00+03:00,unsub,,,replied stop' \
	'anna@x.fi,2026-10-02T10:00:00+03:00,opt out,,,replied stop, by phone' \
	'anna@x.fi,yesterday,Followup,,check-in,0123456789abcdef'; do
	log "$row"
	rm -f outbox.mbox
	run
	[ "$st" -eq 2 ] || { echo "exit $st for: $row"; cat err; exit 1; }
	grep -q 'a done mark or unsubscribe cannot be read' err
	grep -Eq 'events.csv:3: (unsubscribe|followup) row: ' err
	[ ! -s outbox.mbox ]
done
# a trailing blank is no other type: "Unsubscribe " is read, and stops marketing
log 'anna@x.fi,2026-10-02T10:00:00+03:00,Unsubscribe ,,,replied stop'
rm -f outbox.mbox
run
[ "$st" -eq 0 ] || { cat err; exit 1; }
grep -q ' 0 e-mails sent, 0 calls open$' out
[ ! -s outbox.mbox ]
# any other unreadable row: named, and the good ones go on
log 'anna@x.fi,2.10.2026 klo 10,feedback,9,,'
run
[ "$st" -eq 0 ] || { cat err; exit 1; }
grep -q 'events.csv:3: when "2.10.2026 klo 10"' err
grep -q 'the good ones go on' err
grep -q ' 1 e-mails sent, 0 calls open$' out
grep -q '^Subject: How is Tea working for you?' outbox.mbox
