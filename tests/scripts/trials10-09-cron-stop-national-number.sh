# trials10/09: sh cron.sh stop with a national number written without its
# trunk 0, as India writes its mobiles ("98009 10009"): the contact whose
# phone has those digits after its calling code, when one number alone has
# them; two numbers that end so are no match
set -eu
printf 'id,first_name,email,phone,tz\n4ccc,Priya,c9.kolkata@example.com,+919800910009,Asia/Kolkata\n2,Bo,bo@x.fi,+14155550100,America/New_York\n3,Aroha,a@x.nz,+64215551001,Pacific/Auckland\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
FU_NOW=2027-04-12T00:00:00+00:00 sh "$EXAMPLES/cron.sh" stop '98009 10009'
grep -q '^c9.kolkata@example.com,2027-04-12T00:00:00+00:00,unsubscribe,,,replied stop$' events.csv
grep -q '^4ccc,2027-04-12T00:00:00+00:00,unsubscribe,,,replied stop$' events.csv
[ "$(wc -l <events.csv)" -eq 3 ]
# the same digits after two calling codes: not known which, nothing recorded
printf 'id,first_name,email,phone,tz\n1,A,a@x.in,+919800910009,\n2,B,b@x.example,+929800910009,\n' >contacts.csv
st=0
FU_NOW=2027-04-12T00:00:00+00:00 sh "$EXAMPLES/cron.sh" stop '98009 10009' 2>err || st=$?
[ "$st" -eq 1 ] && grep -q 'no contact has this id, e-mail, phone or alias' err
[ "$(wc -l <events.csv)" -eq 3 ]
