#!/usr/bin/python3
"""A month of cron for a shop in three time zones, as a user runs it.

A tea shop in New York (WooCommerce orders, a Mailchimp audience, the
WooCommerce customers report) whose customers live in Kolkata (+05:30),
Auckland (NZ daylight time ends on the first Sunday of April), Phoenix (no
daylight time) and New York (US daylight time starts on the second Sunday
of March).  The shop changes as time passes: new customers sign up at
checkout, customers order again (some two or three times within days, some
twice a day), bank-transfer orders are paid a day or two later, orders are
refunded, a customer changes her e-mail address (in Mailchimp a day before
the shop's customer list has it), people unsubscribe in Mailchimp (one is
archived there days later), one re-subscribes there, one replies "stop",
one texts STOP from her phone, one declines marketing at checkout and
ticks the box again at a later order.

Every --every minutes of server time (UTC) the sim rewrites the exports
that changed, re-imports the orders exports newest first (the recipe in
examples/cron.sh), and runs examples/cron.sh with FU_NOW fixed to the
run's time.  It keeps what each run handed out (emails.csv, sent.csv, the
bytes the run appended to outbox.mbox) and the truth of the shop (who is
who, in which zone, which orders, which opt-outs and when) in DIR, then
runs tests/sim/check.py on DIR.

    month.py [--seed N] [--start 2027-03-08] [--days 34] [--every 30]
             [--dir DIR] [--customers N] [--cron SCRIPT]

Exit status: the checker's (0: no defect; 1: defects, each listed).
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))
UTC = dt.timezone.utc
SHOP_TZ = ZoneInfo("America/New_York")

# where the customers live: (country, region, city, zone, phone format)
PLACES = [
    ("IN", "WB", "Kolkata", "Asia/Kolkata", "+91 98{:03d} {:05d}"),
    ("NZ", "AUK", "Auckland", "Pacific/Auckland", "021 55{:01d} {:04d}"),
    ("US", "AZ", "Phoenix", "America/Phoenix", "(602) 5{:02d}-{:04d}"),
    ("US", "NY", "New York", "America/New_York", "(212) 5{:02d}-{:04d}"),
]
FIRST = ["Priya", "Aroha", "Dale", "Maya", "Rahul", "Tama", "Lena", "Omar", "Ines", "Kiri", "Vikram",
         "Grace", "Hemi", "Jonas", "Ananya", "Beth", "Carlos", "Deepa", "Eli", "Fatima", "Gus", "Hana",
         "Ivan", "Jade", "Kavya", "Liam", "Mere", "Noah", "Olga", "Pita", "Quinn", "Ravi", "Sara",
         "Theo", "Uma", "Vera", "Wiremu", "Xena", "Yusuf", "Zara"]
LAST = ["Sharma", "Ngata", "Walker", "Menon", "Reddy", "Parata", "Cooper", "Haddad", "Silva", "Tane",
        "Iyer", "Olsen", "Brown", "Kaur", "Patel", "Moana", "Garcia", "Nguyen", "Fischer", "Rossi"]
# (no commas: a thank-you names its items joined with ", ")
PRODUCTS = ["Darjeeling First Flush 100g", "Assam Breakfast 250g", "Cast iron teapot", "Sencha 100g",
            "Oolong Milky 50g", "Matcha whisk", "Earl Grey 100g", "Rooibos Vanilla 100g",
            "Glass mug", "Chai Masala 200g", "Tea strainer", "Jasmine Pearls 50g", "Gift card"]

WOO_ORDERS_HEADER = ["Order Number", "Order Status", "Order Date", "Paid Date", "First Name (Billing)",
                     "Last Name (Billing)", "Email (Billing)", "Phone (Billing)", "Country Code (Billing)",
                     "State Code (Billing)", "Order Total Amount", "Order Refund Amount", "Item Name",
                     "Quantity", "Item Cost", "Accepts Marketing"]
WOO_CUSTOMERS_HEADER = ["Name", "Username", "Last active", "Sign up", "Email", "Orders", "Total spend",
                        "AOV", "Country / Region", "City", "Region", "Postal code"]
MC_HEAD = ["Email Address", "First Name", "Last Name", "Address", "Phone Number", "MEMBER_RATING",
           "OPTIN_TIME", "OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF",
           "DSTOFF", "TIMEZONE", "CC", "REGION"]
MC_TAIL = ["LAST_CHANGED", "LEID", "EUID", "NOTES", "TAGS"]
MC_SUB_HEADER = MC_HEAD + MC_TAIL
MC_UNSUB_HEADER = MC_HEAD + ["UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_CAMPAIGN_ID", "UNSUB_REASON",
                             "UNSUB_REASON_OTHER"] + MC_TAIL


def iso(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def mc_time(t):
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


class Person:
    def __init__(self, n, rng, signup):
        self.n = n
        self.first = FIRST[n % len(FIRST)]
        self.last = LAST[(n * 7) % len(LAST)]
        self.place = PLACES[n % len(PLACES)]
        self.zone = self.place[3]
        self.username = f"{self.first.lower()}{n}"
        self.email = f"{self.first.lower()}.{self.last.lower()}{n}@example.com"
        self.emails = [self.email]
        self.mc_email = None       # her address in Mailchimp, when not the shop's
        self.phone = self.place[4].format(n % 100, 1000 + n)
        self.signup = signup
        self.leid = str(90000 + n)
        self.mailchimp = None       # None: not in the audience; "sub" or "unsub"
        self.optin_time = None
        self.unsub_time = None
        # the truth of consent: (time, may get marketing), latest wins
        self.consent = [(signup, True)]
        self.orders = []

    def new_email(self):
        return f"{self.first.lower()}.{self.last.lower()}.new{self.n}@example.org"

    def e164(self):
        digits = "".join(c for c in self.phone if c.isdigit())
        if self.phone.startswith("+"):
            return "+" + digits
        return {"NZ": "+64" + digits[1:], "US": "+1" + digits, "IN": "+91" + digits}[self.place[0]]

    def local(self, t):
        return t.astimezone(ZoneInfo(self.zone))

    def truth(self):
        return dict(n=self.n, name=f"{self.first} {self.last}", zone=self.zone, emails=self.emails,
                    consent=[(iso(t), c) for t, c in self.consent])


class Shop:
    """the shop's data, and the changes the month brings, as timed actions"""

    def __init__(self, rng, start, days, customers):
        self.rng = rng
        self.start, self.end = start, start + dt.timedelta(days=days)
        self.people, self.orders, self.actions = [], [], []
        self.next_order = 1001
        # customers the shop had before the month: signed up in January or
        # February, an order or two each, at least 10 days before the start
        for _ in range(customers):
            p = self.new_person(start - dt.timedelta(days=rng.randrange(12, 60), hours=rng.randrange(24)))
            p.mailchimp, p.optin_time = "sub", p.signup
            self.history_order(p, p.signup)
            if rng.random() < 0.4:
                self.history_order(p, p.signup + dt.timedelta(days=rng.randrange(1, 5)))
        # one of them had unsubscribed in Mailchimp in February
        p = self.people[1]
        p.mailchimp, p.unsub_time = "unsub", start - dt.timedelta(days=9, hours=3)
        p.consent.append((p.unsub_time, False))
        # one declined marketing at checkout in February: never in Mailchimp
        p = self.people[2]
        p.mailchimp = None
        for o in p.orders:
            o["accepts"] = "no"
        p.consent.append((p.orders[0]["time"], False))
        self.plan_month()

    def new_person(self, signup):
        p = Person(len(self.people), self.rng, signup)
        self.people.append(p)
        return p

    def order(self, p, t, accepts="yes", history=False):
        k = self.rng.choice([1, 1, 1, 2, 2, 3])
        items = self.rng.sample(PRODUCTS, k)
        costs = [f"{self.rng.randrange(8, 60)}.00" for _ in items]
        o = dict(number=self.next_order, person=p.n, email=p.email, time=t, items=items, costs=costs,
                 total=f"{sum(float(c) for c in costs):.2f}", status="Completed", refunded=None,
                 accepts=accepts, history=history, modified=t, paid=t)
        self.next_order += 1
        p.orders.append(o)
        self.orders.append(o)
        return o

    def history_order(self, p, t):
        return self.order(p, t, history=True)

    def local_time(self, p, day, lo=7, hi=24):
        """a time on DAY (a date) at a waking hour in P's zone"""
        z = ZoneInfo(p.zone)
        m = self.rng.randrange(lo * 60, hi * 60)
        return dt.datetime(day.year, day.month, day.day, tzinfo=z).astimezone(UTC) + dt.timedelta(minutes=m)

    def at(self, t, what, **kw):
        if self.start <= t < self.end:
            self.actions.append((t, len(self.actions), what, kw))

    def plan_month(self):
        rng, days = self.rng, (self.end - self.start).days
        d0 = self.start.date()
        # new customers, about one a day, each with a first order
        for day in range(days):
            for _ in range(rng.choice([0, 1, 1, 2])):
                date = d0 + dt.timedelta(days=day)
                p = self.new_person(None)
                t = self.local_time(p, date)
                p.signup = t
                p.consent = [(t, True)]
                self.at(t, "signup", person=p)
        # orders of the customers (existing and new) over the month
        for p in list(self.people):
            first = p.signup if p.signup >= self.start else None
            if first:
                self.at(first, "order", person=p)
            n = rng.choice([0, 0, 1, 1, 2]) if first else rng.choice([0, 1, 1, 2, 3])
            base = first or self.start
            for _ in range(n):
                t = base + dt.timedelta(minutes=rng.randrange(60, max(120, int((self.end - base).total_seconds() // 60) - 60)))
                self.at(t, "order", person=p)
                r = rng.random()
                if r < 0.25:   # again the same local day, a few hours later
                    self.at(t + dt.timedelta(minutes=rng.randrange(30, 300)), "order", person=p)
                elif r < 0.5:  # again within days (two or three orders)
                    t2 = t + dt.timedelta(hours=rng.randrange(20, 90))
                    self.at(t2, "order", person=p)
                    if rng.random() < 0.4:
                        self.at(t2 + dt.timedelta(hours=rng.randrange(20, 60)), "order", person=p)
        existing = [p for p in self.people if p.signup < self.start]
        pick = [p for p in existing[3:]]
        rng.shuffle(pick)
        # refunds: decided when the order is placed (a share of all orders)
        self.refund_rate = 0.12
        # a customer changes her e-mail address (shop and Mailchimp alike)
        changer, quitters, stopper = pick[0], pick[1:3], pick[3]

        def day(lo, hi):
            """a time between day LO and day HI of a 34-day month, scaled to
            this one's length (a short run has every kind of change too)"""
            span = (self.end - self.start).total_seconds() / 34
            return self.start + dt.timedelta(seconds=rng.uniform(lo * span, hi * span))
        # (in Mailchimp first, the shop's customer list a day later: for a
        # day the exports give her two addresses, one person still)
        t = day(6, 11)
        self.at(t, "email_change_mailchimp", person=changer)
        self.at(t + dt.timedelta(days=1) * (self.end - self.start).days / 34, "email_change", person=changer)
        # and orders after it, under the new address
        t = day(13, 18)
        self.at(t, "order", person=changer)
        self.at(t + dt.timedelta(hours=rng.randrange(3, 6)), "order", person=changer)
        # Mailchimp unsubscribes, one of whom re-subscribes later
        for q in quitters:
            self.at(day(2, 20), "unsubscribe", person=q,
                    archive_after=dt.timedelta(days=3) * (self.end - self.start).days / 34 if q is quitters[1] else None)
        self.at(day(22, 28), "resubscribe", person=quitters[0])
        # a reply "stop" to a marketing e-mail, recorded by the shop
        self.at(day(4, 16), "stop", person=stopper)
        # and an SMS STOP, by the phone number alone
        self.at(day(5, 15), "stop", person=pick[4], by_phone=True)
        # a new customer who declines marketing at checkout, and ticks the
        # box again at a later order (recorded with cron.sh subscribe)
        newbies = [p for p in self.people if p.signup >= self.start and p.signup < day(8, 8)]
        if newbies:
            q = newbies[0]
            q.declines = True
            self.at(q.signup + (day(9, 14) - self.start), "order", person=q, accepts="yes")
        self.actions.sort(key=lambda a: (a[0], a[1]))


class Sim:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.start = dt.datetime.fromisoformat(args.start).replace(tzinfo=UTC)
        self.shop = Shop(self.rng, self.start, args.days, args.customers)
        self.dir = args.dir
        os.makedirs(os.path.join(self.dir, "exports"), exist_ok=True)
        os.makedirs(os.path.join(self.dir, "runs"), exist_ok=True)
        self.orders_dirty = True
        self.crm_dirty = True
        self.log = open(os.path.join(self.dir, "sim.log"), "w")
        self.runs = open(os.path.join(self.dir, "runs.jsonl"), "w")
        self.env = dict(os.environ)
        self.env.update(PATH=f"{SRCDIR}:{os.environ.get('PATH', '/usr/bin:/bin')}", TZ="UTC",
                        LC_ALL="C.UTF-8", FU_TZ="America/New_York",
                        FU_FROM="Leaf & Kettle <hello@leafkettle.example>",
                        FU_ORDERS="orders.csv", FU_CRM="mc-subscribed.csv mc-unsubscribed.csv woo-customers.csv",
                        FU_UNSUBSCRIBE="https://leafkettle.example/u?c={{id}}",
                        FU_INTERVAL=f"{args.every}m")
        for k in ("FU_NOW", "FU_HOLIDAYS", "FU_CADENCE", "FU_TEMPLATES", "EMAIL", "FU_CRM_ARGS"):
            self.env.pop(k, None)
        with open(self.path("events.csv"), "w") as f:
            f.write("contact_id,when,type,value,item,note\n")
        shutil.copy(args.cron, self.path("cron.sh"))
        self.truth_events = []   # (time, what, person n, details) for the checker

    def path(self, name):
        return os.path.join(self.dir, name)

    def note(self, t, what, p, **kw):
        self.truth_events.append(dict(time=iso(t), what=what, person=p.n, **kw))
        print(f"{iso(t)} {what} {p.email} {kw or ''}", file=self.log)

    # -- the shop's actions --------------------------------------------
    def act(self, t, what, kw):
        shop, rng = self.shop, self.rng
        p = kw["person"]
        if what == "signup":
            declines = getattr(p, "declines", False) or rng.random() < 0.1
            p.declines = declines
            if not declines:
                p.mailchimp, p.optin_time = "sub", t
            self.crm_dirty = True
            self.note(t, "signup", p)
        elif what == "order":
            accepts = kw.get("accepts") or ("no" if getattr(p, "declines", False) or
                                            (p.mailchimp is None and p.signup < self.start) else "yes")
            o = shop.order(p, t, accepts=accepts)
            if accepts == "no" and p.consent[-1][1]:
                p.consent.append((t, False))
            if kw.get("accepts") == "yes" and getattr(p, "declines", False):
                # ticked "send me offers" this time: the shop records it
                p.declines = False
                self.cron(t, "subscribe", p.email)
                p.consent.append((t, True))
                p.mailchimp, p.optin_time = "sub", t
                self.crm_dirty = True
                self.note(t, "subscribe", p, how="ticked at checkout, sh cron.sh subscribe")
            self.orders_dirty = True
            if rng.random() < 0.08:
                # a bank transfer: on hold until paid a day or two later
                o["status"], o["paid"] = "On hold", None
                shop.at(t + dt.timedelta(hours=rng.randrange(20, 60)), "paid", person=p, order=o)
                shop.actions.sort(key=lambda a: (a[0], a[1]))
            self.note(t, "order", p, number=o["number"], items=o["items"], accepts=accepts,
                      status=o["status"])
            if rng.random() < shop.refund_rate:
                r = t + dt.timedelta(hours=rng.randrange(2, 120))
                shop.at(r, "refund", person=p, order=o)
                shop.actions.sort(key=lambda a: (a[0], a[1]))
        elif what == "paid":
            o = kw["order"]
            o["status"], o["paid"], o["modified"] = "Processing", t, t
            self.orders_dirty = True
            self.note(t, "paid", p, number=o["number"])
        elif what == "archive":
            if p.mailchimp == "unsub":
                p.mailchimp = None
                self.crm_dirty = True
                self.note(t, "archive", p, how="Mailchimp archived the unsubscribed member")
        elif what == "refund":
            o = kw["order"]
            if o["paid"] is None:
                return  # (a pending order is cancelled, not refunded: left on hold)
            o["status"], o["refunded"], o["modified"] = "Refunded", t, t
            self.orders_dirty = True
            self.note(t, "refund", p, number=o["number"])
        elif what == "email_change_mailchimp":
            p.mc_email = p.new_email()
            p.emails.append(p.mc_email)
            self.crm_dirty = True
            self.note(t, "email_change_mailchimp", p, old=p.email, new=p.mc_email)
        elif what == "email_change":
            old = p.email
            p.email = p.mc_email = p.new_email()
            if p.email not in p.emails:
                p.emails.append(p.email)
            self.crm_dirty = True
            self.note(t, "email_change", p, old=old, new=p.email)
        elif what == "unsubscribe":
            if p.mailchimp == "sub":
                p.mailchimp, p.unsub_time = "unsub", t
                p.consent.append((t, False))
                self.crm_dirty = True
                self.note(t, "unsubscribe", p, how="Mailchimp")
                if kw.get("archive_after"):
                    shop.at(t + kw["archive_after"], "archive", person=p)
                    shop.actions.sort(key=lambda a: (a[0], a[1]))
        elif what == "resubscribe":
            if p.mailchimp == "unsub":
                p.mailchimp, p.optin_time, p.unsub_time = "sub", t, None
                p.consent.append((t, True))
                self.crm_dirty = True
                self.note(t, "resubscribe", p, how="Mailchimp")
        elif what == "stop":
            if kw.get("by_phone"):
                r = self.cron(t, "stop", p.e164())
                how = f"texted STOP from {p.e164()}: sh cron.sh stop"
            else:
                r = self.cron(t, "stop", p.email)
                how = "replied stop: sh cron.sh stop"
            p.consent.append((t, False))
            self.note(t, "stop", p, how=how, status=r.returncode)

    # -- the exports -----------------------------------------------------
    def write_crm(self, t):
        people = [p for p in self.shop.people if p.signup is not None and p.signup <= t]
        with open(self.path("woo-customers.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(WOO_CUSTOMERS_HEADER)
            for p in people:
                os_ = [o for o in p.orders if o["time"] <= t]
                spent = sum(float(o["total"]) for o in os_)
                last = max([o["time"] for o in os_] or [p.signup])
                w.writerow([f"{p.first} {p.last}", p.username, last.astimezone(SHOP_TZ).date(),
                            p.signup.astimezone(SHOP_TZ).date(), p.email, len(os_), f"${spent:.2f}",
                            f"${spent / max(1, len(os_)):.2f}", p.place[0], p.place[2], p.place[1], "00000"])
        for name, state, header in (("mc-subscribed.csv", "sub", MC_SUB_HEADER),
                                    ("mc-unsubscribed.csv", "unsub", MC_UNSUB_HEADER)):
            with open(self.path(name), "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                for p in people:
                    if p.mailchimp != state:
                        continue
                    row = dict(zip(header, [""] * len(header)))
                    row.update({"Email Address": p.mc_email or p.email, "First Name": p.first, "Last Name": p.last,
                                "Phone Number": p.phone, "MEMBER_RATING": "2",
                                "OPTIN_TIME": mc_time(p.optin_time), "CONFIRM_TIME": mc_time(p.optin_time),
                                "CONFIRM_IP": "203.0.113.9", "TIMEZONE": p.zone, "CC": p.place[0],
                                "REGION": p.place[1], "LAST_CHANGED": mc_time(p.unsub_time or p.optin_time),
                                "LEID": p.leid, "EUID": f"e{p.leid}", "TAGS": '"customer"'})
                    if state == "unsub":
                        row.update(UNSUB_TIME=mc_time(p.unsub_time), UNSUB_REASON="N/A (Unsubscribed from list)")
                    w.writerow([row[h] for h in header])
        # newer than contacts.csv, as a fresh export is (cron.sh compares)
        c = self.path("contacts.csv")
        base = os.stat(c).st_mtime_ns if os.path.exists(c) else 0
        for name in ("woo-customers.csv", "mc-subscribed.csv", "mc-unsubscribed.csv"):
            ns = max(os.stat(self.path(name)).st_mtime_ns, base + 10_000_000)
            os.utime(self.path(name), ns=(ns, ns))
        self.crm_dirty = False

    def write_orders(self, t):
        """the shop's scheduled export: the orders made or changed in the
        last three days, in the shop's zone without an offset"""
        name = self.path(f"exports/orders-{t.strftime('%Y%m%dT%H%M')}.csv")
        rows = [o for o in self.shop.orders if o["time"] <= t and
                (o["modified"] > t - dt.timedelta(days=3) or not os.listdir(self.path("exports")))]
        with open(name, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(WOO_ORDERS_HEADER)
            for o in rows:
                p = self.shop.people[o["person"]]
                when = o["time"].astimezone(SHOP_TZ).strftime("%Y-%m-%d %H:%M")
                paid = o["paid"].astimezone(SHOP_TZ).strftime("%Y-%m-%d %H:%M") if o["paid"] else ""
                for item, cost in zip(o["items"], o["costs"]):
                    w.writerow([o["number"], o["status"], when, paid, p.first, p.last, o["email"], p.phone,
                                p.place[0], p.place[1], o["total"],
                                o["total"] if o["refunded"] else "0.00", item, 1, cost, o["accepts"]])
        exports = sorted(os.listdir(self.path("exports")), reverse=True)
        args = ["fu-import", "--source-tz", "America/New_York"]
        if os.path.exists(self.path("contacts.csv")):
            args += ["--contacts", "contacts.csv"]
        r = subprocess.run(args + [f"exports/{e}" for e in exports], cwd=self.dir, env=self.env,
                           capture_output=True, text=True)
        self.log.write(r.stderr)
        if r.returncode > 1:
            raise SystemExit(f"month.py: fu-import of the orders failed ({r.returncode}): {r.stderr}")
        with open(self.path("orders.csv"), "w") as f:
            f.write(r.stdout)
        self.orders_dirty = False

    # -- cron.sh ---------------------------------------------------------
    def cron(self, t, *args):
        env = dict(self.env, FU_NOW=iso(t))
        r = subprocess.run(["sh", "cron.sh", *args], cwd=self.dir, env=env, capture_output=True, text=True)
        self.log.write(f"== {iso(t)} cron.sh {' '.join(args)}: exit {r.returncode}\n{r.stdout}{r.stderr}")
        return r

    def run(self, t, number):
        if not os.path.exists(self.path("orders.csv")):
            self.write_orders(t)
        box = self.path("outbox.mbox")
        size = os.path.getsize(box) if os.path.exists(box) else 0
        for name in ("emails.csv", "sent.csv", "render-rejects.csv"):
            if os.path.exists(self.path(name)):
                os.remove(self.path(name))
        r = self.cron(t)
        new = b""
        if os.path.exists(box):
            with open(box, "rb") as f:
                f.seek(size)
                new = f.read()
        rec = dict(run=number, now=iso(t), status=r.returncode, stderr=r.stderr[-2000:], mbox=None)

        def rows(name):
            if not os.path.exists(self.path(name)) or os.path.getsize(self.path(name)) == 0:
                return []
            with open(self.path(name), newline="") as f:
                return list(csv.DictReader(f))
        rec["emails"] = rows("emails.csv")
        # one person, one contact: the contacts rows that have any address
        # she ever had (as e-mail or alias), for those with several
        owner = {e.lower(): p.n for p in self.shop.people for e in p.emails}
        rows_of = {}
        for c in rows("contacts.csv"):
            keys = [c.get("email", "")] + (c.get("aliases") or "").split(";")
            for n in {owner[k.strip().lower()] for k in keys if k.strip().lower() in owner}:
                rows_of.setdefault(n, []).append(c.get("email", ""))
        rec["split"] = {n: es for n, es in rows_of.items() if len(es) > 1}
        rec["sent"] = [x["task_id"] for x in rows("sent.csv")]
        rec["render_rejects"] = rows("render-rejects.csv")
        if new:
            rec["mbox"] = f"runs/{number:05d}.mbox"
            with open(self.path(rec["mbox"]), "wb") as f:
                f.write(new)
        self.runs.write(json.dumps(rec) + "\n")
        return rec

    def go(self):
        every = dt.timedelta(minutes=self.args.every)
        t, number, actions = self.start, 0, self.shop.actions
        sent = 0
        while t < self.shop.end:
            while actions and actions[0][0] <= t:
                at, _, what, kw = actions.pop(0)
                self.act(at, what, kw)
            if self.crm_dirty:
                self.write_crm(t)
            if self.orders_dirty:
                self.write_orders(t)
            rec = self.run(t, number)
            sent += len(rec["sent"])
            number += 1
            t += every
        self.runs.close()
        truth = dict(start=iso(self.start), end=iso(self.shop.end), every=self.args.every, seed=self.args.seed,
                     shop_tz="America/New_York", window=["09:00", "17:00"],
                     unsubscribe=self.env["FU_UNSUBSCRIBE"],
                     people=[p.truth() for p in self.shop.people if p.signup is not None],
                     orders=[dict(number=o["number"], person=o["person"], email=o["email"], time=iso(o["time"]),
                                  items=o["items"], refunded=iso(o["refunded"]) if o["refunded"] else None,
                                  paid=iso(o["paid"]) if o["paid"] else None,
                                  history=o["history"], accepts=o["accepts"]) for o in self.shop.orders],
                     events=self.truth_events)
        with open(self.path("truth.json"), "w") as f:
            json.dump(truth, f, indent=1)
        print(f"month.py: seed {self.args.seed}: {number} runs of cron.sh, {sent} e-mails marked sent, "
              f"{len(truth['people'])} customers, {len(self.shop.orders)} orders; in {self.dir}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2027-03-08T00:00:00")
    ap.add_argument("--days", type=int, default=34)
    ap.add_argument("--every", type=int, default=30, help="minutes between cron runs")
    ap.add_argument("--customers", type=int, default=16, help="customers before the month")
    ap.add_argument("--cron", default=os.path.join(SRCDIR, "examples", "cron.sh"),
                    help="the cron script run (default examples/cron.sh)")
    ap.add_argument("--dir", help="work directory (kept); default a temporary one, removed when clean")
    args = ap.parse_args()
    keep = bool(args.dir)
    if not args.dir:
        args.dir = tempfile.mkdtemp(prefix=f"fu-month-{args.seed}.")
    Sim(args).go()
    r = subprocess.run([sys.executable, os.path.join(HERE, "check.py"), args.dir])
    if r.returncode == 0 and not keep:
        shutil.rmtree(args.dir)
    elif r.returncode:
        print(f"month.py: the run is kept in {args.dir}", file=sys.stderr)
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
