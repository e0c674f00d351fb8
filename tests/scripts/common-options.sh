#!/bin/sh
# --ojsonl and --itsv on each program, on its example: the JSON Lines (read
# by jq and Python's json) hold exactly the CSV output's rows, numbers only in
# the columns numeric by contract; the same input as TSV (--itsv) gives the
# same CSV.  A program joins the list when it takes the options.
set -eu
cd "$EXAMPLES"
tmp=$OLDPWD
# csv2tsv FILE: the same table, tab-separated, quoted as spreadsheets do
csv2tsv() {
	"$PY" -c 'import csv,sys; w=csv.writer(sys.stdout, delimiter="\t", lineterminator="\n"); [w.writerow(r) for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))]' "$1"
}
# check NAME STDIN EVENTS COMMAND: one program on one input; COMMAND names
# the events log "$EV" (it is given as CSV, then as TSV)
check() {
	name=$1 input=$2 EV=$3 cmd=$4
	eval "$cmd" <"$input" >"$tmp/$name.csv" 2>"$tmp/$name.err" || [ $? -eq 1 ]
	eval "$cmd --ojsonl" <"$input" >"$tmp/$name.jsonl" 2>/dev/null || [ $? -eq 1 ]
	jq -e . "$tmp/$name.jsonl" >/dev/null
	"$PY" - "$tmp/$name.csv" "$tmp/$name.jsonl" <<'PY'
import csv, json, re, sys
num = re.compile(r'-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z')
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
objs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
head, rows = rows[0], rows[1:]
assert len(rows) == len(objs) and rows, (len(rows), len(objs))
numbers = set()
for row, obj in zip(rows, objs):
    assert list(obj) == head, (list(obj), head)
    for k, v in zip(head, row):
        got = obj[k]
        if isinstance(got, (int, float)) and not isinstance(got, bool):
            assert num.match(v) and float(v) == got, (k, v, got)
            numbers.add(k)
        elif got is None:
            assert v == "", (k, v)
        else:
            assert got == v, (k, v, got)
# ids and dates are never numbers
assert not numbers & {"id", "contact_id", "task_id", "phone", "created", "when", "due"}, numbers
PY
	csv2tsv "$input" >"$tmp/$name.in.tsv"
	[ -z "$EV" ] || { csv2tsv "$EV" >"$tmp/events.tsv"; EV=$tmp/events.tsv; }
	eval "$cmd --itsv" <"$tmp/$name.in.tsv" >"$tmp/$name.tsv.csv" 2>/dev/null || [ $? -eq 1 ]
	cmp "$tmp/$name.csv" "$tmp/$name.tsv.csv" || { echo "$name: --itsv gave another output"; exit 1; }
}
check import-contacts exports/hubspot-contacts.csv "" 'fu-import'
check import-events exports/shopify-orders.csv "" 'fu-import --kind events'
check schedule schedule-contacts.csv schedule-events.csv \
	'fu-schedule --events "$EV" --now 2026-03-10T12:00'
check render tasks.csv "" 'fu-render --now 2026-03-10T12:00'
check churn churn-contacts.csv churn-events.csv 'fu-churn --events "$EV" --now 2026-03-01'
check referrals referral-contacts.csv referral-events.csv \
	'fu-referrals --events "$EV" --now 2024-05-10 --perk "10 per converted" --depth 2'
check referral-candidates referral-contacts.csv referral-events.csv \
	'fu-referrals --events "$EV" --now 2024-05-10 --candidates'
# a format that is not CSV says so
for cmd in 'fu-referrals --graph' 'fu-schedule --format ics' 'fu-render --format mbox'; do
	! $cmd --ojsonl </dev/null 2>"$tmp/err"
	grep -q 'ojsonl does not apply' "$tmp/err" || { echo "$cmd --ojsonl:"; cat "$tmp/err"; exit 1; }
done
# fu-import: --itsv is --delimiter=tab, and says so when both disagree
! fu-import --itsv --delimiter ';' </dev/null 2>"$tmp/err"
grep -q 'choose one' "$tmp/err"
