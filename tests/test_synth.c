/*
 * test_synth.c - kohort synth: determinism, file format, delivered-style
 * quirks, and the planted truth recovered by an independent derivation of
 * the example study's variables (written here from /work/briefs/defs.md,
 * sharing no code with synth.c beyond the date parser of value.h).
 */
#include "ko_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <zlib.h>

#include "reader.h"
#include "synth.h"
#include "value.h"

#define LINE_MAX_BYTES 4096
#define MAX_FIELDS 24
#define NO_DATE_T INT32_MAX

static const char *const headers[KO_SYNTH_FILE_COUNT] = {
	"shnro;mother_shnro;father_shnro;birth_date;sex;birth_weight_g;"
	"gestational_weeks;region",
	"shnro;birth_date;death_date;emigration_date;education",
	"shnro;contact_date;dg1;dg2;dg3",
	"shnro;start_date;end_date;measure",
	"shnro_applicant;shnro_spouse;year;jan;feb;mar;apr;may;jun;jul;aug;"
	"sep;oct;nov;dec;months;amount_eur",
};

/* ---- helpers: temp dirs, generating, reading gz files ---- */

static char *make_tmpdir(void)
{
	char tmpl[] = "/tmp/kohort-synth-XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	return strdup(d);
}

static void remove_dir(char *dir)
{
	char path[1024];
	int k;

	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++) {
		snprintf(path, sizeof(path), "%s/%s", dir,
			 ko_synth_file_name((enum ko_synth_file)k));
		unlink(path);
	}
	rmdir(dir);
	free(dir);
}

static void generate(const char *dir, long n, unsigned long seed, int parallel,
		     struct ko_synth_stats *stats, struct ko_synth_truth *truth)
{
	struct ko_synth_options opt;
	struct ko_err err;

	ko_synth_options_init(&opt);
	opt.persons = n;
	opt.seed = seed;
	opt.parallel = parallel;
	ko_err_clear(&err);
	if (ko_synth_write(dir, &opt, stats, truth, &err) != KO_OK)
		fail_msg("ko_synth_write: %s", err.msg);
}

static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int same_bytes(const char *dir_a, const char *dir_b, int file)
{
	char pa[1024], pb[1024];
	size_t la, lb;
	char *a, *b;
	int same;

	snprintf(pa, sizeof(pa), "%s/%s", dir_a, ko_synth_file_name(file));
	snprintf(pb, sizeof(pb), "%s/%s", dir_b, ko_synth_file_name(file));
	a = read_whole(pa, &la);
	b = read_whole(pb, &lb);
	same = la == lb && !memcmp(a, b, la);
	free(a);
	free(b);
	return same;
}

struct table {
	gzFile gz;
	char line[LINE_MAX_BYTES];
	char *field[MAX_FIELDS];
	int n_fields;
	long rows;
};

static void table_open(struct table *t, const char *dir, int file)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, ko_synth_file_name(file));
	memset(t, 0, sizeof(*t));
	t->gz = gzopen(path, "rb");
	assert_non_null(t->gz);
	assert_non_null(gzgets(t->gz, t->line, sizeof(t->line)));
	t->line[strcspn(t->line, "\n")] = '\0';
	assert_string_equal(t->line, headers[file]);
}

/* Next data row split at ';' (fields point into t->line); 0 at the end. */
static int table_next(struct table *t)
{
	char *p;

	if (!gzgets(t->gz, t->line, sizeof(t->line)))
		return 0;
	p = t->line;
	assert_non_null(strchr(p, '\n'));
	*strchr(p, '\n') = '\0';
	t->n_fields = 0;
	for (;;) {
		assert_true(t->n_fields < MAX_FIELDS);
		t->field[t->n_fields++] = p;
		p = strchr(p, ';');
		if (!p)
			break;
		*p++ = '\0';
	}
	t->rows++;
	return 1;
}

static void table_close(struct table *t)
{
	int errnum;

	gzerror(t->gz, &errnum);
	assert_int_equal(errnum, Z_OK);
	assert_int_equal(gzclose(t->gz), Z_OK);
}

static int32_t date_or_none(const char *s)
{
	int32_t d;

	if (!*s)
		return NO_DATE_T;
	if (ko_parse_date(s, strlen(s), KO_DATE_DMY, &d))
		fail_msg("bad date '%s'", s);
	return d;
}

/* ---- tests ---- */

static void test_same_seed_same_bytes(void **state)
{
	char *a = make_tmpdir(), *b = make_tmpdir(), *c = make_tmpdir();
	char path[1024];
	unsigned char head[10];
	FILE *f;
	int k, differ = 0;

	(void)state;
	generate(a, 1500, 7, 1, NULL, NULL);
	generate(b, 1500, 7, 0, NULL, NULL); /* threads or not: same bytes */
	generate(c, 1500, 8, 1, NULL, NULL);
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++) {
		assert_true(same_bytes(a, b, k));
		differ += !same_bytes(a, c, k);
	}
	assert_int_equal(differ, KO_SYNTH_FILE_COUNT);
	/* gzip header: magic, deflate, no flags, mtime 0 */
	snprintf(path, sizeof(path), "%s/hilmo.csv.gz", a);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(head, 1, 10, f), 10);
	fclose(f);
	assert_int_equal(head[0], 0x1f);
	assert_int_equal(head[1], 0x8b);
	assert_int_equal(head[2], 8);
	assert_int_equal(head[3], 0);
	assert_int_equal(head[4] | head[5] | head[6] | head[7], 0);
	remove_dir(a);
	remove_dir(b);
	remove_dir(c);
}

