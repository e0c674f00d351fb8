#!/bin/sh
# trials13b/03: a marketing e-mail carries an opt-out when the rendered
# message shows one, not when its template's text names {{> _optout}}: the
# partial inside a section that is false for the row ({{#unsubscribe_url}}
# without --unsubscribe, {{^email}}, a column that does not exist), or an
# _optout that gives no text, is refused for that row, naming the row and
# the template; shown unconditionally (or with the link given) it goes out.
set -eu
fu-render --print-templates t 2>/dev/null
H=task_id,id,first_name,last_name,email,step,kind,channel,item,template,lang
printf '%s\nt9,a,Ann,X,ann@example.com,check-in,marketing,email,Mug,check-in,en\nt8,b,Bo,Y,bo@example.com,thank-you,service,email,Mug,check-in,en\n' $H >ci.csv
render() { # expected-status args...
	want=$1; shift; st=0
	fu-render -t t --now 2026-11-30T08:00:00Z "$@" ci.csv >out.csv 2>err || st=$?
	[ "$st" = "$want" ] || { echo "exit $st, expected $want: $(cat t/check-in.mustache)"; cat err; exit 1; }
}
refused() { # the marketing row (line 2) refused with the template named; the service row written
	render 1 "$@"
	grep -q '^fu-render: ci.csv:2: rejected: a marketing e-mail (step check-in, kind marketing) needs an opt-out, and t/check-in.mustache showed none for this row' err ||
		{ echo "no clear error for: $(cat t/check-in.mustache)"; cat err; exit 1; }
	grep -q 'read 2, wrote 1, rejected 1$' err || { cat err; exit 1; }
	! grep -q ann@example.com out.csv || { echo "marketing written without an opt-out"; cat out.csv; exit 1; }
}
body='Subject: How is {{item}}?\n\nHi {{first_name}}, 20%% off with code AGAIN.\n'
printf "$body"'{{#unsubscribe_url}}\n{{> _optout}}\n{{/unsubscribe_url}}\n' >t/check-in.mustache
refused
# with the link the section is true: the opt-out is shown
render 0 --unsubscribe 'https://shop.example/u?c={{id}}'
grep -q 'shop.example/u?c=a' out.csv || { echo "no link shown"; cat out.csv; exit 1; }
printf "$body"'{{^email}}{{> _optout}}{{/email}}\n' >t/check-in.mustache
refused
refused --unsubscribe 'https://shop.example/u?c={{id}}'
printf "$body"'{{#no_such_column}}{{> _optout}}{{/no_such_column}}\n' >t/check-in.mustache
refused
# an _optout that gives no text (blanks alone) is no opt-out
printf "$body"'{{> _optout}}\n' >t/check-in.mustache
cp t/_optout.mustache optout.keep
printf ' \n\n' >t/_optout.mustache
refused
cp optout.keep t/_optout.mustache
render 0
grep -q 'ann@example.com' out.csv || { echo "the opt-out shown, yet not written"; cat err; exit 1; }
# an HTML part must show it too: a reader of the HTML sees only that part
printf '<p>Hi {{first_name}}</p>{{#unsubscribe_url}}{{> _optout}}{{/unsubscribe_url}}\n' >t/check-in.html.mustache
render 1
grep -q '^fu-render: ci.csv:2: rejected: .* t/check-in.html.mustache showed none for this row' err || { cat err; exit 1; }
rm t/check-in.html.mustache
# a digest with a marketing row is judged by its rendering too
printf 'Subject: News\n\n{{#rows}}- {{item}}\n{{/rows}}{{#unsubscribe_url}}{{> _optout}}{{/unsubscribe_url}}\n' >t/check-in.mustache
printf '%s\nt8,a,Ann,X,ann@example.com,thank-you,service,email,Mug,check-in,en\nt9,a,Ann,X,ann@example.com,check-in,marketing,email,Mug,check-in,en\n' $H >ci.csv
st=0; fu-render -t t --group-by id --now 2026-11-30T08:00:00Z ci.csv >out.csv 2>err || st=$?
[ "$st" = 1 ] && grep -q "^fu-render: ci.csv:2: rejected: a digest with a marketing row needs an opt-out, and t/check-in.mustache showed none for this row" err || { echo "digest: exit $st"; cat err; exit 1; }
