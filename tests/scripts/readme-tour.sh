#!/bin/sh
# README's tour cannot go stale (trial 6/18): the demo (examples/pipeline.sh,
# `make demo`) runs on a copy of examples/, and in README's "A tour" section
#  - the block after "What it prints" is the demo's "== " lines and the
#    programs' summary lines ("fu-x: read ..."), in order; a README line
#    ending in " ..." is shortened: it matches a line that starts with the
#    text before it;
#  - each block starting "$ command" is run (sh, beside the copy of
#    examples/) and prints exactly the lines under it;
#  - each `To: ...` / `Subject: ...` the prose quotes is a header line of
#    examples/out/outbox.mbox, which holds as many messages as "as N
#    messages" says;
#  - each picture it shows (doc/*.svg) is the demo's: churn.svg byte for
#    byte, referrals.svg when this Graphviz is the one that drew doc/'s.
# And the demo writes no file outside examples/out/ (a clone stays clean).
set -eu
command -v mlr >/dev/null || { echo "Miller is not installed"; exit 1; }
cp -r "$EXAMPLES" examples
rm -rf examples/out
mkdir doc
sh examples/pipeline.sh >demo.log 2>&1 || { cat demo.log; exit 1; }
[ -z "$(ls doc)" ] || { echo "the demo wrote outside examples/out/: doc/$(ls doc)"; exit 1; }
"$PY" - "$SRCDIR" <<'PY'
import os, re, subprocess, sys
src = sys.argv[1]
readme = open(f"{src}/README.md", encoding="utf-8").read()
tour = readme.split("\n## A tour\n", 1)[1].split("\n## ", 1)[0]

# the section as prose paragraphs and code blocks (4-space indented)
blocks, prose, para = [], [], []
lines = tour.split("\n")
i = 0
while i < len(lines):
    if lines[i].startswith("    "):
        blk = []
        while i < len(lines) and lines[i].startswith("    "):
            blk.append(lines[i][4:])
            i += 1
        blocks.append((" ".join(para), blk))
        prose.append(" ".join(para))
        para = []
    else:
        para.append(lines[i].strip())
        i += 1
prose.append(" ".join(para))
bad = 0

def differ(what, want, got):
    global bad
    bad = 1
    print(f"README's {what} is not what the programs print now:")
    for w, g in zip(want + [""] * len(got), got + [""] * len(want)):
        if w != g:
            print(f"  README: {w}\n  now:    {g}")
            break

# the demo's printout
log = open("demo.log", encoding="utf-8").read().splitlines()
log = log[:log.index("== outputs in examples/out/:")]
shown = [l for l in log if l.startswith("== ") or re.match(r"fu-[a-z]+: read ", l)]
prints = [b for p, b in blocks if "What it prints" in p]
if len(prints) != 1:
    sys.exit("no block after 'What it prints' in README's tour")
want = prints[0]

def matches(w, g):
    return g.startswith(w[:-3]) if w.endswith(" ...") else g == w

def sections(lines):
    # the lines under each "== " heading: programs of one pipeline write
    # their summaries at about the same moment, in either order
    out = [[]]
    for l in lines:
        if l.startswith("== "):
            out.append([l])
        else:
            out[-1].append(l)
    return out

ok = len(want) == len(shown)
if not ok:
    differ("demo printout", want, shown)
for ws, gs in zip(sections(want), sections(shown)) if ok else []:
    rest = list(gs)
    for w in ws:
        g = next((g for g in rest if matches(w, g)), None)
        if g is None:
            ok, bad = False, 1
            print(f"README's demo printout: no line now is `{w}`; under its heading now:")
            print("\n".join("    " + g for g in gs))
            break
        rest.remove(g)
    if not ok:
        break

# the commands and their output
def command(blk):
    # "$ command" after "# comment" lines, continued on the next line after
    # a trailing \ or |: the command and the output shown under it
    blk = [l for l in blk]
    while blk and blk[0].startswith("# "):
        blk.pop(0)
    if not blk or not blk[0].startswith("$ "):
        return None, None
    cmd, k = blk[0][2:], 1
    while (cmd.endswith("\\") or cmd.endswith("|")) and k < len(blk):
        cmd = (cmd[:-1] if cmd.endswith("\\") else cmd) + " " + blk[k].strip()
        k += 1
    return cmd, blk[k:]

def check(blk):
    cmd, want = command(blk)
    if cmd is None:
        return 0
    run = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
    got = run.stdout.splitlines()
    if run.returncode != 0 or got != want:
        differ(f"output of `{cmd}`", want, got)
        if run.returncode:
            print(f"  (exit {run.returncode}: {run.stderr.strip()})")
    return 1

ncmd = sum(check(blk) for _, blk in blocks)
if ncmd < 3:
    sys.exit(f"only {ncmd} commands in README's tour: is its layout new?")

# the other sections' commands that show their output (trial14 F3: the
# JSON Lines example's risks went stale): one that shows none runs on files
# of the reader's own (events.tsv) and is only an illustration
rest = readme.split("\n## A tour\n", 1)
rest = rest[0] + "\n" + rest[1].split("\n## ", 1)[1]
shown, blk = 0, []
for l in rest.split("\n") + [""]:
    if l.startswith("    "):
        blk.append(l[4:])
        continue
    if blk and command(blk)[1]:
        shown += check(blk)
    blk = []
if shown < 2:
    sys.exit(f"only {shown} commands with their output outside README's tour: is its layout new?")

# what the prose says of the mbox
text = " ".join(prose)
mbox = open("examples/out/outbox.mbox", encoding="utf-8").read()
headers = set(mbox.splitlines())
quoted = re.findall(r"`((?:To|Subject): [^`]*)`", text)
if not quoted:
    sys.exit("README's tour quotes no To: or Subject: of the outbox: is its layout new?")
for h in quoted:
    if h not in headers:
        bad = 1
        print(f"README quotes `{h}`: no such header in examples/out/outbox.mbox")
words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
m = re.search(r"outbox\.mbox` as (\w+) messages?", text)
n = sum(1 for l in mbox.splitlines() if l.startswith("From "))
if not m or m.group(1) not in words or words.index(m.group(1)) != n:
    bad = 1
    print(f"README's count of the outbox's messages ({m.group(1) if m else 'none'}) is not {n}")

# the pictures
for pic in re.findall(r"\]\(doc/([a-z-]+\.svg)\)", text):
    drawn = f"examples/out/{pic}"
    mine = open(f"{src}/doc/{pic}", encoding="utf-8").read()
    if not os.path.exists(drawn):
        if pic == "referrals.svg":  # the demo draws it only where dot is installed
            continue
        sys.exit(f"the demo drew no {pic}")
    now = open(drawn, encoding="utf-8").read()
    version = lambda s: re.search(r"Generated by Graphviz version (\S+)", s, re.I)
    if pic == "referrals.svg" and (version(mine) and version(now)) and \
            version(mine).group(1) != version(now).group(1):
        continue  # another Graphviz lays the graph out its own way
    if mine != now:
        bad = 1
        print(f"doc/{pic} is not what the demo draws now (make pictures)")
sys.exit(bad)
PY
