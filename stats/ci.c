/* ci.c - the normal quantile of a confidence level (see ci.h). */
#include "ci.h"

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

double ko_ci_z(double level)
{
	return gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
}

const char *ko_ci_missing_ends(double low, double high)
{
	int lo = isnan(low), hi = isnan(high);

	return lo && hi ? "lower and upper" : lo ? "lower" : hi ? "upper" : NULL;
}
