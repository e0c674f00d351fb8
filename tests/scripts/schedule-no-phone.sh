# A call or a text needs a phone: fu-schedule plans none for a contact
# whose phone is empty (fu-render could never send the text, nobody could
# make the call; cron.sh would list it every day), counts them in the
# summary and, without --due, names each; an e-mail for a contact without an
# address likewise.  A letter needs an address the contacts do not hold: as
# written.  A step chained to a step left out so counts from when that one
# fell due, so a lead known by e-mail alone still gets the rest of its
# cadence, each touch once, also when it gains a phone later.
set -eu
export TZ=UTC
cat >c.csv <<'T'
id,email,first_name,phone
a,a@x.fi,Ann,
b,,Bo,+358401234567
c,c@x.fi,Cy,+358401234568
T
cat >e.csv <<'T'
contact_id,when,type,value,item,note
a,2026-11-01,purchase,10,A,
b,2026-11-01,purchase,10,A,
c,2026-11-01,purchase,10,A,
T
cat >cad.csv <<'T'
step,anchor,offset,window,expires,repeat,channel,template,eligible,stop,kind,quiet
check,purchase,20d,30d,,,email,check-in,,,marketing,
smsp,purchase,20d,30d,,,SMS,promo,,,marketing,
ring,purchase,20d,30d,,,call,ring,,,marketing,
wa,purchase,20d,30d,,,whatsapp,promo,,,marketing,
let,purchase,20d,30d,,,letter,promo,,,marketing,
T
fu-schedule -c cad.csv -e e.csv -n 2026-12-01 <c.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs , cut -o -f id,step,channel t.csv)
want='a,check,email
a,let,letter
b,smsp,sms
b,ring,call
b,wa,whatsapp
b,let,letter
c,check,email
c,smsp,sms
c,ring,call
c,wa,whatsapp
c,let,letter'
[ "$got" = "$want" ] || { echo "$got"; cat err; exit 1; }
want='fu-schedule: <stdin>:2: note: smsp (sms) for the purchase of 2026-11-01 left out: no phone to call or text
fu-schedule: <stdin>:2: note: ring (call) for the purchase of 2026-11-01 left out: no phone to call or text
fu-schedule: <stdin>:2: note: wa (whatsapp) for the purchase of 2026-11-01 left out: no phone to call or text
fu-schedule: <stdin>:3: note: check (email) for the purchase of 2026-11-01 left out: no e-mail address
fu-schedule: read 3 contacts, rejected 0, wrote 11 tasks, left out 3 calls and texts (no phone), left out 1 e-mails (no e-mail address); events: read 3 = used 3 + 0 for 0 contacts not in the input + 0 after --now + 0 rejected'
[ "$(cat err)" = "$want" ] || { cat err; exit 1; }
# --due (the cron case): counted, not named
fu-schedule -c cad.csv -e e.csv -n 2026-11-21T12:00:00Z --due <c.csv >d.csv 2>err
[ "$(cat err)" = 'fu-schedule: read 3 contacts, rejected 0, wrote 11 tasks, left out 3 calls and texts (no phone), left out 1 e-mails (no e-mail address); events: read 3 = used 3 + 0 for 0 contacts not in the input + 0 after --now + 0 rejected' ] || { cat err; exit 1; }
# fu-render, as cron.sh runs it, meets no text for a contact without a phone
mlr --icsv --ocsv filter '$channel == "email"' then put '$template = "lead-1"' d.csv >m.csv
fu-render -f mbox --from s@x.fi --now 2026-11-21T12:00:00Z m.csv >m.mbox 2>m.err
grep -q 'read 2, wrote 2, rejected 0$' m.err || { cat m.err; exit 1; }

# the default plan's lead cadence: lead-new-2 is a call; l has no phone
cat >lc.csv <<'T'
id,email,first_name,phone,segment,stage,created
l,l@x.fi,Liv,,new,prospect,2026-03-02T09:00:00Z
m,m@x.fi,Mo,+358401234567,new,prospect,2026-03-02T09:00:00Z
T
cat >le.csv <<'T'
contact_id,when,type,value,item,note
l,2026-03-02T09:10:00Z,followup,,lead-new-1,
m,2026-03-02T09:10:00Z,followup,,lead-new-1,
T
fu-schedule -e le.csv -n 2026-03-05T12:00:00Z <lc.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs , cut -o -f id,step,due,channel t.csv)
# l: the call left out, due 03-03 09:10; the e-mail 2bd after that, not
# blocked (never) nor moved; m: the call, as before
want='l,lead-new-3,2026-03-05T09:10:00+00:00,email
m,lead-new-2,2026-03-03T09:10:00+00:00,call'
[ "$got" = "$want" ] || { echo "$got"; cat err; exit 1; }
grep -q "^l,.*; lead-new-2 left out for the contact: from when it fell due\",marketing$" t.csv || { cat t.csv; exit 1; }
grep -q ':2: note: lead-new-2 (call) for the done:lead-new-1 of 2026-03-02 left out: no phone to call or text$' err || { cat err; exit 1; }
id3=$(mlr --icsv --onidx filter '$id == "l"' then cut -f task_id t.csv)
# the same run again gives the same task (its id rests on the plan's times)
fu-schedule -e le.csv -n 2026-03-05T13:00:00Z <lc.csv 2>/dev/null | grep -q "^l,.*,$id3,lead-new-3," || exit 1
# lead-new-3 sent; then l's phone is filled in and the call made after all:
# lead-new-3 is not handed out again, lead-new-4 counts from its mark
echo "l,2026-03-05T10:00:00Z,followup,,lead-new-3,$id3" >>le.csv
sed 's/^l,l@x.fi,Liv,,/l,l@x.fi,Liv,+358401234569,/' lc.csv >lc2.csv
fu-schedule -e le.csv -n 2026-03-06T12:00:00Z <lc2.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs , filter '$id == "l"' then cut -o -f step,due t.csv)
want='lead-new-2,2026-03-03T09:10:00+00:00
lead-new-4,2026-03-11T10:00:00+00:00'
[ "$got" = "$want" ] || { echo "$got"; cat err; exit 1; }
echo 'l,2026-03-06T12:30:00Z,followup,,lead-new-2,' >>le.csv
fu-schedule -e le.csv -n 2026-03-06T13:00:00Z -H 60d <lc2.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs , filter '$id == "l"' then cut -o -f step,due t.csv)
[ "$got" = 'lead-new-4,2026-03-11T10:00:00+00:00' ] || { echo "$got"; cat err; exit 1; }

# a lead known by phone alone gets its calls (lead-new-1, an e-mail, left
# out, due 09:05: the call 1bd after); one with neither address nothing
printf 'id,email,first_name,phone,segment,stage,created\nn,,Nea,+358401234571,new,prospect,2026-03-02T09:00:00Z\no,,Oli,,new,prospect,2026-03-02T09:00:00Z\n' >nc.csv
printf 'contact_id,when,type,value,item,note\n' >ne.csv
got=$(fu-schedule -e ne.csv -n 2026-03-02T12:00:00Z <nc.csv 2>err | mlr --icsv --onidx --ofs , cut -o -f id,step,due,channel)
[ "$got" = 'n,lead-new-2,2026-03-03T09:05:00+00:00,call' ] || { echo "$got"; cat err; exit 1; }
grep -q 'wrote 1 tasks, left out 2 e-mails (no e-mail address);' err || { cat err; exit 1; }
