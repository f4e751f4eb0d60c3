/*
 * cmd_inspect.c - `kohort inspect FILE...`: what a researcher needs to know
 * about a new delivery before writing its [extract] section: format,
 * encoding, delimiter, decimal mark, row count, each column's inferred type
 * with missing count and examples, and the rows that would be rejected.
 */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persons.h"
#include "reader.h"
#include "value.h"

#define N_EXAMPLES 3
#define N_DISTINCT 40 /* distinct values remembered to spot categories */
#define N_BAD 3       /* failing values kept per candidate type */
#define N_ROW_REJECTS 10

enum candidate { C_DMY, C_ISO, C_COMPACT, C_INT, C_NUM_DOT, C_NUM_COMMA,
		 C_CODE, N_CANDIDATES };

struct bad_value {
	long row;
	char text[48];
};

struct column_stats {
	long missing, present;
	long parsed[N_CANDIDATES];
	struct bad_value bad[N_CANDIDATES][N_BAD];
	int n_bad[N_CANDIDATES];
	char *distinct[N_DISTINCT];
	int n_distinct;
	int distinct_overflow;
	long has_comma, has_dot; /* numbers with a decimal comma / point */
};

struct inspection {
	size_t ncols;
	struct column_stats *cols;
	long rows;
	long row_rejects;
	char row_reject_text[N_ROW_REJECTS][160];
	long max_rows;
	/* the first column named like an id: is every value there once? */
	long id_col;               /* -1: none */
	struct ko_persons *ids;
	long id_repeats;           /* values seen before */
	int id_failed;             /* out of memory: unknown */
};

/* A column name that person ids go by (shnro, TNRO, id, mother_id). */
static int id_name(const char *name)
{
	return strstr(name, "shnro") || strstr(name, "tnro") ||
	       !strcmp(name, "id") || strstr(name, "_id");
}

static const char usage[] =
	"Usage: kohort inspect [OPTIONS] FILE...\n"
	"\n"
	"Describe register extracts before writing their config: detected format\n"
	"(CSV, gzip CSV, SAS, Stata, SPSS), encoding, delimiter, decimal mark, the\n"
	"number of data rows, each column with its inferred type, missing count and\n"
	"example values, and the rows that would be rejected and why.\n"
	"\n"
	"Options:\n"
	"  --rows N       look at the first N data rows only (default: all)\n"
	"  -h, --help     show this help\n"
	"\n"
	"Missing values are the empty field and NA. Types: id, date (with its\n"
	"format), int, num (with its decimal mark), code (ICD-10-like), cat (few\n"
	"distinct values), text. A value is listed as would-be-rejected when it does\n"
	"not parse as its column's inferred type.  Each file ends with a\n"
	"ready-to-paste [extract] section (delimiter, encoding, decimal mark, date\n"
	"format, person column, each column with its guessed type).\n"
	"\n"
	"Example:\n"
	"  kohort inspect sample-data/hilmo.csv.gz\n";

/* ICD-10-like: a letter, two digits, then at most three more letters or
 * digits, with dots, blanks and the marks * + # @ anywhere after. */
static int looks_like_code(const char *s, size_t len)
{
	size_t i, alnum = 3;

	if (len < 3 || !isupper((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]))
		return 0;
	for (i = 3; i < len; i++) {
		if (isalnum((unsigned char)s[i]))
			alnum++;
		else if (!strchr(".*+#@ ", s[i]))
			return 0;
	}
	return alnum <= 6;
}

static void keep_bad(struct column_stats *cs, enum candidate c, long row,
		     const char *text)
{
	struct bad_value *b;

	if (cs->n_bad[c] >= N_BAD)
		return;
	b = &cs->bad[c][cs->n_bad[c]++];
	b->row = row;
	snprintf(b->text, sizeof(b->text), "%s", text);
}

static void note_distinct(struct column_stats *cs, const char *text)
{
	int i;

	if (cs->distinct_overflow)
		return;
	for (i = 0; i < cs->n_distinct; i++)
		if (!strcmp(cs->distinct[i], text))
			return;
	if (cs->n_distinct == N_DISTINCT) {
		cs->distinct_overflow = 1;
		return;
	}
	cs->distinct[cs->n_distinct] = strdup(text);
	if (cs->distinct[cs->n_distinct])
		cs->n_distinct++;
}

