/* escape.c - CSV fields and HTML text (see escape.h). */
#include "escape.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* Where escaped text goes: a stream, or a buffer that counts what would
 * not fit. */
struct sink {
	FILE *fp;
	char *buf;
	size_t size, n;
};

static void put_char(struct sink *k, char c)
{
	if (k->fp)
		fputc(c, k->fp);
	else if (k->n + 1 < k->size)
		k->buf[k->n] = c;
	k->n++;
}

static void put_text(struct sink *k, const char *s, int doubled)
{
	for (; s && *s; s++) {
		if (doubled && *s == '"')
			put_char(k, '"');
		put_char(k, *s);
	}
}

/* A decimal number as written in CSV: optional sign, digits with an
 * optional point, an optional exponent; nothing else. */
static int is_number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; isdigit((unsigned char)*s); s++)
		digits++;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

/* The first characters a spreadsheet takes for the start of a formula. */
static int starts_formula(const char *s)
{
	return s && *s && strchr("=+-@\t\r", *s);
}

int ko_csv_is_formula(const char *s)
{
	return starts_formula(s) && !is_number(s);
}

static int needs_quotes(const char *s)
{
	return s && strpbrk(s, ",\"\r\n") != NULL;
}

#define LABEL_SEP ": "

/* The field "label: s" (label NULL: s) into k.  With a label the text is
 * never a number, so its first character alone decides. */
static void put_field(struct sink *k, const char *label, const char *s,
		      enum ko_csv_mode mode)
{
	int formula = mode == KO_CSV_SAFE &&
		      (label ? starts_formula(label) : ko_csv_is_formula(s));
	int quote = formula || needs_quotes(label) || needs_quotes(s);

	if (quote)
		put_char(k, '"');
	if (formula)
		put_char(k, '\'');
	if (label) {
		put_text(k, label, quote);
		put_text(k, LABEL_SEP, quote);
	}
	put_text(k, s, quote);
	if (quote)
		put_char(k, '"');
}

void ko_csv_put(FILE *fp, const char *s, enum ko_csv_mode mode)
{
	struct sink k = { fp, NULL, 0, 0 };

	put_field(&k, NULL, s, mode);
}

void ko_csv_put_labelled(FILE *fp, const char *label, const char *s,
			 enum ko_csv_mode mode)
{
	struct sink k = { fp, NULL, 0, 0 };

	put_field(&k, label, s, mode);
}

size_t ko_csv_escape(char *out, size_t size, const char *s,
		     enum ko_csv_mode mode)
{
	struct sink k = { NULL, out, size, 0 };

	put_field(&k, NULL, s, mode);
	if (size)
		out[k.n < size ? k.n : size - 1] = '\0';
	return k.n;
}

void ko_html_put(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: fputc(*s, fp);
		}
}

void ko_num_put(FILE *fp, double v, const char *na, int digits, int zero_plain)
{
	if (isnan(v))
		fputs(na, fp);
	else if (isinf(v))
		fputs(v > 0 ? "Inf" : "-Inf", fp);
	else
		fprintf(fp, "%.*g", digits, zero_plain && v == 0 ? 0.0 : v);
}
