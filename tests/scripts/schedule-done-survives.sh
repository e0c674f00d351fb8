# A task marked done stays done when its order regroups (trial 06: a
# purchase of the same day, made earlier, logged late)
# and when the contact's id changes from the one fu-import derives from its
# e-mail to a CRM id (trial 07).
set -eu
ev() { printf 'contact_id,when,type,value,item,note\n'; }
due() { fu-schedule -e "$1" --now "$2" --due 2>/dev/null <"$3" | mlr --icsv --onidx cut -o -f task_id,step; }

# 06: a purchase of the same day, made earlier, logged after the thank-you went out
export TZ=Europe/Helsinki
printf 'id,email,tz\nk1,k@x.fi,Europe/Helsinki\n' >k.csv
{ ev; echo 'k1,2026-05-05T15:00:00+03:00,purchase,10,Lamp,'; } >k-ev.csv
id=$(due k-ev.csv 2026-05-06T15:05:00+03:00 k.csv | awk '$2 == "thank-you" {print $1}')
[ -n "$id" ]
echo "k1,2026-05-06T15:05:00+03:00,followup,,thank-you,$id" >>k-ev.csv
echo 'k1,2026-05-05T09:00:00+03:00,purchase,5,Bulb,' >>k-ev.csv
got=$(due k-ev.csv 2026-05-07T16:00:00+03:00 k.csv)
[ -z "$got" ] || { echo "thanked again: $got"; exit 1; }
# a purchase of a later day is still thanked (a mark covers its own order only)
echo 'k1,2026-05-08T08:00:00+03:00,purchase,7,Vase,' >>k-ev.csv
due k-ev.csv 2026-05-09T09:00:00+03:00 k.csv | grep -q ' thank-you$'

# 07: derived id (fu-import, e-mail only) -> CRM id, marks logged under the old id
export TZ=Europe/Helsinki
printf 'Email Address,First Name,Time zone\nk@x.fi,Kai,Europe/Helsinki\n' >mc.csv
fu-import mc.csv >contacts.csv 2>/dev/null
old=$(mlr --icsv --onidx cut -f id contacts.csv)
{ ev; echo 'k@x.fi,2026-05-05T15:00:00+03:00,purchase,10,Lamp,'; } >events.csv
id=$(due events.csv 2026-05-06T15:05:00+03:00 contacts.csv | awk '$2 == "thank-you" {print $1}')
[ -n "$id" ]
echo "$old,2026-05-06T15:05:00+03:00,followup,,thank-you,$id" >>events.csv
printf 'Record ID,First Name,Email\n501,Kai,k@x.fi\n' >hs.csv
fu-import mc.csv hs.csv >contacts.csv 2>/dev/null
[ "$(mlr --icsv --onidx cut -f id contacts.csv)" = 501 ]
got=$(due events.csv 2026-05-07T10:00:00+03:00 contacts.csv)
[ -z "$got" ] || { echo "re-sent after the id change: $got"; exit 1; }
