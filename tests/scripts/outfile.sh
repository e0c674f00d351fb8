# Named output files (--rejects): a symlink is followed and kept, a FIFO or
# device is written directly (never replaced), a write error is reported with
# exit 2, and a new file gets the umask's mode, not mkstemp's 0600.
# Regression for the review of issue 2 (fu_outfile_open replaced /dev/full).
set -u
fail=0
printf 'email,first_name\na@example.com\n' >rag.csv
echo old >real.csv
ln -s real.csv link.csv
fu-import --rejects link.csv rag.csv >/dev/null 2>&1
[ -L link.csv ] || { echo "symlink replaced"; fail=1; }
grep -q '^rag.csv,2,' real.csv || { echo "symlink target not written"; fail=1; }
mkfifo fifo
cat fifo >fifo.out &
fu-import --rejects fifo rag.csv >/dev/null 2>&1
wait
[ -p fifo ] || { echo "FIFO replaced"; fail=1; }
grep -q '^rag.csv,2,' fifo.out || { echo "FIFO not written"; fail=1; }
fu-import --rejects /dev/full rag.csv >/dev/null 2>err; st=$?
[ -c /dev/full ] || { echo "/dev/full replaced"; fail=1; }
[ $st = 2 ] && grep -q '/dev/full: write error' err || { echo "/dev/full: exit $st: $(cat err)"; fail=1; }
umask 022
fu-import --rejects new.csv rag.csv >/dev/null 2>&1
[ "$(stat -c %a new.csv)" = 644 ] || { echo "new file mode $(stat -c %a new.csv)"; fail=1; }
exit $fail