static void try_candidates(struct column_stats *cs, long row, const char *t,
			   size_t len)
{
	int32_t d;
	int64_t i;
	double x;

	if (!ko_parse_date(t, len, KO_DATE_DMY, &d))
		cs->parsed[C_DMY]++;
	else
		keep_bad(cs, C_DMY, row, t);
	if (!ko_parse_date(t, len, KO_DATE_ISO, &d))
		cs->parsed[C_ISO]++;
	else
		keep_bad(cs, C_ISO, row, t);
	if (!ko_parse_date(t, len, KO_DATE_COMPACT, &d))
		cs->parsed[C_COMPACT]++;
	else
		keep_bad(cs, C_COMPACT, row, t);
	if (!ko_parse_int(t, len, &i))
		cs->parsed[C_INT]++;
	else
		keep_bad(cs, C_INT, row, t);
	if (!ko_parse_number(t, len, '.', &x)) {
		cs->parsed[C_NUM_DOT]++;
		cs->has_dot += memchr(t, '.', len) != NULL;
	} else {
		keep_bad(cs, C_NUM_DOT, row, t);
	}
	if (!ko_parse_number(t, len, ',', &x)) {
		cs->parsed[C_NUM_COMMA]++;
		cs->has_comma += memchr(t, ',', len) != NULL;
	} else {
		keep_bad(cs, C_NUM_COMMA, row, t);
	}
	if (looks_like_code(t, len))
		cs->parsed[C_CODE]++;
	else
		keep_bad(cs, C_CODE, row, t);
}

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct inspection *in = ctx;
	size_t i;

	(void)err;
	in->rows++;
	for (i = 0; i < row->n; i++) {
		struct column_stats *cs = &in->cols[i];
		const char *t = row->values[i].text;
		size_t len = row->values[i].len;

		while (len && (*t == ' ' || *t == '\t')) {
			t++;
			len--;
		}
		while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
			len--;
		if (row->values[i].missing || len == 0) {
			cs->missing++;
			continue;
		}
		cs->present++;
		if ((long)i == in->id_col && in->ids && !in->id_failed) {
			int inserted;

			if (ko_persons_intern(in->ids, t, len, &inserted) < 0)
				in->id_failed = 1;
			else
				in->id_repeats += !inserted;
		}
		note_distinct(cs, row->values[i].text);
		try_candidates(cs, row->row, t, len);
	}
	if (in->max_rows && in->rows >= in->max_rows)
		return ko_err_set(err, KO_ERR_STOPPED, "row limit reached");
	return 0;
}

static void on_reject(void *ctx, long row, const char *column,
		      const char *reason, const char *value)
{
	struct inspection *in = ctx;

	(void)column;
	if (in->row_rejects < N_ROW_REJECTS)
		snprintf(in->row_reject_text[in->row_rejects],
			 sizeof(in->row_reject_text[0]), "row %ld: %s: '%.60s'",
			 row, reason, value);
	in->row_rejects++;
}

struct verdict {
	const char *type;
	enum candidate cand; /* N_CANDIDATES when no parse applies */
};

/* The most specific type that all but 10% (at least one, when there are
 * three values or more) of the present values parse as. */
static struct verdict infer(const struct column_stats *cs, const char *name)
{
	long slack = cs->present / 10 > 1 ? cs->present / 10 : 1;
	long need = cs->present >= 3 ? cs->present - slack : cs->present;
	struct verdict v = { "text", N_CANDIDATES };

