#!/bin/sh
# fu-schedule from cron, around the clock: hand out the e-mails due now and
# list the calls for people.
#
# crontab line (in the directory with the data):
#   */30 * * * *  cd $HOME/crm && sh cron.sh >>cron.log 2>&1
# One line serves contacts in every zone: fu-schedule --due hands a task out
# only while its contact's send window (--window, in the contact's own tz
# column) is open on a business day (-b); a New York customer's thank-you
# waits for office hours in New York.  At most one e-mail a contact a local
# day (--max-per-contact 1, the default): a thank-you and a check-in due
# together go out on two days, the thank-you (service) first; the rest wait
# for the next window, never past their expiry.  A run every 30 minutes
# gives a lead created in office hours its first touch within 30 minutes:
# a task that fell due since the last run while its window was open goes out
# in this run even when the window has closed since (fu-schedule --interval:
# a lead created at 16:40, due 16:45, gets it at the 17:00 run, not the next
# morning).  FU_INTERVAL is the time between runs (default 30m): set it to
# the crontab's period if you change that.  Only a run in the minute the
# window closes catches up: where the runs do not fall on it (an hourly run
# is at 17:30 in Kolkata) the task waits for the next morning, never sent
# outside the window.
#
# E-mails: rendered into a temporary file beside outbox.mbox and appended to
# it (your mailer sends it) only when fu-render succeeded, then marked done by
# appending a followup event (item = the step, note = the task_id,
# value = what the task named -- its item: a purchase of the order's day
# logged after its thank-you went out is thanked for on its own --,
# contact_id = the contact's e-mail, else its id: a CRM id that changes keeps
# its marks) to the events log; nothing else keeps state, so a run repeated by cron, or run
# twice, hands out nothing twice and loses no mark.  A row fu-render rejects
# is not marked: it comes back on the next run; a failed run leaves the
# outbox as it was.  Marks are written with the log's own header (a log that
# fu-import made from an orders export keeps its extra columns, empty in the
# marks) and on a line of their own (a log whose last line has no line end
# gets one first); the e-mails and their marks go in together or not at
# all, in the order under "Sending" below, so a full disk or a run killed
# half-way sends nothing twice and loses nothing (but for the one window
# named there).  The log is only appended to, never replaced: lines people
# append by hand meanwhile stay.  A run whose events log has a followup or unsubscribe row
# fu-schedule cannot read hands out nothing (exit 2): those rows are what
# keeps a message from going out twice, or at all.  fu-schedule tells them
# (its reject reason begins "unsubscribe row:" or "followup row:" for every
# spelling fu(7) reads as one: opt-out, Unsubscribed, "Opted out " ...), so
# this script never guesses from the row's text.
#
# Marketing e-mails carry an opt-out: with FU_UNSUBSCRIBE (a URL template,
# e.g. https://shop.example/u?c={{id}}) a link and the List-Unsubscribe
# header, else a line asking to reply "stop".  fu-render keeps this for your
# own templates too (FU_TEMPLATES): a marketing step's e-mail whose template
# includes no {{> _optout}} (nor {{unsubscribe_url}}) is rejected, not sent,
# and so is one whose rendered message shows none (the partial inside a
# section false for the row, an empty _optout) or whose unsubscribe link
# would have an empty variable; each is
# named in the log and comes back on the next run.  Whoever reads such a
# reply records it:
#   sh cron.sh stop ID-OR-EMAIL     (appends an unsubscribe event under the
#                                    contact's e-mail and under its id; the
#                                    sender copied as "Anna <anna@x.fi>" or
#                                    mailto:anna@x.fi is read as the address;
#                                    a phone number, +358.., 00358.., 358..
#                                    or the national 040 ..., finds the
#                                    contact with that phone: an SMS STOP,
#                                    a "do not call me")
# and a customer who opts in again (ticks "send me offers" at checkout, asks
# for the newsletter back) is recorded the same way:
#   sh cron.sh subscribe ID-OR-EMAIL  (appends a subscribe event: the latest
#                                      of the two wins, fu(7) Consent)
# A referral perk paid by hand (a voucher mailed, a credit given in the
# shop) is recorded so that fu-referrals counts it in perks_given and its
# balance no longer owes it:
#   sh cron.sh reward ID-OR-EMAIL AMOUNT [WHAT]
#                                    (appends a reward event under the one
#                                     contact found as stop finds it: value
#                                     AMOUNT, as 10, 10.00, "10,00 EUR" or
#                                     EUR10; item WHAT, default "referral
#                                     reward"; each run records one reward,
#                                     two in one second too: the second's
#                                     note is "given by hand (2)")
#
# Calls are for people: the calls open now are written to calls.csv on
# every run (for a calendar: fu-schedule --format ics), never marked done
# here.
# Whoever made a call marks it done, whenever they get to it (after the
# window has closed, or on the next day, too):
#   sh cron.sh done TASK_ID        (the task_id column of calls.csv)
# which finds the call among the open tasks of the whole plan (task ids do
# not change) and appends the same followup event.
#
# Runs that overlap (a slow run still going when cron starts the next, or a
# `done` typed meanwhile) take turns: each holds an exclusive lock on
# EVENTS.lock (flock(1)) from reading the events log to its last mark, so
# the second sees the first one's marks: no task is handed out twice and no
# done mark is lost.  The lock is released when the run ends, however it ends.
#
# Orders: fu-import makes an orders log from the shop's exports, whole, each
# time a new export comes (keep them all and re-import them newest first:
# an order two exports hold is read once, as the first file names it, so a
# pending order paid since, or a paid one refunded since, is read as it is
# now: fu-import --contacts contacts.csv $(ls -r exports/orders-*.csv) > orders.csv;
# --contacts sends an order at a household's shared address to the one its
# billing name names, and --source-tz ZONE reads order times written without
# an offset in the shop's zone).  FU_ORDERS
# names it (several separated by spaces); it is read here, never written:
#   */30 * * * *  cd $HOME/crm && FU_FROM=hello@shop.fi FU_ORDERS=orders.csv sh cron.sh >>cron.log 2>&1
# The events log (FU_EVENTS, events.csv) is only appended to: done marks,
# opt-outs, tickets.  Never import over it: its marks are the only record of
# what was sent.  It may be kept in a spreadsheet: saved by Excel (a byte
# order mark, CRLF, ';' between fields, Windows-1252) it is read as saved,
# and marks are appended with its own delimiter and line ends, under the
# names of its header, never without a contact_id.  Each run records the
# opt-outs contacts.csv holds (its unsubscribed column, from the CRM or a
# newsletter export) as unsubscribe events, once each, so they hold when the
# export no longer lists the person (see the comment at that step); an
# opt-out the remade contacts.csv no longer has (the person re-subscribed:
# fu-import --previous undoes one only for a consent time after it) is
# followed by a subscribe event under the same keys.
#
# Consent: a contact is sent marketing unless a source says it opted out.
# A shop that needs opt-in (consent first: EU, UK, NZ, India, Canada) whose
# FU_CRM merges its newsletter's subscribers with its customer list names
# the subscribers' file as the list of consent, and every customer not in
# it gets service e-mails only, e.g.
#   FU_CRM="mc-subscribed.csv mc-unsubscribed.csv woo-customers.csv"
#   FU_CRM_ARGS="--opt-in-list mc-subscribed.csv"
#
# Contacts: FU_CRM names the CRM export(s) (several separated by spaces);
# when one is newer than contacts.csv, the run makes contacts.csv again from
# them with fu-import --previous contacts.csv, so a customer whose e-mail or
# CRM id changed keeps the old one in its aliases column, and with it the
# orders, done marks and opt-outs logged under it.  fu-import guesses the
# kind of an export from its header; FU_CRM_KIND=contacts makes it sure
# (--kind contacts: a CRM export whose header looks like orders or events,
# e.g. Zoho Books' "Contact ID" and "Created Time"), and FU_CRM_ARGS passes
# other options (e.g. "--map email=Work_Email --country SE").  An import
# that comes out as anything but contacts (an orders or events export named
# in FU_CRM) fails the run and keeps contacts.csv as it was.  Without
# FU_CRM, make it the same way yourself:
#   fu-import --previous contacts.csv export.csv >contacts.new && mv contacts.new contacts.csv
#
# Your own texts and plan: FU_TEMPLATES is a template directory (start one
# with fu-render --print-templates DIR and edit or add NAME.LANG.mustache
# files, e.g. check-in.de.mustache for German customers; keep {{> _optout}}
# in the marketing ones); FU_REFERRAL_URL a link template for the referral
# ask (e.g. https://shop.example/r?from={{id}}); FU_CADENCE a plan
# (fu-schedule --print-cadence > plan.csv, edited): its kind column (service
# or marketing) goes with each e-mail to fu-render, so a step you made
# service needs no opt-out.
#
# Time zone: a contact's send window and business days are in its tz
# column; a contact without one (a mailing list, an e-mail-only sheet) is
# served in TZ, which cron leaves as the server's zone -- UTC on most
# servers, evenings for a Finnish customer.  FU_TZ (e.g. Europe/Helsinki) is
# the shop's zone: exported as TZ for every program this script runs.  With
# neither FU_TZ nor TZ set, a run whose contacts lack a tz says so in the log.
# FU_SOURCE_TZ is the zone of the CRM export's times without an offset (a
# HubSpot "Create Date": the CRM account's zone), passed to fu-import
# --source-tz when FU_CRM is imported; without it they are read in each
# contact's own zone, and a New York lead made at 13:23 Helsinki time waits
# for its first touch until 13:23 in New York.
#
# Churn: when the plan has steps that go by fu-churn's columns (the default
# plan's win-back, loyalty-reward and feedback-ask: action == "win-back" ...;
# a FU_CADENCE whose conditions name risk, band, action ...), each run first
# judges the contacts with fu-churn (the same logs and clock) and plans from
# FU_HEALTH (default health.csv, made again each run): the contacts as they
# are, with fu-churn's columns joined by id, so a CRM refresh of
# contacts.csv loses nothing.  The model's fit is
# kept in FU_CHURN_PARAMS (default churn-params.csv) and redone once a day.
# FU_CHURN=no turns this off, FU_CHURN=yes runs it for any plan.
#
# FU_NOW pins the clock (for tests); FU_HOLIDAYS names the holidays CSVs
# (several separated by spaces or colons), each a calendar for everybody
# unless scoped: "FI=holidays-fi.csv US=holidays-us.csv" makes Finnish
# holidays hold only for contacts in Finland (by their tz) and American
# ones only in the US, and a file's country or tz column scopes each row
# (fu-schedule(1) --holidays);
# FU_FROM is the From address of the e-mails (default $EMAIL; one of them
# must be set: cron has neither, and replies to a made-up address are lost);
# FU_MAX_PER_OWNER caps the calls of each owner (a salesperson) a day
# (default 40; empty: no cap): what a person does.  E-mails are sent here
# for the shop, whoever owns the contact: never held by it, so a one-person
# CRM naming its founder on every contact still thanks every order.
# Contacts without an owner -- a web shop's customers -- are not capped.
set -eu
# ifs_of FILE: the delimiter of a CSV file as a spreadsheet may have saved
# it, named for mlr --ifs: a comma, unless its header has none and a
# semicolon (Excel in a locale with a decimal comma) or a tab -- as the fu
# programs read it (fu(7) CSV DIALECT)
tab=$(printf '\t')
ifs_of() {
	case $(head -n 1 "$1" | tr -d '\r"') in
	*,*) echo comma ;;
	*";"*) echo semicolon ;;
	*"$tab"*) echo tab ;;
	*) echo comma ;;
	esac
}
# contacts_csv FILE: a contacts list as plain CSV (commas), its fu(7)
# columns read here named as the programs read them: with other capitals or
# blanks around them ("ID", " Email ") they are those columns, unless the
# file has the exact name too (fu(7) CSV DIALECT, as fu-schedule and
# fu-churn read it)
contacts_csv() {
	rules=
	for c in $(mlr --icsv --ifs "$(ifs_of "$1")" --implicit-csv-header --ojson head -n 1 then put -q '
		names = {}; for (k, v in $*) { names[v] = 1 }
		for (c in ["id", "email", "phone", "tz", "unsubscribed", "aliases"]) {
			if (!haskey(names, c)) { for (k, v in $*) { if (tolower(strip(v)) == c) { print c; break } } }
		}' "$1" 2>/dev/null); do
		rules="$rules${rules:+,}\"^[ \\t]*${c}[ \\t]*\$\"i,$c"
	done
	if [ -n "$rules" ]; then
		mlr --icsv --ifs "$(ifs_of "$1")" --ocsv rename -r "$rules" "$1"
	else
		mlr --icsv --ifs "$(ifs_of "$1")" --ocsv cat "$1"
	fi
}

# FU_TZ: the shop's zone, for every program below (contacts without a tz)
if [ -n "${FU_TZ:-}" ]; then
	TZ=$FU_TZ
	export TZ
fi
contacts=${FU_CONTACTS:-contacts.csv}
events=${FU_EVENTS:-events.csv}
# the logs fu-import makes from the shop's exports (replaced on each import,
# never written here); FU_ORDERS may list several, separated by spaces
logs=
for f in ${FU_ORDERS:-}; do
	[ -e "$f" ] || { echo "cron.sh: $f: no such orders log (FU_ORDERS)" >&2; exit 2; }
	logs="$logs --events $f"
done
# the holidays calendars, each its own --holidays
holidays=
for f in $(printf '%s' "${FU_HOLIDAYS:-}" | tr ':' ' '); do
	[ -e "$f" ] || [ -e "${f#*=}" ] || { echo "cron.sh: ${f#*=}: no such holidays file (FU_HOLIDAYS)" >&2; exit 2; }
	holidays="$holidays --holidays $f"
done
# FU_CADENCE: the plan, if not the built-in one
cadence=
if [ -n "${FU_CADENCE:-}" ]; then
	[ -e "$FU_CADENCE" ] || { echo "cron.sh: $FU_CADENCE: no such cadence file (FU_CADENCE)" >&2; exit 2; }
	cadence=" --cadence $FU_CADENCE"
fi
# FU_TEMPLATES: the shop's own templates
if [ -n "${FU_TEMPLATES:-}" ] && [ ! -d "$FU_TEMPLATES" ]; then
	echo "cron.sh: $FU_TEMPLATES: no such template directory (FU_TEMPLATES)" >&2; exit 2
fi
exec 9>>"$events.lock"
flock 9
# FU_CRM: the CRM export(s) contacts.csv is made from, made again when one
# is newer than it, with --previous: a contact whose e-mail or CRM id changed
# keeps the old one as an alias, so its orders, marks and opt-outs stay its own
if [ -n "${FU_CRM:-}" ]; then
	stale=
	for f in $FU_CRM; do
		[ -e "$f" ] || { echo "cron.sh: $f: no such CRM export (FU_CRM)" >&2; exit 2; }
		if [ ! -e "$contacts" ] || [ -n "$(find "$f" -prune -newer "$contacts")" ]; then stale=1; fi
	done
	if [ -n "$stale" ]; then
		ist=0
		prev=
		[ -s "$contacts" ] && prev=$contacts
		# shellcheck disable=SC2086
		fu-import ${prev:+--previous "$prev"} ${FU_SOURCE_TZ:+--source-tz "$FU_SOURCE_TZ"} \
			${FU_CRM_KIND:+--kind "$FU_CRM_KIND"} ${FU_CRM_ARGS:-} \
			$FU_CRM >"$contacts.new" || ist=$?
		if [ "$ist" -gt 1 ]; then
			rm -f "$contacts.new"
			echo "$(date -u +%FT%TZ) fu-import failed (exit $ist); $contacts kept as it was" >&2
			exit "$ist"
		fi
		# a contacts stream starts with the id column; an events stream
		# (an export guessed as orders or events) must not replace it
		if [ "$(head -c 3 "$contacts.new")" != "id," ]; then
			rm -f "$contacts.new"
			echo "$(date -u +%FT%TZ) cron.sh: FU_CRM ($FU_CRM) was read as events, not contacts;" \
				"$contacts kept as it was (FU_CRM_KIND=contacts if it is a contacts export)" >&2
			exit 2
		fi
		# opt-outs the new list no longer has: fu-import --previous keeps
		# every opt-out unless an export gave a consent time after it (a
		# re-subscription), so these people opted in again; logged below as
		# subscribe events, after the unsubscribe events logged for them
		if [ -n "$prev" ]; then
			contacts_csv "$prev" >previous.tmp 2>/dev/null || : >previous.tmp
			mlr --icsv --ocsv put -q 'begin { @old = {} }
				lu = tolower(strip($unsubscribed ?? ""));
				mail = tolower(strip($email ?? "")); id = strip($id ?? "");
				if (FILENUM == 1) {
					if (lu != "" && !(lu =~ "^(no|n|false|0|ei|nej|nein|non|nee|no-consent)$")) {
						if (mail != "") { @old[mail] = 1 }
						if (id != "") { @old[id] = 1 }
					}
				} elif (lu == "") {
					keys = {};
					if (haskey(@old, mail) || haskey(@old, id)) { keys[mail] = 1; keys[id] = 1 }
					for (alias in splitax(strip($aliases ?? ""), ";")) {
						k = strip(alias); if (k =~ "@") { k = tolower(k) }
						if (haskey(@old, k)) { keys[k] = 1; keys[mail] = 1; keys[id] = 1 }
					}
					for (k, v in keys) { if (k != "") { emit1 {"contact_id": k} } }
				}' previous.tmp "$contacts.new" >resubscribed.tmp 2>/dev/null || : >resubscribed.tmp
			rm -f previous.tmp
		fi
		mv "$contacts.new" "$contacts"
	fi
fi
# Marks are keyed by the contact's e-mail, so a CRM id that changes keeps
# them; an address two contacts share (a household, info@) would join the
# first of them only, so theirs are keyed by the id
FU_SHARED_ADDR=$(contacts_csv "$contacts" 2>/dev/null | mlr --icsv --onidx put -q 'if (strip($email ?? "") != "") { @n[tolower(strip($email))] += 1 }
	end { for (k, v in @n) { if (v > 1) { print k } } }' 2>/dev/null | tr '\n' ' ')
export FU_SHARED_ADDR
# never made up: a mistyped path would be an empty log, every mark lost
[ -e "$events" ] || { echo "cron.sh: $events: no events log (a new shop starts one with:" \
	"echo contact_id,when,type,value,item,note > $events)" >&2; exit 2; }
now=${FU_NOW:-$(date +%Y-%m-%dT%H:%M:%S%z | sed 's/\(..\)$/:\1/')}
plan="--window 09:00-17:00 --business-days$holidays$cadence"
# a task row (e-mail or call) made into its done mark: a followup event,
# keyed as the comment on FU_SHARED_ADDR says
mark='begin { @shared = {}; for (e in splitax(ENV["FU_SHARED_ADDR"], " ")) { @shared[e] = 1 } }
	$contact_id = is_present($email) && strip($email) != "" && !haskey(@shared, tolower(strip($email))) ? strip($email) : strip($id);
	$when = "'"$now"'"; $type = "followup"; $value = $item; $item = $step; $note = $task_id'

# The events log is only ever appended to, in place, never replaced: the
# README asks people to append tickets and opt-outs to it by hand, and a
# line they append while cron.sh runs (cron.sh's lock is not theirs) must
# not be lost.  The events to log are formatted into EVENTS.add beside the
# log (beside the file a symlinked log points to), then appended with one
# write and synced, under cron.sh's lock.  A full disk, a quota or an I/O
# error: a partial append is cut off again (only when nothing but our own
# bytes follow the log's old end), the log is as it was, and it is named.
events_real=$(readlink -f "$events")
events_add=$events_real.add

# stage_events FILE: the event rows of FILE (CSV with the event columns)
# into EVENTS.add, in the log's own columns, on lines of their own, in its
# own dialect: a log saved by a spreadsheet (a byte order mark, CRLF line
# ends, ';' between fields) gets its marks written as the rest of it is,
# by the names of its header as the programs read them.  A row without its
# key (contact_id) is never written: it would be nobody's mark or opt-out.
stage_events() {
	rm -f "$events_add" "$events_add.hdr" "$events_add.csv"
	if [ -n "$(mlr --icsv --onidx filter 'strip($contact_id ?? "") == ""' then cut -f when "$1")" ]; then
		echo "$(date -u +%FT%TZ) cron.sh: an event to log has no contact_id; nothing appended to $events" >&2
		return 2
	fi
	pst=0
	stage_rows "$1" || pst=$?
	rm -f "$events_add.hdr" "$events_add.csv"
	[ "$pst" -eq 0 ] && return 0
	rm -f "$events_add"
	if [ "$pst" -eq 3 ]; then
		echo "$(date -u +%FT%TZ) cron.sh: $events: its header has no contact_id column; nothing appended" >&2
	else
		echo "$(date -u +%FT%TZ) cron.sh: $events: the events could not be written beside it (see above:" \
		     "a full disk, a quota?); nothing appended, the log is as it was" >&2
	fi
	return 2
}
stage_rows() {
	if [ ! -s "$events_real" ]; then
		mlr --icsv --ocsv cat "$1" >"$events_add" || return 2
		return 0
	fi
	ifs=$(ifs_of "$events_real")
	# the header as CSV (mlr drops the byte order mark and the CR), its
	# event columns named as the programs read them ("Contact_ID ")
	mlr --icsv --ifs "$ifs" --ocsv --implicit-csv-header --headerless-csv-output head -n 1 \
		then put 'for (k, v in $*) { if (tolower(strip(v)) =~ "^(contact_id|when|type|value|item|note)$") {
			$[k] = tolower(strip(v)) } }' "$events_real" >"$events_add.hdr" || return 2
	grep -q '\(^\|,\)contact_id\(,\|$\)' "$events_add.hdr" || return 3
	eol=; if head -n 1 "$events_real" | grep -q "$(printf '\r')\$"; then eol=$(printf '\r'); fi
	mlr --icsv --ocsv --ofs "$ifs" --headerless-csv-output template -t "$events_add.hdr" "$1" \
		>"$events_add.csv" || return 2
	sed "s/\$/$eol/" "$events_add.csv" >"$events_add" || return 2
}
# write_events: EVENTS.add appended to the log in one write (after a line
# end when the log's last line has none, as a hand edit may leave it), then
# synced; EVENTS.add removed either way
write_events() {
	wst=0
	old=$(stat -c %s "$events_real") || wst=2
	if [ "$wst" -eq 0 ] && [ "$old" -gt 0 ] && [ -n "$(tail -c 1 "$events_real")" ]; then
		eol=; if head -n 1 "$events_real" | grep -q "$(printf '\r')\$"; then eol=$(printf '\r'); fi
		{ printf '%s\n' "$eol" && cat "$events_add"; } >"$events_add.w" && mv -f "$events_add.w" "$events_add" || wst=2
	fi
	if [ "$wst" -eq 0 ]; then
		add=$(stat -c %s "$events_add")
		if cat "$events_add" >>"$events_real" && sync "$events_real"; then
			rm -f "$events_add" "$events_add.w"
			return 0
		fi
		# a partial append cut off, when nothing but our own bytes follow
		cur=$(stat -c %s "$events_real" 2>/dev/null || echo 0)
		if [ "$cur" -gt "$old" ] && [ "$cur" -le $((old + add)) ]; then
			truncate -s "$old" "$events_real" 2>/dev/null && sync "$events_real" 2>/dev/null || :
		fi
	fi
	rm -f "$events_add" "$events_add.w"
	echo "$(date -u +%FT%TZ) cron.sh: $events: the events could not be written to it (see above:" \
	     "a full disk, a quota?); nothing appended, the log is as it was" >&2
	return 2
}
# append_events FILE: the rows of FILE logged, all of them or none
append_events() {
	[ -s "$1" ] || return 0
	stage_events "$1" && write_events
}

