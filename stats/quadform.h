/*
 * quadform.h - a score test's quadratic form s' V^-1 s over a chosen subset
 * of groups, by GSL's Cholesky solve (the log-rank test's and Gray's test's
 * chi-square, and the Wald test of a term's coefficients, anova.c).
 */
#ifndef KO_QUADFORM_H
#define KO_QUADFORM_H

#include <stddef.h>

/* s' V^-1 s with s[a] = score[idx[a]] and V[a][b] = var[idx[a] * ld +
 * idx[b]] for a, b < k (k >= 1), written to *out.  GSL's error handler is
 * off during the solve and restored after.  Returns 0, GSL_ENOMEM when
 * memory runs out, or GSL's status of a failed decomposition or solve (V
 * not positive definite); *out is untouched on failure. */
int ko_quadform(const double *score, const double *var, size_t ld,
		const size_t *idx, size_t k, double *out);

#endif