struct progress_log {
	int calls, decreasing, out_of_range;
	double last;
};

static void log_progress(void *ctx, double done, double text_bytes)
{
	struct progress_log *log = ctx;

	(void)text_bytes;
	log->calls++;
	log->decreasing += done < log->last;
	log->out_of_range += done < 0 || done > 1;
	log->last = done;
}

/* The progress callback ends with done = 1, never goes back, and does not
 * change the bytes. */
static void test_progress(void **state)
{
	char *a = make_tmpdir(), *b = make_tmpdir();
	struct ko_synth_options opt;
	struct progress_log log;
	struct ko_err err;
	int k;

	(void)state;
	memset(&log, 0, sizeof(log));
	ko_synth_options_init(&opt);
	opt.persons = 20000;
	opt.level = 1;
	opt.parallel = 0;
	opt.progress = log_progress;
	opt.progress_ctx = &log;
	assert_int_equal(ko_synth_write(a, &opt, NULL, NULL, &err), KO_OK);
	assert_true(log.calls >= 1);
	assert_int_equal(log.decreasing, 0);
	assert_int_equal(log.out_of_range, 0);
	assert_true(log.last == 1.0);
	opt.progress = NULL;
	assert_int_equal(ko_synth_write(b, &opt, NULL, NULL, &err), KO_OK);
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++)
		assert_true(same_bytes(a, b, k));
	remove_dir(a);
	remove_dir(b);
}

/* The committed sample is exactly what its documented command writes
 * (tests run from the repository root). */
static void test_sample_data_is_current(void **state)
{
	char *dir = make_tmpdir();
	int k;

	(void)state;
	generate(dir, 10000, 1997, 1, NULL, NULL);
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++)
		if (!same_bytes(dir, "sample-data", k))
			fail_msg("sample-data/%s differs from kohort synth --persons "
				 "10000 --seed 1997: regenerate it",
				 ko_synth_file_name(k));
	remove_dir(dir);
}

/* Headers, field counts and row counts against stats and SPEC §7 volumes. */
static void test_headers_and_row_counts(void **state)
{
	static const int n_fields[KO_SYNTH_FILE_COUNT] = { 8, 5, 5, 4, 17 };
	char *dir = make_tmpdir();
	struct ko_synth_stats st;
	struct table t;
	const long n = 4000;
	int k;

	(void)state;
	generate(dir, n, 11, 1, &st, NULL);
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++) {
		table_open(&t, dir, k);
		while (table_next(&t))
			assert_int_equal(t.n_fields, n_fields[k]);
		table_close(&t);
		assert_int_equal(t.rows, st.rows[k]);
	}
	assert_int_equal(st.rows[KO_SYNTH_BIRTH], n);
	assert_in_range(st.rows[KO_SYNTH_POPULATION], 2.7 * n, 3.0 * n);
	assert_in_range(st.rows[KO_SYNTH_HILMO], 25 * n, 35 * n);
	assert_in_range(st.rows[KO_SYNTH_SOCIAL_ASSISTANCE], 7 * n, 13 * n);
	assert_in_range(st.rows[KO_SYNTH_CHILD_WELFARE], n / 4, n);
	assert_in_range(st.children_in_cohort, 0.93 * n, 0.99 * n);
	remove_dir(dir);
}

struct quirks {
	int latin1_region, utf8_bytes, empty_father, born_1996, born_1998;
	int dotted, undotted, starred, decimal_comma, twins, unmatched_parent;
	int infant_death, months_consistent_rows, sa_rows;
};

