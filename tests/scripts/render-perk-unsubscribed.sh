# trials9b/09: a perk (a discount code) is a promotion: the built-in
# thank-you (a service e-mail, without an opt-out) shows it only to a
# contact who may get marketing; one who unsubscribed (yes, or a date-time
# by --now) gets the thank-you without it, in every language.  A marketing
# row to that contact is rejected.  Parsed back with Python's email package.
set -eu
cat >c.csv <<'T'
id,first_name,email,tz,lang,unsubscribed,perk
u1,Ann,a@example.com,Europe/Helsinki,en,2025-01-01T00:00:00+02:00,15% off your next order with code BACK15
u2,Bea,b@example.com,Europe/Helsinki,en,,15% off your next order with code BACK15
u3,Aino,c@example.fi,Europe/Helsinki,fi,yes,15% off your next order with code BACK15
u4,Åsa,d@example.se,Europe/Helsinki,sv,2027-01-01T00:00:00+02:00,15% off your next order with code BACK15
T
printf 'contact_id,when,type,value,item,note\n' >e.csv
for c in u1 u2 u3 u4; do echo "$c,2026-03-01T10:00:00+02:00,purchase,10,Mug," >>e.csv; done
fu-schedule -e e.csv -n 2026-03-02T12:00:00+02:00 --due <c.csv 2>/dev/null >due.csv
[ "$(tail -n +2 due.csv | wc -l)" = 4 ] || { cat due.csv; exit 1; }
fu-render -f mbox --from s@example.fi --now 2026-03-02T12:00:00+02:00 due.csv >t.mbox 2>err
grep -q 'read 4, wrote 4, rejected 0$' err || { cat err; exit 1; }
# a marketing step to Aino (unsubscribed: yes) and to Ann (opted out on a
# date before --now: trial 14 F6, it was sent) is not sent; Åsa's opt-out is
# not in force until 2027
mlr --icsv --ocsv put '$step = "second-sale"; $template = "second-sale"; $kind = "marketing"' due.csv >ss.csv
st=0
fu-render -f mbox --from s@example.fi --now 2026-03-02T12:00:00+02:00 ss.csv >ss.mbox 2>ss.err || st=$?
[ "$st" = 1 ] || { echo "exit $st"; cat ss.err; exit 1; }
grep -q "ss.csv:2: rejected: a marketing e-mail (step second-sale, kind marketing) to a contact who unsubscribed (unsubscribed '2025-01-01T00:00:00+02:00')" ss.err || { cat ss.err; exit 1; }
grep -q 'ss.csv:4: rejected: a marketing e-mail (step second-sale, kind marketing) to a contact who unsubscribed' ss.err || { cat ss.err; exit 1; }
grep -q 'read 4, wrote 2, rejected 2$' ss.err || { cat ss.err; exit 1; }
/usr/bin/python3 - <<'P'
import mailbox, email.policy
def msgs(f):
    out = {}
    for m in mailbox.mbox(f, factory=None):
        e = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
        assert not e.defects, (f, e.defects)
        out[e['To'].addresses[0].addr_spec] = ''.join(p.get_content() for p in e.walk() if p.get_content_maintype() == 'text')
    return out
ms = msgs('t.mbox')
assert len(ms) == 4, ms
for to, shown in (('a@example.com', False), ('b@example.com', True), ('c@example.fi', False),
                  ('d@example.se', True)):  # Åsa's opt-out is not in force until 2027
    assert ('BACK15' in ms[to]) == shown, (to, ms[to])
    assert 'Mug' in ms[to], (to, ms[to])
assert sorted(msgs('ss.mbox')) == ['b@example.com', 'd@example.se']
P
