# trial 8/19 item 9: sh cron.sh stop with a phone number (an SMS STOP, a
# phone-only customer): as given, in international or national form, it
# finds the contact with that phone and records the opt-out under its id
set -eu
printf 'id,first_name,email,phone,tz\n1,Anna,,+358409999999,Europe/Helsinki\n2,Bo,bo@x.fi,+14155550100,America/New_York\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
for k in '+358409999999' '040 999 9999' '358409999999' '00358 40 999 9999'; do
	FU_NOW=2026-03-06T10:00:00+02:00 sh "$EXAMPLES/cron.sh" stop "$k"
done
FU_NOW=2026-03-06T10:00:00+02:00 sh "$EXAMPLES/cron.sh" stop '(415) 555-0100'
[ "$(grep -c '^1,2026-03-06T10:00:00+02:00,unsubscribe,,,replied stop$' events.csv)" -eq 4 ]
grep -q '^bo@x.fi,2026-03-06T10:00:00+02:00,unsubscribe,' events.csv
grep -q '^2,2026-03-06T10:00:00+02:00,unsubscribe,' events.csv
# another number, or too little of one, matches nobody
for k in '+358409999998' '999 9999'; do
	st=0
	FU_NOW=2026-03-06T10:00:00+02:00 sh "$EXAMPLES/cron.sh" stop "$k" 2>err || st=$?
	[ "$st" -eq 1 ] && grep -q 'no contact has this id, e-mail, phone or alias' err
done
[ "$(wc -l <events.csv)" -eq 7 ]
