#!/bin/sh
# shard.sh N DIR CONTACTS [EVENTS]: split a contacts stream and its events
# log into N shards, DIR/0 .. DIR/N-1, each holding contacts.csv and
# events.csv (headers always, rows possibly none), so that every fu filter
# can run on each shard alone (with GNU parallel, on other machines) and the
# concatenated outputs are the single run's (README, "Past one machine").
#
# A contact and everything that joins it goes to one shard: its shard is a
# hash of a key, and an event follows its contact by the fu(7) join (the
# contact_id is the contact's id, else its e-mail, any case); an event that
# joins no contact goes by a hash of its contact_id.  With SHARD_BY=referral
# a whole referral tree (contacts linked by referred_by or referral events)
# shares a shard, as fu-referrals' ledger, rings and depth need.
#
# Two passes with Miller: the first reads the keys (and the referral claims)
# and writes DIR/routes.csv (key,shard); the second routes the rows.  Memory
# holds the keys, two per contact: for more than some tens of millions of
# contacts, do the same join in Spark or Hadoop (README).
set -eu
[ $# -ge 3 ] || { echo "usage: $0 N DIR CONTACTS [EVENTS]" >&2; exit 2; }
n=$1 dir=$2 contacts=$3 events=${4:-}
case $n in '' | *[!0-9]* | 0) echo "$0: N must be a whole number above 0" >&2; exit 2 ;; esac
by_referral=0
[ "${SHARD_BY:-contact}" = referral ] && by_referral=1
mkdir -p "$dir"

# The shard of a key: the first 24 bits of its MD5, modulo N.  A key is read
# as the join reads it (fu(7), Identity): blanks around it dropped, an
# e-mail's display form ("Anna <anna@x.fi>") or mailto: read as the address,
# lower-cased.
common='
func keyof(str s): str {
	var k = strip(s);
	if (k =~ "^[^<>]*<([^<>]*)>$") {
		k = strip("\1");
	}
	if (k =~ "^[Mm][Aa][Ii][Ll][Tt][Oo]:([^?]*)") {
		k = strip("\1");
	}
	return k =~ "@" ? tolower(k) : k;
}
func shardof(str k): int {
	return int("0x" . substr(md5(k), 0, 5)) % '"$n"';
}
'

# pass 1: union-find over keys; each contact unites its id and e-mail (and,
# by referral, whom it names in referred_by; a referral event unites its
# contact_id and item).  Every key is written with its tree root's shard.
mlr --infer-none --icsv --ocsv put -q "$common"'
func find(str k): str {
	var r = k;
	while (is_present(@up[r]) && @up[r] != r) {
		r = @up[r];
	}
	var x = k;
	while (x != r) { # path compression
		var next = @up[x];
		@up[x] = r;
		x = next;
	}
	return r;
}
subr unite(str a, str b) {
	if (a != "" && b != "") {
		var ra = find(a);
		var rb = find(b);
		if (ra != rb) {
			@up[rb] = ra;
		}
	}
}
if (FILENAME == "'"$contacts"'") {
	@keys[$id] = 1;
	if (!is_present(@up[$id])) {
		@up[$id] = $id;
	}
	if (keyof($id) != $id) { # an id with blanks around it
		@keys[keyof($id)] = 1;
		call unite($id, keyof($id));
	}
	if (is_present($email) && $email != "") {
		@keys[keyof($email)] = 1;
		call unite($id, keyof($email));
	}
	if ('"$by_referral"' == 1 && is_present($referred_by) && $referred_by != "") {
		call unite($id, keyof($referred_by));
	}
} elif ('"$by_referral"' == 1 && $type == "referral") {
	call unite(keyof($contact_id), keyof($item));
}
end {
	for (k, _ in @keys) {
		emit1 {"key": k, "shard": shardof(find(k))};
	}
}' "$contacts" ${events:+"$events"} >"$dir/routes.csv"

# pass 2: every shard gets both files with their headers, then the rows
i=0
while [ "$i" -lt "$n" ]; do
	mkdir -p "$dir/$i"
	sed -n 1p "$contacts" >"$dir/$i/contacts.csv"
	if [ -n "$events" ]; then sed -n 1p "$events" >"$dir/$i/events.csv"; fi
	i=$((i + 1))
done
route='
begin {
	@route = {};
}
if (FILENAME == "'"$dir/routes.csv"'") {
	@route[$key] = $shard;
} elif (FILENAME == "'"$contacts"'") {
	tee > "'"$dir"'/" . @route[$id] . "/contacts.csv", $*;
} else {
	var k = $contact_id;
	var s = is_present(@route[k]) ? @route[k] : is_present(@route[keyof(k)]) ? @route[keyof(k)] : shardof(k);
	tee > "'"$dir"'/" . s . "/events.csv", $*;
}'
mlr --infer-none --icsv --ocsv put -q "$common$route" "$dir/routes.csv" "$contacts" ${events:+"$events"}
