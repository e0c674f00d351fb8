#!/bin/sh
# trials13b/01: a run whose done marks cannot be written (a full disk, a
# quota: here a file size limit the log has reached) sends nothing and
# marks nothing: the outbox and the log are left as they were, the error
# names the write, and each e-mail goes out once when there is room again.
# A run killed between the outbox and its marks is finished by the next run:
# each e-mail once, marked; a mailer that empties the outbox meanwhile gets
# none of them again; the log is appended to in place, so a line appended
# by hand meanwhile stays (it was lost when the log was replaced by a copy).
set -eu
export TZ=Europe/Helsinki FU_FROM=shop@example.com FU_CHURN=no
cp "$EXAMPLES/cron.sh" cron.sh
printf 'id,first_name,last_name,email\nj1,Jane,Smith,jane@example.com\nk1,Kim,Berg,kim@example.com\n' >contacts.csv
orders='jane@example.com,2026-10-12T10:00:00+03:00,purchase,10,Sauna hat,
kim@example.com,2026-10-12T10:00:00+03:00,purchase,12,Soap,'
# a log far larger than the outbox and the run's own files
{ echo contact_id,when,type,value,item,note
  i=0; while [ $i -lt 3000 ]; do echo "x$i@example.com,2026-01-01T10:00:00+02:00,purchase,10,Old thing,an older customer's order"; i=$((i + 1)); done
  echo "$orders"; } >events.csv
