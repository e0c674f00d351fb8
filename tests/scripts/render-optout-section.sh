#!/bin/sh
# The opt-out judged on the rendered message (render-optout-rendered) still
# counts every form the template check took: {{.}} (and {{{.}}}, {{&.}})
# inside {{#unsubscribe_url}} shows the link as {{unsubscribe_url}} does, in
# the text and in the HTML part; the _optout partial; {{unsubscribe_url}} in
# the HTML part; each with its List-Unsubscribe header.  {{.}} that is some
# other value, or the section without --unsubscribe, shows no link.
set -eu
fu-render --print-templates t 2>/dev/null
H=task_id,id,first_name,last_name,email,step,kind,channel,item,template,lang
printf '%s\nt9,a,Ann,X,ann@example.com,check-in,marketing,email,Mug,check-in,en\n' $H >ci.csv
U='https://shop.example/u?c={{id}}&l=en'
render() { # expected-status args...
	want=$1; shift; st=0
	fu-render -t t --now 2026-11-30T08:00:00Z "$@" ci.csv >out.csv 2>err || st=$?
	[ "$st" = "$want" ] || {
		echo "exit $st, expected $want: $(cat t/check-in.mustache)"
		[ ! -f t/check-in.html.mustache ] || echo "html: $(cat t/check-in.html.mustache)"
		cat err; exit 1; }
}
sent() { # the message went out with the link in the body and the header; $1: text in out.csv
	render 0 --unsubscribe "$U"
	grep -q 'read 1, wrote 1, rejected 0$' err || { cat err; exit 1; }
	grep -qF "$1" out.csv || { echo "no '$1' for: $(cat t/check-in.mustache)"; cat out.csv; exit 1; }
	grep -qF 'List-Unsubscribe: <https://shop.example/u?c=a&l=en>' out.csv || { echo "no header"; cat out.csv; exit 1; }
}
refused() {
	render 1 "$@"
	grep -Eq '^fu-render: ci.csv:2: rejected: a marketing e-mail \(step check-in, kind marketing\) needs an opt-out, and t/check-in.*mustache (showed none for this row|has none)' err ||
		{ echo "no clear error for: $(cat t/check-in.mustache)"; cat err; exit 1; }
}
body='Subject: How is {{item}}?\n\nHi {{first_name}}, 20%% off with code AGAIN.\n'
for tag in '{{.}}' '{{{.}}}' '{{&.}}' '{{ . }}'; do
	printf "$body"'{{#unsubscribe_url}}Unsubscribe: %s{{/unsubscribe_url}}\n' "$tag" >t/check-in.mustache
	sent 'Unsubscribe: https://shop.example/u?c=a&l=en'
done
# the link through a partial inside the section: still the section's value
printf 'Unsubscribe: {{.}}' >t/_link.mustache
printf "$body"'{{#unsubscribe_url}}{{> _link}}{{/unsubscribe_url}}\n' >t/check-in.mustache
sent 'Unsubscribe: https://shop.example/u?c=a&l=en'
# without --unsubscribe the section is false: nothing shown
printf "$body"'{{#unsubscribe_url}}Unsubscribe: {{.}}{{/unsubscribe_url}}\n' >t/check-in.mustache
refused
# {{.}} of a section nested inside is that section's value, not the link
printf "$body"'{{#unsubscribe_url}}{{#first_name}}Bye {{.}}{{/first_name}}{{/unsubscribe_url}}\n' >t/check-in.mustache
refused --unsubscribe "$U"
# the HTML part: the section form there (escaped as HTML), the _optout
# partial in the text part
printf "$body"'{{> _optout}}\n' >t/check-in.mustache
printf '<p>Hi {{first_name}}</p>{{#unsubscribe_url}}<a href="{{.}}">Unsubscribe</a>{{/unsubscribe_url}}\n' >t/check-in.html.mustache
sent '<a href=""https://shop.example/u?c=a&amp;l=en"">Unsubscribe</a>'
# {{unsubscribe_url}} in the HTML part, as before
printf '<p>Hi {{first_name}}</p><a href="{{unsubscribe_url}}">Unsubscribe</a>\n' >t/check-in.html.mustache
sent '<a href=""https://shop.example/u?c=a&amp;l=en"">Unsubscribe</a>'
# an HTML section whose {{.}} is not the link shows none
printf '<p>{{#unsubscribe_url}}{{#first_name}}{{.}}{{/first_name}}{{/unsubscribe_url}}</p>\n' >t/check-in.html.mustache
refused --unsubscribe "$U"
grep -q 't/check-in.html.mustache showed none' err || { cat err; exit 1; }
rm t/check-in.html.mustache
# the _optout partial alone, with and without the link
sent 'No more e-mails like this: https://shop.example/u?c=a&l=en'
render 0
grep -q 'Reply ""stop""' out.csv || { cat out.csv; exit 1; }
# a digest whose opt-out is the section form
printf 'Subject: News\n\n{{#rows}}- {{item}}\n{{/rows}}{{#unsubscribe_url}}Unsubscribe: {{.}}{{/unsubscribe_url}}\n' >t/check-in.mustache
printf '%s\nt8,a,Ann,X,ann@example.com,thank-you,service,email,Mug,check-in,en\nt9,a,Ann,X,ann@example.com,check-in,marketing,email,Mug,check-in,en\n' $H >ci.csv
fu-render -t t --group-by id --now 2026-11-30T08:00:00Z --unsubscribe "$U" ci.csv >out.csv 2>err ||
	{ echo "digest refused"; cat err; exit 1; }
grep -qF 'Unsubscribe: https://shop.example/u?c=a&l=en' out.csv || { cat out.csv; exit 1; }