static int is_amount(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && s[n] == ',' && strlen(s + n + 1) == 2 &&
	       strspn(s + n + 1, "0123456789") == 2;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scan_birth(const char *dir, struct quirks *q, char **pop_ids,
		       size_t n_pop)
{
	struct table t;
	char prev_mother[32] = "", prev_date[16] = "";

	table_open(&t, dir, KO_SYNTH_BIRTH);
	while (table_next(&t)) {
		const char *region = t.field[7], *m = t.field[1], *f = t.field[2];

		q->latin1_region += strchr(region, '\xe4') != NULL;
		q->utf8_bytes += strchr(region, '\xc3') != NULL;
		q->empty_father += !*f;
		q->born_1996 += !strcmp(t.field[3] + 6, "1996");
		q->born_1998 += !strcmp(t.field[3] + 6, "1998");
		q->twins += !strcmp(m, prev_mother) && !strcmp(t.field[3], prev_date);
		q->unmatched_parent += !bsearch(&m, pop_ids, n_pop, sizeof(char *), cmp_str);
		if (*f)
			q->unmatched_parent += !bsearch(&f, pop_ids, n_pop, sizeof(char *), cmp_str);
		snprintf(prev_mother, sizeof(prev_mother), "%s", m);
		snprintf(prev_date, sizeof(prev_date), "%s", t.field[3]);
	}
	table_close(&t);
}

static void scan_hilmo_and_sa(const char *dir, struct quirks *q)
{
	struct table t;
	int j;

	table_open(&t, dir, KO_SYNTH_HILMO);
	while (table_next(&t))
		for (j = 2; j < 5; j++) {
			const char *c = t.field[j];

			q->dotted += strchr(c, '.') != NULL;
			q->starred += strchr(c, '*') != NULL;
			q->undotted += *c && !strchr(c, '.') && strlen(c) == 4;
		}
	table_close(&t);
	table_open(&t, dir, KO_SYNTH_SOCIAL_ASSISTANCE);
	while (table_next(&t)) {
		int months = 0;

		for (j = 3; j < 15; j++)
			months += t.field[j][0] == '1';
		q->sa_rows++;
		q->months_consistent_rows += months == atoi(t.field[15]);
		q->decimal_comma += is_amount(t.field[16]);
	}
	table_close(&t);
}

/* Every quirk the brief asks for is present in the delivered files. */
static void test_quirks_present(void **state)
{
	char *dir = make_tmpdir();
	struct quirks q;
	struct table t;
	char **ids = NULL;
	size_t n = 0, cap = 0;

	(void)state;
	memset(&q, 0, sizeof(q));
	generate(dir, 4000, 1997, 1, NULL, NULL);
	table_open(&t, dir, KO_SYNTH_POPULATION);
	while (table_next(&t)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			ids = realloc(ids, cap * sizeof(*ids));
			assert_non_null(ids);
		}
		ids[n++] = strdup(t.field[0]);
		if (*t.field[2] && t.rows <= 4000) { /* children come first */
			int32_t b = date_or_none(t.field[1]), d = date_or_none(t.field[2]);

			q.infant_death += d - b < 365;
		}
	}
	table_close(&t);
	qsort(ids, n, sizeof(*ids), cmp_str);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(ids[i - 1], ids[i]) < 0); /* ids are unique */
	for (size_t i = 0; i < n; i++)
		assert_true(strlen(ids[i]) == 11 && ids[i][0] == 'P' &&
			    strspn(ids[i] + 1, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 10);
	scan_birth(dir, &q, ids, n);
	scan_hilmo_and_sa(dir, &q);
	assert_true(q.latin1_region > 0);
	assert_int_equal(q.utf8_bytes, 0);
	assert_true(q.empty_father > 0);
	assert_true(q.born_1996 > 0 && q.born_1998 > 0);
	assert_true(q.twins > 0);
	assert_true(q.unmatched_parent > 0);
	assert_true(q.infant_death > 0);
	assert_true(q.dotted > 0 && q.undotted > 0 && q.starred > 0);
	assert_int_equal(q.decimal_comma, q.sa_rows);
	assert_int_equal(q.months_consistent_rows, q.sa_rows);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	remove_dir(dir);
}

/* ---- the independent derivation of the example study's variables ---- */

struct pop_person {
	char id[16];
	int32_t birth, death, emigration;
	uint64_t sa_years; /* bit y-1980: applicant or spouse, months >= 1 */
};

struct event {
	long person;
	int32_t date;
};

struct derived {
	struct pop_person *pop;
	size_t n_pop;
	struct event *ndd, *psych, *placed; /* sorted by person, date */
	size_t n_ndd, n_psych, n_placed, cap_ndd, cap_psych, cap_placed;
};

static int cmp_pop(const void *a, const void *b)
{
	return strcmp(((const struct pop_person *)a)->id,
		      ((const struct pop_person *)b)->id);
}

static long find_person(const struct derived *d, const char *id)
{
	struct pop_person key;
	const struct pop_person *p;

	if (!*id || strlen(id) >= sizeof(key.id))
		return -1;
	strcpy(key.id, id);
	p = bsearch(&key, d->pop, d->n_pop, sizeof(key), cmp_pop);
	return p ? p - d->pop : -1;
}

static int cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return (x->date > y->date) - (x->date < y->date);
}

static void add_event(struct event **ev, size_t *n, size_t *cap, long person,
		      int32_t date)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 4096;
		*ev = realloc(*ev, *cap * sizeof(**ev));
		assert_non_null(*ev);
	}
	(*ev)[*n].person = person;
	(*ev)[(*n)++].date = date;
}

/* Any event of person in [lo, hi)? */
static int any_event(const struct event *ev, size_t n, long person,
		     int32_t lo, int32_t hi)
{
	size_t a = 0, b = n;

	while (a < b) { /* first event of person with date >= lo */
		size_t mid = (a + b) / 2;

		if (ev[mid].person < person ||
		    (ev[mid].person == person && ev[mid].date < lo))
			a = mid + 1;
		else
			b = mid;
	}
	return a < n && ev[a].person == person && ev[a].date < hi;
}