# Sending, in this order, so that no e-mail goes out twice or never, at
# whatever point a run stops (a write fails, it is killed, the machine
# goes down).  outbox.journal is one line, "STATE SIZE" (SIZE: outbox.mbox's
# size before this run's e-mails), always written whole (a synced copy
# renamed over it); outbox.marks holds the run's done marks.
#  1. the e-mails are rendered into outbox.tmp, their marks formatted for
#     the log (EVENTS.add) and copied to outbox.marks; both synced.  A
#     failure: nothing sent, nothing marked.
#  2. outbox.journal says "prepared SIZE".
#  3. outbox.tmp is appended to outbox.mbox, which is synced.  A failure:
#     the outbox cut back to SIZE, nothing sent, nothing marked.
#  4. outbox.journal says "appended SIZE": from now on these e-mails are
#     never appended again.  A failure: the outbox cut back, as in 3.
#  5. the marks are appended to the log (write_events).  A failure: the
#     outbox cut back to SIZE, the journal removed, nothing sent, nothing
#     marked; when the mailer has taken the outbox meanwhile (it is no
#     longer SIZE plus ours) the e-mails are out: the journal is kept and
#     the next run appends the marks.
#  6. outbox.journal, outbox.marks and outbox.tmp are removed.
# The next run (any, `stop` and `done` too) first finishes one that stopped
# (below), under the lock:
#  - "appended": the marks of outbox.marks not yet in the log (by their task
#    id) are appended; the e-mails are never appended again, so a mailer
#    that emptied the outbox meanwhile sends none twice.
#  - "prepared": when outbox.mbox is SIZE followed by the whole of
#    outbox.tmp, the append was complete: synced, recorded, and finished as
#    "appended".  Otherwise a partial append is cut off (outbox.mbox back to
#    SIZE) and nothing is marked: the e-mails come back in this run.
#  - no journal (stopped before 2, or after 6): nothing to finish.
# The window that remains: a run killed after 3 but before 4 whose outbox
# the mailer empties before the next run (or cuts short): the next run
# cannot tell those e-mails went out, and they go out again, once; a
# partial append the mailer takes is a broken message.  A power cut
# before the journal's rename reached the disk is a run stopped earlier.
journal() {
	printf '%s %s\n' "$1" "$2" >outbox.journal.tmp && sync outbox.journal.tmp &&
		mv -f outbox.journal.tmp outbox.journal && sync . 2>/dev/null
}
# cut_outbox SIZE TMPSIZE: outbox.mbox back to SIZE when what follows SIZE
# is (a part of) this run's e-mails alone; fails when it is not
cut_outbox() {
	ocur=$(stat -c %s outbox.mbox 2>/dev/null || echo 0)
	[ "$ocur" -eq "$1" ] && return 0
	[ "$ocur" -gt "$1" ] && [ "$ocur" -le $(($1 + $2)) ] && truncate -s "$1" outbox.mbox && sync outbox.mbox
}
if [ -e outbox.journal ]; then
	jstate= jsize=
	read -r jstate jsize <outbox.journal || :
	tsize=$(stat -c %s outbox.tmp 2>/dev/null || echo 0)
	case $jsize in '' | *[!0-9]*) jstate=bad ;; esac
	if [ "$jstate" = prepared ]; then
		cur=$(stat -c %s outbox.mbox 2>/dev/null || echo 0)
		if [ "$tsize" -gt 0 ] && [ "$cur" -eq $((jsize + tsize)) ] && cmp -s -i "$jsize:0" outbox.mbox outbox.tmp; then
			if ! { sync outbox.mbox && journal appended "$jsize"; }; then
				echo "$(date -u +%FT%TZ) cron.sh: the last run stopped between outbox.mbox and its done marks," \
				     "and outbox.journal cannot be written now (see above); nothing handed out" >&2
				exit 2
			fi
			jstate=appended
		else
			cut_outbox "$jsize" "$tsize" || :
			echo "$(date -u +%FT%TZ) cron.sh: the last run stopped before its e-mails were in outbox.mbox:" \
			     "nothing of it sent, nothing marked; they are handed out again" >&2
		fi
	fi
	if [ "$jstate" = appended ]; then
		: >marks.tmp
		if [ -s outbox.marks ]; then
			{ head -n 1 outbox.marks
			  mlr --icsv --onidx cut -f note outbox.marks | while read -r id; do
				[ -n "$id" ] || continue
				grep -qF "$id" "$events_real" || grep -- ",$id\$" outbox.marks || :
			  done; } >marks.tmp
			[ "$(wc -l <marks.tmp)" -gt 1 ] || : >marks.tmp
		fi
		if ! append_events marks.tmp; then
			rm -f marks.tmp
			echo "$(date -u +%FT%TZ) cron.sh: the last run stopped between outbox.mbox and its done marks," \
			     "and they cannot be written now (see above); nothing handed out" >&2
			exit 2
		fi
		rm -f marks.tmp
		echo "$(date -u +%FT%TZ) cron.sh: the last run stopped between outbox.mbox and its done marks:" \
		     "its e-mails are in the outbox once and marked now" >&2
	fi
