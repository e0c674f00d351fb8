# Rings are found without recursion: one ring of 300,000 referrals, a tree
# hanging off it and a chain 200,000 long, under a 256 KiB stack.  Every
# ring referral loses its credit, the tree and the chain keep theirs.
set -eu
awk 'BEGIN {
	n = 300000
	print "id,referred_by"
	for (i = 1; i <= n; i++) printf "r%d,r%d\n", i, i == 1 ? n : i - 1
	print "t1,r5"; print "t2,t1"
	for (i = 1; i <= 200000; i++) printf "k%d,%s\n", i, i == 1 ? "" : "k" (i - 1)
}' >contacts.csv
(ulimit -s 256; fu-referrals --depth 3 <contacts.csv >ledger.csv 2>err.txt) && exit 1
tail -1 err.txt | grep -q "read 500002 contacts, rejected 0, wrote 500000 referrers; claims 500001 = 200001 credited + 0 repeat + 0 self-referral + 0 unknown referrer + 0 to nobody + 0 after purchase + 0 second referrer + 300000 cycle"
grep -c "is in a ring of 300000 referrals (r300000 -> r1 -> ... -> r300000)" err.txt | grep -qx 1
grep -q "and 299980 more like this (cycle)" err.txt
grep -qx "r5,,,,1,0,1,0,0,0,0,0.00,0.00,0.00,0.00," ledger.csv
grep -qx "k1,,,,1,0,1,0,1,0,0,0.00,0.00,0.00,0.00," ledger.csv
