/*
 * test_lexis.c - Lexis splitting (stats/lexis.h) against Epi::splitLexis
 * 2.47 and survival::survSplit (tests/reference/lexis_rate_ref.R ->
 * tests/fixtures/lexis_*.csv): every piece of every person, in order.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "lexis.h"

/* Named tolerances. */
#define TOL_YEARS 1e-9 /* piece starts and lengths in years (mgus2) vs Epi */

static const double age_br[] = { 40, 50, 60, 70, 80, 90 };
static const double cal_br[] = { 1970, 1975, 1980, 1985, 1990, 1995, 2000 };

static double col(const struct ko_fixture_table *t, size_t i, const char *name)
{
	long j = ko_fixture_table_col(t, name);

	assert_true(j >= 0);
	return t->v[i * t->ncol + (size_t)j];
}

/* Splits every person of in and compares the pieces with out (columns
 * id, then the scales' names, dur, event).  exact: equality (whole days). */
static void split_all(const struct ko_lexis *lx, const struct ko_fixture_table *in,
		      const char *const *in_cols, const struct ko_fixture_table *out,
		      const char *const *out_cols, int exact, size_t *pieces)
{
	size_t i, r = 0, s;

	for (i = 0; i < in->nrow; i++) {
		struct ko_lexis_iter it;
		struct ko_lexis_piece pc;
		struct ko_err err;
		double entry[KO_LEXIS_MAX_SCALES], dur, sum = 0.0, id = col(in, i, "id");
		int ev = (int)col(in, i, in_cols[3]);

		for (s = 0; s < lx->nscales; s++)
			entry[s] = col(in, i, in_cols[s]);
		dur = exact ? col(in, i, in_cols[2]) - col(in, i, "birth") : col(in, i, in_cols[2]);
		assert_int_equal(ko_lexis_begin(&it, lx, entry, dur, ev, &err), KO_OK);
		while (ko_lexis_next(&it, &pc)) {
			assert_true(r < out->nrow);
			assert_true(col(out, r, "id") == id);
			for (s = 0; s < lx->nscales; s++) {
				double want = col(out, r, out_cols[s]);

				if (exact)
					assert_true(pc.start[s] == want);
				else
					assert_near(pc.start[s], want, TOL_YEARS * fabs(want));
				if (lx->nbreaks[s]) { /* the band holds the start */
					if (pc.band[s] >= 0)
						assert_true(lx->breaks[s][pc.band[s]] <= pc.start[s] + TOL_YEARS);
					if (pc.band[s] + 1 < (long)lx->nbreaks[s])
						assert_true(pc.start[s] < lx->breaks[s][pc.band[s] + 1]);
				}
			}
			if (exact)
				assert_true(pc.dur == col(out, r, out_cols[2]));
			else
				assert_close(pc.dur, col(out, r, out_cols[2]), TOL_YEARS);
			assert_int_equal(pc.event, (int)col(out, r, out_cols[3]));
			assert_true(pc.dur > 0.0);
			sum += pc.dur;
			r++;
		}
		if (dur > 0.0 && exact)
			assert_true(sum == dur); /* to the day */
	}
	assert_int_equal(r, out->nrow);
	*pieces = r;
}

/* mgus2 by age and calendar time, as splitLexis twice. */
static void test_mgus2_two_scales(void **state)
{
	struct ko_fixture_table in, out;
	struct ko_lexis lx = { 2, { age_br, cal_br }, { 6, 7 } };
	const char *const ic[] = { "age", "cal", "dur", "event" };
	const char *const oc[] = { "age", "cal", "dur", "event" };
	size_t n;

	(void)state;
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_mgus2_in.csv", &in), 0);
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_mgus2_out.csv", &out), 0);
	split_all(&lx, &in, ic, &out, oc, 0, &n);
	assert_true(n > 2 * in.nrow);
	ko_fixture_table_release(&in);
	ko_fixture_table_release(&out);
}

/* mgus2 by age alone, as survSplit (with its band numbers). */
static void test_mgus2_age_survsplit(void **state)
{
	struct ko_fixture_table in, out;
	struct ko_lexis lx = { 1, { age_br }, { 6 } };
	size_t i, r = 0;

	(void)state;
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_mgus2_in.csv", &in), 0);
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_mgus2_age.csv", &out), 0);
	for (i = 0; i < in.nrow; i++) {
		struct ko_lexis_iter it;
		struct ko_lexis_piece pc;
		double entry = col(&in, i, "age");

		assert_int_equal(ko_lexis_begin(&it, &lx, &entry, col(&in, i, "dur"),
						 (int)col(&in, i, "event"), NULL), KO_OK);
		while (ko_lexis_next(&it, &pc)) {
			assert_true(col(&out, r, "id") == col(&in, i, "id"));
			assert_near(pc.start[0], col(&out, r, "start"), TOL_YEARS * 100);
			assert_close(pc.start[0] + pc.dur, col(&out, r, "stop"), TOL_YEARS);
			assert_int_equal(pc.band[0], (long)col(&out, r, "band"));
			assert_int_equal(pc.event, (int)col(&out, r, "event"));
			r++;
		}
	}
	assert_int_equal(r, out.nrow);
	ko_fixture_table_release(&in);
	ko_fixture_table_release(&out);
}