fi
rm -f outbox.journal outbox.journal.tmp outbox.tmp outbox.marks "$events_add" "$events_add.w"

# key_of ARG: the key as fu(7) reads an event's (and fu-import a contact's
# e-mail): blanks around it dropped, the address of a display form ("Anna
# Berg <anna@x.fi>", as a mail client copies the sender of a reply) or of
# mailto:anna@x.fi; exits 2 for one that is no id or e-mail
key_of() {
	key=$(printf '%s' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/^[^<>]*<\([^<>]*\)>$/\1/' \
		-e 's/^[Mm][Aa][Ii][Ll][Tt][Oo]:\([^?]*\).*$/\1/' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
	if [ -z "$key" ] || printf '%s' "$key" | grep -q '[",\\[:cntrl:]]' || [ "$(printf '%s\n' "$1" | wc -l)" -ne 1 ]; then
		echo "cron.sh: $1: not an id or e-mail" >&2; exit 2
	fi
}
# contacts_with KEY: "EMAIL<TAB>ID" of each contact that has KEY as its id,
# e-mail, alias or phone (one line a contact; either may be empty)
contacts_with() {
	contacts_csv "$contacts" 2>/dev/null | FU_STOP_KEY=$1 mlr --icsv --onidx put -q 'k = ENV["FU_STOP_KEY"]; lk = tolower(k);
		e = tolower(strip($email ?? "")); i = strip($id ?? "");
		hit = e == lk || i == k;
		# a phone number, as the customer or an SMS STOP gives it: +358..,
		# 00358.., 358.. or the national 040 ..., matched with the contact phone
		# (E.164, as fu-import writes it)
		kd = gsub(k, "[^0-9]", ""); pd = gsub(strip($phone ?? ""), "[^0-9]", "");
		national = false;
		if (k =~ "^[+]?[0-9 ().-]+$" && strlen(kd) >= 6 && pd != "") {
			full = sub(kd, "^00", ""); nat = sub(kd, "^0", "");
			if (full == pd || (strlen(kd) == 10 && pd == "1" . kd)) { hit = true } # (NANP: no trunk 0)
			if (k =~ "^ *[(]?0[^0]" && pd =~ nat . "$" && strlen(pd) - strlen(nat) >= 1 && strlen(pd) - strlen(nat) <= 3) { hit = true }
			# the national number without a trunk 0, as India writes its
			# mobiles ("98009 10009"): the digits of the contact phone after its
			# calling code, when one number alone has them (below)
			national = k =~ "^ *[(]?[1-9]" && strlen(kd) >= 8 && strlen(pd) - strlen(kd) >= 1 &&
			           strlen(pd) - strlen(kd) <= 3 && pd =~ kd . "$";
		}
		for (a in splitax($aliases ?? "", ";")) { if (strip(a) == k || tolower(strip(a)) == lk) { hit = true } }
		if (hit) { @hit = true; print e . "\t" . i }
		elif (national) { @numbers[pd] = true; @by_number[NR] = [e, i] }
		end { if (is_absent(@hit) && length(@numbers) == 1) { for (n, ei in @by_number) {
			print ei[1] . "\t" . ei[2] } } }' 2>/dev/null
}

# sh cron.sh stop ID-OR-EMAIL: a customer opted out; subscribe: opted in again
if [ "${1:-}" = stop ] || [ "${1:-}" = subscribe ]; then
	[ $# -eq 2 ] && [ -n "$2" ] || { echo "usage: sh cron.sh $1 ID-OR-EMAIL" >&2; exit 2; }
	key_of "$2"
	if [ "$1" = stop ]; then type=unsubscribe why="replied stop"; else type=subscribe why="opted in again"; fi
	# only a contact's own id or e-mail, or one of its aliases: an opt-out
	# keyed by anything else (a typo, an address the contacts do not have)
	# would match nobody and change nothing.  Recorded under the e-mail and the id of
	# every contact that has the key, so it holds when the CRM changes either
	# (and the other one is carried on as an alias by fu-import --previous)
	who=$(contacts_with "$key" | tr '\t' '\n' | awk 'NF && !seen[$0]++')
	[ -n "$who" ] || { echo "cron.sh: $2: no contact has this id, e-mail, phone or alias in $contacts; nothing recorded" >&2; exit 1; }
	{ echo contact_id,when,type,value,item,note
	  printf '%s\n' "$who" | while IFS= read -r k; do printf '%s,%s,%s,,,%s\n' "$k" "$now" "$type" "$why"; done
	} >stop.tmp
	append_events stop.tmp || { rm -f stop.tmp; exit 2; }
	rm -f stop.tmp
	if [ "$type" = subscribe ]; then
		# the CRM export's opt-out without a date wins over any event (fu(7),
		# Consent): the opt-in counts only once the CRM clears it
		printf '%s\n' "$who" >keys.tmp
		if contacts_csv "$contacts" 2>/dev/null | mlr --icsv --onidx put -q 'if (strip(tolower($unsubscribed ?? "")) =~ "^(yes|y|true|1)$") {
			if (strip($email ?? "") != "") { print tolower(strip($email)) } if (strip($id ?? "") != "") { print strip($id) } }' \
			2>/dev/null | grep -qFx -f keys.tmp; then
			echo "cron.sh: $2: opt-in recorded, but $contacts says unsubscribed (yes): that opt-out wins" \
			     "until it is cleared in the CRM" >&2
		fi
		# fu-import --opt-in-list's no-consent (on no list of consent) wins
		# as well: the consent that counts is the list's
		if contacts_csv "$contacts" 2>/dev/null | mlr --icsv --onidx put -q 'if (strip(tolower($unsubscribed ?? "")) == "no-consent") {
			if (strip($email ?? "") != "") { print tolower(strip($email)) } if (strip($id ?? "") != "") { print strip($id) } }' \
			2>/dev/null | grep -qFx -f keys.tmp; then
			echo "cron.sh: $2: opt-in recorded, but $contacts says unsubscribed (no-consent): on no list" \
			     "of consent (FU_CRM_ARGS --opt-in-list), which wins until the person joins the list" >&2
		fi
		rm -f keys.tmp
	fi
	exit 0
