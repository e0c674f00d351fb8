#!/bin/sh
# README's "Past one machine" recipe runs as written (trial 6/30: its
# fu-render line once failed on every shard, while shard.sh, with its own
# command lines, passed): its code blocks, verbatim, in a shell with set -e,
# without $EMAIL (as from cron or parallel), on the coffee shop's contacts and
# events.  Every shard's outbox then holds its due e-mails, together those of
# a single run, due.csv has the single run's rows, and each contact is judged
# once across the shards' health.csv.
set -eu
command -v parallel >/dev/null || { echo "GNU parallel is not installed"; exit 1; }
mkdir examples
cp "$EXAMPLES/shard.sh" examples/
cp "$EXAMPLES/churn-contacts.csv" contacts.csv
cp "$EXAMPLES/churn-events.csv" events.csv
"$PY" - "$SRCDIR/README.md" >recipe.sh <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("\n## Past one machine\n", 1)[1].split("\n## ", 1)[0]
blocks, cur = [], []
for line in section.split("\n") + [""]:
    if line.startswith("    "):
        cur.append(line[4:])
    elif cur:
        blocks.append(cur)
        cur = []
runs = [b for b in blocks if any("parallel --will-cite" in l for l in b)]
if len(runs) < 2:
    sys.exit("README's 'Past one machine' has fewer than two parallel blocks: is its layout new?")
print("set -e")
for b in runs:
    print("\n".join(b))
PY
env -u EMAIL sh recipe.sh >recipe.out 2>recipe.err || { echo "README's recipe failed:"; cat recipe.sh recipe.err; exit 1; }
now=$(sed -n 's/^now=//p' recipe.sh)
fu-schedule -e events.csv -n "$now" --due <contacts.csv >single-due.csv 2>/dev/null
"$PY" - single-due.csv due.csv <<'PY'
import csv, glob, mailbox, sys
rows = lambda p: list(csv.reader(open(p, newline="", encoding="utf-8")))
single, sharded = rows(sys.argv[1]), rows(sys.argv[2])
assert single[0] == sharded[0], "due.csv's header is not a single run's"
assert len(single) > 2, "too few due tasks to tell"
assert sorted(single[1:]) == sorted(sharded[1:]), "due.csv's rows are not a single run's"
emails = sum(1 for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
             if r["channel"] == "email")
outboxes = glob.glob("shards/*/outbox.mbox")
assert len(outboxes) == 8, f"{len(outboxes)} outboxes, not 8"
sent = sum(len(mailbox.mbox(p)) for p in outboxes)
assert sent == emails, f"the outboxes hold {sent} messages, the due e-mails are {emails}"
ids = [r["id"] for p in glob.glob("shards/*/health.csv")
       for r in csv.DictReader(open(p, newline="", encoding="utf-8"))]
contacts = [r["id"] for r in csv.DictReader(open("contacts.csv", newline="", encoding="utf-8"))]
assert sorted(ids) == sorted(contacts), "the shards' health.csv do not judge each contact once"
PY
