/* quadform.c - s' V^-1 s by GSL's Cholesky solve (see quadform.h). */
#include "quadform.h"

#include <stdarg.h>
#include <stdio.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

int ko_quadform(const double *score, const double *var, size_t ld,
		const size_t *idx, size_t k, double *out)
{
	gsl_matrix *v = gsl_matrix_alloc(k, k);
	gsl_vector *x = gsl_vector_alloc(k), *y = gsl_vector_alloc(k);
	gsl_error_handler_t *old;
	size_t a, b;
	int st = GSL_ENOMEM;

	if (!v || !x || !y)
		goto out;
	for (a = 0; a < k; a++) {
		gsl_vector_set(y, a, score[idx[a]]);
		for (b = 0; b < k; b++)
			gsl_matrix_set(v, a, b, var[idx[a] * ld + idx[b]]);
	}
	old = gsl_set_error_handler_off();
	st = gsl_linalg_cholesky_decomp1(v);
	if (!st)
		st = gsl_linalg_cholesky_solve(v, y, x);
	gsl_set_error_handler(old);
	if (!st)
		gsl_blas_ddot(x, y, out);
out:
	gsl_matrix_free(v);
	gsl_vector_free(x);
	gsl_vector_free(y);
	return st;
}

enum ko_status ko_quadform_status(int st, struct ko_err *err, const char *who,
				  const char *singular, ...)
{
	char msg[KO_ERR_MSG_MAX];
	va_list ap;

	if (!st)
		return KO_OK;
	if (st == GSL_ENOMEM)
		return who ? ko_err_set(err, KO_ERR_NOMEM, "%s: out of memory", who)
			   : ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	va_start(ap, singular);
	vsnprintf(msg, sizeof msg, singular, ap);
	va_end(ap);
	return ko_err_set(err, KO_ERR_NUMERIC, "%s", msg);
}