fi

# sh cron.sh reward ID-OR-EMAIL AMOUNT [WHAT]: a perk given by hand, logged
# once as a reward event under the contact's key as marks are (its e-mail,
# else its id; the id for an address several contacts share), for
# fu-referrals' perks_given: only for exactly one contact, so that it is
# counted for the one who got it, and once
if [ "${1:-}" = reward ]; then
	{ [ $# -eq 3 ] || [ $# -eq 4 ]; } && [ -n "$2" ] ||
		{ echo "usage: sh cron.sh reward ID-OR-EMAIL AMOUNT [WHAT]" >&2; exit 2; }
	key_of "$2"
	# an amount as fu(7) reads one: digits with a decimal point or comma, a
	# currency's sign or code before or after ("10", "10,00 EUR", "EUR10")
	amount=$(printf '%s' "$3" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
	if [ "$(printf '%s\n' "$3" | wc -l)" -ne 1 ] ||
	   ! printf '%s' "$amount" | grep -Eq '^([A-Za-z]{3} ?|[^0-9[:space:],.+-]{1,3} ?)?[0-9]+([.,][0-9]+)?( ?[A-Za-z]{3}| ?[^0-9[:space:],.+-]{1,3})?$'; then
		echo "cron.sh: $3: not an amount (as 10, 10.00, \"10,00 EUR\" or EUR10)" >&2; exit 2
	fi
	what=${4:-referral reward}
	if [ "$(printf '%s\n' "$what" | wc -l)" -ne 1 ] || printf '%s' "$what" | grep -q '[[:cntrl:]]'; then
		echo "cron.sh: $what: not one line" >&2; exit 2
	fi
	contacts_with "$key" | awk 'NF && !seen[$0]++' >who.tmp
	n=$(wc -l <who.tmp)
	if [ "$n" -ne 1 ]; then
		rm -f who.tmp
		if [ "$n" -eq 0 ]; then
			echo "cron.sh: $2: no contact has this id, e-mail, phone or alias in $contacts; nothing recorded" >&2
		else
			echo "cron.sh: $2: $n contacts have it in $contacts; nothing recorded (give the contact's id)" >&2
		fi
		exit 1
	fi
	email=$(cut -f 1 who.tmp) id=$(cut -f 2 who.tmp)
	rm -f who.tmp
	case " $FU_SHARED_ADDR " in *" $email "*) k=${id:-$email} ;; *) k=${email:-$id} ;; esac
	# a reward the log has at this second already (another given in the
	# same second: a reward of the same amount, item and note would be
	# read as that one logged twice, fu(7)) gets a note of its own, so
	# that each counts; under the lock, so two at once count too
	note="given by hand"
	n=$( { grep -F -- "$now" "$events" 2>/dev/null || :; } | grep -F -- ',reward,' | grep -F -i -c -- "$k" || :)
	[ "${n:-0}" -eq 0 ] || note="given by hand ($((n + 1)))"
	FU_REWARD_KEY=$k FU_REWARD_AMOUNT=$amount FU_REWARD_WHAT=$what FU_REWARD_NOTE=$note mlr -n --ocsv put 'end {
		emit1 {"contact_id": ENV["FU_REWARD_KEY"], "when": "'"$now"'", "type": "reward",
		       "value": ENV["FU_REWARD_AMOUNT"], "item": ENV["FU_REWARD_WHAT"], "note": ENV["FU_REWARD_NOTE"]} }' >reward.tmp
	append_events reward.tmp || { rm -f reward.tmp; exit 2; }
	rm -f reward.tmp
	exit 0
