#!/bin/sh
# The package's debian/copyright (DEP-5) from the project's MIT LICENSE
# file: its copyright line and its text as the Expat licence.
set -eu
license=$1
holder=$(sed -n 's/^Copyright (c) //p' "$license" | head -1)
cat <<END
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: fu

Files: *
Copyright: $holder
License: Expat

License: Expat
END
# the licence text after its copyright line, blank lines as " ."
sed -n '/^Copyright/,$p' "$license" | sed '1d' | sed '/./,$!d' | sed 's/^$/./; s/^/ /'
