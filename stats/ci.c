/* ci.c - the normal quantile of a confidence level (see ci.h). */
#include "ci.h"

#include <gsl/gsl_cdf.h>

double ko_ci_z(double level)
{
	return gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
}
