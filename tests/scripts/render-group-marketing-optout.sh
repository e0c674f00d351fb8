# trials9b/05: a --group-by digest is judged by every row, not by its first:
# a marketing row (second-sale, win-back) in a digest whose template has no
# opt-out is rejected on its own, and the service rows (the thank-you) still
# go out, whatever the rows' order; a marketing row to a contact who
# unsubscribed is rejected too, its service rows sent alone.  Mail parsed
# back with Python's email package.
set -eu
mkdir tpl
printf 'Subject: News for {{first_name}}\n\n{{#rows}}- {{step}}: {{item}}\n{{/rows}}' >tpl/plain.mustache
printf 'Subject: News for {{first_name}}\n\n{{#rows}}- {{step}}: {{item}}\n{{/rows}}{{> _optout}}' >tpl/withopt.mustache
printf 'Reply stop to hear no more.\n' >tpl/_optout.mustache
H=id,first_name,email,unsubscribed,task_id,step,channel,template,item
printf '%s\n1,Ann,a@example.com,,t1,thank-you,email,plain,Mug\n1,Ann,a@example.com,,t2,second-sale,email,plain,Tea\n1,Ann,a@example.com,,t3,win-back,email,plain,Cup\n' $H >g3.csv
printf '%s\n1,Ann,a@example.com,,t2,second-sale,email,plain,Tea\n1,Ann,a@example.com,,t1,thank-you,email,plain,Mug\n' $H >g4.csv
# the same rows to a contact who unsubscribed, with a template that has an opt-out
sed 's/,,t/,yes,t/; s/plain/withopt/' g3.csv >u3.csv
# subscribed, with the opt-out: the whole digest goes
sed 's/plain/withopt/' g4.csv >ok.csv
for f in g3 g4 u3 ok; do
	st=0
	fu-render -t tpl --group-by id -f mbox --from s@example.fi --now 2026-11-23T09:00 \
		--rejects $f.rej $f.csv >$f.mbox 2>$f.err || st=$?
	echo "$st" >$f.st
done
for f in g3 g4 u3; do
	[ "$(cat $f.st)" = 1 ] || { echo "$f: exit $(cat $f.st)"; cat $f.err; exit 1; }
done
[ "$(cat ok.st)" = 0 ] || { echo "ok: exit $(cat ok.st)"; cat ok.err; exit 1; }
grep -q 'read 3, wrote 1 (1 messages), rejected 2$' g3.err || { cat g3.err; exit 1; }
grep -q 'read 2, wrote 1 (1 messages), rejected 1$' g4.err || { cat g4.err; exit 1; }
grep -q 'read 3, wrote 1 (1 messages), rejected 2$' u3.err || { cat u3.err; exit 1; }
grep -q 'g3.csv:3: rejected: a marketing e-mail (step second-sale) needs an opt-out' g3.err || { cat g3.err; exit 1; }
grep -q 'u3.csv:3: rejected: a marketing e-mail (step second-sale) to a contact who unsubscribed' u3.err || { cat u3.err; exit 1; }
[ "$(tail -n +2 g3.rej | cut -d, -f2 | paste -sd' ')" = "3 4" ] || { cat g3.rej; exit 1; }
[ "$(tail -n +2 g4.rej | cut -d, -f2 | paste -sd' ')" = "2" ] || { cat g4.rej; exit 1; }
/usr/bin/python3 - <<'P'
import mailbox, email.policy
def msgs(f):
    out = []
    for m in mailbox.mbox(f, factory=None):
        e = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
        assert not e.defects, (f, e.defects)
        out.append(e)
    return out
for f, want in (('g3', '- thank-you: Mug\n'), ('g4', '- thank-you: Mug\n'),
                ('u3', '- thank-you: Mug\nReply stop to hear no more.\n'),
                ('ok', '- second-sale: Tea\n- thank-you: Mug\nReply stop to hear no more.\n')):
    ms = msgs(f + '.mbox')
    assert len(ms) == 1, (f, len(ms))
    body = ms[0].get_content()
    assert body == want, (f, body)
    assert str(ms[0]['To']) == 'Ann <a@example.com>', ms[0]['To']
# the order of the rows does not decide: the thank-you alone, the same message
assert msgs('g3.mbox')[0]['Message-ID'] == msgs('g4.mbox')[0]['Message-ID']
P
