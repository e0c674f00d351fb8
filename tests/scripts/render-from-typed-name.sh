# trials8/19 item 10: --from with a display name typed without quotes that
# holds a comma ("Acme, Inc. <shop@acme.fi>") is one mailbox, its name
# quoted in the From header as RFC 5322 wants; an address with its name as
# a comment ("shop@acme.fi (Acme Oy)") too; a real list of two still works,
# and a name with a stray quote is still refused.  Read back by Python's email.
set -eu
printf 'id,first_name,last_name,email,task_id,template,item,owner\nc1,Anna,Aho,anna@example.com,u1,thank-you,Tea,\n' >t.csv
check() { # FROM EXPECTED-PYTHON-LIST
	fu-render -f mbox --from "$1" --now 2026-11-24T09:00 t.csv >m.mbox
	"$PY" - "$2" <<'P'
import sys, mailbox, email, email.policy, email.utils
msgs = list(mailbox.mbox('m.mbox'))
assert len(msgs) == 1, len(msgs)
m = email.message_from_bytes(msgs[0].as_bytes(), policy=email.policy.default)
assert not m.defects, m.defects
got = [(a.display_name, a.addr_spec) for a in m['From'].addresses]
want = eval(sys.argv[1])
assert got == want, (got, want)
P
}
check 'Acme, Inc. <shop@acme.fi>' '[("Acme, Inc.", "shop@acme.fi")]'
grep -a '^From: ' m.mbox | grep -qF 'From: "Acme, Inc." <shop@acme.fi>'
check 'Oy Ab, Helsinki <shop@acme.fi>' '[("Oy Ab, Helsinki", "shop@acme.fi")]'
check 'shop@acme.fi (Acme, Inc.)' '[("Acme, Inc.", "shop@acme.fi")]'
check 'Kahvila Äijä, Oy <shop@acme.fi>' '[("Kahvila Äijä, Oy", "shop@acme.fi")]'
check '"Acme, Inc." <shop@acme.fi>' '[("Acme, Inc.", "shop@acme.fi")]'
check 'a@acme.fi, Bo <b@acme.fi>' '[("", "a@acme.fi"), ("Bo", "b@acme.fi")]'
# still refused: no address, or a quote left open
for bad in 'Acme, Inc.' 'Acme "Inc <shop@acme.fi>' 'Acme, Inc. <not-an-address>'; do
	if fu-render -f mbox --from "$bad" --now 2026-11-24T09:00 t.csv >m.mbox 2>err; then
		echo "accepted: $bad"; exit 1
	fi
	grep -q 'not a usable address' err
done
