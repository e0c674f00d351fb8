# Trial 6/02: the Message-ID (and so the Maildir/.eml file name) is the
# task's and the recipient address's, not the display name's or the
# address's letter case: the same task rendered again after the CRM fixed
# the name, or re-exported the address in capitals, replaces the file
# instead of adding a second copy that would be sent again.
set -eu
H='id,first_name,last_name,email,lang,task_id,channel,template,item'
printf '%s\nc3,Bob,Smith,bob.smith@example.com,en,u3,email,thank-you,Tea\n' "$H" >m1.csv
printf '%s\nc3,Robert,Smith,bob.smith@example.com,en,u3,email,thank-you,Tea\n' "$H" >m2.csv
printf '%s\nc3,Bob,Smith,Bob.Smith@EXAMPLE.com,en,u3,email,thank-you,Tea\n' "$H" >m3.csv
# another task to the same person, and the same task to another person: new messages
printf '%s\nc3,Bob,Smith,bob.smith@example.com,en,u4,email,thank-you,Tea\nc4,Bob,Smith,bob@example.org,en,u3,email,thank-you,Tea\n' "$H" >m4.csv
for n in 1 2 3; do
	fu-render -f maildir --from shop@example.com --now 2026-11-24T0$n:00 md m$n.csv 2>/dev/null
	fu-render -f eml --from shop@example.com --now 2026-11-24T0$n:00 eml m$n.csv 2>/dev/null
done
[ "$(ls md/new | wc -l)" = 1 ] || { echo "maildir after three runs of one task: $(ls md/new)"; exit 1; }
[ "$(ls eml | wc -l)" = 1 ] || { echo "eml after three runs of one task: $(ls eml)"; exit 1; }
fu-render -f maildir --from shop@example.com --now 2026-11-24T04:00 md m4.csv 2>/dev/null
[ "$(ls md/new | wc -l)" = 3 ] || { echo "maildir: other task or person not a new message: $(ls md/new)"; exit 1; }
/usr/bin/python3 - <<'P'
import email, email.policy, glob
ms = [email.message_from_binary_file(open(p, 'rb'), policy=email.policy.default)
      for p in glob.glob('eml/*.eml')]
assert len(ms) == 1
m = ms[0]
assert not m.defects, m.defects
# the last run's message replaced the others
assert str(m['To']) == 'Bob Smith <Bob.Smith@EXAMPLE.com>', str(m['To'])
assert m['Date'].datetime.hour == 3, str(m['Date'])
P
