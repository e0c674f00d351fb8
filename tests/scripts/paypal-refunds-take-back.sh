#!/bin/sh
# PayPal's activity download end to end (trial 6/32): its payments, imported
# as purchases, and its refunds and chargebacks, imported as refunds naming
# the payments by Reference Txn ID, give fu-churn each payer's true spend:
# Marcus's payment refunded in full and Sara's charged back are no purchase,
# Tom keeps 89.99 - 20.00, Jane's two payments (her e-mail in two cases)
# are one customer's; Olivia's pending payment is none yet.  The payers,
# imported as contacts, carry the Name column's names.  Read back with
# Python's csv module.
set -eu
export TZ=UTC
pp=$EXAMPLES/exports/paypal-activity.csv
fu-import "$pp" >events.csv 2>/dev/null
fu-import --kind contacts "$pp" >contacts.csv 2>/dev/null
fu-churn --events events.csv --now 2026-04-01 contacts.csv >churn.csv 2>/dev/null
"$PY" - <<'P'
import csv, sys
got = {r["email"]: (r["first_name"], r["last_name"], r["frequency"], r["monetary"])
       for r in csv.DictReader(open("churn.csv", newline=""))}
want = {
    "jane.cooper@example.com": ("Jane", "Cooper", "2", "79.00"),
    "marcus.lee@example.net": ("Marcus", "Lee", "0", ""),
    "priya.n@example.org": ("Priya", "Natarajan", "1", "15.00"),
    "tbaker77@example.com": ("Tom", "Baker", "1", "69.99"),
    "olivia.chen@example.com": ("Olivia", "Chen", "0", ""),
    "sara.kim@example.com": ("Sara", "Kim", "0", ""),
}
if got != want:
    print("got ", got)
    print("want", want)
    sys.exit(1)
P
