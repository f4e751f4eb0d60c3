/* test_rowstore.c - rows kept from a read are delivered again as the
 * reader delivered them: every type, missing values and missing codes,
 * rejected rows' gaps in the row numbers, texts through a dictionary, the
 * column's pool and inline (past the pool's 4096 entries), rows across
 * and larger than a block; a callback's stop and SIGINT stop a replay. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interrupt.h"
#include "persons.h"
#include "reader.h"
#include "rowstore.h"

/* A deep copy of the rows a reader (or a replay) delivered. */
struct copy {
	size_t n_cols, n_rows, cap;
	long *row;
	struct ko_value *v; /* n_rows * n_cols, text malloc'ed */
};

static int copy_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct copy *c = ctx;
	size_t i;

	(void)err;
	assert_int_equal(row->n, c->n_cols);
	if (c->n_rows == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->row = realloc(c->row, c->cap * sizeof(*c->row));
		c->v = realloc(c->v, c->cap * c->n_cols * sizeof(*c->v));
		assert_non_null(c->row);
		assert_non_null(c->v);
	}
	c->row[c->n_rows] = row->row;
	for (i = 0; i < c->n_cols; i++) {
		struct ko_value *v = &c->v[c->n_rows * c->n_cols + i];
		char *t = malloc(row->values[i].len + 1);

		assert_non_null(t);
		*v = row->values[i];
		memcpy(t, row->values[i].text, row->values[i].len);
		t[row->values[i].len] = '\0';
		/* the text is NUL-terminated where it is delivered */
		assert_int_equal(row->values[i].text[row->values[i].len], '\0');
		v->text = t;
	}
	c->n_rows++;
	return 0;
}

static void copy_release(struct copy *c)
{
	size_t i;

	for (i = 0; i < c->n_rows * c->n_cols; i++)
		free((char *)c->v[i].text);
	free(c->v);
	free(c->row);
	memset(c, 0, sizeof(*c));
}

/* The replay (got) holds what the read (want) delivered: the same rows,
 * row numbers, missing flags and values, the text of textual columns;
 * in column dict_col (when dict), an id dict has comes with its index + 1
 * as its integer. */
static void assert_same_rows(const struct copy *got, const struct copy *want,
			     const struct ko_column *cols,
			     const struct ko_persons *dict, size_t dict_col)
{
	size_t r, i;

	assert_int_equal(got->n_rows, want->n_rows);
	for (r = 0; r < want->n_rows; r++) {
		assert_int_equal(got->row[r], want->row[r]);
		for (i = 0; i < want->n_cols; i++) {
			const struct ko_value *a = &got->v[r * got->n_cols + i];
			const struct ko_value *b = &want->v[r * want->n_cols + i];

			assert_int_equal(a->missing, b->missing);
			if (dict && i == dict_col && !b->missing && b->len &&
			    ko_persons_find(dict, b->text, b->len) >= 0)
				assert_true(a->v.integer ==
					    ko_persons_find(dict, b->text,
							    b->len) + 1);
			else
				assert_memory_equal(&a->v, &b->v, sizeof(a->v));
			if (cols[i].type == KO_TYPE_DATE ||
			    cols[i].type == KO_TYPE_INT ||
			    cols[i].type == KO_TYPE_NUM) {
				assert_int_equal(a->len, 0);
				continue;
			}
			assert_int_equal(a->len, b->len);
			assert_string_equal(a->text, b->text);
		}
	}
}

/* The reader's rows of path into want, and kept in a store (the column
 * named dict_col, if any, through dict, whose ids are interned first). */
static struct ko_rowstore *read_and_keep(const char *path,
					 const struct ko_column *cols, size_t n,
					 const char *dict_col,
					 struct ko_persons *dict,
					 struct copy *want);

struct keep {
	struct ko_rowstore *k;
	struct copy *want;
	struct ko_persons *dict;
	long dict_col;
	size_t pick[16];
};

static int keep_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct keep *kp = ctx;
	int inserted;

	if (kp->dict_col >= 0 && !row->values[kp->dict_col].missing)
		assert_true(ko_persons_intern(kp->dict,
					      row->values[kp->dict_col].text,
					      row->values[kp->dict_col].len,
					      &inserted) >= 0);
	copy_row(kp->want, row, err);
	return ko_rowstore_add(kp->k, row, kp->pick, err) != KO_OK;
}

static struct ko_rowstore *read_and_keep(const char *path,
					 const struct ko_column *cols, size_t n,
					 const char *dict_col,
					 struct ko_persons *dict,
					 struct copy *want)
{
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct ko_err err;
	struct keep kp;
	size_t i;

