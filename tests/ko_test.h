/*
 * ko_test.h - what every cmocka test file includes: cmocka in the order it
 * needs, and assertions cmocka lacks.
 */
#ifndef KO_TEST_H
#define KO_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

/* |a - b| <= rel * max(|b|, tiny): cmocka's assert_float_equal converts
 * to float, which is useless at 1e-6. */
#define assert_close(a, b, rel) \
	ko_assert_close_impl((a), (b), (rel), #a, __FILE__, __LINE__)

static inline void ko_assert_close_impl(double a, double b, double rel,
					const char *what, const char *file,
					int line)
{
	double scale = fabs(b) > 1e-300 ? fabs(b) : 1e-300;

	if (!(fabs(a - b) <= rel * scale)) {
		print_error("%s = %.17g, expected %.17g (rel. diff %.3g > %.3g)\n",
			    what, a, b, fabs(a - b) / scale, rel);
		_fail(file, line);
	}
}

/* |a - b| <= abs_tol. */
#define assert_near(a, b, tol)                                                   \
	do {                                                                     \
		double a_ = (a), b_ = (b);                                       \
		if (!(fabs(a_ - b_) <= (tol))) {                                 \
			print_error("%s = %.17g, expected %.17g (+/- %g)\n", #a, \
				    a_, b_, (double)(tol));                      \
			_fail(__FILE__, __LINE__);                               \
		}                                                                \
	} while (0)

#endif
