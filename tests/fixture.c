/* fixture.c - see fixture.h. */
#include "fixture.h"

#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 65536

static double cell_value(const char *s)
{
	char *end;
	double v;

	while (*s == ' ')
		s++;
	if (strncmp(s, "NA", 2) == 0)
		return NAN;
	v = strtod(s, &end);
	return end == s ? NAN : v;
}

static char *dup_str(const char *s)
{
	char *d = malloc(strlen(s) + 1);

	if (d)
		strcpy(d, s);
	return d;
}

/* Split line at commas into at most max fields (in place). */
static size_t split_commas(char *line, char **field, size_t max)
{
	size_t k = 0;
	char *s = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (k < max) {
		char *c = strchr(s, ',');

		field[k++] = s;
		if (!c)
			break;
		*c = '\0';
		s = c + 1;
	}
	return k;
}

int ko_fixture_table_read(const char *path, struct ko_fixture_table *t)
{
	FILE *f = fopen(path, "r");
	char *line = malloc(LINE_MAX_LEN);
	char **field = malloc(4096 * sizeof *field);
	size_t cap = 0, k, j;
	int rc = -1;

	memset(t, 0, sizeof *t);
	if (!f || !line || !field || !fgets(line, LINE_MAX_LEN, f)) {
		fprintf(stderr, "fixture: cannot read %s\n", path);
		goto out;
	}
	t->ncol = split_commas(line, field, 4096);
	t->names = calloc(t->ncol, sizeof *t->names);
	for (j = 0; j < t->ncol; j++)
		t->names[j] = dup_str(field[j]);
	while (fgets(line, LINE_MAX_LEN, f)) {
		if (line[0] == '\n' || line[0] == '\0')
			continue;
		k = split_commas(line, field, 4096);
		if (k != t->ncol) {
			fprintf(stderr, "fixture: %s row %zu has %zu cells, expected %zu\n",
				path, t->nrow + 1, k, t->ncol);
			goto out;
		}
		if (t->nrow == cap) {
			cap = cap ? 2 * cap : 256;
			t->v = realloc(t->v, cap * t->ncol * sizeof *t->v);
		}
		for (j = 0; j < k; j++)
			t->v[t->nrow * t->ncol + j] = cell_value(field[j]);
		t->nrow++;
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	free(line);
	free(field);
	return rc;
}

void ko_fixture_table_release(struct ko_fixture_table *t)
{
	size_t j;

	for (j = 0; t->names && j < t->ncol; j++)
		free(t->names[j]);
	free(t->names);
	free(t->v);
	memset(t, 0, sizeof *t);
}

long ko_fixture_table_col(const struct ko_fixture_table *t, const char *name)
{
	size_t j;

	for (j = 0; j < t->ncol; j++)
		if (strcmp(t->names[j], name) == 0)
			return (long)j;
	return -1;
}

int ko_fixture_ref_read(const char *path, struct ko_fixture_ref *r)
{
	FILE *f = fopen(path, "r");
	char line[4096], sec[1024], name[1024], val[1024];
	size_t cap = 0;

	memset(r, 0, sizeof *r);
	if (!f) {
		fprintf(stderr, "fixture: cannot read %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || sscanf(line, "%1023s %1023s %1023s", sec, name, val) != 3)
			continue;
		if (r->n == cap) {
			cap = cap ? 2 * cap : 256;
			r->section = realloc(r->section, cap * sizeof *r->section);
			r->name = realloc(r->name, cap * sizeof *r->name);
			r->v = realloc(r->v, cap * sizeof *r->v);
		}
		r->section[r->n] = dup_str(sec);
		r->name[r->n] = dup_str(name);
		r->v[r->n] = cell_value(val);
		r->n++;
	}
	fclose(f);
	return 0;
}

void ko_fixture_ref_release(struct ko_fixture_ref *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->section[i]);
		free(r->name[i]);
	}
	free(r->section);
	free(r->name);
	free(r->v);
	memset(r, 0, sizeof *r);
}

static long ref_find(const struct ko_fixture_ref *r, const char *section,
		     const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->section[i], section) == 0 && strcmp(r->name[i], name) == 0)
			return (long)i;
	return -1;
}

int ko_fixture_ref_has(const struct ko_fixture_ref *r, const char *section,
		       const char *name)
{
	return ref_find(r, section, name) >= 0;
}

double ko_fixture_ref_get(const struct ko_fixture_ref *r, const char *section,
			  const char *name)
{
	long i = ref_find(r, section, name);

	if (i < 0)
		fail_msg("fixture: no value for %s %s", section, name);
	return r->v[i];
}