	ko_err_clear(&err);
	ko_read_options_init(&opt);
	opt.delimiter = ';';
	opt.max_field_bytes = (size_t)16 << 20;
	opt.max_reject_share = 1;
	memset(&kp, 0, sizeof(kp));
	kp.want = want;
	kp.dict = dict;
	kp.dict_col = -1;
	want->n_cols = n;
	kp.k = ko_rowstore_new(cols, n);
	assert_non_null(kp.k);
	for (i = 0; i < n; i++) {
		kp.pick[i] = i;
		if (dict_col && !strcmp(cols[i].name, dict_col)) {
			kp.dict_col = (long)i;
			ko_rowstore_use_dict(kp.k, i, dict);
		}
	}
	assert_int_equal(ko_reader_open(&r, path, &opt, &err), KO_OK);
	assert_int_equal(ko_reader_select(r, cols, n, &err), KO_OK);
	assert_int_equal(ko_reader_read(r, keep_row, &kp, &err), KO_OK);
	ko_reader_free(r);
	return kp.k;
}

static char *tmp_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "/tmp/ko_rowstore_%d_%s", (int)getpid(), name);
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const struct ko_column all_types[] = {
	{ .name = "id", .type = KO_TYPE_ID },
	{ .name = "d", .type = KO_TYPE_DATE },
	{ .name = "i", .type = KO_TYPE_INT, .missing = { "9" }, .n_missing = 1 },
	{ .name = "x", .type = KO_TYPE_NUM },
	{ .name = "c", .type = KO_TYPE_CAT },
	{ .name = "dg", .type = KO_TYPE_CODE },
	{ .name = "t", .type = KO_TYPE_TEXT },
};

/* Every type, missing values (empty, NA, a column's code), blanks, rows
 * rejected between kept rows; with the id column through a dictionary
 * and without. */
static void test_every_type(void **state)
{
	const char *path = tmp_path("types.csv");
	struct copy want, got;
	int with_dict;

	(void)state;
	write_file(path,
		   "id;d;i;x;c;dg;t\n"
		   "A1;2001-02-03;12;1.5;boy;F84.0;  free text  \n"
		   " B2 ;;NA;;girl;; \n"
		   "C3;1999-12-31;9;-0.25;boy;F90;\n"
		   "bad;not a date;1;1;x;y;z\n"
		   "bad;2001-01-01;x;1;x;y;z\n"
		   ";2000-01-01;-7;1e3;NA;F20;\"quoted; text\"\n"
		   "A1;1970-01-01;9223372036854775807;0;boy;F84.0;x\n");
	for (with_dict = 0; with_dict < 2; with_dict++) {
		struct ko_persons *dict = ko_persons_new();
		struct ko_rowstore *k;
		struct ko_err err;

		memset(&want, 0, sizeof(want));
		memset(&got, 0, sizeof(got));
		k = read_and_keep(path, all_types, 7, with_dict ? "id" : NULL,
				  dict, &want);
		assert_int_equal(want.n_rows, 5);
		assert_int_equal(want.row[3], 7); /* rows 5 and 6 rejected */
		assert_int_equal(ko_rowstore_rows(k), 5);
		got.n_cols = 7;
		ko_err_clear(&err);
		assert_int_equal(ko_rowstore_replay(k, copy_row, &got, &err), KO_OK);
		assert_same_rows(&got, &want, all_types,
				 with_dict ? dict : NULL, 0);
		/* twice: a replay does not consume the rows */
		copy_release(&got);
		got.n_cols = 7;
		assert_int_equal(ko_rowstore_replay(k, copy_row, &got, &err), KO_OK);
		assert_same_rows(&got, &want, all_types,
				 with_dict ? dict : NULL, 0);
		assert_string_equal(got.v[1 * 7 + 0].text, "B2");
		assert_true(got.v[1 * 7 + 2].missing);
		assert_true(got.v[2 * 7 + 2].missing); /* the column's code 9 */
		assert_true(got.v[3 * 7 + 0].missing);
		assert_string_equal(got.v[3 * 7 + 6].text, "quoted; text");
		assert_true(got.v[4 * 7 + 2].v.integer == INT64_MAX);
		copy_release(&got);
		copy_release(&want);
		ko_rowstore_free(k);
		ko_persons_free(dict);
	}
	unlink(path);
}

/* Many rows and distinct texts: blocks fill and follow one another, the
 * category's pool fills (4096) and later texts are kept inline, ids found
 * in the dictionary are kept as indices and the others inline; a row
 * longer than a block gets a block of its own. */