static int32_t nth_birthday(int32_t birth, int n)
{
	int y, m, d;

	ko_date_to_ymd(birth, &y, &m, &d);
	if (m == 2 && d == 29 && !ko_is_leap_year(y + n))
		return ko_date_from_ymd(y + n, 3, 1);
	return ko_date_from_ymd(y + n, m, d);
}

static void read_population(struct derived *d, const char *dir)
{
	struct table t;
	size_t cap = 0;

	table_open(&t, dir, KO_SYNTH_POPULATION);
	while (table_next(&t)) {
		struct pop_person *p;

		if (d->n_pop == cap) {
			cap = cap ? 2 * cap : 4096;
			d->pop = realloc(d->pop, cap * sizeof(*d->pop));
			assert_non_null(d->pop);
		}
		p = &d->pop[d->n_pop++];
		snprintf(p->id, sizeof(p->id), "%s", t.field[0]);
		p->birth = date_or_none(t.field[1]);
		p->death = date_or_none(t.field[2]);
		p->emigration = date_or_none(t.field[3]);
		p->sa_years = 0;
	}
	table_close(&t);
	qsort(d->pop, d->n_pop, sizeof(*d->pop), cmp_pop);
}

/* F-code number of an ICD-10 code (dots and marks ignored), or -1. */
static int f_block(const char *code)
{
	char c[16];
	size_t n = 0;

	for (; *code && n + 1 < sizeof(c); code++)
		if (!strchr(".*+#", *code))
			c[n++] = *code;
	c[n] = '\0';
	if (c[0] != 'F' || c[1] < '0' || c[1] > '9' || c[2] < '0' || c[2] > '9')
		return -1;
	return (c[1] - '0') * 10 + (c[2] - '0');
}

static void read_hilmo(struct derived *d, const char *dir)
{
	struct table t;
	int j;

	table_open(&t, dir, KO_SYNTH_HILMO);
	while (table_next(&t)) {
		long p = find_person(d, t.field[0]);
		int32_t date = date_or_none(t.field[1]);
		int ndd = 0, psych = 0;

		for (j = 2; j < 5; j++) {
			int f = f_block(t.field[j]);

			ndd |= f >= 80 && f <= 98;
			psych |= f >= 20 && f <= 48;
		}
		if (p >= 0 && ndd)
			add_event(&d->ndd, &d->n_ndd, &d->cap_ndd, p, date);
		if (p >= 0 && psych)
			add_event(&d->psych, &d->n_psych, &d->cap_psych, p, date);
	}
	table_close(&t);
	qsort(d->ndd, d->n_ndd, sizeof(struct event), cmp_event);
	qsort(d->psych, d->n_psych, sizeof(struct event), cmp_event);
}

static void read_welfare_and_sa(struct derived *d, const char *dir)
{
	struct table t;

	table_open(&t, dir, KO_SYNTH_CHILD_WELFARE);
	while (table_next(&t)) {
		long p = find_person(d, t.field[0]);
		const char *m = t.field[3];

		if (p >= 0 && (!strcmp(m, "emergency_placement") ||
			       !strcmp(m, "care_order") ||
			       !strcmp(m, "placement_support")))
			add_event(&d->placed, &d->n_placed, &d->cap_placed, p,
				  date_or_none(t.field[1]));
	}
	table_close(&t);
	qsort(d->placed, d->n_placed, sizeof(struct event), cmp_event);
	table_open(&t, dir, KO_SYNTH_SOCIAL_ASSISTANCE);
	while (table_next(&t)) {
		int year = atoi(t.field[2]), k;

		if (atoi(t.field[15]) < 1)
			continue;
		assert_in_range(year, 1980, 2040);
		for (k = 0; k < 2; k++) {
			long p = find_person(d, t.field[k]);

			if (p >= 0)
				d->pop[p].sa_years |= UINT64_C(1) << (year - 1980);
		}
	}
	table_close(&t);
}

/* The linkage-quality rules of defs.md; -1 when the link is dropped. */
static long linked_parent(const struct derived *d, const char *id,
			  int32_t birth, int is_mother)
{
	long p = find_person(d, id);
	const struct pop_person *q;
	int by, bm, bd, y, m, dd, age;

	if (p < 0)
		return -1;
	q = &d->pop[p];
	ko_date_to_ymd(q->birth, &by, &bm, &bd);
	ko_date_to_ymd(birth, &y, &m, &dd);
	age = y - by - (m < bm || (m == bm && dd < bd));
	if (age < 13 || age > 70)
		return -1;
	if (q->death != NO_DATE_T &&
	    (is_mother ? q->death < birth : birth - q->death > 300))
		return -1;
	return p;
}

struct child_vars {
	int in_cohort, placement, ndd, parent_psych, sa_years;
	int mother_linked, father_linked, boy, low_birth_weight;
};

/* The study children's birth years (the options' first/last birth year) */
static int cohort_first = 1997, cohort_last = 1997;

