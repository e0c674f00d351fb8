#!/bin/sh
# fu-render: task rows to an mbox with a ~600-byte Finnish thank-you (headers
# with a templated Reply-To, a quoted-printable body); messages/s by the wall
# clock and by CPU time (user + system; the wall clock suffers when other jobs
# share the machine) and peak RSS (/usr/bin/time -v).
#
# The peer is Debian's ruby-mustache rendering the same body template for the
# same sample rows.  Only its render step is timed (a loop of Mustache#render
# over rows already read into hashes: not Ruby's start, not CSV or YAML
# parsing), and escaping is turned off as in fu-render's text part.  Its
# bodies are compared with fu-render's CSV `body` column, row by row: the
# bench fails when they differ.  fu-render's own figures are for the whole
# program (reading CSV, rendering, MIME encoding, writing the mbox), so the
# ratio is not in fu-render's favour.
#
# Each contender runs 3 times, interleaved; the best run of each is reported.
set -eu
cd "$(dirname "$0")"
mkdir -p data/render-tpl
N=${FU_BENCH_ROWS:-1000000}
SAMPLE=${FU_BENCH_SAMPLE:-100000}
ROUNDS=${FU_BENCH_ROUNDS:-3}
[ "$SAMPLE" -le "$N" ] || SAMPLE=$N
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
# the body alone, for the peer: what follows the first blank line
awk 'body { print } /^$/ && !body { body = 1 }' data/render-tpl/bench.mustache >data/render-body.mustache
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
head -n $((SAMPLE + 1)) "$tasks" >data/render-sample.csv

# run LABEL ROWS OUT COMMAND...: one run under /usr/bin/time -v; keeps the
# best wall and CPU time of LABEL in data/render-best-LABEL
run() {
	label=$1 rows=$2 out=$3; shift 3
	/usr/bin/time -v "$@" 2>data/render-time.txt >"$out" || { cat data/render-time.txt; exit 1; }
	awk -v rows="$rows" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/User time \(seconds\)/ { u = $NF }
		/System time \(seconds\)/ { u += $NF }
		/Maximum resident set size/ { rss = $NF }
		END { print rows, s, u, rss }' data/render-time.txt >>"data/render-runs-$label"
}
# the peer's own clock: its render loop alone (rows, wall s, CPU s, RSS kB)
ruby_render() {
	ruby -E UTF-8 -e '
		require "csv"; require "mustache"
		class Plain < Mustache; def escape(s) s.to_s end; end
		rows = CSV.read(ARGV[0], headers: true).map(&:to_h)
		view = Plain.new; view.template = File.read(ARGV[1]); view.render(rows[0])
		w0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
		c0 = Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID)
		bodies = rows.map { |r| view.render(r) }
		w1 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
		c1 = Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID)
		File.open(ARGV[2], "w") { |f| bodies.each { |b| f.write(b.dump, "\n") } }
		rss = File.read("/proc/self/status")[/VmHWM:\s*(\d+)/, 1]
		$stderr.puts [rows.size, w1 - w0, c1 - c0, rss].join(" ")
	' data/render-sample.csv data/render-body.mustache data/render-ruby-bodies.txt 2>>data/render-runs-ruby
}

rm -f data/render-runs-*
opts="-t data/render-tpl --template bench --from shop@example.fi --now 2026-11-23T09:00"
have_ruby=0
ruby -E UTF-8 -e 'require "mustache"' 2>/dev/null && have_ruby=1
round=1
while [ "$round" -le "$ROUNDS" ]; do
	run mbox "$N" /dev/null fu-render $opts -f mbox "$tasks"
	run csv "$N" /dev/null fu-render $opts -f csv "$tasks"
	run sample "$SAMPLE" /dev/null fu-render $opts -f mbox data/render-sample.csv
	[ "$have_ruby" = 0 ] || ruby_render
	round=$((round + 1))
done

# the outputs: every message there and parseable, the peer's bodies equal
fu-render $opts -f mbox data/render-sample.csv 2>/dev/null >data/render-out.mbox
got=$(grep -c '^From ' data/render-out.mbox)
[ "$got" = "$SAMPLE" ] || { echo "fu-render wrote $got messages, not $SAMPLE"; exit 1; }
echo "  ($(($(wc -c <data/render-out.mbox) / SAMPLE)) bytes per message in the mbox)"
if [ "$have_ruby" = 1 ]; then
	fu-render $opts -f csv data/render-sample.csv 2>/dev/null |
		ruby -E UTF-8 -rcsv -e 'CSV.new($stdin, headers: true).each { |r| puts r["body"].dump }' >data/render-fu-bodies.txt
	if cmp -s data/render-fu-bodies.txt data/render-ruby-bodies.txt; then
		echo "  ruby-mustache's $SAMPLE bodies are byte for byte fu-render's"
	else
		echo "ruby-mustache and fu-render render different bodies:"
		diff data/render-fu-bodies.txt data/render-ruby-bodies.txt | head -10
		exit 1
	fi
fi

best() { # LABEL TEXT: best of the rounds by wall clock and by CPU
	sort -k2,2n "data/render-runs-$1" | head -1 >data/render-bw
	sort -k3,3n "data/render-runs-$1" | head -1 >data/render-bc
	awk -v label="$2" 'NR == FNR { rows = $1; s = $2; rss = $4; next } { u = $3 }
		END { printf "%-44s %8d rows %6.2f s %8.0f msg/s  (CPU %5.2f s: %8.0f msg/s) %6.1f MB peak RSS\n",
			label, rows, s, (s > 0 ? rows / s : 0), u, (u > 0 ? rows / u : 0), rss / 1024 }' \
		data/render-bw data/render-bc
}
echo "best of $ROUNDS interleaved runs:"
best mbox "fu-render, CSV to mbox"
best csv "fu-render, CSV to CSV"
best sample "fu-render, CSV to mbox (sample rows)"
if [ "$have_ruby" = 1 ]; then
	best ruby "ruby-mustache, render step only (sample rows)"
	awk 'NR == FNR { if (!f || $3 < f) f = $3; n = $1; next } { if (!r || $3 < r) r = $3 }
		END { if (f > 0 && r > 0) printf "  fu-render (whole program) is %.1f times as fast as ruby-mustache'"'"'s render step (CPU)\n", r / f }' \
		data/render-runs-sample data/render-runs-ruby
else
	echo "ruby-mustache: not installed (apt-get install ruby-mustache)"
fi
rm -f data/render-out.mbox data/render-bw data/render-bc data/render-time.txt
