/*
 * number.cc - ko_number_scan (number.h) on fast_float's from_chars.  No
 * exceptions, no RTTI, no libstdc++ at link time: fast_float is
 * header-only and needs nothing out of line.
 */
#include "number.h"

#include <fast_float/fast_float.h>

#include <cmath>

int ko_number_scan(const char *p, const char *end, char decimal, double *out,
		   const char **stop)
{
	bool neg = false;
	double v = 0;

	if (p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	/* a digit or the mark must come first: fast_float would also take
	 * inf, nan and a second sign */
	if (p == end || !((unsigned char)(*p - '0') < 10 || *p == decimal))
		return -1;
	fast_float::parse_options opt(fast_float::chars_format::general, decimal);
	fast_float::from_chars_result r = fast_float::from_chars_advanced(p, end, v, opt);
	if (r.ec != std::errc() || std::isinf(v))
		return -1;
	*out = neg ? -v : v;
	*stop = r.ptr;
	return 0;
}

int ko_number_from_parts(uint64_t w, int64_t q10, int neg, double *out)
{
	using fmt = fast_float::binary_format<double>;
	fast_float::adjusted_mantissa am = fast_float::compute_float<fmt>(q10, w);
	double v;

	if (am.power2 < 0)
		return -1;
	fast_float::to_float(neg != 0, am, v);
	if (std::isinf(v))
		return -1;
	*out = v;
	return 0;
}
