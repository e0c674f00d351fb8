# bench/gen-churn.awk, for bench/fu-churn.sh: awk -v n=CUSTOMERS -v e=EVENTS -v alpha=A
# purchases of N customers by the BG/NBD process (rate ~ Gamma(r, alpha) per
# week, drop-out chance after each purchase ~ Beta(a, b)), spend by
# Gamma-Gamma, first purchases in the first year of two; then E minus the
# purchases of engagement events at random customers and days.  Unsorted:
# "day<TAB>line", for sort to put in time order.
function gam(k, u, d, c, x, v) {   # Gamma(k, 1), Marsaglia-Tsang
	if (k < 1) return gam(k + 1) * rand() ^ (1 / k)
	d = k - 1 / 3; c = 1 / sqrt(9 * d)
	while (1) {
		do { x = nrm(); v = 1 + c * x } while (v <= 0)
		v = v * v * v; u = rand()
		if (log(u) < 0.5 * x * x + d - d * v + d * log(v)) return d * v
	}
}
function nrm() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }
BEGIN {
	srand(8)
	D = 730
	for (d = 0; d < D; d++) {
		z = 19783 + d + 719468; era = int(z / 146097); doe = z - era * 146097
		yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
		y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
		mp = int((5 * doy + 2) / 153); dd = doy - int((153 * mp + 2) / 5) + 1
		m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
		date[d] = sprintf("%04d-%02d-%02d", y, m, dd)
	}
	np = 0
	for (i = 1; i <= n; i++) {
		lam = gam(0.6) / alpha / 7          # per day
		ga = gam(0.8); p = ga / (ga + gam(2.5))
		nu = gam(3.7) / 15
		t = int(rand() * 365)
		while (t < D) {
			amt = gam(6) / nu
			printf "%d\tg%d,%sT%02d:%02d:00Z,purchase,%.2f,Product %d,\n", t, i, date[t], int(rand() * 24), int(rand() * 60), amt, int(rand() * 500)
			np++
			if (rand() < p) break
			t += int(-log(1 - rand()) / lam) + 1
		}
	}
	split("email_sent email_sent email_open email_open email_click reply feedback followup ticket_opened ticket_closed owner_change reward", T, " ")
	for (k = np; k < e; k++) {
		d = int(rand() * D); c = 1 + int(n * rand())
		t = T[1 + int(rand() * 12)]
		v = t == "feedback" ? int(rand() * 11) : ""
		printf "%d\tg%d,%sT%02d:%02d:00Z,%s,%s,%s,\n", d, c, date[d], int(rand() * 24), int(rand() * 60), t, v, t ~ /ticket/ ? "T" int(rand() * 3) : "newsletter"
	}
	printf "%d purchases\n", np > "/dev/stderr"
}
