# trial 14 F6, F15: fu-render refuses marketing to a dated opt-out in force;
# a contact who subscribed again after it (a subscribe event, which
# fu-render does not see) is planned by fu-schedule with unsubscribed "no"
# in its task rows, so the pipeline still sends to them.  A contact whose
# unsubscribed is set gets no marketing text or message on any channel, a
# phone-only contact too; a call is left to do_not_call.  b has no phone:
# no text nor call for it (fu-render could not send the one, nobody could
# make the other), only its e-mail.
set -eu
cat >c.csv <<'T'
id,email,first_name,phone,unsubscribed
a,a@x.fi,Ann,+358401234560,2026-05-01
b,b@x.fi,Bo,,2026-05-01
c,,Cy,+358401234567,yes
T
cat >e.csv <<'T'
contact_id,when,type,value,item,note
a,2026-11-01,purchase,10,A,
b,2026-11-01,purchase,10,A,
b,2026-06-01,subscribe,,,
c,2026-11-01,purchase,10,A,
T
cat >cad.csv <<'T'
step,anchor,offset,window,expires,repeat,channel,template,eligible,stop,kind,quiet
check,purchase,20d,30d,,,email,check-in,,,marketing,
smsp,purchase,20d,30d,,,sms,promo,,,marketing,
ring,purchase,20d,30d,,,call,ring,,,marketing,
T
fu-schedule -c cad.csv -e e.csv -n 2026-12-01 <c.csv >t.csv 2>err
got=$(mlr --icsv --onidx --ofs , cut -o -f id,step,channel,unsubscribed t.csv)
want='a,ring,call,2026-05-01
b,check,email,no
c,ring,call,yes'
[ "$got" = "$want" ] || { echo "$got"; cat err; exit 1; }
mlr --icsv --ocsv filter '$step == "check"' then put '$template = "lead-1"' t.csv >m.csv
fu-render -f mbox --from s@x.fi --now 2026-12-01T10:00:00Z m.csv >m.mbox 2>m.err
grep -q 'read 1, wrote 1, rejected 0$' m.err || { cat m.err; exit 1; }
# the same row with the contact's opt-out as the CRM wrote it: refused
mlr --icsv --ocsv put '$unsubscribed = "2026-05-01"' m.csv >m2.csv
st=0
fu-render -f mbox --from s@x.fi --now 2026-12-01T10:00:00Z m2.csv >m2.mbox 2>m2.err || st=$?
[ "$st" = 1 ] || { echo "exit $st"; cat m2.err; exit 1; }
grep -q "m2.csv:2: rejected: a marketing e-mail (step check, kind marketing) to a contact who unsubscribed (unsubscribed '2026-05-01'): not sent" m2.err || { cat m2.err; exit 1; }