# padded to whole 512-byte blocks: the log fits, the marks after it do not
pad="p@example.com,2026-01-01T10:00:00+02:00,purchase,1,Pad,"
need=$((512 - $(stat -c %s events.csv) % 512)); [ "$need" -gt 80 ] || need=$((need + 512))
{ printf '%s' "$pad"; head -c $((need - ${#pad} - 1)) /dev/zero | tr '\0' x; echo; } >>events.csv
[ $(($(stat -c %s events.csv) % 512)) -eq 0 ] || { echo "setup: the log is not padded"; exit 1; }
echo "From old" >outbox.mbox
cp events.csv events.before; cp outbox.mbox outbox.before
# no file may grow past the log's size: its marks do not fit, the e-mails would
limit=$(($(stat -c %s events.csv) / 512))
full() { (trap '' XFSZ; ulimit -f "$limit"; "$@"); }
mails() { grep -c '^From [^o]' outbox.mbox || true; }

for n in 2026-10-13T10:00:00+03:00 2026-10-13T10:30:00+03:00 2026-10-13T11:00:00+03:00; do
	st=0; FU_NOW=$n full sh cron.sh >/dev/null 2>err || st=$?
	[ "$st" -eq 2 ] || { echo "$n: exit $st with marks that cannot be written"; cat err; exit 1; }
	cmp -s outbox.mbox outbox.before || { echo "$n: the outbox changed: $(mails) e-mails"; cat err; exit 1; }
	cmp -s events.csv events.before || { echo "$n: the log changed"; exit 1; }
	grep -q 'could not be written' err && grep -q 'nothing sent, nothing marked' err ||
		{ echo "$n: the write failure is not named"; cat err; exit 1; }
	! grep -q 'no contact_id column' err || { echo "$n: a full disk called a header without contact_id"; cat err; exit 1; }
	[ ! -e events.csv.add ] && [ ! -e outbox.tmp ] && [ ! -e outbox.marks ] && [ ! -e outbox.journal ] || { echo "$n: files left"; ls; exit 1; }
done
# an opt-out recorded with no room: refused whole, the log as it was
st=0; full sh cron.sh stop jane@example.com 2>err || st=$?
[ "$st" -eq 2 ] && cmp -s events.csv events.before && grep -q 'could not be written' err ||
	{ echo "stop: exit $st"; cat err; exit 1; }
# room again: each e-mail once, marked; the next run sends none
FU_NOW=2026-10-13T11:30:00+03:00 sh cron.sh >/dev/null 2>&1
FU_NOW=2026-10-13T12:00:00+03:00 sh cron.sh >/dev/null 2>&1
[ "$(mails)" -eq 2 ] || { echo "room again: $(mails) e-mails for 2 orders"; exit 1; }
[ "$(grep -c ',followup,' events.csv)" -eq 2 ] || { echo "room again: not marked"; exit 1; }
head -n 1 outbox.mbox | grep -qx 'From old' || { echo "the old outbox lost"; exit 1; }

# a run killed after its e-mails went into the outbox (the journal says
# so), before its marks were appended to the log
crash_run() {
	printf 'contact_id,when,type,value,item,note\n%s\n' "$orders" >events.csv
	rm -f outbox.mbox
	rm -rf crash; mkdir crash
	cat >crash/mv <<'SH'
#!/bin/sh
for a; do last=$a; done
/bin/mv "$@" || exit
case $last in outbox.journal) grep -q '^appended' outbox.journal && kill -9 "$PPID" ;; esac
exit 0
SH
	chmod +x crash/mv
	st=0; PATH=$PWD/crash:$PATH FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>&1 || st=$?
	[ "$st" -ne 0 ] || { echo "crash: the run was not killed"; exit 1; }
	[ "$(mails)" -eq 2 ] && [ "$(grep -c ',followup,' events.csv)" -eq 0 ] && grep -q '^appended' outbox.journal ||
		{ echo "crash: not killed between the outbox and the marks"; ls; cat events.csv; exit 1; }
}
# the next run finishes it (each once, marked), sends none again; an
# opt-out appended by hand meanwhile stays in the log
crash_run
echo 'kim@example.com,2026-10-13T10:10:00+03:00,unsubscribe,,,by phone' >>events.csv
FU_NOW=2026-10-13T10:30:00+03:00 sh cron.sh >/dev/null 2>err
grep -q 'stopped between outbox.mbox and its done marks' err || { echo "crash: not finished"; cat err; exit 1; }
FU_NOW=2026-10-13T11:00:00+03:00 sh cron.sh >/dev/null 2>&1
[ "$(mails)" -eq 2 ] || { echo "crash: $(mails) e-mails for 2 orders"; exit 1; }
[ "$(grep -c ',followup,' events.csv)" -eq 2 ] || { echo "crash: not marked"; cat events.csv; exit 1; }
grep -qx 'kim@example.com,2026-10-13T10:10:00+03:00,unsubscribe,,,by phone' events.csv ||
	{ echo "crash: the opt-out appended by hand is lost"; cat events.csv; exit 1; }
[ ! -e outbox.journal ] && [ ! -e outbox.marks ] && [ ! -e outbox.tmp ] || { echo "crash: files left"; ls; exit 1; }

# the mailer empties the outbox before the next run: none is sent again
crash_run
: >outbox.mbox
FU_NOW=2026-10-13T10:30:00+03:00 sh cron.sh >/dev/null 2>err
FU_NOW=2026-10-13T11:00:00+03:00 sh cron.sh >/dev/null 2>&1
[ "$(mails)" -eq 0 ] || { echo "mailer took the outbox: $(mails) e-mails sent again"; cat err; exit 1; }
[ "$(grep -c ',followup,' events.csv)" -eq 2 ] || { echo "mailer took the outbox: not marked"; cat events.csv; exit 1; }

# killed before the journal said "appended", the outbox holding them whole:
# finished by the next run, each once, marked
printf 'contact_id,when,type,value,item,note\n%s\n' "$orders" >events.csv
echo "From old" >outbox.mbox
cat >crash/mv <<'SH'
#!/bin/sh
for a; do last=$a; done
case $last in outbox.journal) grep -q '^appended' outbox.journal.tmp && kill -9 "$PPID" && exit 9 ;; esac
exec /bin/mv "$@"
SH
st=0; PATH=$PWD/crash:$PATH FU_NOW=2026-10-13T10:00:00+03:00 sh cron.sh >/dev/null 2>&1 || st=$?
[ "$st" -ne 0 ] && grep -q '^prepared' outbox.journal || { echo "prepared: the run was not killed"; exit 1; }
FU_NOW=2026-10-13T10:30:00+03:00 sh cron.sh >/dev/null 2>err
FU_NOW=2026-10-13T11:00:00+03:00 sh cron.sh >/dev/null 2>&1
[ "$(mails)" -eq 2 ] && [ "$(grep -c ',followup,' events.csv)" -eq 2 ] ||
	{ echo "prepared: $(mails) e-mails, $(grep -c ',followup,' events.csv) marks for 2 orders"; cat err; exit 1; }
exit 0
