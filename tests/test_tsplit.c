/* test_tsplit.c - time-varying covariates split into (start, stop]
 * intervals (stats/tsplit.c) against survival::tmerge on 212 subjects
 * (tests/reference/tsplit_ref.R: 12 hand-made edge cases, 200 random ones
 * with tied day times), and the bad-input errors. */
#include "ko_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tsplit.h"

#define FIX "tests/fixtures/tsplit"

/* A covariate's changes from a fixture (id,t[,v]) as CSR over n subjects
 * (ids 1..n). */
struct csr {
	size_t *off;
	double *time, *value;
};

static void csr_read(const char *path, size_t n, struct csr *c)
{
	struct ko_fixture_table t;
	long cid, ct, cv;
	size_t r, i;

	assert_int_equal(ko_fixture_table_read(path, &t), 0);
	cid = ko_fixture_table_col(&t, "id");
	ct = ko_fixture_table_col(&t, "t");
	cv = ko_fixture_table_col(&t, "v");
	assert_true(cid >= 0 && ct >= 0);
	c->off = calloc(n + 1, sizeof(*c->off));
	c->time = malloc((t.nrow + 1) * sizeof(double));
	c->value = cv >= 0 ? malloc((t.nrow + 1) * sizeof(double)) : NULL;
	assert_non_null(c->off);
	for (r = 0; r < t.nrow; r++) { /* sorted by id, then t */
		size_t id = (size_t)t.v[r * t.ncol + (size_t)cid];

		assert_true(id >= 1 && id <= n);
		c->off[id]++;
		c->time[r] = t.v[r * t.ncol + (size_t)ct];
		if (c->value)
			c->value[r] = t.v[r * t.ncol + (size_t)cv];
	}
	for (i = 0; i < n; i++)
		c->off[i + 1] += c->off[i];
	ko_fixture_table_release(&t);
}

static void csr_free(struct csr *c)
{
	free(c->off);
	free(c->time);
	free(c->value);
}

static void test_matches_tmerge(void **state)
{
	struct ko_fixture_table base, ref;
	struct csr sw, cum, set;
	struct ko_tdc cov[3];
	struct ko_tsplit out;
	struct ko_err err;
	double *start, *stop;
	int *status;
	size_t n, i, r;
	static const char *const names[3] = { "ndd", "sa", "x" };

	(void)state;
	memset(&out, 0, sizeof(out));
	assert_int_equal(ko_fixture_table_read(FIX "_base.csv", &base), 0);
	assert_int_equal(ko_fixture_table_read(FIX "_ref.csv", &ref), 0);
	n = base.nrow;
	start = malloc(n * sizeof(*start));
	stop = malloc(n * sizeof(*stop));
	status = malloc(n * sizeof(*status));
	for (i = 0; i < n; i++) {
		assert_int_equal((size_t)base.v[i * 4], i + 1);
		start[i] = base.v[i * 4 + 1];
		stop[i] = base.v[i * 4 + 2];
		status[i] = (int)base.v[i * 4 + 3];
	}
	csr_read(FIX "_sw.csv", n, &sw);
	csr_read(FIX "_cum.csv", n, &cum);
	csr_read(FIX "_set.csv", n, &set);
	cov[0] = (struct ko_tdc){ KO_TDC_SET, 0, sw.off, sw.time, NULL };
	cov[1] = (struct ko_tdc){ KO_TDC_CUM, 0, cum.off, cum.time, cum.value };
	cov[2] = (struct ko_tdc){ KO_TDC_SET, NAN, set.off, set.time, set.value };
	ko_err_clear(&err);
	assert_int_equal(ko_tsplit(n, start, stop, status, cov, 3, &out, &err),
			 KO_OK);
	assert_int_equal(out.n_rows, ref.nrow);
	assert_int_equal(ref.nrow, 575);
	for (r = 0; r < ref.nrow; r++) {
		const double *w = ref.v + r * ref.ncol;
		size_t k;

		if ((double)(out.subject[r] + 1) != w[0] || out.start[r] != w[1] ||
		    out.stop[r] != w[2] || out.status[r] != (int)w[3])
			fail_msg("row %zu: %zu (%g, %g] %d, tmerge: %g (%g, %g] %g",
				 r + 1, out.subject[r] + 1, out.start[r],
				 out.stop[r], out.status[r], w[0], w[1], w[2],
				 w[3]);
		for (k = 0; k < 3; k++) {
			double got = out.cov[r * 3 + k], want = w[4 + k];

			if (isnan(want) ? !isnan(got)
			    : fabs(got - want) > 1e-12 * fmax(1, fabs(want)))
				fail_msg("row %zu (id %g): %s %g, tmerge %g", r + 1,
					 w[0], names[k], got, want);
		}
	}
	ko_tsplit_free(&out);
	csr_free(&sw);
	csr_free(&cum);
	csr_free(&set);
	free(start);
	free(stop);
	free(status);
	ko_fixture_table_release(&base);
	ko_fixture_table_release(&ref);
}

static void test_bad_input(void **state)
{
	const double start[2] = { 0, 5 }, stop[2] = { 10, 5 };
	const int status[2] = { 0, 1 };
	const size_t off[3] = { 0, 2, 2 };
	const double times[2] = { 4, 3 };
	struct ko_tdc cov = { KO_TDC_SET, 0, off, times, NULL };
	struct ko_tsplit out;
	struct ko_err err;

	(void)state;
	memset(&out, 0, sizeof(out));
	ko_err_clear(&err);
	/* subject 2 has no follow-up time */
	assert_int_equal(ko_tsplit(2, start, stop, status, NULL, 0, &out, &err),
			 KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "subject 2: stop 5 is not after start 5"));
	/* subject 1's times go backwards */
	ko_err_clear(&err);
	assert_int_equal(ko_tsplit(1, start, stop, status, &cov, 1, &out, &err),
			 KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "subject 1, covariate 1: times"));
	assert_int_equal(out.n_rows, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_tmerge),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
