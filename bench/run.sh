#!/bin/sh
# make bench: runs every bench/fu-*.sh in turn.  Each prints its own report:
# throughput and peak RSS of the fu program beside the tools users would pick
# instead, measured in the same run.  Data is generated under bench/data (ignored by git).
set -u
cd "$(dirname "$0")"
mkdir -p data
st=0
for b in fu-*.sh; do
	[ -f "$b" ] || continue
	echo "== $b"
	sh "./$b" || st=1
done
exit $st