fi

# Opt-ins again: contacts whose opt-out the new contacts.csv no longer has
# (fu-import --previous undoes one only for a consent time after it: the
# person re-subscribed in the newsletter tool) get a subscribe event under
# each key their opt-out was logged by, so the logged unsubscribe is undone
# (fu(7), Consent: the latest wins).
if [ -s resubscribed.tmp ]; then
	mlr --icsv --ocsv head -n 1 -g contact_id then put '$when = "'"$now"'"; $type = "subscribe"; $value = "";
		$item = ""; $note = "subscribed again in the export (its opt-out undone by fu-import --previous)"' \
		resubscribed.tmp >resub-events.tmp
	append_events resub-events.tmp || { rm -f resubscribed.tmp resub-events.tmp; exit 2; }
	echo "$(date -u +%FT%TZ) cron.sh: $(($(wc -l <resub-events.tmp) - 1)) opt-ins again (keys of contacts" \
	     "whose opt-out the export undid) recorded in $events" >&2
fi
rm -f resubscribed.tmp resub-events.tmp

# Opt-outs read from the contacts (a CRM or newsletter export's
# unsubscribed column) are recorded in the events log, once each, so they
# hold when the export no longer lists the person (Mailchimp archives
# unsubscribed contacts; a file dropped from FU_CRM): an unsubscribe event
# under the contact's e-mail and under its id, at the export's date (else
# now, for a bare "yes": then only if the log has no opt-out or opt-in of
# that contact yet).  An opt-in afterwards is recorded with sh cron.sh
# subscribe, which is later and wins (fu(7), Consent).
if [ $# -eq 0 ] && head -n 1 "$contacts" | tr 'A-Z' 'a-z' | grep -q 'unsubscribed'; then
	eifs=$(ifs_of "$events")
	mlr --icsv --ifs "$eifs" --ocsv rename -r '"^ *contact_id *$"i,contact_id,"^ *when *$"i,when,"^ *type *$"i,type' \
		then filter 'is_present($contact_id) && is_present($type) && tolower($type) =~ "sub|opt"' \
		then cut -o -f contact_id,when,type "$events" >consent.tmp 2>/dev/null || : >consent.tmp
	{ contacts_csv "$contacts" | mlr --icsv --ocsv cut -o -f id,email,unsubscribed; } >optouts.tmp 2>/dev/null ||
		: >optouts.tmp
	[ -s consent.tmp ] || echo contact_id,when,type >consent.tmp
	if [ -s optouts.tmp ]; then
		FU_STICKY_NOW=$now mlr --icsv --ocsv put -q 'begin { @any = {}; @at = {} }
		if (is_present($type)) {
			k = strip($contact_id); if (k =~ "@") { k = tolower(k) }
			@any[k] = 1;
			if (tolower(strip($type)) == "unsubscribe") { @at[k . " " . strip($when)] = 1 }
		} else {
			u = strip($unsubscribed ?? ""); lu = tolower(u);
			if (u != "" && !(lu =~ "^(no|n|false|0|ei|nej|nein|non|nee|no-consent)$")) {
				dated = (u =~ "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]");
				keys = [tolower(strip($email ?? "")), strip($id ?? "")];
				for (k in keys) {
					if (k == "") { continue }
					if (dated && !haskey(@at, k . " " . u)) {
						emit1 {"contact_id": k, "when": u, "type": "unsubscribe", "value": "", "item": "",
						      "note": "unsubscribed in the contacts (the export said so)"}
					} elif (!dated && !haskey(@any, k)) {
						emit1 {"contact_id": k, "when": ENV["FU_STICKY_NOW"], "type": "unsubscribe", "value": "",
						      "item": "", "note": "unsubscribed in the contacts (the export said so, undated)"}
					}
				}
			}
		}' consent.tmp optouts.tmp | mlr --icsv --ocsv head -n 1 -g contact_id,when >sticky.tmp
		if [ -s sticky.tmp ]; then
			append_events sticky.tmp || { rm -f consent.tmp optouts.tmp sticky.tmp; exit 2; }
			echo "$(date -u +%FT%TZ) cron.sh: $(($(wc -l <sticky.tmp) - 1)) opt-outs read from $contacts" \
			     "recorded in $events (they hold when the export no longer says so)" >&2
		fi
	fi
	rm -f consent.tmp optouts.tmp sticky.tmp
fi

# fu-churn's columns, for a plan that goes by them (see Churn above), joined
# onto the contacts in FU_HEALTH, the plan made from that.  Not its stage: it
# is recomputed from the logs alone, and would make a CRM customer whose
# orders are not in them a prospect, in the leads' cadences.
plan_contacts=$contacts
churn=${FU_CHURN:-auto}
churn_words='stage_was|first_purchase|last_purchase|last_contact|recency_days|frequency|monetary|monetary_mean|tenure_days|opens_before|clicks_before|replies_before|rfm|rfm_segment|p_alive|exp_purchases|clv|risk|band|reasons|action'
case $churn in
auto)
	# shellcheck disable=SC2086
	if { if [ -n "$cadence" ]; then cat "$FU_CADENCE"; else fu-schedule --print-cadence; fi; } |
		grep -Eq "(^|[^A-Za-z0-9_])($churn_words)([^A-Za-z0-9_]|\$)"; then churn=yes; else churn=no; fi ;;
