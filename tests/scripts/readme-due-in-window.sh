#!/bin/sh
# A fu-schedule --due that README tells a user to run on the clock (no
# --now) gives a send window: without one a cron job mails at night
# (trials: the README's fu-schedule --due | fu-render had none).
set -eu
bad=$(grep -n 'fu-schedule .*\(--due\|-d \)' "$SRCDIR/README.md" | grep -v -e '--now\| -n \|  == ' |
	grep -v -e '--window\| -w ' || true)
[ -z "$bad" ] || { echo "README: fu-schedule --due without --window:"; echo "$bad"; exit 1; }
grep -q 'fu-schedule .*--due --window' "$SRCDIR/README.md"
