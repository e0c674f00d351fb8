# fu-referrals --graph renders with Graphviz (dot -Tsvg), and the SVG shows
# what the DOT says: a cluster per root referrer, converted contacts filled,
# every claim without credit drawn as a red edge with its state, the
# placeholders of keys that name nobody.  The example network is used.
set -eu
cd "$EXAMPLES"
fu-referrals --graph --events referral-events.csv --now 2024-05-10 <referral-contacts.csv \
	>"$OLDPWD/net.dot" 2>"$OLDPWD/err.txt" || [ $? -eq 1 ]
cd "$OLDPWD"
dot -Tsvg net.dot >net.svg
$PY - net.svg <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
groups = root.findall(".//s:g", ns)
def title(g):
    t = g.find("s:title", ns)
    return t.text if t is not None else ""
def texts(g):
    return [t.text for t in g.findall(".//s:text", ns)]
clusters = [g for g in groups if g.get("class") == "cluster"]
labels = sorted(texts(c)[0] for c in clusters)
assert labels == ["Aino Laine", "Antti Mattila"], labels
nodes = {texts(g)[0]: g for g in groups if g.get("class") == "node"}
filled = sorted(name for name, g in nodes.items()
                if any(p.get("fill") == "#b7e4c7" for p in g.findall("s:path", ns) + g.findall("s:polygon", ns)))
# the referred contacts who bought after their credited referral
assert filled == ["Jussi Mäkinen", "Kaisa Hämäläinen", "Mikko Virtanen", "Noora Salo", "Sanna Korhonen"], filled
edges = [g for g in groups if g.get("class") == "edge"]
def red(g):
    return any(p.get("stroke") == "#d62728" for p in g.findall("s:path", ns))
bad = sorted(" ".join(texts(g)) for g in edges if red(g))
assert bad == ["after purchase", "cycle", "cycle", "cycle", "second referrer", "self-referral",
               "to nobody", "to nobody", "unknown referrer"], bad
good = [g for g in edges if not red(g)]
assert len(good) == 6, len(good)           # the credited referrals
for key in ("c99", "(nobody)", "nobody@example.com"):
    assert key in nodes, key                # placeholders for keys naming nobody
print("svg ok:", len(nodes), "nodes,", len(edges), "edges")
PY
grep -q "claims 15 = 6 credited" err.txt
