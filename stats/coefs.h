/*
 * coefs.h - the per-coefficient columns every regression fit has (a name,
 * the estimate, SE, z, p, the CI ends and the aliased flag) and their
 * p x p covariance, allocated, copied and released in one place for the
 * logistic, Poisson and Cox fits (logit.h, poisson.h, cox.h), whose structs
 * hold them as separate arrays; and the per-row arrays a GLM fit keeps
 * (logit.h, poisson.h), released in one place.
 *
 *     f->p = p;
 *     if (KO_COEFS_ALLOC(f, d->names))   (ko_coefs_alloc on f's members)
 *             goto nomem;
 *     ...
 *     KO_COEFS_FREE(f);                  (ko_coefs_free)
 */
#ifndef KO_COEFS_H
#define KO_COEFS_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

/* p (at least 1) doubles for each of coef .. conf_high, p zeroed ints for
 * aliased, when vcov is not NULL *vcov a p x p matrix (NULL when p is 0),
 * and, when names is not NULL, *names_out a copy of names[0..p) (a NULL
 * name stays NULL; NULL names: *names_out NULL).  0, or -1 when out of
 * memory: what was allocated stays in the pointers, for ko_coefs_free
 * (through the fit's own release function) to free. */
int ko_coefs_alloc(size_t p, const char *const *names, char ***names_out,
		   double **coef, double **se, double **z, double **p_value,
		   double **conf_low, double **conf_high, int **aliased,
		   gsl_matrix **vcov);

/* Free what ko_coefs_alloc gave (any pointer may be NULL). */
void ko_coefs_free(size_t p, char **names, double *coef, double *se,
		   double *z, double *p_value, double *conf_low,
		   double *conf_high, int *aliased, gsl_matrix *vcov);

/* Free a GLM fit's per-row arrays (the IRLS workspace's, handed over to
 * the fit; any may be NULL): the linear predictor, the fitted means and
 * the last step's working weights and residuals. */
void ko_coefs_rows_free(double *eta, double *mu, double *working_weights,
			double *working_residuals);

/* Wald inference of coefficient j (not aliased) from its variance var:
 * se[j] = sqrt(var), z[j] = coef[j] / se[j], the two-sided normal
 * p_value[j] and the interval coef[j] -/+ zq se[j] (zq: ko_ci_z of the
 * level).  The logistic, Poisson and Cox fits' one rule. */
void ko_coefs_wald(size_t j, double var, double zq, const double *coef,
		   double *se, double *z, double *p_value, double *conf_low,
		   double *conf_high);

/* The columns j < p that are not aliased (aliased[j] == 0) written to
 * keep in order; returns how many. */
size_t ko_coefs_kept(size_t p, const int *aliased, size_t *keep);

/* The four above on a fit struct *f whose members have those names (the
 * logistic, Poisson and Cox fits; f->p set first): the list of members
 * in one place. */
#define KO_COEFS_ALLOC(f, nm)						\
	ko_coefs_alloc((f)->p, (nm), &(f)->names, &(f)->coef, &(f)->se,	\
		       &(f)->z, &(f)->p_value, &(f)->conf_low,		\
		       &(f)->conf_high, &(f)->aliased, &(f)->vcov)
#define KO_COEFS_FREE(f)						\
	ko_coefs_free((f)->p, (f)->names, (f)->coef, (f)->se, (f)->z,	\
		      (f)->p_value, (f)->conf_low, (f)->conf_high,	\
		      (f)->aliased, (f)->vcov)
#define KO_COEFS_ROWS_FREE(f)						\
	ko_coefs_rows_free((f)->eta, (f)->mu, (f)->working_weights,	\
			   (f)->working_residuals)
#define KO_COEFS_WALD(f, j, var, zq)					\
	ko_coefs_wald((j), (var), (zq), (f)->coef, (f)->se, (f)->z,	\
		      (f)->p_value, (f)->conf_low, (f)->conf_high)

#endif