yes | no) ;;
*) echo "cron.sh: FU_CHURN=$churn: yes, no or auto" >&2; exit 2 ;;
esac
if [ "$churn" = yes ]; then
	health=${FU_HEALTH:-health.csv}
	[ "$health" != "$contacts" ] || { echo "cron.sh: $health: FU_HEALTH is made again on each run from" \
		"the contacts; it cannot be FU_CONTACTS too" >&2; exit 2; }
	params=${FU_CHURN_PARAMS:-churn-params.csv}
	refit=
	if [ -e "$params" ] && [ -n "$(find "$params" -prune -mmin +1440)" ]; then refit=--refit; fi
	cst=0
	# shellcheck disable=SC2086
	fu-churn $logs --events "$events" --now "$now" --params "$params" $refit <"$contacts" >"$health.new" || cst=$?
	if [ "$cst" -gt 1 ]; then
		rm -f "$health.new"
		echo "$(date -u +%FT%TZ) fu-churn failed (exit $cst); nothing handed out" >&2
		exit "$cst"
	fi
	# fu-churn's columns joined onto the contacts by id, each contact kept as
	# it is (its stage, a row fu-churn leaves out: a duplicate, a row it
	# cannot read, which fu-schedule then names)
	ok=
	# (the contacts as CSV first: a spreadsheet may have saved them with ';')
	if ! contacts_csv "$contacts" >"$health.in" 2>/dev/null; then
		:
	elif [ ! -s "$health.in" ]; then
		# no contacts yet (a new shop, a CRM export with no rows): Miller
		# writes nothing for a header alone; fu-churn's header is the join
		cp "$health.new" "$health" && ok=1
	elif head -n 1 "$health.in" | tr -d '"' | tr ',' '\n' | grep -qx id &&
		mlr --icsv --ocsv cut -o -f "id,$(echo "$churn_words" | tr '|' ',')" "$health.new" >"$health.cols" 2>/dev/null &&
		mlr --icsv --ocsv join --ul -j id -f "$health.in" then unsparsify "$health.cols" >"$health" 2>/dev/null &&
		[ -s "$health" ]; then ok=1; fi
	rm -f "$health.new" "$health.cols" "$health.in"
	if [ -z "$ok" ]; then
		echo "$(date -u +%FT%TZ) cron.sh: fu-churn's columns could not be joined to $contacts" \
		     "(no id column, or not plain CSV): planned without them" >&2
		cp "$contacts" "$health"
	fi
	plan_contacts=$health