	if (cs->present == 0)
		return (struct verdict){ "empty", N_CANDIDATES };
	if (cs->parsed[C_DMY] >= need)
		return (struct verdict){ "date DD.MM.YYYY", C_DMY };
	if (cs->parsed[C_ISO] >= need)
		return (struct verdict){ "date YYYY-MM-DD", C_ISO };
	if (cs->parsed[C_COMPACT] >= need && cs->parsed[C_COMPACT] >= 1 &&
	    strstr(name, "date"))
		return (struct verdict){ "date YYYYMMDD", C_COMPACT };
	if (cs->parsed[C_INT] >= need)
		return (struct verdict){ cs->n_distinct <= 12 &&
							 !cs->distinct_overflow ?
						 "int (or cat)" :
						 "int",
					 C_INT };
	if (cs->parsed[C_NUM_COMMA] >= need && cs->has_comma)
		return (struct verdict){ "num, decimal comma", C_NUM_COMMA };
	if (cs->parsed[C_NUM_DOT] >= need)
		return (struct verdict){ "num, decimal point", C_NUM_DOT };
	if (id_name(name))
		return (struct verdict){ "id", N_CANDIDATES };
	if (cs->parsed[C_CODE] >= need)
		return (struct verdict){ "code", C_CODE };
	if (!cs->distinct_overflow)
		return (struct verdict){ "cat", N_CANDIDATES };
	return v;
}

static const char *format_name(enum ko_format f, const char *path)
{
	size_t n = strlen(path);

	switch (f) {
	case KO_FORMAT_SAS7BDAT:
		return "SAS (sas7bdat)";
	case KO_FORMAT_DTA:
		return "Stata (dta)";
	case KO_FORMAT_SAV:
		return "SPSS (sav)";
	default:
		break;
	}
	return n > 3 && !strcmp(path + n - 3, ".gz") ? "CSV, gzip-compressed" :
						       "CSV";
}

static const char *delimiter_name(char d)
{
	switch (d) {
	case ';':
		return "';'";
	case ',':
		return "','";
	case '\t':
		return "TAB";
	case '|':
		return "'|'";
	}
	return "?";
}

static void print_block(const char *path, struct ko_reader *r,
			const struct inspection *in, long comma, long dot);

static void print_report(const char *path, struct ko_reader *r,
			 const struct inspection *in, int limited)
{
	size_t i;
	long comma = 0, dot = 0, bad_total = 0;
	int j;

	for (i = 0; i < in->ncols; i++) {
		comma += in->cols[i].has_comma;
		dot += in->cols[i].has_dot;
	}
	printf("file:       %s\n", path);
	printf("format:     %s\n", format_name(ko_reader_format(r), path));
	if (ko_reader_format(r) == KO_FORMAT_CSV) {
		printf("encoding:   %s\n", ko_reader_encoding(r) == KO_ENC_LATIN1 ?
						   "Latin-1 (read as UTF-8)" :
						   "UTF-8 (or ASCII)");
		printf("delimiter:  %s\n", delimiter_name(ko_reader_delimiter(r)));
		printf("decimal:    %s\n", comma > dot ? "',' (decimal comma)" :
					   dot	       ? "'.' (decimal point)" :
							 "none seen");
	}
	printf("data rows:  %ld%s\n", in->rows + in->row_rejects,
	       limited ? " (stopped at --rows)" : "");
	printf("columns:    %zu\n\n", in->ncols);
	printf("%3s  %-24s %-20s %9s  %s\n", "#", "column", "type", "missing",
	       "examples");
	for (i = 0; i < in->ncols; i++) {
		const struct column_stats *cs = &in->cols[i];
		struct verdict v = infer(cs, ko_reader_colname(r, i));

		printf("%3zu  %-24s %-20s %9ld  ", i + 1, ko_reader_colname(r, i),
		       v.type, cs->missing);
		for (j = 0; j < cs->n_distinct && j < N_EXAMPLES; j++)
			printf("%s%s", j ? ", " : "", cs->distinct[j]);
		printf("%s\n", cs->distinct_overflow || cs->n_distinct > N_EXAMPLES ?
				       ", ..." :
				       "");
	}
	for (i = 0; i < in->ncols; i++) {
		const struct column_stats *cs = &in->cols[i];
		struct verdict v = infer(cs, ko_reader_colname(r, i));

		if (v.cand != N_CANDIDATES)
			bad_total += cs->present - cs->parsed[v.cand];
	}
	if (in->row_rejects == 0 && bad_total == 0) {
		printf("\nno rows would be rejected\n");
		print_block(path, r, in, comma, dot);
		return;
	}
	printf("\nrows that would be rejected: %ld with a wrong number of fields, "
	       "%ld values not of their column's type\n",
	       in->row_rejects, bad_total);
	for (j = 0; j < in->row_rejects && j < N_ROW_REJECTS; j++)
		printf("  %s\n", in->row_reject_text[j]);
	for (i = 0; i < in->ncols; i++) {
		const struct column_stats *cs = &in->cols[i];
		struct verdict v = infer(cs, ko_reader_colname(r, i));

		if (v.cand == N_CANDIDATES)
			continue;
		for (j = 0; j < cs->n_bad[v.cand]; j++)
			printf("  row %ld, column %s: '%s' is not %s\n",
			       cs->bad[v.cand][j].row, ko_reader_colname(r, i),
			       cs->bad[v.cand][j].text, v.type);
	}
	print_block(path, r, in, comma, dot);
}