/* Whole days (birth to exit, many tied event days): every piece equal to
 * Epi's, and each person's pieces add up to the follow-up exactly. */
static void test_days_exact(void **state)
{
	static const double age_d[] = { 0, 365, 1826, 3652, 5479, 6574 };
	static const double cal_d[] = { 10957, 12784, 14610, 16436 }; /* 2000-, 2005-, 2010-, 2015-01-01 */
	struct ko_fixture_table in, out;
	struct ko_lexis lx = { 2, { age_d, cal_d }, { 6, 4 } };
	const char *const oc[] = { "age", "cal", "dur", "event" };
	size_t i, n;

	(void)state;
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_days_in.csv", &in), 0);
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_days_out.csv", &out), 0);
	/* the input as the splitter sees it: age 0 and the birth date at entry,
	 * the event = status 1 (2, death, is censoring here) */
	{
		long jst = ko_fixture_table_col(&in, "status");
		long jage = ko_fixture_table_col(&in, "expo"); /* reused as age 0 */

		assert_true(jst >= 0 && jage >= 0);
		for (i = 0; i < in.nrow; i++) {
			in.v[i * in.ncol + jage] = 0.0;
			in.v[i * in.ncol + jst] = in.v[i * in.ncol + jst] == 1.0;
		}
	}
	{
		const char *const ic[] = { "expo", "birth", "exit", "status" };

		split_all(&lx, &in, ic, &out, oc, 1, &n);
	}
	assert_true(n > in.nrow);
	ko_fixture_table_release(&in);
	ko_fixture_table_release(&out);
}

/* Edges: no follow-up gives no piece; an entry on a break starts its band;
 * no breaks gives one piece; bad input is an error naming the value. */
static void test_edges(void **state)
{
	static const double br[] = { 1, 2, 3 };
	static const double bad[] = { 1, 1 };
	struct ko_lexis lx = { 1, { br }, { 3 } };
	struct ko_lexis none = { 1, { NULL }, { 0 } };
	struct ko_lexis badlx = { 1, { bad }, { 2 } };
	struct ko_lexis_iter it;
	struct ko_lexis_piece pc;
	struct ko_err err;
	double e = 2.0;

	(void)state;
	assert_int_equal(ko_lexis_begin(&it, &lx, &e, 0.0, 1, &err), KO_OK);
	assert_int_equal(ko_lexis_next(&it, &pc), 0);
	assert_int_equal(ko_lexis_begin(&it, &lx, &e, 1.5, 1, &err), KO_OK);
	assert_int_equal(ko_lexis_next(&it, &pc), 1);
	assert_true(pc.start[0] == 2.0 && pc.dur == 1.0 && pc.band[0] == 1 && pc.event == 0);
	assert_int_equal(ko_lexis_next(&it, &pc), 1);
	assert_true(pc.start[0] == 3.0 && pc.dur == 0.5 && pc.band[0] == 2 && pc.event == 1);
	assert_int_equal(ko_lexis_next(&it, &pc), 0);
	e = 0.5;
	assert_int_equal(ko_lexis_begin(&it, &lx, &e, 0.25, 1, &err), KO_OK);
	assert_int_equal(ko_lexis_next(&it, &pc), 1);
	assert_true(pc.band[0] == -1 && pc.dur == 0.25 && pc.event == 1);
	assert_int_equal(ko_lexis_begin(&it, &none, &e, 7.0, 1, &err), KO_OK);
	assert_int_equal(ko_lexis_next(&it, &pc), 1);
	assert_true(pc.dur == 7.0 && pc.band[0] == -1 && pc.event == 1);
	assert_int_equal(ko_lexis_next(&it, &pc), 0);
	assert_int_equal(ko_lexis_begin(&it, &lx, &e, -1.0, 1, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "exit before entry"));
	assert_int_equal(ko_lexis_begin(&it, &lx, &e, NAN, 1, &err), KO_ERR_DATA);
	e = INFINITY;
	assert_int_equal(ko_lexis_begin(&it, &lx, &e, 1.0, 1, &err), KO_ERR_DATA);
	e = 1.0;
	assert_int_equal(ko_lexis_begin(&it, &badlx, &e, 1.0, 1, &err), KO_ERR_USAGE);
	assert_non_null(strstr(err.msg, "strictly increasing"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mgus2_two_scales),
		cmocka_unit_test(test_mgus2_age_survsplit),
		cmocka_unit_test(test_days_exact),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
