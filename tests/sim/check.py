#!/usr/bin/python3
"""The checker of a simulated month (tests/sim/month.py): DIR holds the
truth of the shop (truth.json), what each cron.sh run handed out
(runs.jsonl) and the bytes each run appended to the outbox (runs/*.mbox).

It judges every message sent over the month by what a business would feel:
  - each message parses with the email package (policy.default): no header
    or MIME defects, To has an address, Date and Message-ID present, Date
    the run's time;
  - no Message-ID twice, no task id handed out twice, every message marked
    done and every mark a message (cron.sh's sent.csv);
  - sent within the plan's window (09:00-17:00) on a business day
    (Monday-Friday) in the recipient's own zone, but for a task that fell
    due in the window since the previous run, at the run in the minute the
    window closes (fu-schedule --interval);
  - at most one message a person a local day (one person under every
    address she had);
  - no marketing while the person's latest word was an opt-out (Mailchimp
    unsubscribe, a "stop" reply, declined at checkout), none before a
    re-subscribe; the step's kind as the default plan has it;
  - every order thanked exactly once: none named by two thank-yous, none
    thanked after its refund, none never thanked unless refunded, placed
    before the month (history) or too late in it, or covered: fu-schedule's
    order is a person's purchases of one local day, and one that starts
    within 7 days after the start of a thanked one is covered by it (the
    default plan's quiet 7d, fu-schedule(1)); a purchase of a thanked day
    whose items that day's thank-you did not name is never thanked;
  - a marketing message carries its opt-out: List-Unsubscribe and the link
    in the text, with the recipient's own id; To names the person;
  - nothing to an address the person no longer has, and one contact in
    contacts.csv for a person whatever her addresses in the exports.
Prints "month: N messages, D defects" and each defect; exits 1 on any.
"""
import collections
import datetime as dt
import email
import email.policy
import json
import mailbox
import os
import re
import sys
from zoneinfo import ZoneInfo

WINDOW = (9, 17)


