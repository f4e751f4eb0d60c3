/*
 * fixture.h - reading the reference fixtures that the R scripts in
 * tests/reference/ write, with plain stdio (tests need no R):
 *
 *  - a table: CSV with one header line of names and numeric cells, no
 *    quoting ("NA" reads as NaN);
 *  - a reference file: lines "section name value", '#' starts a comment,
 *    value "NA" is NaN.
 *
 * Both own their memory; release with the matching _release.
 */
#ifndef KO_FIXTURE_H
#define KO_FIXTURE_H

#include <stddef.h>

struct ko_fixture_table {
	size_t nrow, ncol;
	char **names; /* ncol */
	double *v;    /* nrow x ncol, row-major */
};

struct ko_fixture_ref {
	size_t n;
	char **section, **name;
	double *v;
};

/* 0 on success; on failure prints why and returns -1. */
int ko_fixture_table_read(const char *path, struct ko_fixture_table *t);
void ko_fixture_table_release(struct ko_fixture_table *t);
/* Index of column name, or -1. */
long ko_fixture_table_col(const struct ko_fixture_table *t, const char *name);

int ko_fixture_ref_read(const char *path, struct ko_fixture_ref *r);
void ko_fixture_ref_release(struct ko_fixture_ref *r);
/* The value of section/name; fails the running cmocka test when absent. */
double ko_fixture_ref_get(const struct ko_fixture_ref *r, const char *section,
			  const char *name);
/* 1 when section/name is present. */
int ko_fixture_ref_has(const struct ko_fixture_ref *r, const char *section,
		       const char *name);

#endif
