#!/bin/sh
# Option parity: for every program (each fu-* built in the checkout, so a new
# one is covered), the long options its --help lists are exactly those its
# man page's option list (.It Fl lines) describes and those each of its bash,
# zsh and fish completions offers; and its short options (-V for --version,
# ...) are the same in --help, the man page and the zsh and fish completions
# (bash completes long options only).  Every completion file loads in its shell
# (bash -n; zsh -n and fish --no-execute where those shells are installed).
set -eu
status=0
for prog in "$SRCDIR"/fu-*; do
	[ -x "$prog" ] && [ -f "$prog" ] || continue
	name=${prog##*/}
	for f in "$SRCDIR/man/$name.1" "$SRCDIR/completions/$name.bash" "$SRCDIR/completions/_$name" \
	         "$SRCDIR/completions/$name.fish"; do
		[ -f "$f" ] || { echo "$name: ${f#"$SRCDIR"/} is missing"; status=1; }
	done
	"$prog" --help >"$name.help"
	"$PY" - "$name" "$SRCDIR" <<'PY' || status=1
import re, sys
name, src = sys.argv[1], sys.argv[2]
opt = r"([a-z][a-z0-9-]*)"

def from_help():
    got = set()
    for line in open(name + ".help", encoding="utf-8"):
        # an option line: "  -k, --kind=KIND   text" or "      --due   text";
        # only the part before the description counts
        m = re.match(r"\s+(-\S.*?)(?:\s{2,}|$)", line)
        if m:
            got |= set(re.findall(r"--" + opt, m.group(1)))
    return got

def read(path):
    try:
        return open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return ""

def from_man():
    got = set()
    for line in read(f"{src}/man/{name}.1").splitlines():
        if line.startswith(".It ") and " Fl " in line + " ":
            got |= set(re.findall(r"Fl (?:Fl |\\-)" + opt, line))
    return got

def from_bash():
    return set(re.findall(r"--" + opt, read(f"{src}/completions/{name}.bash")))

def from_zsh():
    text = read(f"{src}/completions/_{name}")
    text = re.sub(r"\[[^]\n]*\]", "", text)  # descriptions may name other options
    return set(re.findall(r"--" + opt, text))

def from_fish():
    got = set()
    for line in read(f"{src}/completions/{name}.fish").splitlines():
        if line.lstrip().startswith("complete "):
            got |= set(re.findall(r"\s(?:-l|--long-option)\s+'?" + opt, line))
    return got

def short_help():
    got = set()
    for line in open(name + ".help", encoding="utf-8"):
        m = re.match(r"\s+-([A-Za-z]), --" + opt, line)
        if m:
            got.add((m.group(1), m.group(2)))
    return got

def short_man():
    got = set()
    for line in read(f"{src}/man/{name}.1").splitlines():
        m = re.match(r"\.It Fl ([A-Za-z])\b.*?, Fl Fl " + opt, line)
        if m:
            got.add((m.group(1), m.group(2)))
    return got

def short_zsh():
    return set(re.findall(r"\{-([A-Za-z])\+?,--" + opt, read(f"{src}/completions/_{name}")))

def short_fish():
    return set(re.findall(r"\s-s\s+([A-Za-z])\s+-l\s+'?" + opt, read(f"{src}/completions/{name}.fish")))

help_opts = from_help()
if len(help_opts) < 3:
    sys.exit(f"{name}: found only {sorted(help_opts)} in --help; is its layout new?")
bad = 0
for where, got in (("man page", from_man()), ("bash completion", from_bash()),
                   ("zsh completion", from_zsh()), ("fish completion", from_fish())):
    for o in sorted(help_opts - got):
        print(f"{name}: --{o} is in --help but not in the {where}")
        bad = 1
    for o in sorted(got - help_opts):
        print(f"{name}: --{o} is in the {where} but not in --help")
        bad = 1
help_short = short_help()
if ("V", "version") not in help_short or ("h", "help") not in help_short:
    print(f"{name}: --help does not list -h, --help and -V, --version")
    bad = 1
for where, got in (("man page", short_man()), ("zsh completion", short_zsh()),
                   ("fish completion", short_fish())):
    for s, o in sorted(help_short ^ got):
        print(f"{name}: -{s} for --{o} is in " +
              (f"--help but not in the {where}" if (s, o) in help_short else f"the {where} but not in --help"))
        bad = 1
sys.exit(bad)
PY
done
for f in "$SRCDIR"/completions/*.bash; do
	bash -n "$f" || { echo "bash cannot read $f"; status=1; }
done
if command -v zsh >/dev/null; then
	for f in "$SRCDIR"/completions/_*; do
		zsh -n "$f" || { echo "zsh cannot read $f"; status=1; }
	done
fi
if command -v fish >/dev/null; then
	for f in "$SRCDIR"/completions/*.fish; do
		fish --no-execute "$f" || { echo "fish cannot read $f"; status=1; }
		# loaded, too: `complete -a` parses its candidates as a command line
		# when it runs, where a bare | is a pipe (trial 6/20); --no-execute
		# does not run it
		fish --no-config -c "source '$f'" >fish.out 2>&1 && [ ! -s fish.out ] ||
			{ echo "fish errs loading $f:"; cat fish.out; status=1; }
	done
fi
exit $status