static void test_many_rows_and_texts(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "c", .type = KO_TYPE_CAT },
		{ .name = "x", .type = KO_TYPE_NUM },
		{ .name = "t", .type = KO_TYPE_TEXT },
	};
	const char *path = tmp_path("many.csv");
	struct ko_persons *dict = ko_persons_new();
	struct copy want, got;
	struct ko_rowstore *k;
	struct ko_err err;
	FILE *f = fopen(path, "w");
	static const size_t kp_pick[4] = { 0, 1, 2, 3 };
	char *wide;
	long i;

	(void)state;
	assert_non_null(f);
	fputs("id;c;x;t\n", f);
	for (i = 0; i < 200000; i++)
		fprintf(f, "P%07ld;cat%ld;%ld.5;%s\n", i % 150000, i % 9000, i,
			i % 3 ? "" : "some text of a row");
	fputs("Plast;clast;2;last\n", f);
	fclose(f);

	memset(&want, 0, sizeof(want));
	memset(&got, 0, sizeof(got));
	/* ids P0000000 to P0099999 only are in the dictionary */
	for (i = 0; i < 100000; i++) {
		char id[32];
		int ins;

		snprintf(id, sizeof(id), "P%07ld", i);
		assert_true(ko_persons_intern(dict, id, strlen(id), &ins) >= 0);
	}
	{
		struct keep kp;
		struct ko_read_options opt;
		struct ko_reader *r = NULL;

		ko_err_clear(&err);
		ko_read_options_init(&opt);
		opt.delimiter = ';';
		opt.max_field_bytes = (size_t)16 << 20;
		memset(&kp, 0, sizeof(kp));
		kp.want = &want;
		kp.dict_col = -1; /* the dictionary is not added to */
		want.n_cols = 4;
		kp.k = k = ko_rowstore_new(cols, 4);
		assert_non_null(k);
		for (i = 0; i < 4; i++)
			kp.pick[i] = (size_t)i;
		ko_rowstore_use_dict(k, 0, dict);
		assert_int_equal(ko_reader_open(&r, path, &opt, &err), KO_OK);
		assert_int_equal(ko_reader_select(r, cols, 4, &err), KO_OK);
		assert_int_equal(ko_reader_read(r, keep_row, &kp, &err), KO_OK);
		ko_reader_free(r);
	}
	assert_int_equal(want.n_rows, 200001);
	/* a row larger than a block (4 MiB) gets a block of its own */
	wide = malloc((size_t)6 << 20);
	assert_non_null(wide);
	memset(wide, 'w', ((size_t)6 << 20) - 1);
	wide[((size_t)6 << 20) - 1] = '\0';
	{
		struct ko_value v[4];
		struct ko_row row = { 200003, 4, v };

		memset(v, 0, sizeof(v));
		v[0].text = "Pwide";
		v[1].text = "cwide";
		v[2].text = ""; /* a number's text is not kept */
		v[2].v.number = 1;
		v[3].text = wide;
		for (i = 0; i < 4; i++)
			v[i].len = strlen(v[i].text);
		copy_row(&want, &row, &err);
		assert_int_equal(ko_rowstore_add(k, &row, kp_pick, &err), KO_OK);
	}
	/* more than a block of rows, and the wide row's own */
	assert_true(ko_rowstore_bytes(k) > ((size_t)8 << 20));
	got.n_cols = 4;
	assert_int_equal(ko_rowstore_replay(k, copy_row, &got, &err), KO_OK);
	assert_same_rows(&got, &want, cols, dict, 0);
	assert_string_equal(got.v[200000 * 4 + 3].text, "last");
	assert_int_equal(got.v[200001 * 4 + 3].len, ((size_t)6 << 20) - 1);
	assert_int_equal(got.row[200001], 200003);
	copy_release(&got);
	copy_release(&want);
	ko_rowstore_free(k);
	ko_persons_free(dict);
	free(wide);
	unlink(path);
}

static int stop_at_third(void *ctx, const struct ko_row *row,
			 struct ko_err *err)
{
	int *seen = ctx;

	(void)err;
	(void)row;
	return ++*seen == 3;
}

static int count_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	(void)row;
	(void)err;
	++*(long *)ctx;
	return 0;
}

/* A callback's non-zero stops the replay with KO_ERR_STOPPED at its row;
 * SIGINT stops a long one ("interrupted"). */
static void test_stops(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "n", .type = KO_TYPE_INT },
	};
	struct ko_rowstore *k = ko_rowstore_new(cols, 1);
	struct ko_value v;
	struct ko_row row = { 0, 1, &v };
	struct ko_err err;
	size_t pick = 0;
	long i, seen = 0;
	int third = 0;

	(void)state;
	assert_non_null(k);
	memset(&v, 0, sizeof(v));
	v.text = "";
	for (i = 0; i < 200000; i++) {
		row.row = i + 2;
		v.v.integer = i;
		assert_int_equal(ko_rowstore_add(k, &row, &pick, NULL), KO_OK);
	}
	ko_err_clear(&err);
	assert_int_equal(ko_rowstore_replay(k, stop_at_third, &third, &err),
			 KO_ERR_STOPPED);
	assert_int_equal(third, 3);
	assert_int_equal(err.row, 4);
	ko_err_clear(&err);
	ko_interrupt_after(1);
	assert_int_equal(ko_rowstore_replay(k, count_row, &seen, &err),
			 KO_ERR_STOPPED);
	ko_interrupt_clear();
	assert_non_null(strstr(err.msg, "interrupted"));
	assert_true(seen < 200000);
	seen = 0;
	assert_int_equal(ko_rowstore_replay(k, count_row, &seen, &err), KO_OK);
	assert_int_equal(seen, 200000);
	ko_rowstore_free(k);
	ko_rowstore_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type),
		cmocka_unit_test(test_many_rows_and_texts),
		cmocka_unit_test(test_stops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
