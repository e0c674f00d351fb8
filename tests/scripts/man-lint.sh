# Every man page is clean mdoc: mandoc -Tlint reports no warnings.
set -u
mandoc -Tlint -W warning "$SRCDIR"/man/*.[17]
