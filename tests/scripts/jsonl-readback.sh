#!/bin/sh
# JSON Lines (--ojsonl, the shared writer): every text survives the trip
# CSV -> JSON Lines -> jq and Python's json, numbers only in the columns
# numeric by contract (fu(7)), null for their empty cells.
set -eu
"$PY" - >in.csv <<'PY'
import csv, random, sys
random.seed(13)
chars = [chr(c) for c in range(1, 128)] + list("äöåÄÖÅéß€😀\u2028\u2029\u00a0\u200b")
# CRLF line ends: Python quotes a field holding a CR only when CR ends lines
w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(["id", "value", "note", "clv", "p_alive", "phone"])
nums = ["12.50", "0", "-3", "1e5", "", "05", ".5", "1,234.50", "NaN", "abc", "-0.0"]
for i in range(500):
    note = "".join(random.choice(chars) for _ in range(random.randint(0, 40)))
    w.writerow([f"{i:04d}", random.choice(nums), note, random.choice(nums),
                random.choice(nums), "+358401234567"])
PY
csvcat -j in.csv >out.jsonl
# jq reads every line; the id and phone stay strings
[ "$(jq -s length out.jsonl)" = 500 ]
[ "$(jq -r 'select((.id|type) != "string" or (.phone|type) != "string") | .id' out.jsonl | wc -l)" = 0 ]
"$PY" - <<'PY'
import csv, json, re
num = re.compile(r'-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z')
rows = list(csv.reader(open("in.csv", newline="", encoding="utf-8")))
head, rows = rows[0], rows[1:]
objs = [json.loads(line) for line in open("out.jsonl", encoding="utf-8")]
assert len(objs) == len(rows), (len(objs), len(rows))
numeric = {"value", "clv", "p_alive"}
for row, obj in zip(rows, objs):
    assert list(obj) == head, obj
    for k, v in zip(head, row):
        got = obj[k]
        if k in numeric and v == "":
            assert got is None, (k, v, got)
        elif k in numeric and num.match(v):
            assert isinstance(got, (int, float)) and float(v) == got, (k, v, got)
        else:
            assert got == v, (k, v, got)
# every line is one object: no raw control character or line separator inside
for line in open("out.jsonl", encoding="utf-8"):
    body = line[:-1]
    assert not any(ord(c) < 32 or c in "\u2028\u2029" for c in body), repr(body)
PY
# an empty output is empty: no header line in JSON Lines
printf 'id,value\n' | csvcat -j >empty.jsonl
[ ! -s empty.jsonl ]
