/*
 * number.h - decimal text to double, correctly rounded (as strtod rounds),
 * by fast_float (Debian's libfast-float-dev: the Eisel-Lemire algorithm,
 * with an exact big-number fallback for the rare ambiguous cases).  The
 * one C++ file of kohort, behind this C interface.
 */
#ifndef KO_NUMBER_H
#define KO_NUMBER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The number at p (before end): [sign] digits [mark digits] [e|E [sign]
 * digits], at least one digit before the exponent; mark is decimal ('.'
 * or ',').  Reads as far as that shape goes (an 'e' without exponent
 * digits is not part of it) and sets *stop there.  Returns 0 with *out
 * set, or -1 when p does not start such a number or it overflows (an
 * underflow gives the rounded subnormal or zero, as strtod). */
int ko_number_scan(const char *p, const char *end, char decimal, double *out,
		   const char **stop);

/* The double nearest to w x 10^q10 (negated when neg), w < 10^19 exact,
 * by fast_float's Eisel-Lemire step: 0 with *out set, or -1 in the rare
 * case that step cannot decide (then ko_number_scan the text). */
int ko_number_from_parts(uint64_t w, int64_t q10, int neg, double *out);

#ifdef __cplusplus
}
#endif

#endif
