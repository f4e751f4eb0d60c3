/* surv_support.c - see surv_support.h. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "surv_support.h"

void ko_surv_case_load(struct ko_surv_case *c, const char *name, int use_entry,
		       int use_weight)
{
	char path[256];
	size_t i, n, ng = 0, ns = 0;
	long je, jt, js, jw, jg, jst, jc;

	memset(c, 0, sizeof *c);
	snprintf(path, sizeof path, "tests/fixtures/surv_%s_in.csv", name);
	assert_int_equal(ko_fixture_table_read(path, &c->t), 0);
	n = c->t.nrow;
	je = ko_fixture_table_col(&c->t, "entry");
	jt = ko_fixture_table_col(&c->t, "time");
	js = ko_fixture_table_col(&c->t, "status");
	jw = ko_fixture_table_col(&c->t, "weight");
	jg = ko_fixture_table_col(&c->t, "group");
	jst = ko_fixture_table_col(&c->t, "strata");
	assert_true(je >= 0 && jt >= 0 && js >= 0 && jw >= 0 && jg >= 0 && jst >= 0);
	c->entry = malloc(n * sizeof *c->entry);
	c->time = malloc(n * sizeof *c->time);
	c->weight = malloc(n * sizeof *c->weight);
	c->status = malloc(n * sizeof *c->status);
	c->group = malloc(n * sizeof *c->group);
	c->strata = malloc(n * sizeof *c->strata);
	assert_true(c->entry && c->time && c->weight && c->status && c->group && c->strata);
	for (i = 0; i < n; i++) {
		const double *row = c->t.v + i * c->t.ncol;

		c->entry[i] = row[je];
		c->time[i] = row[jt];
		c->status[i] = (int)row[js];
		c->weight[i] = row[jw];
		c->group[i] = (int)row[jg];
		c->strata[i] = (int)row[jst];
		if ((size_t)c->group[i] + 1 > ng)
			ng = (size_t)c->group[i] + 1;
		if ((size_t)c->strata[i] + 1 > ns)
			ns = (size_t)c->strata[i] + 1;
	}
	c->d.n = n;
	c->d.entry = use_entry ? c->entry : NULL;
	c->d.time = c->time;
	c->d.status = c->status;
	c->d.weight = use_weight ? c->weight : NULL;
	c->d.group = c->group;
	c->d.ngroups = ng;
	c->d.strata = c->strata;
	c->d.nstrata = ns;
	jc = ko_fixture_table_col(&c->t, "cluster");
	if (jc >= 0) {
		c->cluster = malloc(n * sizeof *c->cluster);
		assert_non_null(c->cluster);
		for (i = 0; i < n; i++) {
			c->cluster[i] = (long)c->t.v[i * c->t.ncol + jc];
			if ((size_t)c->cluster[i] + 1 > c->ncluster)
				c->ncluster = (size_t)c->cluster[i] + 1;
		}
		c->d.ncluster = c->ncluster;
	}
}

void ko_surv_case_release(struct ko_surv_case *c)
{
	ko_fixture_table_release(&c->t);
	free(c->entry);
	free(c->time);
	free(c->weight);
	free(c->status);
	free(c->group);
	free(c->strata);
	free(c->cluster);
}

void ko_surv_check_num(double a, double b, double rel, double abs,
		       const char *what, size_t row)
{
	if (isnan(b) && isnan(a))
		return;
	if (isinf(b) && a == b)
		return;
	if (fabs(a - b) <= abs)
		return;
	if (!(fabs(a - b) <= rel * fabs(b))) {
		print_error("%s, fixture row %zu: %.17g, expected %.17g\n", what, row + 2, a, b);
		fail();
	}
}
