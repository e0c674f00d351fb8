# The Mustache engine (src/lib/mustache.c) against the official spec suite
# (tests/conformance/mustache, MIT): every required module and the optional
# ~inheritance and ~dynamic-names.  ~lambdas is skipped (not supported).
# Each file must run its full number of tests, all passing.
set -u
drv=$SRCDIR/tests/tools/mustache-spec
specs=$TESTS/conformance/mustache/specs
fail=0
for f in comments:12 delimiters:14 interpolation:42 inverted:22 partials:12 \
	sections:34 '~inheritance:27' '~dynamic-names:21'; do
	name=${f%:*} want=${f#*:}
	"$drv" "$specs/$name.json" >out.txt; st=$?
	got=$(grep -c '^ok' out.txt)
	if [ "$st" -ne 0 ] || [ "$got" -ne "$want" ]; then
		echo "$name: $got of $want passed (exit $st)"; grep -A3 '^FAIL' out.txt; fail=1
	fi
done
# The driver itself must be able to fail: a wrong expectation is reported.
sed 's/"expected": "Hello, world!\\n"/"expected": "Hello, world?\\n"/' "$specs/interpolation.json" >bad.json
"$drv" bad.json >out.txt && { echo "driver passed a wrong expectation"; fail=1; }
grep -q '^FAIL' out.txt || { echo "driver did not report FAIL"; fail=1; }
exit $fail