static void derive_child(const struct derived *d, char **f,
			 struct child_vars *v)
{
	long c = find_person(d, f[0]);
	int32_t birth = date_or_none(f[3]), b1 = nth_birthday(birth, 1);
	int32_t b18 = nth_birthday(birth, 18);
	long m = linked_parent(d, f[1], birth, 1);
	long fa = linked_parent(d, f[2], birth, 0);
	int by, mo, dd, y;

	assert_true(c >= 0);
	ko_date_to_ymd(birth, &by, &mo, &dd);
	v->in_cohort = by >= cohort_first && by <= cohort_last &&
		       d->pop[c].death >= b1 &&
		       d->pop[c].emigration >= b1;
	v->placement = any_event(d->placed, d->n_placed, c, birth, b18);
	v->ndd = any_event(d->ndd, d->n_ndd, c, birth, b18);
	v->parent_psych = (m >= 0 && any_event(d->psych, d->n_psych, m, birth, b18)) ||
			  (fa >= 0 && any_event(d->psych, d->n_psych, fa, birth, b18));
	v->sa_years = 0;
	for (y = by; y <= by + 17; y++)
		v->sa_years += (m >= 0 && (d->pop[m].sa_years >> (y - 1980) & 1)) ||
			       (fa >= 0 && (d->pop[fa].sa_years >> (y - 1980) & 1));
	v->boy = !strcmp(f[4], "1");
	v->low_birth_weight = *f[5] && atoi(f[5]) < 2500;
	v->mother_linked = m >= 0;
	v->father_linked = fa >= 0;
}

#define CHECK_VAR(name)                                                        \
	do {                                                                   \
		if (v.name != truth.name[i])                                   \
			fail_msg("child %ld (%s): " #name " derived %d, true %d", \
				 i, t.field[0], v.name, truth.name[i]);        \
	} while (0)

/* Every child's derived variables equal the planted truth, exactly,
 * with the options opt (the birth years set for derive_child). */
static void check_truth(const struct ko_synth_options *opt,
			struct ko_synth_stats *st)
{
	char *dir = make_tmpdir();
	struct ko_synth_truth truth;
	struct derived d;
	struct table t;
	struct ko_err err;
	long i = 0, n_ndd = 0, n_psych = 0, n_placed = 0, n_cohort = 0;
	long sa_cat[4] = { 0 }, n_unlinked = 0;

	memset(&d, 0, sizeof(d));
	ko_err_clear(&err);
	if (ko_synth_write(dir, opt, st, &truth, &err) != KO_OK)
		fail_msg("ko_synth_write: %s", err.msg);
	cohort_first = opt->first_birth_year;
	cohort_last = opt->last_birth_year;
	read_population(&d, dir);
	read_hilmo(&d, dir);
	read_welfare_and_sa(&d, dir);
	table_open(&t, dir, KO_SYNTH_BIRTH);
	while (table_next(&t)) {
		struct child_vars v;

		assert_true(i < truth.n_children);
		derive_child(&d, t.field, &v);
		CHECK_VAR(in_cohort);
		CHECK_VAR(placement);
		CHECK_VAR(ndd);
		CHECK_VAR(parent_psych);
		CHECK_VAR(sa_years);
		CHECK_VAR(mother_linked);
		CHECK_VAR(father_linked);
		CHECK_VAR(boy);
		CHECK_VAR(low_birth_weight);
		n_cohort += v.in_cohort;
		n_ndd += v.ndd;
		n_psych += v.parent_psych;
		n_placed += v.placement;
		sa_cat[v.sa_years >= 4 ? 3 : v.sa_years >= 2 ? 2 : v.sa_years]++;
		n_unlinked += !v.mother_linked + !v.father_linked;
		i++;
	}
	table_close(&t);
	assert_int_equal(i, truth.n_children);
	/* the planted exposures are there to be found, at plausible rates */
	assert_in_range(n_cohort, 0.93 * i, 0.99 * i);
	assert_in_range(n_ndd, 0.04 * i, 0.11 * i);
	assert_in_range(n_psych, 0.07 * i, 0.20 * i);
	assert_in_range(n_placed, 0.02 * i, 0.09 * i);
	assert_in_range(sa_cat[0], 0.65 * i, 0.85 * i);
	assert_true(sa_cat[1] > 0.03 * i && sa_cat[2] > 0.03 * i && sa_cat[3] > 0.03 * i);
	assert_true(n_unlinked > 0);
	assert_int_equal(n_cohort, st->children_in_cohort);
	ko_synth_truth_release(&truth);
	free(d.pop);
	free(d.ndd);
	free(d.psych);
	free(d.placed);
	remove_dir(dir);
}

static void test_truth_recovered(void **state)
{
	struct ko_synth_options opt;
	struct ko_synth_stats st;

	(void)state;
	ko_synth_options_init(&opt);
	opt.persons = 6000;
	opt.seed = 2024;
	check_truth(&opt, &st);
}

/* The national shape (--birth-years, --population, --contacts-per-person,
 * --sa-rows-per-person): the truth is still recovered exactly, the others
 * fill the population, and the files have the volumes asked for. */
