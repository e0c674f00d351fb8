# Compare NAME,VALUE lines (the file given as -v got=FILE) with the lines
# "NAME EXPECTED TOLERANCE" read from stdin; exit 1 naming each miss.
# Used by tests/scripts/clv-model.sh and churn-cdnow.sh:
#   awk -v got=fit.csv -f "$TESTS/tools/compare.awk" <<'X' ... X
BEGIN {
	FS = " "
	while ((getline l < got) > 0) {
		split(l, f, ",")
		v[f[1]] = f[2]
	}
}
{
	if (!($1 in v)) { print "missing " $1; bad = 1; next }
	d = v[$1] - $2
	if (d < 0) d = -d
	if (d > $3) { printf "%s = %s, expected %s within %s\n", $1, v[$1], $2, $3; bad = 1 }
}
END { exit bad }
