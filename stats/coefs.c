/* coefs.c - the per-coefficient columns of a fit (coefs.h). */
#include "coefs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>

int ko_coefs_alloc(size_t p, const char *const *names, char ***names_out,
		   double **coef, double **se, double **z, double **p_value,
		   double **conf_low, double **conf_high, int **aliased,
		   gsl_matrix **vcov)
{
	size_t p1 = p ? p : 1, j;

	*coef = malloc(p1 * sizeof **coef);
	*se = malloc(p1 * sizeof **se);
	*z = malloc(p1 * sizeof **z);
	*p_value = malloc(p1 * sizeof **p_value);
	*conf_low = malloc(p1 * sizeof **conf_low);
	*conf_high = malloc(p1 * sizeof **conf_high);
	*aliased = calloc(p1, sizeof **aliased);
	*names_out = NULL;
	if (vcov)
		*vcov = p ? gsl_matrix_alloc(p, p) : NULL;
	if (!*coef || !*se || !*z || !*p_value || !*conf_low || !*conf_high ||
	    !*aliased || (vcov && p && !*vcov))
		return -1;
	if (names) {
		if (!(*names_out = calloc(p1, sizeof **names_out)))
			return -1;
		for (j = 0; j < p; j++)
			if (names[j] && !((*names_out)[j] = strdup(names[j])))
				return -1;
	}
	return 0;
}

void ko_coefs_free(size_t p, char **names, double *coef, double *se,
		   double *z, double *p_value, double *conf_low,
		   double *conf_high, int *aliased, gsl_matrix *vcov)
{
	size_t j;

	for (j = 0; names && j < p; j++)
		free(names[j]);
	free(names);
	free(coef);
	free(se);
	free(z);
	free(p_value);
	free(conf_low);
	free(conf_high);
	free(aliased);
	gsl_matrix_free(vcov);
}

void ko_coefs_rows_free(double *eta, double *mu, double *working_weights,
			double *working_residuals)
{
	free(eta);
	free(mu);
	free(working_weights);
	free(working_residuals);
}

void ko_coefs_wald(size_t j, double var, double zq, const double *coef,
		   double *se, double *z, double *p_value, double *conf_low,
		   double *conf_high)
{
	se[j] = sqrt(var);
	z[j] = coef[j] / se[j];
	p_value[j] = erfc(fabs(z[j]) / M_SQRT2);
	conf_low[j] = coef[j] - zq * se[j];
	conf_high[j] = coef[j] + zq * se[j];
}

size_t ko_coefs_kept(size_t p, const int *aliased, size_t *keep)
{
	size_t j, r = 0;

	for (j = 0; j < p; j++)
		if (!aliased[j])
			keep[r++] = j;
	return r;
}