fi

if [ "${1:-}" = done ]; then # sh cron.sh done TASK_ID: a call was made
	[ $# -eq 2 ] || { echo "usage: sh cron.sh done TASK_ID" >&2; exit 2; }
	# (blanks around it, as a spreadsheet cell or a paste leaves them, and
	# capitals do not matter)
	task=$(printf '%s' "$2" | tr -d ' \t' | tr A-F a-f)
	case $task in *[!0-9a-f]* | "") echo "cron.sh: $2: not a task id" >&2; exit 2 ;; esac
	# looked up in the whole plan, not in calls.csv: a call listed before the
	# window closed (or the last run) is still open there, with the same id
	pst=0
	# shellcheck disable=SC2086
	fu-schedule $logs --events "$events" --now "$now" $plan <"$plan_contacts" >plan.tmp 2>/dev/null || pst=$?
	[ "$pst" -le 1 ] || { echo "cron.sh: fu-schedule failed (exit $pst)" >&2; rm -f plan.tmp; exit "$pst"; }
	mlr --icsv --ocsv --headerless-csv-output filter '$task_id == "'"$task"'" && $channel != "email"' \
		then put "$mark" \
		then cut -o -f contact_id,when,type,value,item,note plan.tmp >done.tmp
	rm -f plan.tmp
	[ -s done.tmp ] || { echo "cron.sh: no open call $task (already marked done, expired, or not a call)" >&2; rm -f done.tmp; exit 1; }
	{ echo contact_id,when,type,value,item,note; cat done.tmp; } >mark.tmp
	append_events mark.tmp || { rm -f done.tmp mark.tmp; exit 2; }
	rm -f done.tmp mark.tmp
	exit 0
fi

# Exit 1 means some input rows were bad (each named on stderr, in the log)
# but the good ones were planned: hand those out and carry on, except
# marketing while an opt-out matches no contact (below).  Only 2 (a usage
# error, an unreadable file, a bad cadence or holidays file) stops.
from=${FU_FROM:-${EMAIL:-}}
[ -n "$from" ] || { echo "cron.sh: set FU_FROM (or EMAIL) to the address the e-mails come from" >&2; exit 2; }
# a name with a comma, as people type it ("Acme, Inc. <hello@acme.com>"), is
# quoted: unquoted, the comma would split the From into two addresses
from=$(printf '%s' "$from" | sed -e 's/^[[:space:]]*\([^"<>\\]*,[^"<>\\]*[^[:space:]"<>\\]\)[[:space:]]*<\([^<>]*\)>[[:space:]]*$/"\1" <\2>/')
# contacts without a tz are served in TZ: unset, that is the server's zone
# (UTC on most), which is seldom the shop's
if [ -z "${TZ:-}" ]; then
	notz=$(contacts_csv "$contacts" 2>/dev/null | mlr --icsv --ojson filter '($tz ?? "") == ""' then count 2>/dev/null |
		sed -n 's/.*"count": \([0-9]*\).*/\1/p')
	if [ "${notz:-0}" -gt 0 ]; then
		echo "$(date -u +%FT%TZ) cron.sh: $notz contacts have no tz: their send window and business days" \
		     "are in the server's zone ($(date +%Z)), as TZ is unset; set FU_TZ (or TZ) to the shop's zone" >&2
	fi
fi
st=0
cap=${FU_MAX_PER_OWNER-40}
# shellcheck disable=SC2086
fu-schedule $logs --events "$events" --now "$now" --due --interval "${FU_INTERVAL:-30m}" \
	${cap:+--max-per-owner $cap} $plan \
	--rejects rejects.csv <"$plan_contacts" >due.csv 2>schedule.err || st=$?
