/* money.h — amounts as people read them: whole cents, rounded the way
 * bookkeeping does, and sums freed of the binary noise a double adds
 * (10.10 + 20.20 is 30.299999999999997).  fu-churn and fu-referrals print
 * money through these, so one amount reads the same in both. */
#ifndef FU_MONEY_H
#define FU_MONEY_H

#include <stddef.h>

/* X in whole cents, a half cent rounded away from zero, every time: X is
 * first snapped to a millionth of a cent, so that binary noise (0.075 is
 * 0.07499999... in a double, 13.125 exact) does not decide which way a half
 * goes. */
double fu_money_cents(double x);
/* CENTS (whole, from fu_money_cents) as units with two decimals ("12.30";
 * zero never "-0.00") into BUF of N bytes (48 hold any amount) */
void fu_money_format(double cents, char *buf, size_t n);
/* U (a whole number of units / 10^DECIMALS, DECIMALS 0..6) written with
 * DECIMALS decimals ("1230", 2: "12.30"), after '-' when NEGATIVE, without
 * printf: money and scores are much of a large output.  24 bytes of BUF
 * hold any U below 2^53. */
void fu_format_scaled(unsigned long long u, int decimals, int negative, char *buf);
/* X to 15 significant digits (DBL_DIG: what a double holds for sure), so
 * that a sum reads and sorts as the decimal it stands for: written with
 * %.15g and read back it is the same double.  Magnitudes of 1e15 or more, or
 * below 1e-8, are returned as they are. */
double fu_money_digits(double x);

#endif
