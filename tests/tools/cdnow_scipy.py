"""An independent fit of the BG/NBD and Gamma-Gamma likelihoods with scipy,
for tests/scripts/churn-cdnow.sh and bench/fu-churn.sh.

Usage: cdnow_scipy.py LOG CAL_END [NOW]
       cdnow_scipy.py --score OUT.csv LOG CAL_END
LOG is a CDNOW file (CDNOW_sample.txt: master id, sample id, yyyymmdd, CDs,
dollars; or CDNOW_master.txt: id, yyyymmdd, CDs, dollars, with a header).
Purchases on one day are one; the calibration ends on CAL_END (yyyy-mm-dd)
inclusive; time in weeks.  Prints name,value lines: r, alpha, a, b, ll,
p, q, gamma, gg_ll, n; with NOW, also the holdout table's means by
calibration repeat purchases (h0..h7 actual and predicted) using scipy's
hyp2f1 at the fitted parameters.  With --score, also writes every
customer's P(alive) and E[Y(52 weeks)] at the fit to OUT.csv (id,p_alive,
exp_purchases), as bench/fu-churn.sh compares with fu-churn's columns."""
import sys
from collections import defaultdict
from datetime import date

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1


def day(s):
    return date(int(s[:4]), int(s[4:6]), int(s[6:8])).toordinal()


def read(path):
    spend = defaultdict(lambda: defaultdict(float))
    with open(path) as f:
        for line in f:
            p = line.split()
            if not p or not p[-1].replace('.', '', 1).isdigit():
                continue  # the header
            cid, d, dollars = (p[1], p[2], p[4]) if len(p) == 5 else (p[0], p[1], p[3])
            spend[cid][day(d)] += float(dollars)
    return spend


def summarise(spend, end, ids=None):
    x, tx, T, m = [], [], [], []
    for cid, days in spend.items():
        cal = sorted(d for d in days if d <= end)
        if not cal:
            continue
        x.append(len(cal) - 1)
        tx.append((cal[-1] - cal[0]) / 7)
        T.append((end - cal[0]) / 7)
        rep = [days[d] for d in cal[1:]]
        m.append(sum(rep) / len(rep) if rep else 0.0)
        if ids is not None:
            ids.append(cid)
    return np.array(x, float), np.array(tx), np.array(T), np.array(m)


def bgnbd_ll(p, x, tx, T):
    r, al, a, b = p
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(al + T)
    with np.errstate(divide='ignore'):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(a3, a4))


def gg_ll(p, x, m):
    pp, q, g = p
    return np.sum(gammaln(pp * x + q) - gammaln(pp * x) - gammaln(q) + q * np.log(g)
                  + (pp * x - 1) * np.log(m) + pp * x * np.log(x) - (pp * x + q) * np.log(g + m * x))


def fit(ll, start):
    res = minimize(lambda lp: -ll(np.exp(lp)), np.log(start), method='Nelder-Mead',
                   options={'xatol': 1e-10, 'fatol': 1e-12, 'maxiter': 40000, 'maxfev': 40000})
    res = minimize(lambda lp: -ll(np.exp(lp)), res.x, method='BFGS', options={'gtol': 1e-9})
    return np.exp(res.x), -res.fun


def expected(p, x, tx, T, t):
    r, al, a, b = p
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (al + T + t))
    term = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp)
    alive = 1 / (1 + (x > 0) * a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))
    return term * alive


def main():
    score = None
    if sys.argv[1] == '--score':
        score = sys.argv[2]
        del sys.argv[1:3]
    spend = read(sys.argv[1])
    y, mo, d = map(int, sys.argv[2].split('-'))
    end = date(y, mo, d).toordinal()
    ids = []
    x, tx, T, m = summarise(spend, end, ids)
    bg, bll = fit(lambda p: bgnbd_ll(p, x, tx, T), [0.5, float(T.mean()), 1.0, 1.0])
    keep = (x > 0) & (m > 0)
    gg, gll = fit(lambda p: gg_ll(p, x[keep], m[keep]), [1.0, 3.0, 2 * float(m[keep].mean())])
    for k, v in zip(['r', 'alpha', 'a', 'b', 'll', 'p', 'q', 'gamma', 'gg_ll'], list(bg) + [bll] + list(gg) + [gll]):
        print('%s,%.10g' % (k, v))
    print('n,%d' % len(x))
    if score:
        r, al, a, b = bg
        alive = 1 / (1 + (x > 0) * a / np.maximum(b + x - 1, 1e-300) * ((al + T) / (al + tx)) ** (r + x))
        exp = expected(bg, x, tx, T, 52.0)
        with open(score, 'w') as f:
            f.write('id,p_alive,exp_purchases\n')
            for i, cid in enumerate(ids):
                f.write('%s,%.4f,%.4f\n' % (cid, alive[i], exp[i]))
    if len(sys.argv) > 3:
        y, mo, d = map(int, sys.argv[3].split('-'))
        now = date(y, mo, d).toordinal()
        t = (now - end) / 7
        act = defaultdict(list)
        pred = defaultdict(list)
        for days in spend.values():
            cal = sorted(dd for dd in days if dd <= end)
            if not cal:
                continue
            xi = len(cal) - 1
            k = min(xi, 7)
            act[k].append(sum(1 for dd in days if end < dd <= now))
            pred[k].append(expected(bg, xi, (cal[-1] - cal[0]) / 7, (end - cal[0]) / 7, t))
        for k in range(8):
            print('h%d_actual,%.10g' % (k, np.mean(act[k])))
            print('h%d_predicted,%.10g' % (k, np.mean(pred[k])))


main()
