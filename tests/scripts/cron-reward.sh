# new-user trials: a referral perk paid by hand (a voucher mailed) is
# recorded with sh cron.sh reward ID-OR-EMAIL AMOUNT [WHAT]: one reward
# event appended to the log under the contact's e-mail (found by id, e-mail,
# alias or phone, as stop finds it), so fu-referrals' perks_given counts it
# and the balance no longer owes it.  A key no contact has, or two have, an
# amount that is no amount, and a wrong use record nothing.
set -eu
export FU_FROM=shop@example.com
printf 'id,first_name,last_name,email,phone,tz,referred_by,created\n' >contacts.csv
printf 'a1,Anna,Berg,anna@example.fi,+358401234567,Europe/Helsinki,,2026-01-10\n' >>contacts.csv
printf 'c1,Carl,Holm,carl@example.fi,,Europe/Helsinki,a1,2026-02-01\n' >>contacts.csv
printf 'h1,Hel,Ek,home@example.fi,,Europe/Helsinki,,2026-01-10\n' >>contacts.csv
printf 'h2,Hans,Ek,home@example.fi,,Europe/Helsinki,,2026-01-10\n' >>contacts.csv
{ echo contact_id,when,type,value,item,note
  echo 'carl@example.fi,2026-02-01T12:00:00+02:00,purchase,80.00,Tea,order #1'; } >events.csv
ledger() { fu-referrals -e events.csv -n 2026-03-10 -p '10 per converted' contacts.csv 2>/dev/null |
	mlr --icsv --ocsv cut -o -f id,perks_owed,perks_given,balance then filter '$id == "a1"'; }
[ "$(ledger | tail -n 1)" = "a1,10.00,0.00,10.00" ]
FU_NOW=2026-03-10T10:02:00+02:00 sh "$EXAMPLES/cron.sh" reward 'Anna Berg <ANNA@example.fi>' '10,00 EUR'
grep -q '^anna@example.fi,2026-03-10T10:02:00+02:00,reward,"10,00 EUR",referral reward,given by hand$' events.csv
[ "$(ledger | tail -n 1)" = "a1,10.00,10.00,0.00" ]
# by phone too, with what was given
FU_NOW=2026-03-10T10:05:00+02:00 sh "$EXAMPLES/cron.sh" reward '040 123 4567' 5 'gift card'
grep -q '^anna@example.fi,2026-03-10T10:05:00+02:00,reward,5,gift card,given by hand$' events.csv
# a second reward in the same second is one more, not the first read
# twice (review13b/8): its note is its own, and both count
FU_NOW=2026-03-10T10:05:00+02:00 sh "$EXAMPLES/cron.sh" reward a1 5 'gift card'
grep -q '^anna@example.fi,2026-03-10T10:05:00+02:00,reward,5,gift card,given by hand (2)$' events.csv
[ "$(ledger | tail -n 1)" = "a1,10.00,20.00,-10.00" ]
n=$(wc -l <events.csv)
# an unknown key, a key two contacts have, a bad amount, a wrong use: nothing
st=0; FU_NOW=2026-03-10T10:06:00+02:00 sh "$EXAMPLES/cron.sh" reward nobody@example.fi 10 2>err || st=$?
[ "$st" -eq 1 ] && grep -q 'nothing recorded' err
st=0; FU_NOW=2026-03-10T10:06:00+02:00 sh "$EXAMPLES/cron.sh" reward home@example.fi 10 2>err || st=$?
[ "$st" -eq 1 ] && grep -q '2 contacts have it' err
st=0; sh "$EXAMPLES/cron.sh" reward a1 ten 2>err || st=$?
[ "$st" -eq 2 ] && grep -q 'ten: not an amount' err
st=0; sh "$EXAMPLES/cron.sh" reward a1 2>err || st=$?
[ "$st" -eq 2 ] && grep -q 'usage: sh cron.sh reward ID-OR-EMAIL AMOUNT \[WHAT\]' err
[ "$(wc -l <events.csv)" -eq "$n" ]
# stop still finds its contact under both keys (the lookup is shared)
FU_NOW=2026-03-10T10:07:00+02:00 sh "$EXAMPLES/cron.sh" stop a1
[ "$(grep -c ',unsubscribe,' events.csv)" -eq 2 ]