def t_(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def chance_ends(t, z):
    """when a thank-you for an order made at T has surely had its chance:
    24 hours after it, then two whole business days in the zone (a cap may
    roll it a day)"""
    x, days = (t + dt.timedelta(hours=24)).astimezone(z), 0
    while days < 2:
        x = (x + dt.timedelta(days=1)).replace(hour=WINDOW[1], minute=0)
        days += x.weekday() < 5
    return x


def named_orders(orders, anchor, now, items, z):
    """the orders a thank-you names: fu-schedule lists the items of the
    purchases it thanks for in their order, each item once; so the orders
    made from its anchor's local day until it went out whose items, so
    joined, are its own (a refunded one too: that is a defect to tell),
    the anchor's own order among them when it has one.  None: no such
    orders."""
    day = anchor.astimezone(z).date()
    cands = sorted((o for o in orders if o["paid"] <= now and (anchor <= o["time"] <= now or
                    o["time"].astimezone(z).date() == day and o["time"] <= now)),
                   key=lambda o: o["time"])[:12]
    best = None
    for mask in range(1, 1 << len(cands)):
        chosen = [o for i, o in enumerate(cands) if mask >> i & 1]
        joined = []
        for o in chosen:
            joined += [i for i in o["items"] if i not in joined]
        if joined == items:
            rank = (not any(o["time"] == anchor for o in chosen), len(chosen))
            if best is None or rank < best[0]:
                best = (rank, chosen)
    return best and best[1]


def main(d):
    truth = json.load(open(os.path.join(d, "truth.json")))
    runs = [json.loads(line) for line in open(os.path.join(d, "runs.jsonl"))]
    end = t_(truth["end"])
    every = dt.timedelta(minutes=truth["every"])
    people = {p["n"]: p for p in truth["people"]}
    by_address = {}
    for p in people.values():
        for e in p["emails"]:
            by_address[e.lower()] = p["n"]
    changed = {ev["person"]: (t_(ev["time"]), ev["old"]) for ev in truth["events"] if ev["what"] == "email_change"}
    defects = []

    def defect(kind, text):
        defects.append((kind, text))

    for ev in truth["events"]:
        if ev["what"] == "stop" and ev.get("status", 0) != 0:
            defect("stop not recorded", f"{ev['time']}: {ev['how']} exited {ev['status']}")
    messages = []  # (run, now, msg, row)
    split_seen = set()
    for r in runs:
        now = t_(r["now"])
        if r["status"] != 0:
            defect("run failed", f"{r['now']}: cron.sh exit {r['status']}: {r['stderr'].strip()[-300:]}")
        for n, es in r.get("split", {}).items():
            if (int(n), tuple(es)) not in split_seen:
                split_seen.add((int(n), tuple(es)))
                defect("one person, two contacts", f"{r['now']}: {people[int(n)]['name']} is {len(es)} contacts "
                       f"in contacts.csv: {', '.join(es)}")
        sent = set(r["sent"])
        rows = [x for x in r["emails"] if x["task_id"] in sent]
        msgs = []
        if r["mbox"]:
            box = mailbox.mbox(os.path.join(d, r["mbox"]), create=False)
            for key in box.keys():
                raw = box.get_bytes(key)
                msgs.append((raw, email.message_from_bytes(raw, policy=email.policy.default)))
            box.close()
        if len(msgs) != len(rows):
            defect("marks vs messages", f"{r['now']}: {len(msgs)} messages appended to the outbox, "
                   f"{len(rows)} tasks marked sent")
        for (raw, m), row in zip(msgs, rows):
            messages.append((r, now, raw, m, row))

    seen_ids, seen_tasks = {}, {}
    per_day = collections.defaultdict(list)
    thanks = []  # (person, now, anchor, items, row)
    for r, now, raw, m, row in messages:
        where = f"{r['now']} {row.get('step')} to {row.get('email')}"
        # -- the message itself
        bad = list(m.defects)
        for part in m.walk():
            bad += part.defects
        for h in m.keys():
            try:
                bad += list(getattr(m[h], "defects", []))
            except Exception as e:  # a header the policy cannot even read
                bad.append(f"{h}: {e}")
        if bad:
            defect("mail defect", f"{where}: {bad}")
        to = None
        try:
            addrs = m["To"].addresses if m["To"] is not None else ()
            if len(addrs) != 1 or "@" not in addrs[0].addr_spec:
                defect("mail defect", f"{where}: To {m['To']!r} is not one address")
            else:
                to = addrs[0].addr_spec.lower()
        except Exception as e:
            defect("mail defect", f"{where}: To does not parse: {e}")
        if m["Message-ID"] is None:
            defect("mail defect", f"{where}: no Message-ID")
        else:
            mid = str(m["Message-ID"]).strip()
            if mid in seen_ids:
                defect("duplicate Message-ID", f"{where}: {mid}, first at {seen_ids[mid]}")
            seen_ids.setdefault(mid, where)
        if m["Date"] is None or m["Date"].datetime is None:
            defect("mail defect", f"{where}: no Date")
        elif m["Date"].datetime != now:
            defect("mail defect", f"{where}: Date {m['Date']} is not the run's time")
        tid = row["task_id"]
        if tid in seen_tasks:
            defect("task handed out twice", f"{where}: task {tid}, first at {seen_tasks[tid]}")
        seen_tasks.setdefault(tid, where)
        # -- who it is for
        if to and to != row["email"].strip().lower():
            defect("wrong recipient", f"{where}: To {to} but the task is for {row['email']}")
        n = by_address.get(to or "")
        if n is None:
            defect("wrong recipient", f"{where}: {to} is no customer's address")
            continue
        p = people[n]
        if n in changed and now >= changed[n][0] and to == changed[n][1].lower():
            defect("old address", f"{where}: sent to {to}, which {p['name']} changed at {changed[n][0]}")
        z = ZoneInfo(p["zone"])
        loc = now.astimezone(z)
        # -- the send window, in the recipient's zone
        in_window = loc.weekday() < 5 and WINDOW[0] <= loc.hour < WINDOW[1]
        if not in_window:
            due = t_(row["due"]) if row.get("due") else None
            dl = due.astimezone(z) if due else None
            closing = loc.weekday() < 5 and (loc.hour, loc.minute) == (WINDOW[1], 0)
            if not (closing and due and now - every < due <= now and dl.weekday() < 5
                    and WINDOW[0] <= dl.hour < WINDOW[1]):
                defect("outside the window", f"{where}: {loc:%a %Y-%m-%d %H:%M %Z} for {p['name']} "
                       f"in {p['zone']} (due {row.get('due')})")
        per_day[(n, loc.date())].append(where)
        # -- consent
        step = row.get("step", "")
        marketing = not step.startswith("thank-you")
        if (row.get("kind") or "").strip() != ("marketing" if marketing else "service"):
            defect("kind", f"{where}: kind {row.get('kind')!r} for step {step}")
        if to and m["To"].addresses[0].display_name not in ("", p["name"]):
            defect("wrong name", f"{where}: To {m['To']} for {p['name']}")
        if marketing:
            # an opt-out that works: List-Unsubscribe with the recipient's
            # own id (FU_UNSUBSCRIBE), and the same link in the text
            lu = str(m["List-Unsubscribe"] or "")
            want = "<" + truth["unsubscribe"].replace("{{id}}", row.get("id", "")) + ">"
            try:
                text = m.get_body(("plain",)).get_content()
            except Exception:
                text = ""
            if lu != want or want.strip("<>") not in text:
                defect("opt-out link", f"{where}: List-Unsubscribe {lu!r}, text "
                       f"{'has' if want.strip('<>') in text else 'lacks'} {want}")
            state = [c for c in p["consent"] if t_(c[0]) <= now]
            if state and not state[-1][1]:
                defect("marketing after an opt-out",
                       f"{where}: {p['name']} opted out at {state[-1][0]} "
                       f"({[e['what'] for e in truth['events'] if e['person'] == n and e['time'] == state[-1][0]] or 'before the month'})")
        else:
            mo = re.search(r"purchase (\S+)$", row.get("reason", ""))
            items = [i.strip() for i in row.get("item", "").split(", ") if i.strip()]
            thanks.append((n, now, t_(mo.group(1)) if mo else None, items, where))

    for (n, day), ws in per_day.items():
        if len(ws) > 1:
            defect("two messages a day", f"{people[n]['name']} on {day}: {'; '.join(ws)}")

    # -- every order thanked exactly once
    orders = collections.defaultdict(list)
    for o in truth["orders"]:
        if not o.get("paid", o["time"]):
            continue  # on hold to the end: no purchase, nothing to thank for
        placed, paid = t_(o["time"]), t_(o.get("paid") or o["time"])
        # a purchase from its payment when that came a day or more after
        # the order (fu-import: a bank transfer), else from the order
        o = dict(o, time=paid if paid - placed >= dt.timedelta(hours=24) else placed, paid=paid,
                 refunded=t_(o["refunded"]) if o["refunded"] else None)
        orders[o["person"]].append(o)
    named = collections.defaultdict(list)  # order number -> [(when, where, items)]
    for n, now, anchor, items, where in thanks:
        z = ZoneInfo(people[n]["zone"])
        if anchor is None:
            defect("thank-you", f"{where}: its reason names no purchase")
            continue
        mine = named_orders(orders[n], anchor, now, items, z)
        if mine is None:
            defect("thank-you for no order", f"{where}: names {', '.join(items)} (from {anchor}); "
                   f"no orders of {people[n]['name']} made since have just these items")
            continue
        for o in mine:
            named[o["number"]].append((now, where, items))
    for n, os_ in orders.items():
        z = ZoneInfo(people[n]["zone"])

        def label(o):
            return (f"order {o['number']} of {people[n]['name']} "
                    f"({o['time'].astimezone(z):%a %Y-%m-%d %H:%M %Z}, {', '.join(o['items'])})")
        for o in os_:
            got = named.get(o["number"], [])
            if len(got) > 1:
                defect("order thanked twice", f"{label(o)}: {'; '.join(w for _, w, _ in got)}")
            if o["refunded"] and any(w >= o["refunded"] for w, _, _ in got):
                defect("thanked after refund", f"{label(o)}: refunded {o['refunded']}, thanked {got[0][1]}")
        # fu-schedule's orders: a person's purchases of one local day.  One
        # that starts within 7 days after the start of an earlier thanked
        # one is covered by it (the default plan's quiet 7d, fu-schedule(1))
        days = collections.defaultdict(list)
        for o in sorted(os_, key=lambda o: o["time"]):
            days[o["time"].astimezone(z).date()].append(o)
        thanked_starts = []
        for day in sorted(days):
            group = days[day]
            start = group[0]["time"]
            due = [o for o in group if not (o["history"] or o["refunded"] or chance_ends(o["time"], z) > end)]
            said = set()
            for o in group:
                for _, _, items in named.get(o["number"], []):
                    said |= set(items)
            if said:
                thanked_starts.append(start)
                # every purchase of a thanked day named (or its items: a
                # second purchase of an item is not thanked again)
                for o in due:
                    if not named.get(o["number"]) and not set(o["items"]) <= said:
                        defect("order never thanked", f"{label(o)}: its day's thank-you names {sorted(said)}")
                continue
            if due and not any(s < start <= s + dt.timedelta(days=7) for s in thanked_starts):
                for o in due:
                    defect("order never thanked", label(o))

    print(f"month: {len(messages)} messages, {len(defects)} defects")
    what = collections.Counter(e["what"] for e in truth["events"])
    print("  the shop: " + ", ".join(f"{what[k]} {k}" for k in
          ("signup", "order", "paid", "refund", "email_change", "unsubscribe", "archive", "resubscribe", "stop",
           "subscribe")) +
          f"; sent {len(thanks)} thank-yous, {len(messages) - len(thanks)} marketing")
    kinds = collections.Counter(k for k, _ in defects)
    for k, c in sorted(kinds.items()):
        print(f"  {c} {k}")
    for k, text in defects:
        print(f"DEFECT {k}: {text}")
    return 1 if defects else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check.py DIR  (a directory tests/sim/month.py wrote)")
    sys.exit(main(sys.argv[1]))
