# The built-in example templates: every step of the default plan and every
# lead touch resolves to a template in the contact's language and formality;
# none says "Hi ," (or "Hei !", "Dear ,") for a contact without a name, and
# with full data no variable comes out empty (--check).
set -eu
steps="thank-you check-in value second-sale referral-ask"
for seg in new mid campaign; do for n in 1 2 3 4 5 6 9; do steps="$steps lead-$seg-$n"; done; done
{
	echo "id,first_name,last_name,email,company,owner,lang,formal,task_id,template,item,perk,feedback_url,tip,offer"
	i=0
	for s in $steps; do for lang in en fi en-GB fi-FI; do for formal in yes no; do
		i=$((i + 1))
		echo "c$i,Aino,Virtanen,a$i@example.fi,Yritys Oy,Sari Myyjä,$lang,$formal,full$i,$s,Sauna,a gift,https://example.fi/f,Dust it.,Care plan"
		echo "c$i,,,b$i@example.fi,,,$lang,$formal,bare$i,$s,,,,,"
	done; done; done
} >in.csv
fu-render --now 2026-11-23T09:00 in.csv >out.csv
/usr/bin/python3 - <<'P'
import csv, re, sys
bad = []
rows = list(csv.DictReader(open('out.csv', newline='', encoding='utf-8')))
inp = {r['task_id']: r for r in csv.DictReader(open('in.csv', newline='', encoding='utf-8'))}
for r in rows:
    i = inp[r['task_id']]
    lang = i['lang'][:2]
    formal = i['formal'] == 'yes'
    t = r['template']
    parts = t.split('.')
    if (lang == 'fi') != ('fi' in parts):
        bad.append('%s %s: template %s is not in language %s' % (r['task_id'], i['template'], t, lang))
    if formal != ('formal' in parts):
        bad.append('%s %s: template %s formality' % (r['task_id'], i['template'], t))
    text = r['subject'] + '\n' + r['body']
    for pat in (r'\b(Hi|Hei|Dear|Hyvä)\s+[,!]', r' [,.!?]', r'  ', r'\{\{', r'\n\n\n', r' \n'):
        if re.search(pat, text):
            bad.append('%s %s (%s): %r in %r' % (r['task_id'], i['template'], t, pat, text[:200]))
    if not r['subject'].strip():
        bad.append('%s: empty subject' % r['task_id'])
if len(rows) != len(inp):
    bad.append('%d rows out of %d' % (len(rows), len(inp)))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
P
# full data: no empty variable anywhere
grep -v ',,' in.csv >full.csv
fu-render --check full.csv >check.csv
[ "$(wc -l <check.csv)" -eq 1 ] || { echo "empty variables:"; cat check.csv; exit 1; }