static void test_national_shape(void **state)
{
	struct ko_synth_options opt;
	struct ko_synth_stats st;
	const long n = 3000, pop = 15000;
	double persons;

	(void)state;
	ko_synth_options_init(&opt);
	opt.persons = n;
	opt.seed = 19;
	opt.first_birth_year = 1987;
	opt.last_birth_year = 2005;
	opt.population = pop;
	opt.contacts_per_person = 27;
	opt.sa_rows_per_person = 7.3;
	check_truth(&opt, &st);
	persons = (double)pop;
	/* children, about 1.97 parents each, and the others up to pop */
	assert_in_range(st.others, pop - 3.0 * n, pop - 2.9 * n);
	assert_in_range(st.rows[KO_SYNTH_POPULATION], 0.99 * persons, persons);
	/* 27 a person and the planted diagnoses (about 1 a child) */
	assert_in_range(st.rows[KO_SYNTH_HILMO], 26.5 * persons, 28.5 * persons);
	assert_in_range(st.rows[KO_SYNTH_SOCIAL_ASSISTANCE], 7.1 * persons,
			7.5 * persons);
	assert_in_range(st.sa_months, 3 * st.rows[KO_SYNTH_SOCIAL_ASSISTANCE],
			12 * st.rows[KO_SYNTH_SOCIAL_ASSISTANCE]);
	/* a population smaller than the families is refused */
	opt.population = 2 * n;
	{
		struct ko_err err;
		char *dir = make_tmpdir();

		ko_err_clear(&err);
		assert_int_equal(ko_synth_write(dir, &opt, NULL, NULL, &err),
				 KO_ERR_USAGE);
		assert_non_null(strstr(err.msg, "population"));
		remove_dir(dir);
	}
}

/* Nothing in the national shape lies after the end of the data
 * (2020-12-31) or before its start, and the birth years span the range
 * (with the year before and after it). */
static void test_national_dates(void **state)
{
	struct ko_synth_options opt;
	struct ko_err err;
	struct table t;
	char *dir = make_tmpdir();
	int32_t end = ko_date_from_ymd(2021, 1, 1);
	int32_t start = ko_date_from_ymd(1987, 1, 1);
	int seen[30] = { 0 }, y, m, dd, k;

	(void)state;
	ko_synth_options_init(&opt);
	opt.persons = 4000;
	opt.seed = 23;
	opt.first_birth_year = 2000;
	opt.last_birth_year = 2019;
	opt.population = 16000;
	opt.contacts_per_person = 5;
	opt.sa_rows_per_person = 3;
	ko_err_clear(&err);
	if (ko_synth_write(dir, &opt, NULL, NULL, &err) != KO_OK)
		fail_msg("ko_synth_write: %s", err.msg);
	table_open(&t, dir, KO_SYNTH_BIRTH);
	while (table_next(&t)) {
		ko_date_to_ymd(date_or_none(t.field[3]), &y, &m, &dd);
		assert_in_range(y, 1999, 2020);
		seen[y - 1999] = 1;
	}
	table_close(&t);
	for (y = 1999; y <= 2020; y++)
		if (!seen[y - 1999])
			fail_msg("no child born in %d", y);
	table_open(&t, dir, KO_SYNTH_POPULATION);
	while (table_next(&t)) {
		assert_true(date_or_none(t.field[1]) < end);
		for (k = 2; k <= 3; k++) /* death, emigration */
			assert_true(date_or_none(t.field[k]) == NO_DATE_T ||
				    (date_or_none(t.field[k]) >= start &&
				     date_or_none(t.field[k]) < end));
	}
	table_close(&t);
	for (k = 0; k < 2; k++) { /* contact dates, measures' start dates */
		table_open(&t, dir, k ? KO_SYNTH_CHILD_WELFARE : KO_SYNTH_HILMO);
		while (table_next(&t))
			assert_true(date_or_none(t.field[1]) >= start &&
				    date_or_none(t.field[1]) < end);
		table_close(&t);
	}
	table_open(&t, dir, KO_SYNTH_SOCIAL_ASSISTANCE);
	while (table_next(&t))
		assert_in_range(atoi(t.field[2]), 1987, 2020);
	table_close(&t);
	remove_dir(dir);
}

