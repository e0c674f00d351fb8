#!/bin/sh
# The example pipeline (make demo): sample CRM exports -> contacts and events
# -> the follow-up plan -> rendered messages; a referral network -> its
# ledger, candidates and graph; a shop's year of purchases -> who is slipping
# away.  Everything goes to examples/out/ (no tracked file is touched;
# `make pictures` copies the two pictures README shows to doc/).
set -eu
cd "$(dirname "$0")"
mkdir -p out
now=2024-05-10T09:00:00+03:00
# the sample shop is Finnish: times without an offset are Helsinki time
export TZ="${TZ:-Europe/Helsinki}"

echo "== fu-import: five contact exports (HubSpot, Pipedrive, Mailchimp, MiniCRM, Finnish)"
fu-import --rejects out/contact-rejects.csv \
	exports/hubspot-contacts.csv exports/pipedrive-people.csv \
	exports/mailchimp-audience.csv exports/minicrm-contacts.csv \
	exports/asiakkaat.csv >out/contacts-fi.csv

echo "== fu-import: the Swedish list, whose local phone numbers are Swedish"
fu-import --country SE --rejects out/contact-rejects-se.csv \
	exports/kunder.txt >out/contacts-se.csv

echo "== fu-import: both into one contacts stream, duplicates merged"
fu-import out/contacts-fi.csv out/contacts-se.csv >out/contacts.csv

echo "== fu-import: Shopify orders -> purchase events"
fu-import --kind events --rejects out/event-rejects.csv \
	exports/shopify-orders.csv >out/events.csv

echo "== fu-schedule: the plan for the next two weeks, as CSV and iCalendar"
fu-schedule --events out/events.csv --now "$now" --horizon 14d \
	<out/contacts.csv >out/tasks.csv
fu-schedule --events out/events.csv --now "$now" --horizon 14d --format ics \
	<out/contacts.csv >out/tasks.ics

echo "== fu-schedule --due | fu-render: what to send now, as an mbox"
fu-schedule --events out/events.csv --now "$now" --due --window 09:00-17:00 --business-days \
	<out/contacts.csv |
	fu-render --now "$now" --from "Shop <hello@example.com>" --format mbox >out/outbox.mbox

echo "== fu-referrals: the referral ledger, whom to ask, the graph (a sample network)"
# the network has a ring, a self-referral and other claims that earn no
# credit: each is reported, and the exit status is 1 (not a failure here)
refer() { fu-referrals --events referral-events.csv --now 2024-05-10 "$@" <referral-contacts.csv || [ $? -eq 1 ]; }
refer --perk '10 per converted' --depth 2 >out/ledger.csv 2>out/referrals.log
refer --candidates >out/referral-candidates.csv 2>>out/referrals.log
refer --graph >out/referrals.dot 2>>out/referrals.log
if command -v dot >/dev/null; then dot -Tsvg out/referrals.dot >out/referrals.svg; fi

echo "== fu-churn: who is slipping away, why, and what to do (a small coffee shop)"
fu-churn --events churn-events.csv --now 2026-03-10 --plot out/churn.svg \
	<churn-contacts.csv >out/health.csv 2>out/churn.log
echo "== fu-churn | fu-schedule | fu-render: the win-backs, rewards and feedback asks due"
fu-schedule --events churn-events.csv --now 2026-03-10 --due \
	--step win-back,loyalty-reward,feedback-ask <out/health.csv >out/churn-tasks.csv
fu-render --now 2026-03-10 --from "Shop <hello@example.com>" --format mbox \
	<out/churn-tasks.csv >out/churn-outbox.mbox

echo "== outputs in examples/out/:"
for f in out/*; do
	printf '  %-24s %6s lines\n' "${f#out/}" "$(wc -l <"$f")"
done
