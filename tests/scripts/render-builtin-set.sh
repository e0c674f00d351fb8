# The built-in template set: every step of the default plan, the lead touches,
# the referral ask and the churn steps render in English, Finnish and Swedish,
# formal and informal, for a contact with and without names and values; the
# mail parses with Python's email package (Debian's /usr/bin/python3) without
# defects and reads right: the greeting names the person or falls back, no
# tag, no doubled space, no dangling punctuation, the language asked for.
# sv-FI falls back to sv.
set -eu
steps="thank-you check-in value second-sale referral-ask lead-new-1 lead-new-2 lead-new-3
lead-new-4 lead-new-5 lead-mid-6 lead-campaign-9 win-back loyalty-reward feedback-ask"
# the churn steps' English and Finnish texts come with fu-churn: test the
# languages the built-in set has for them
fu-render --print-templates have.d
have() { [ -f "have.d/$1.mustache" ]; }
{
	echo 'task_id,id,first_name,last_name,email,lang,formal,template,item,owner,perk'
	n=0
	for s in $steps; do
		base=$(echo "$s" | sed 's/-[a-z]*-\([0-9]\)$/-\1/; s/-9$//; s/-6$//')
		for lang in en fi sv sv-FI; do
			l=${lang%%-*}; [ "$l" = en ] && suf= || suf=.$l
			have "$base$suf" || continue
			for formal in yes no; do
				n=$((n + 1))
				echo "t$n,c$n,Åsa,Öberg,p$n@example.fi,$lang,$formal,$s,Saunakiuas,Sari Myyjä,10 € off"
				n=$((n + 1))
				echo "t$n,c$n,  ,,q$n@example.fi,$lang,$formal,$s,,,"
			done
		done
	done
} >in.csv
fu-render --now 2026-11-23T09:00 --from 'Shop <shop@example.fi>' -f mbox \
	--referral-url 'https://example.fi/r/{{id}}' in.csv >out.mbox 2>err
fu-render --now 2026-11-23T09:00 in.csv >out.csv 2>/dev/null
/usr/bin/python3 - <<'P'
import csv, mailbox, re, sys
rows = {r['task_id']: r for r in csv.DictReader(open('in.csv', encoding='utf-8'))}
tpl = {r['task_id']: r['template'] for r in csv.DictReader(open('out.csv', encoding='utf-8'))}
bad = []
greet = {'en': ('Hi ', 'Dear '), 'fi': ('Hei ', 'Hyvä '), 'sv': ('Hej ', 'Hej ')}
fallback = {'en': ('Hi there,', 'Dear customer,'), 'fi': ('Hei!', 'Hyvä asiakkaamme,'),
            'sv': ('Hej!', 'Bästa kund,')}
seen = 0
for m in mailbox.mbox('out.mbox'):
    seen += 1
    tid = m['Message-ID'] and None
    part = next(p for p in m.walk() if p.get_content_type() == 'text/plain')
    body = part.get_payload(decode=True).decode('utf-8')
    subj = str(m['Subject'])
    to = m['To']
    r = next(r for r in rows.values() if r['email'] in to)
    lang = r['lang'][:2]
    formal = r['formal'] == 'yes'
    name = r['first_name'].strip()
    t = tpl[r['task_id']]
    where = f"{r['task_id']} {t}"
    if m.defects:
        bad.append(f'{where}: defects {m.defects}')
    want_lang = '' if lang == 'en' else '.' + lang
    if want_lang and want_lang + '.' not in t + '.':
        bad.append(f'{where}: lang {r["lang"]} got {t}')
    if formal != t.endswith('.formal'):
        bad.append(f'{where}: formal={formal} got {t}')
    first = body.split('\n', 1)[0]
    if name:
        if not first.startswith(greet[lang][formal]) or 'Åsa' not in first:
            bad.append(f'{where}: greeting {first!r}')
    elif first != fallback[lang][formal]:
        bad.append(f'{where}: fallback greeting {first!r}')
    for text, what in ((subj, 'subject'), (body, 'body')):
        if re.search(r'\{\{|\}\}|[^\n ]  |[ \t][,.!?:]|[,:][!?.,]|[ \t]$|\( *\)', text, re.M) or \
                re.search(r'[,:]$', subj):
            bad.append(f'{where}: {what} reads wrong: {text!r}')
    if 'referral-ask' in t and 'https://example.fi/r/' + r['id'] not in body:
        bad.append(f'{where}: no referral link')
    if r['item'] and t.split('.')[0] in ('thank-you', 'check-in', 'second-sale') and 'Saunakiuas' not in body + subj:
        bad.append(f'{where}: item not named')
    if len(body.split('\n')) > 22:
        bad.append(f'{where}: {len(body.splitlines())} lines: too long')
if seen != len(rows):
    bad.append(f'{seen} messages for {len(rows)} rows')
print('\n'.join(bad))
sys.exit(1 if bad else 0)
P
# Swedish is complete: every step of the plan and the churn steps, formal too
for s in thank-you check-in value second-sale referral-ask lead lead-1 lead-2 lead-3 lead-4 \
	lead-5 win-back loyalty-reward feedback-ask; do
	for f in sv sv.formal; do
		[ -f "have.d/$s.$f.mustache" ] || { echo "no $s.$f"; exit 1; }
	done
done
# no text claims a time it cannot know
! grep -il 'just saw\|juuri\b.*näin\|just now\|this week\|tällä viikolla\|denna vecka\|nyss' have.d/*.mustache
