/*
 * quadform.h - a score test's quadratic form s' V^-1 s over a chosen subset
 * of groups, by GSL's Cholesky solve (the log-rank test's and Gray's test's
 * chi-square, and the Wald test of a term's coefficients, anova.c).
 */
#ifndef KO_QUADFORM_H
#define KO_QUADFORM_H

#include <stddef.h>

#include "base/error.h"

/* s' V^-1 s with s[a] = score[idx[a]] and V[a][b] = var[idx[a] * ld +
 * idx[b]] for a, b < k (k >= 1), written to *out.  GSL's error handler is
 * off during the solve and restored after.  Returns 0, GSL_ENOMEM when
 * memory runs out, or GSL's status of a failed decomposition or solve (V
 * not positive definite); *out is untouched on failure. */
int ko_quadform(const double *score, const double *var, size_t ld,
		const size_t *idx, size_t k, double *out);

/* ko_quadform's status st as kohort's: KO_OK for 0; KO_ERR_NOMEM, "WHO:
 * out of memory" ("out of memory" when who is NULL), for GSL_ENOMEM; any
 * other KO_ERR_NUMERIC with the message of singular, a printf format of
 * the arguments after it (the callers give GSL's reason, gsl_strerror(st),
 * among them). */
enum ko_status ko_quadform_status(int st, struct ko_err *err, const char *who,
				  const char *singular, ...)
	__attribute__((format(printf, 4, 5)));

#endif