/* The config type of an inferred type ("date DD.MM.YYYY" -> date), and a
 * comment for the reader of the block (NULL: none). */
static const char *config_type(const struct verdict *v, const char **note)
{
	*note = NULL;
	switch (v->cand) {
	case C_DMY: case C_ISO: case C_COMPACT:
		return "date";
	case C_INT:
		if (strstr(v->type, "cat"))
			*note = "few distinct values: cat if they are categories";
		return "int";
	case C_NUM_DOT: case C_NUM_COMMA:
		return "num";
	case C_CODE:
		return "code";
	default:
		break;
	}
	if (!strcmp(v->type, "empty")) {
		*note = "empty in the rows looked at";
		return "text";
	}
	return !strcmp(v->type, "id") || !strcmp(v->type, "cat") ? v->type
								   : "text";
}

/* The extract's name from the file's: its base name up to the first '.',
 * other characters than letters, digits and '_' as '_'. */
static void extract_name(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i + 1 < size && base[i] && base[i] != '.'; i++)
		buf[i] = isalnum((unsigned char)base[i]) ? base[i] : '_';
	buf[i] = '\0';
	if (!i || isdigit((unsigned char)buf[0]))
		snprintf(buf, size, "extract");
}

/* The date_format of the block: the one format of every date column, auto
 * when they differ, NULL when there is no date column. */
static const char *block_date_format(struct ko_reader *r,
				     const struct inspection *in)
{
	static const char *const names[] = { "DD.MM.YYYY", "YYYY-MM-DD",
					     "YYYYMMDD" };
	int seen = -1;
	size_t i;

	for (i = 0; i < in->ncols; i++) {
		struct verdict v = infer(&in->cols[i], ko_reader_colname(r, i));

		if (v.cand != C_DMY && v.cand != C_ISO && v.cand != C_COMPACT)
			continue;
		if (seen >= 0 && seen != (int)v.cand)
			return "auto";
		seen = (int)v.cand;
	}
	return seen < 0 ? NULL : names[seen];
}

static const char *delimiter_key(char d)
{
	switch (d) {
	case ';': return "semicolon";
	case ',': return "comma";
	case '\t': return "tab";
	case '|': return "pipe";
	}
	return "auto";
}

/* A ready-to-paste [extract] section: what was detected, each column with
 * its guessed type (the person column: the first id column). */
