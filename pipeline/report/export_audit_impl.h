/* export_audit_impl.h - what the two parts of the whole-export audit share
 * (export_audit.h): the audit's variables and relations, built from the
 * tables by export_audit_rel.c (the relations the whole-export attacker
 * builds from the files), bounded and acted on by export_audit.c (the
 * linear programs, the further suppression, the release of complements).
 * Private to the two. */
#ifndef KO_EXPORT_AUDIT_IMPL_H
#define KO_EXPORT_AUDIT_IMPL_H

#include "lang.h"
#include "table.h"

/* V_AUX: a number that is not a count (a person-years cell, a slack of
 * an inequality), bounded by [lo, hi] (struct avar's min/max), never
 * checked or suppressed by the audit */
enum vkind { V_SHOWN, V_SMALL, V_HIDDEN, V_UNPUBLISHED, V_AUX };

struct avar {
	char table[64], term[96], level[96], column[160];
	enum vkind kind;
	double value;    /* V_SHOWN */
	double lo, hi;   /* the audit's bounds */
	double min, max; /* V_AUX: what the export says of it */
	int t, row, col; /* the cell (t < 0: an unpublished count) */
};

struct aline {
	int n, cap;
	int *v;
	double *c; /* sum c[i] x[v[i]] = 0 */
};

struct audit {
	struct ko_table *const *tables;
	int ntab, T;
	enum ko_lang lang; /* the tables' language: names are read in English */
	struct avar *vars;
	int nvar, capvar;
	struct aline *lines;
	int nline, capline;
	int nomem;
	/* the follow-up of one child from birth to the end age, in years: a
	 * child censored there is followed [py_min, py_max], any other less
	 * (py_max 0: no follow-up table); from_birth: the end-age row's
	 * person-years are its children times that span (no later entry) */
	double py_min, py_max;
	int from_birth;
	/* the cells published again because the other published numbers give
	 * them back exactly (export_audit.c's round_once): never hidden again,
	 * {table, row, col} each */
	int (*kept)[3];
	int nkept, capkept;
	/* audit_find's index of the vars' names (open addressing, hcap a
	 * power of two; -1 empty; NULL: none) */
	int *hash, hcap;
};

/* Every published count and every relation between them (a->vars,
 * a->lines), from the tables as they are now. */
void audit_build(struct audit *a);
/* Forget every variable and relation (the arrays and the index stay). */
void audit_clear(struct audit *a);
/* The variable (table, term, level, column), -1. */
int audit_find(const struct audit *a, const char *table, const char *term,
	       const char *level, const char *column);
/* A row's term: its term, else its label. */
const char *audit_row_term(const struct ko_table_row *row);
/* A count cell (count, or count with percent). */
int audit_is_count(const struct ko_cell *cell);

#endif