cat schedule.err >&2
# An opt-out logged under a key no contact has (an e-mail changed in
# contacts.csv by hand, without fu-import --previous to keep the old one in
# the aliases column; a typo) reaches nobody, and fu-schedule cannot tell
# whose it is: it may be any contact's.  So no marketing goes out (no
# e-mail, no call) until it is logged under the contact's id or e-mail, or
# the old address is put in the contact's aliases column: that is the
# person's "no", and marketing sent past it is what may not happen.  Service
# e-mails (a thank-you, a ticket) go on, as they do to a person who opted
# out; the held tasks are not marked and come back, and the run exits 1.
# An address that is nobody's any more (a contact deleted from the CRM)
# holds marketing too, until the log says so: an unsubscribe under it noted
# "no contact" (fu(7), Identity), which stays an opt-out should the person
# come back; never a subscribe, which would undo it.
# The warning's form is the stable one fu(7) gives for scripts (past the
# cap of 20 a file, "... more like this (opt-out for no contact)").
held=
if grep -q -e "^fu-schedule: .*: unsubscribe for '.*' matches no contact" \
	-e "^fu-schedule: .* more like this (opt-out for no contact)$" schedule.err; then held=1; fi
rm -f schedule.err
case $st in
0) ;;
1) # fu-schedule names a rejected consent or done mark by its type, however
   # the log spelt it (opt-out, Unsubscribed ...): "unsubscribe row: ..."
   if [ -n "$(mlr --icsv --onidx filter -x 'is_absent($reason) || !($reason =~ "^(followup|unsubscribe) row: ")' \
	then cut -f line rejects.csv 2>/dev/null || echo unreadable)" ]; then
	echo "$(date -u +%FT%TZ) $events: a done mark or unsubscribe cannot be read (see above);" \
	     "nothing handed out until it is fixed" >&2
	exit 2
   fi
   echo "$(date -u +%FT%TZ) fu-schedule: bad input rows (see above); the good ones go on" >&2 ;;
*) echo "$(date -u +%FT%TZ) fu-schedule failed (exit $st); nothing handed out" >&2
   exit "$st" ;;
esac

if [ -n "$held" ] && [ -s due.csv ]; then
	# service as fu-render tells it: the kind column, else a thank-you or a
	# ticket's step
	mlr --icsv --ocsv filter 'k = tolower(strip($kind ?? ""));
		k == "service" || (k == "" && (tolower($step ?? "") =~ "^thank-you" || ($anchor ?? "") =~ "ticket_"))' \
		due.csv >due.tmp
	nheld=$(($(mlr --icsv --onidx count due.csv) - $(if [ -s due.tmp ]; then mlr --icsv --onidx count due.tmp; else echo 0; fi)))
	mv due.tmp due.csv
	echo "$(date -u +%FT%TZ) $events: an opt-out matches no contact (named above): $nheld marketing" \
	     "tasks held, service e-mails go on; log it under the contact's id or e-mail, or put the address" \
	     "in the contact's aliases column (fu-import --previous keeps a changed e-mail there); an address" \
	     "no contact has any more: append 'ADDRESS,$now,unsubscribe,,,no contact' to $events (it stays" \
	     "an opt-out; never a subscribe, which would undo it)" >&2
fi

# (Miller writes no header for no records: an empty file then)
mlr --icsv --ocsv filter '$channel == "email"' due.csv >emails.csv
# (each task carries its step's kind, service or marketing, from the plan:
# fu-render asks an opt-out of marketing by it)
mlr --icsv --ocsv filter '$channel != "email"' due.csv >calls.csv
rows() { if [ -s "$1" ]; then mlr --icsv --ojson count "$1" | sed -n 's/.*"count": \([0-9]*\).*/\1/p'; else echo 0; fi; }

echo task_id >sent.csv
if [ -s emails.csv ]; then
	rst=0
	rm -f render-rejects.csv
	# shellcheck disable=SC2086
	fu-render --format mbox --now "$now" --from "$from" --rejects render-rejects.csv \
		${FU_TEMPLATES:+--templates "$FU_TEMPLATES"} \
		${FU_REFERRAL_URL:+--referral-url "$FU_REFERRAL_URL"} \
		${FU_UNSUBSCRIBE:+--unsubscribe "$FU_UNSUBSCRIBE"} <emails.csv >outbox.tmp || rst=$?
	if [ "$rst" -gt 1 ]; then
		rm -f outbox.tmp
		echo "$(date -u +%FT%TZ) fu-render failed (exit $rst); nothing sent, nothing marked" >&2
		exit "$rst"
	fi
	# the task_ids fu-render rejected (their rows are in its report) are not marked
	mlr --icsv --onidx cut -f task_id emails.csv | while read -r id; do
		grep -qF "$id" render-rejects.csv 2>/dev/null || echo "$id"
	done >>sent.csv
	mlr --icsv --ocsv join -j task_id -f sent.csv \
		then put "$mark" \
		then cut -o -f contact_id,when,type,value,item,note \
		emails.csv >marks.tmp
	# sent and marked together, or neither (the order under "Sending" above)
	if [ -s outbox.tmp ]; then
		nothing() {
			rm -f outbox.tmp marks.tmp outbox.marks outbox.journal outbox.journal.tmp "$events_add"
			echo "$(date -u +%FT%TZ) $1; nothing sent, nothing marked" >&2
			exit 2
		}
		# 1.
		if [ -s marks.tmp ] && ! stage_events marks.tmp; then
			nothing "$events: the done marks cannot be written"
		fi
		cp marks.tmp outbox.marks && sync outbox.tmp outbox.marks ||
			nothing "outbox.tmp, outbox.marks: write failed"
		size=$(stat -c %s outbox.mbox 2>/dev/null || echo 0)
		tsize=$(stat -c %s outbox.tmp)
		# 2.
		journal prepared "$size" || nothing "outbox.journal: write failed"
		# 3.
		if ! cat outbox.tmp >>outbox.mbox || ! sync outbox.mbox; then
			cut_outbox "$size" "$tsize" || :
			nothing "outbox.mbox: write failed"
		fi
		# 4.
		if ! journal appended "$size"; then
			cut_outbox "$size" "$tsize" || :
			nothing "outbox.journal: write failed"
		fi
		# 5.
		if [ -e "$events_add" ] && ! write_events; then
			if cut_outbox "$size" "$tsize"; then
				nothing "$events: the done marks could not be written"
			fi
			echo "$(date -u +%FT%TZ) $events: the done marks could not be written, and outbox.mbox" \
			     "changed meanwhile (the mailer took it?): its e-mails are out; the next run marks them" >&2
			exit 2
		fi
		# 6.
		rm -f outbox.journal outbox.marks
	fi
	rm -f outbox.tmp marks.tmp
fi

echo "$(date -u +%FT%TZ) $now: $(($(wc -l <sent.csv) - 1)) e-mails sent, $(rows calls.csv) calls open"
# marketing held for an opt-out that reaches nobody: a run that needs a hand
[ -z "$held" ] || exit 1