static void print_block(const char *path, struct ko_reader *r,
			const struct inspection *in, long comma, long dot)
{
	static const char *const formats[] = {
		[KO_FORMAT_SAS7BDAT] = "sas7bdat", [KO_FORMAT_DTA] = "dta",
		[KO_FORMAT_SAV] = "sav",
	};
	enum ko_format f = ko_reader_format(r);
	const char *person = NULL, *date_format, *note, *type;
	char name[64];
	size_t i;

	extract_name(path, name, sizeof(name));
	printf("\n; ready to paste into the study config (check the types, and "
	       "that person is\n; the id the rows belong to):\n");
	printf("[extract %s]\nfile = %s\n", name, path);
	if (f != KO_FORMAT_CSV && (size_t)f < sizeof(formats) / sizeof(*formats) &&
	    formats[f])
		printf("format = %s\n", formats[f]);
	if (f == KO_FORMAT_CSV) {
		printf("delimiter = %s\n", delimiter_key(ko_reader_delimiter(r)));
		printf("encoding = %s\n", ko_reader_encoding(r) == KO_ENC_LATIN1
					    ? "latin1" : "utf-8");
		printf("decimal = %s\n", comma > dot ? "comma" : "point");
		if ((date_format = block_date_format(r, in)))
			printf("date_format = %s\n", date_format);
	}
	for (i = 0; i < in->ncols && !person; i++)
		if (!strcmp(infer(&in->cols[i], ko_reader_colname(r, i)).type, "id"))
			person = ko_reader_colname(r, i);
	if (person)
		printf("person = %s\n", person);
	if (person && in->id_col >= 0 && !in->id_failed &&
	    !strcmp(person, ko_reader_colname(r, (size_t)in->id_col)) &&
	    in->cols[in->id_col].present) {
		if (in->id_repeats)
			printf("unique = no ; %ld values repeat an id\n",
			       in->id_repeats);
		else
			printf("unique = yes\n");
	}
	if (!person)
		printf("; person = (no column looks like an id: name the one the "
		       "rows belong to)\n");
	for (i = 0; i < in->ncols; i++) {
		struct verdict v = infer(&in->cols[i], ko_reader_colname(r, i));

		type = config_type(&v, &note);
		printf("column %s = %s", ko_reader_colname(r, i), type);
		printf(note ? " ; %s\n" : "\n", note);
	}
}

static void release(struct inspection *in)
{
	size_t i;
	int j;

	for (i = 0; i < in->ncols && in->cols; i++)
		for (j = 0; j < in->cols[i].n_distinct; j++)
			free(in->cols[i].distinct[j]);
	free(in->cols);
}

static enum ko_status inspect_file(const char *path, long max_rows,
				   struct ko_err *err)
{
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct inspection in;
	enum ko_status st;
	size_t i;

	memset(&in, 0, sizeof(in));
	in.max_rows = max_rows;
	ko_read_options_init(&opt);
	opt.max_reject_share = 1; /* count everything, stop for nothing */
	opt.on_reject = on_reject;
	opt.reject_ctx = &in;
	st = ko_reader_open(&r, path, &opt, err);
	if (st)
		goto out;
	in.ncols = ko_reader_ncols(r);
	in.cols = calloc(in.ncols, sizeof(*in.cols));
	in.id_col = -1;
	for (i = 0; i < in.ncols && in.id_col < 0; i++)
		if (id_name(ko_reader_colname(r, i)))
			in.id_col = (long)i;
	if (in.id_col >= 0)
		in.ids = ko_persons_new();
	if (!in.cols || (in.id_col >= 0 && !in.ids)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	st = ko_reader_read(r, on_row, &in, err);
	if (st == KO_ERR_STOPPED && max_rows && in.rows >= max_rows)
		st = KO_OK;
	if (st)
		goto out;
	print_report(path, r, &in, max_rows && in.rows >= max_rows);
out:
	ko_persons_free(in.ids);
	release(&in);
	ko_reader_free(r);
	return st;
}

int ko_cmd_inspect(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rows", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long max_rows = 0;
	int c, i, failed = 0;
	char *end;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return KO_EXIT_OK;
		case 'r':
			max_rows = strtol(optarg, &end, 10);
			if (*end || max_rows <= 0)
				return ko_cli_usage_error(
					"inspect", "--rows needs a positive number, not '%s'",
					optarg);
			break;
		default:
			return ko_cli_usage_error("inspect", "unknown option '%s'",
						  argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return ko_cli_usage_error("inspect", "no FILE given");
	for (i = optind; i < argc; i++) {
		struct ko_err err;

		ko_err_clear(&err);
		if (i > optind)
			printf("\n");
		if (inspect_file(argv[i], max_rows, &err)) {
			ko_cli_report("inspect", &err);
			failed = 1;
		}
	}
	return failed ? KO_EXIT_FAIL : KO_EXIT_OK;
}
