# Trial 6/06: examples/cron.sh takes the shop's own templates (FU_TEMPLATES),
# a referral link (FU_REFERRAL_URL) and plan (FU_CADENCE), and the opt-out
# promise holds for own templates: a marketing e-mail whose template has no
# opt-out is rejected (named in the log, not marked, back on the next run);
# a step the plan calls service needs none.  Mail read back with Python.
set -eu
export FU_FROM=shop@example.de
printf 'id,first_name,email,tz,lang,created,stage,segment\nr1,Jürgen,j@example.de,Europe/Berlin,de,2026-03-10T10:00:00+01:00,prospect,new\n' >contacts.csv
echo contact_id,when,type,value,item,note >events.csv
mkdir de
printf 'Subject: Willkommen, {{first_name}}\n\nHallo {{first_name}},\nschön, dass Sie da sind.{{#referral_url}} Empfehlen: {{referral_url}}{{/referral_url}}\n' >de/lead.de.mustache
export FU_TEMPLATES=de FU_REFERRAL_URL='https://shop.example/r?from={{id}}'
# a marketing step (lead-new-1), the own template without an opt-out: not sent
FU_NOW=2026-03-10T10:30:00+01:00 sh "$EXAMPLES/cron.sh" >log1 2>err1
grep -q ' 0 e-mails sent, 0 calls open$' log1 || { cat log1 err1; exit 1; }
grep -q 'rejected: a marketing e-mail (step lead-new-1, kind marketing) needs an opt-out, and de/lead.de.mustache has none' err1 || { cat err1; exit 1; }
! grep -q ',followup,' events.csv
[ ! -s outbox.mbox ]
# the template given its opt-out: the same task goes out, in German
printf '\n{{> _optout.de}}\n' >>de/lead.de.mustache
printf 'Keine solchen E-Mails mehr? Antworten Sie "stop".\n' >de/_optout.de.mustache
FU_NOW=2026-03-10T11:00:00+01:00 sh "$EXAMPLES/cron.sh" >log2 2>err2
grep -q ' 1 e-mails sent, 0 calls open$' log2 || { cat log2 err2; exit 1; }
grep -q ',followup,,lead-new-1,' events.csv
# an own plan whose first touch is a service step: no opt-out needed
cat >plan.csv <<'C'
step,anchor,offset,window,expires,repeat,channel,template,eligible,stop,kind,quiet
welcome,created,5m,1h,7d,,email,welcome,"segment == ""a""",,service,
tip,created,5m,1h,7d,,email,welcome,"segment == ""b""",,marketing,
C
printf 'Subject: Ihr Konto, {{first_name}}\n\nIhr Konto ist eingerichtet.\n' >de/welcome.de.mustache
printf 'id,first_name,email,tz,lang,created,segment\nk1,Karin,k@example.de,Europe/Berlin,de,2026-03-11T10:00:00+01:00,a\nk2,Kurt,kurt@example.de,Europe/Berlin,de,2026-03-11T10:00:00+01:00,b\n' >contacts.csv
FU_CADENCE=plan.csv FU_NOW=2026-03-11T10:30:00+01:00 sh "$EXAMPLES/cron.sh" >log3 2>err3
grep -q ' 1 e-mails sent, 0 calls open$' log3 || { cat log3 err3; exit 1; }
grep -q ',followup,,welcome,' events.csv
grep -q 'rejected: a marketing e-mail (step tip, kind marketing) needs an opt-out, and de/welcome.de.mustache has none' err3 || { cat err3; exit 1; }
st=0
FU_CADENCE=nosuch.csv sh "$EXAMPLES/cron.sh" >/dev/null 2>err4 || st=$?
[ "$st" -eq 2 ] && grep -q 'nosuch.csv: no such cadence file (FU_CADENCE)' err4
st=0
FU_TEMPLATES=nosuch sh "$EXAMPLES/cron.sh" >/dev/null 2>err5 || st=$?
[ "$st" -eq 2 ] && grep -q 'nosuch: no such template directory (FU_TEMPLATES)' err5
/usr/bin/python3 - <<'P'
import mailbox, email, email.policy
ms = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default) for m in mailbox.mbox('outbox.mbox')]
assert len(ms) == 2, len(ms)
lead, welcome = ms
assert str(lead['Subject']) == 'Willkommen, Jürgen', str(lead['Subject'])
body = lead.get_body(('plain',)).get_content()
assert 'Empfehlen: https://shop.example/r?from=r1' in body, body
assert 'Antworten Sie "stop"' in body, body
assert str(welcome['Subject']) == 'Ihr Konto, Karin', str(welcome['Subject'])
P
