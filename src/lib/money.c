/* money.c — amounts in cents and sums without binary noise (money.h). */
#include "lib/money.h"

#include <math.h>
#include <stdio.h>

double fu_money_cents(double x)
{
	double c = x * 100;
	if (fabs(c) < 1e9)
		c = round(c * 1e6) / 1e6;
	return round(c);
}

void fu_money_format(double cents, char *buf, size_t n)
{
	/* below 2^53 cents every whole number is exact: digits by hand (money
	 * columns are much of a large output) */
	if (!(fabs(cents) < 9007199254740992.0) || n < 24) {
		snprintf(buf, n, "%.2f", cents == 0 ? 0.0 : cents / 100);
		return;
	}
	fu_format_scaled((unsigned long long)fabs(cents), 2, cents < 0, buf);
}

void fu_format_scaled(unsigned long long u, int decimals, int negative, char *buf)
{
	char digits[24];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (nd <= decimals)
		digits[nd++] = '0';
	char *p = buf;
	if (negative)
		*p++ = '-';
	while (nd > decimals)
		*p++ = digits[--nd];
	if (decimals) {
		*p++ = '.';
		while (nd > 0)
			*p++ = digits[--nd];
	}
	*p = '\0';
}

double fu_money_digits(double x)
{
	double a = fabs(x);
	if (!(a >= 1e-8 && a < 1e15))
		return x;
	/* N / 10^k with N the whole number of 15 digits: 10^k is exact up to
	 * 10^22 and the division correctly rounded, so the result is the
	 * double nearest the decimal, as strtod gives it */
	int k = 14 - (int)floor(log10(a));
	double scale = pow(10, k);
	return round(x * scale) / scale;
}