static void test_errors_name_the_file(void **state)
{
	struct ko_synth_options opt;
	struct ko_err err;
	char *dir = make_tmpdir();
	char path[1024];
	FILE *f;

	(void)state;
	ko_synth_options_init(&opt);
	opt.persons = 10;
	opt.level = 0;
	ko_err_clear(&err);
	assert_int_equal(ko_synth_write(dir, &opt, NULL, NULL, &err), KO_ERR_USAGE);
	opt.level = 6;
	opt.persons = 0;
	assert_int_equal(ko_synth_write(dir, &opt, NULL, NULL, &err), KO_ERR_USAGE);
	opt.persons = 10;
	snprintf(path, sizeof(path), "%s/plain-file", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	ko_err_clear(&err);
	assert_int_equal(ko_synth_write(path, &opt, NULL, NULL, &err), KO_ERR_IO);
	assert_string_equal(err.file, path);
	unlink(path);
	/* a directory we cannot write into: the file is named */
	snprintf(path, sizeof(path), "%s/hilmo.csv.gz", dir);
	assert_int_equal(mkdir(path, 0700), 0); /* rename onto a directory fails */
	ko_err_clear(&err);
	assert_int_equal(ko_synth_write(dir, &opt, NULL, NULL, &err), KO_ERR_IO);
	assert_non_null(strstr(err.file, "hilmo.csv.gz"));
	assert_int_equal(access(path, F_OK), 0);
	/* no temporary file is left behind */
	snprintf(path, sizeof(path), "%s/.hilmo.csv.gz.tmp", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/.social_assistance.csv.gz.tmp", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/hilmo.csv.gz", dir);
	rmdir(path);
	remove_dir(dir);
}

/* In a child process: write with files capped at 200 kB (as on a full
 * disk); the error must name the file and nothing may be left behind. */
static int write_with_small_disk(const char *dir)
{
	struct ko_synth_options opt;
	struct ko_err err;
	struct rlimit lim = { 200000, 200000 };
	char path[1024];
	int k;

	signal(SIGXFSZ, SIG_IGN); /* write() fails with EFBIG instead */
	if (setrlimit(RLIMIT_FSIZE, &lim))
		return 10;
	ko_synth_options_init(&opt);
	opt.persons = 3000;
	ko_err_clear(&err);
	if (ko_synth_write(dir, &opt, NULL, NULL, &err) != KO_ERR_IO)
		return 11;
	if (!strstr(err.file, dir) || !strstr(err.file, ".csv.gz") ||
	    !strstr(err.msg, "File too large"))
		return 12;
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++) {
		snprintf(path, sizeof(path), "%s/.%s.tmp", dir,
			 ko_synth_file_name((enum ko_synth_file)k));
		if (!access(path, F_OK))
			return 13;
		snprintf(path, sizeof(path), "%s/%s", dir,
			 ko_synth_file_name((enum ko_synth_file)k));
		if (!access(path, F_OK))
			return 14;
	}
	return 0;
}

static void test_write_failure(void **state)
{
	char *dir = make_tmpdir();
	pid_t pid;
	int status;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(write_with_small_disk(dir));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	remove_dir(dir);
}

/* ---- the committed sample through kohort's own reader ---- */

struct sample_read {
	long rows, paijat_hame, latin1_left, amounts_cents;
};

static int on_sample_row(void *ctx, const struct ko_row *row,
			 struct ko_err *err)
{
	struct sample_read *sr = ctx;
	size_t i;

	(void)err;
	sr->rows++;
	for (i = 0; i < row->n; i++) {
		const struct ko_value *v = &row->values[i];
		const char *t;

		for (t = v->text; *t; t++)
			sr->latin1_left += (unsigned char)*t == 0xe4;
		sr->paijat_hame += !strcmp(v->text, "P\xc3\xa4ij\xc3\xa4t-H\xc3\xa4me");
	}
	if (row->n == 17 && !row->values[16].missing)
		sr->amounts_cents += (long)(row->values[16].v.number * 100 + 0.5);
	return 0;
}

static void read_sample(int file, const char *const *names,
			const enum ko_type *types, size_t n,
			struct sample_read *sr, struct ko_reader_stats *st)
{
	struct ko_read_options opt;
	struct ko_column cols[20];
	struct ko_reader *r = NULL;
	struct ko_err err;
	char path[256];
	size_t i;

	assert_true(n <= 20);
	memset(cols, 0, sizeof(cols));
	for (i = 0; i < n; i++) {
		cols[i].name = names[i];
		cols[i].type = types[i];
	}
	ko_read_options_init(&opt);
	opt.delimiter = ';';
	opt.encoding = KO_ENC_LATIN1;
	opt.decimal = ',';
	opt.date_format = KO_DATE_DMY;
	snprintf(path, sizeof(path), "sample-data/%s",
		 ko_synth_file_name((enum ko_synth_file)file));
	ko_err_clear(&err);
	if (ko_reader_open(&r, path, &opt, &err) ||
	    ko_reader_select(r, cols, n, &err) ||
	    ko_reader_read(r, on_sample_row, sr, &err))
		fail_msg("%s: %s", path, err.msg);
	ko_reader_get_stats(r, st);
	ko_reader_free(r);
}

