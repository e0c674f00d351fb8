#!/bin/sh
# fu-render: 1M task rows to an mbox with a ~600-byte template; messages/s by
# the wall clock and by CPU time (user + system; the wall clock suffers when
# other jobs share the machine) and peak RSS (/usr/bin/time -v), 100k rows
# too (memory must not grow with the rows).
# Beside it, Debian's ruby-mustache (`mustache` CLI) rendering the same
# template for a sample of the rows, in one process ({{#rows}}...{{/rows}}).
set -eu
cd "$(dirname "$0")"
mkdir -p data/render-tpl
N=${FU_BENCH_ROWS:-1000000}
SAMPLE=${FU_BENCH_SAMPLE:-20000}
tasks=data/render-tasks-$N.csv
cat >data/render-tpl/bench.mustache <<'T'
{{! bench: a thank-you of about 600 bytes }}
Subject: Kiitos tilauksestasi{{#first_name}}, {{first_name}}{{/first_name}}
Reply-To: {{owner}} <sales@example.fi>
X-Task: {{task_id}}

{{#first_name}}Hei {{first_name}}!{{/first_name}}{{^first_name}}Hei!{{/first_name}}

Kiitos, että valitsit tuotteen {{item}}. Toivottavasti olet tyytyväinen.
Tilauksesi {{anchor}} on kirjattu {{due}}, ja kuittaus lähtee erikseen.

Jos jokin ei ole niin kuin odotit, vastaa tähän viestiin, niin korjataan
asia saman tien. Voit myös soittaa numeroon {{#phone}}{{phone}}{{/phone}}{{^phone}}09 123 4567{{/phone}}.
{{#company}}Terveiset kaikille yrityksessä {{company}}!{{/company}}

Pieni kiitos meiltä: seuraavasta tilauksesta -10 % koodilla KIITOS10.

Ystävällisin terveisin
{{owner}}
Asiakaspalvelu
T
if [ ! -f "$tasks" ]; then
	awk -v n="$N" 'BEGIN {
		srand(42)
		split("Aino Matti Liisa Juha Ämmi Öystein Åsa Pekka Sari", fn, " ")
		split("Virtanen Mäkelä Korhonen Nieminen Hämäläinen Laine", ln, " ")
		split("Saunakiuas Lämpöpumppu Kiuaskivet Löylykauha Ilmalämpöpumppu", it, " ")
		print "id,first_name,last_name,email,phone,company,owner,stage,segment,lang,formal,tz,created,task_id,step,due,state,channel,template,anchor,item,reason"
		for (i = 1; i <= n; i++) {
			f = (i % 17 == 0) ? "" : fn[1 + i % 9]
			printf "c%d,%s,%s,user%d@example.fi,%s,%s,Sari Myyjä,new,,fi,no,Europe/Helsinki,2026-01-01,t%d,thank-you,2026-11-24,due,email,bench,e%d,%s,purchase\n", \
				i, f, ln[1 + i % 6], i, (i % 3 ? "+35840" i : ""), (i % 5 ? "" : "Yritys " i " Oy"), i, i, it[1 + i % 5]
		}
	}' >"$tasks"
fi
tv() { # label rows out command...: run under /usr/bin/time -v, print rate and RSS
	label=$1 rows=$2 out=$3; shift 3
	/usr/bin/time -v "$@" 2>data/render-time.txt >"$out" || { cat data/render-time.txt; exit 1; }
	awk -v label="$label" -v rows="$rows" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/User time \(seconds\)/ { u = $NF }
		/System time \(seconds\)/ { u += $NF }
		/Maximum resident set size/ { rss = $NF }
		END { printf "%-30s %8d rows %6.2f s %8.0f msg/s  (CPU %5.2f s: %8.0f msg/s) %6.1f MB peak RSS\n",
			label, rows, s, (s > 0 ? rows / s : 0), u, (u > 0 ? rows / u : 0), rss / 1024 }' data/render-time.txt
}
opts="-t data/render-tpl --template bench -f mbox --from shop@example.fi --now 2026-11-23T09:00"
head -n $((100000 + 1)) "$tasks" >data/render-tasks-100k.csv
# output to /dev/null: the disk is not what is measured
tv "fu-render, mbox" 100000 data/render-out fu-render $opts data/render-tasks-100k.csv
grep -c '^From ' data/render-out | awk '$1 != 100000 { print "fu-render wrote " $1 " messages, not 100000"; exit 1 }'
echo "  ($(($(wc -c <data/render-out) / 100000)) bytes per message)"
tv "fu-render, mbox" "$N" /dev/null fu-render $opts "$tasks"
tv "fu-render, csv" "$N" /dev/null fu-render $opts -f csv "$tasks"
if command -v mustache >/dev/null 2>&1; then
	# the same template, rows as a YAML list, one render in one process
	head -n $((SAMPLE + 1)) "$tasks" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; print "rows:"; next }
		{ printf "- "; for (i = 1; i <= NF; i++) printf "%s%s: \"%s\"\n", (i > 1 ? "  " : ""), h[i], $i }' >data/render-sample.yml
	{ echo '{{#rows}}'; cat data/render-tpl/bench.mustache; echo '{{/rows}}'; } >data/render-ruby.mustache
	tv "ruby-mustache CLI (text only)" "$SAMPLE" /dev/null mustache data/render-sample.yml data/render-ruby.mustache
	head -n $((SAMPLE + 1)) "$tasks" >data/render-sample.csv
	tv "fu-render, mbox (same rows)" "$SAMPLE" /dev/null fu-render $opts data/render-sample.csv
else
	echo "ruby-mustache: mustache CLI not installed (apt-get install ruby-mustache)"
fi
rm -f data/render-out
