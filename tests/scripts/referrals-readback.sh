# The ledger and the candidates read back by Python's csv module: every row
# as wide as the header, balance = perks_owed - perks_given, credit = the
# levels weighted by the decay, the candidates keep the contacts' columns in
# order with reason appended, and the summary's claim counts add up.
set -eu
cd "$EXAMPLES"
fu-referrals -e referral-events.csv -n 2024-05-10 -d 3 --decay 0.5 -p '1:10,3:25,5:50' \
	<referral-contacts.csv >"$OLDPWD/ledger.csv" 2>"$OLDPWD/err.txt" || [ $? -eq 1 ]
fu-referrals -c -e referral-events.csv -n 2024-05-10 <referral-contacts.csv \
	>"$OLDPWD/cand.csv" 2>/dev/null
cp referral-contacts.csv "$OLDPWD/contacts.csv"
cd "$OLDPWD"
$PY - <<'PY'
import csv, re
rows = list(csv.reader(open("ledger.csv", newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
assert all(len(r) == len(head) for r in body)
assert head[:6] == ["id", "first_name", "last_name", "email", "referred", "converted"], head
assert head[6:10] == ["referred_2", "converted_2", "referred_3", "converted_3"], head
for r in map(lambda r: dict(zip(head, r)), body):
    assert abs(float(r["balance"]) - (float(r["perks_owed"]) - float(r["perks_given"]))) < 0.005, r
    credit = int(r["converted"]) + 0.5 * int(r["converted_2"]) + 0.25 * int(r["converted_3"])
    assert abs(float(r["credit"]) - credit) < 1e-4, r
    owed = sum(a for n, a in ((1, 10), (3, 25), (5, 50)) if credit >= n)
    assert abs(float(r["perks_owed"]) - owed) < 0.005, r
cand = list(csv.reader(open("cand.csv", newline="", encoding="utf-8")))
contacts = list(csv.reader(open("contacts.csv", newline="", encoding="utf-8")))
assert cand[0] == contacts[0] + ["reason"], cand[0]
byid = {r[0]: r for r in contacts[1:]}
for r in cand[1:]:
    assert r[:-1] == byid[r[0]], r
err = open("err.txt", encoding="utf-8").read().splitlines()[-1]
m = re.search(r"claims (\d+) = (.*?);", err)
assert m, err
assert int(m.group(1)) == sum(int(x) for x in re.findall(r"(\d+) [a-z]", m.group(2))), err
print("ledger and candidates read back:", len(body), "referrers,", len(cand) - 1, "candidates")
PY