/* Every row of the sample parses with the types of the example study. */
static void test_sample_reads_with_kohort_reader(void **state)
{
	static const char *const birth[] = {
		"shnro", "mother_shnro", "father_shnro", "birth_date", "sex",
		"birth_weight_g", "gestational_weeks", "region" };
	static const enum ko_type birth_t[] = {
		KO_TYPE_ID, KO_TYPE_ID, KO_TYPE_ID, KO_TYPE_DATE, KO_TYPE_INT,
		KO_TYPE_INT, KO_TYPE_INT, KO_TYPE_CAT };
	static const char *const pop[] = { "shnro", "birth_date", "death_date",
					   "emigration_date", "education" };
	static const enum ko_type pop_t[] = { KO_TYPE_ID, KO_TYPE_DATE,
		KO_TYPE_DATE, KO_TYPE_DATE, KO_TYPE_CAT };
	static const char *const hilmo[] = { "shnro", "contact_date", "dg1",
					     "dg2", "dg3" };
	static const enum ko_type hilmo_t[] = { KO_TYPE_ID, KO_TYPE_DATE,
		KO_TYPE_CODE, KO_TYPE_CODE, KO_TYPE_CODE };
	static const char *const cw[] = { "shnro", "start_date", "end_date",
					  "measure" };
	static const enum ko_type cw_t[] = { KO_TYPE_ID, KO_TYPE_DATE,
		KO_TYPE_DATE, KO_TYPE_CAT };
	static const char *const sa[] = { "shnro_applicant", "shnro_spouse",
		"year", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
		"sep", "oct", "nov", "dec", "months", "amount_eur" };
	enum ko_type sa_t[17];
	struct sample_read sr;
	struct ko_reader_stats st;
	int i;

	(void)state;
	memset(&sr, 0, sizeof(sr));
	read_sample(KO_SYNTH_BIRTH, birth, birth_t, 8, &sr, &st);
	assert_int_equal(st.rejected, 0);
	assert_int_equal(sr.rows, 10000);
	assert_true(sr.paijat_hame > 0); /* Latin-1 0xE4 became UTF-8 */
	assert_int_equal(sr.latin1_left, 0);
	read_sample(KO_SYNTH_POPULATION, pop, pop_t, 5, &sr, &st);
	assert_int_equal(st.rejected, 0);
	read_sample(KO_SYNTH_HILMO, hilmo, hilmo_t, 5, &sr, &st);
	assert_int_equal(st.rejected, 0);
	read_sample(KO_SYNTH_CHILD_WELFARE, cw, cw_t, 4, &sr, &st);
	assert_int_equal(st.rejected, 0);
	sa_t[0] = sa_t[1] = KO_TYPE_ID;
	for (i = 2; i < 16; i++)
		sa_t[i] = KO_TYPE_INT;
	sa_t[16] = KO_TYPE_NUM;
	read_sample(KO_SYNTH_SOCIAL_ASSISTANCE, sa, sa_t, 17, &sr, &st);
	assert_int_equal(st.rejected, 0);
	assert_true(st.rows > 50000);
	assert_true(sr.amounts_cents > 100L * st.rows); /* commas read as decimals */
}

/* ---- end to end: the command line ---- */

static int run_kohort(const char *args)
{
	const char *bin = getenv("KOHORT_BIN");
	char cmd[2048];
	int rc;

	snprintf(cmd, sizeof(cmd), "'%s' %s >/dev/null 2>&1",
		 bin && *bin ? bin : "./kohort", args);
	rc = system(cmd);
	assert_true(rc != -1 && WIFEXITED(rc));
	return WEXITSTATUS(rc);
}

static void test_cli(void **state)
{
	char *dir = make_tmpdir();
	char args[1200];

	(void)state;
	assert_int_equal(run_kohort("synth --help"), 0);
	assert_int_equal(run_kohort("synth --bogus"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1"), 2);
	assert_int_equal(run_kohort("synth --persons ten --seed 1 --out /tmp/x"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --level 10"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed"), 2);
	snprintf(args, sizeof(args), "synth --persons 50 --seed 3 --out '%s' --level=1", dir);
	assert_int_equal(run_kohort(args), 0);
	snprintf(args, sizeof(args), "%s/population.csv.gz", dir);
	assert_int_equal(access(args, R_OK), 0);
	snprintf(args, sizeof(args), "synth --persons 50 --seed 3 --out '%s/population.csv.gz/x'", dir);
	assert_int_equal(run_kohort(args), 1);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --birth-years 1980-1990"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --birth-years 2005-1987"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --birth-years 1990-"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --contacts-per-person -1"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --sa-rows-per-person 1e3x"), 2);
	assert_int_equal(run_kohort("synth --persons 10 --seed 1 --out /tmp/x --population 0"), 2);
	snprintf(args, sizeof(args), "synth --persons 100 --seed 3 --out '%s' --population 200", dir);
	assert_int_equal(run_kohort(args), 2); /* fewer than the families */
	snprintf(args, sizeof(args), "synth --persons 50 --seed 3 --out '%s' --birth-years 1987-2005 "
		 "--population=400 --contacts-per-person 2.5 --sa-rows-per-person=1", dir);
	assert_int_equal(run_kohort(args), 0);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_bytes),
		cmocka_unit_test(test_sample_data_is_current),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_sample_reads_with_kohort_reader),
		cmocka_unit_test(test_headers_and_row_counts),
		cmocka_unit_test(test_quirks_present),
		cmocka_unit_test(test_truth_recovered),
		cmocka_unit_test(test_national_shape),
		cmocka_unit_test(test_national_dates),
		cmocka_unit_test(test_errors_name_the_file),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_cli),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
