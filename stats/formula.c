/* formula.c - R-style model formulas (see formula.h). */
#include "formula.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WORDS (KO_FORMULA_MAX_VARS / 64)

/* A term while parsing: the set of variables it multiplies. */
struct bits {
	uint64_t w[WORDS];
};

/* A parsed sub-expression: a list of terms, or a bare 0 / 1. */
struct termset {
	size_t n, cap;
	struct bits *t;
	int constant; /* -1: terms; 0 or 1: the expression was that number */
};

struct parser {
	const char *s;
	size_t pos;
	struct ko_formula *f;
	struct ko_err *err;
	size_t var_cap;
};

static enum ko_status fail(struct parser *p, size_t pos, const char *what)
{
	return ko_err_set(p->err, KO_ERR_USAGE, "formula: position %zu: %s",
			  pos + 1, what);
}

static void skip_space(struct parser *p)
{
	while (p->s[p->pos] && isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static int peek(struct parser *p)
{
	skip_space(p);
	return (unsigned char)p->s[p->pos];
}

static char *dup_range(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static int is_name_start(int c)
{
	return isalpha(c) || c == '.' || c == '_';
}

static int is_name_char(int c)
{
	return isalnum(c) || c == '.' || c == '_';
}

static void termset_release(struct termset *ts)
{
	free(ts->t);
	ts->t = NULL;
	ts->n = ts->cap = 0;
}

static int bits_equal(const struct bits *a, const struct bits *b)
{
	return !memcmp(a->w, b->w, sizeof(a->w));
}

static size_t bits_count(const struct bits *a)
{
	size_t i, n = 0;

	for (i = 0; i < WORDS; i++)
		n += (size_t)__builtin_popcountll(a->w[i]);
	return n;
}

/* Append t unless already present (R's TrimRepeats keeps the first). */
static enum ko_status termset_add(struct parser *p, struct termset *ts,
				  const struct bits *t)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (bits_equal(&ts->t[i], t))
			return KO_OK;
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? 2 * ts->cap : 8;
		struct bits *nt = realloc(ts->t, cap * sizeof(*nt));

		if (!nt)
			return ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
		ts->t = nt;
		ts->cap = cap;
	}
	ts->t[ts->n++] = *t;
	return KO_OK;
}

static void termset_remove(struct termset *ts, const struct bits *t)
{
	size_t i, j = 0;

	for (i = 0; i < ts->n; i++)
		if (!bits_equal(&ts->t[i], t))
			ts->t[j++] = ts->t[i];
	ts->n = j;
}

/* Index of the variable with canonical text, registering it if new. */
static enum ko_status intern_var(struct parser *p, size_t at, char *column,
				 char *text, int is_factor, char *ref,
				 size_t *index)
{
	struct ko_formula *f = p->f;
	size_t i;

	/* R would drop it with a warning; here it is a mistake to fix.
	 * Case-insensitive, as columns are found in the header. */
	if (!strcasecmp(column, f->response)) {
		free(column);
		free(text);
		free(ref);
		return ko_err_set(p->err, KO_ERR_USAGE,
				  "formula: position %zu: the outcome %.100s is also a term on the right-hand side",
				  at + 1, f->response);
	}
	for (i = 0; i < f->n_vars; i++) {
		if (!strcmp(f->vars[i].text, text)) {
			free(column);
			free(text);
			free(ref);
			*index = i;
			return KO_OK;
		}
	}
	if (f->n_vars == KO_FORMULA_MAX_VARS) {
		free(column);
		free(text);
		free(ref);
		return fail(p, at, "too many variables");
	}
	if (f->n_vars == p->var_cap) {
		size_t cap = p->var_cap ? 2 * p->var_cap : 8;
		struct ko_formula_var *nv = realloc(f->vars, cap * sizeof(*nv));

		if (!nv) {
			free(column);
			free(text);
			free(ref);
			return ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
		}
		f->vars = nv;
		p->var_cap = cap;
	}
	f->vars[f->n_vars].column = column;
	f->vars[f->n_vars].text = text;
	f->vars[f->n_vars].is_factor = is_factor;
	f->vars[f->n_vars].ref = ref;
	*index = f->n_vars++;
	return KO_OK;
}

/* NAME or `quoted name`: returns the column name; *text_len gets the
 * length of the text as written (backticks kept, as R keeps them). */
static enum ko_status parse_name(struct parser *p, char **column)
{
	size_t start;
	int c = peek(p);

	start = p->pos;
	if (c == '`') {
		p->pos++;
		while (p->s[p->pos] && p->s[p->pos] != '`')
			p->pos++;
		if (!p->s[p->pos])
			return fail(p, start, "unterminated `name`");
		if (p->pos == start + 1)
			return fail(p, start, "empty `name`");
		*column = dup_range(p->s + start + 1, p->pos - start - 1);
		p->pos++;
	} else if (is_name_start(c)) {
		while (is_name_char((unsigned char)p->s[p->pos]))
			p->pos++;
		/* R's `.`, every other column: not a name here */
		if (p->pos == start + 1 && c == '.' && p->f->response)
			return fail(p, start, "'.' (all other columns) is not supported; name the terms");
		*column = dup_range(p->s + start, p->pos - start);
	} else {
		return fail(p, start, "expected a variable name");
	}
	if (!*column)
		return ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
	return KO_OK;
}

/* Text of a name as R deparses it: backticks only when needed. */
static char *name_text(const char *column)
{
	size_t i, len = strlen(column);
	int plain = is_name_start((unsigned char)column[0]);
	char *t;

	for (i = 0; i < len && plain; i++)
		plain = is_name_char((unsigned char)column[i]);
	if (plain)
		return dup_range(column, len);
	t = malloc(len + 3);
	if (t)
		snprintf(t, len + 3, "`%s`", column);
	return t;
}

/* "..." or '...' with backslash escapes; returns the unescaped text. */
static enum ko_status parse_string(struct parser *p, char **out)
{
	size_t start = p->pos, n = 0;
	char quote = p->s[p->pos++];
	char *buf = malloc(strlen(p->s + p->pos) + 1);

	if (!buf)
		return ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
	while (p->s[p->pos] && p->s[p->pos] != quote) {
		if (p->s[p->pos] == '\\' && p->s[p->pos + 1])
			p->pos++;
		buf[n++] = p->s[p->pos++];
	}
	if (!p->s[p->pos]) {
		free(buf);
		return fail(p, start, "unterminated string");
	}
	p->pos++;
	buf[n] = '\0';
	*out = buf;
	return KO_OK;
}

/* factor(NAME [, ref = "level"]), the word factor already consumed. */
static enum ko_status parse_factor(struct parser *p, size_t at, size_t *index)
{
	char *column = NULL, *ref = NULL, *inner = NULL, *text = NULL;
	enum ko_status st;
	size_t len;

	p->pos++; /* '(' */
	if ((st = parse_name(p, &column)))
		goto out;
	if (peek(p) == ',') {
		p->pos++;
		skip_space(p);
		if (strncmp(p->s + p->pos, "ref", 3) ||
		    is_name_char((unsigned char)p->s[p->pos + 3])) {
			st = fail(p, p->pos, "expected 'ref = \"level\"'");
			goto out;
		}
		p->pos += 3;
		if (peek(p) != '=') {
			st = fail(p, p->pos, "expected '=' after ref");
			goto out;
		}
		p->pos++;
		if (peek(p) != '"' && peek(p) != '\'') {
			st = fail(p, p->pos, "expected a quoted reference level");
			goto out;
		}
		if ((st = parse_string(p, &ref)))
			goto out;
	}
	if (peek(p) != ')') {
		st = fail(p, p->pos, "expected ')' to close factor(");
		goto out;
	}
	p->pos++;
	inner = name_text(column);
	if (!inner) {
		st = ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	len = strlen(inner) + (ref ? 2 * strlen(ref) : 0) + 32;
	text = malloc(len);
	if (!text) {
		st = ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (ref) {
		/* deparse() escapes " and \ inside the string */
		size_t k = (size_t)snprintf(text, len, "factor(%s, ref = \"", inner);
		const char *r;

		for (r = ref; *r; r++) {
			if (*r == '"' || *r == '\\')
				text[k++] = '\\';
			text[k++] = *r;
		}
		memcpy(text + k, "\")", 3);
	} else {
		snprintf(text, len, "factor(%s)", inner);
	}
	st = intern_var(p, at, column, text, 1, ref, index);
	column = text = ref = NULL;
out:
	free(column);
	free(ref);
	free(inner);
	free(text);
	return st;
}

static enum ko_status parse_sum(struct parser *p, struct termset *out);

static enum ko_status parse_atom(struct parser *p, struct termset *out)
{
	size_t at, index;
	int c = peek(p);
	enum ko_status st;
	struct bits t;

	at = p->pos;
	out->constant = -1;
	if (c == '(') {
		p->pos++;
		if ((st = parse_sum(p, out)))
			return st;
		if (peek(p) != ')')
			return fail(p, p->pos, "expected ')'");
		p->pos++;
		return KO_OK;
	}
	if (isdigit(c)) {
		if ((c == '0' || c == '1') &&
		    !isalnum((unsigned char)p->s[p->pos + 1]) &&
		    p->s[p->pos + 1] != '.') {
			p->pos++;
			out->constant = c - '0';
			return KO_OK;
		}
		return fail(p, at, "only the numbers 0 and 1 may appear in a formula");
	}
	if (!strncmp(p->s + p->pos, "factor", 6)) {
		size_t save = p->pos;

		p->pos += 6;
		if (peek(p) == '(')
			st = parse_factor(p, at, &index);
		else {
			char *column;

			p->pos = save;
			st = parse_name(p, &column);
			if (!st) {
				char *text = name_text(column);

				st = text ? intern_var(p, at, column, text, 0,
						       NULL, &index)
					  : ko_err_set(p->err, KO_ERR_NOMEM,
						       "out of memory");
				if (!text)
					free(column);
			}
		}
	} else {
		char *column;

		if ((st = parse_name(p, &column)))
			return st;
		if (peek(p) == '(') {
			free(column);
			return fail(p, p->pos,
				    "only factor(...) calls are supported");
		}
		{
			char *text = name_text(column);

			st = text ? intern_var(p, at, column, text, 0, NULL,
					       &index)
				  : ko_err_set(p->err, KO_ERR_NOMEM,
					       "out of memory");
			if (!text)
				free(column);
		}
	}
	if (st)
		return st;
	memset(&t, 0, sizeof(t));
	t.w[index / 64] |= (uint64_t)1 << (index % 64);
	return termset_add(p, out, &t);
}

/* Every union of a term of a with a term of b (R's InteractTerms). */
static enum ko_status interact(struct parser *p, struct termset *a,
			       const struct termset *b)
{
	struct termset r = { 0, 0, NULL, -1 };
	size_t i, j, k;
	enum ko_status st = KO_OK;

	for (i = 0; i < a->n && !st; i++) {
		for (j = 0; j < b->n && !st; j++) {
			struct bits t;

			for (k = 0; k < WORDS; k++)
				t.w[k] = a->t[i].w[k] | b->t[j].w[k];
			st = termset_add(p, &r, &t);
		}
	}
	termset_release(a);
	*a = r;
	return st;
}

static enum ko_status need_terms(struct parser *p, size_t at,
				 const struct termset *ts)
{
	if (ts->constant >= 0)
		return fail(p, at, "0 and 1 may only be added or subtracted");
	return KO_OK;
}

/* The right operand of a binary ':' or '*' at p (the operator itself
 * skipped here) by sub into rhs; both operands must be terms, not 0 or 1
 * (at: where the left one, left, began). */
static enum ko_status right_operand(struct parser *p, size_t at,
				    const struct termset *left,
				    enum ko_status (*sub)(struct parser *,
							  struct termset *),
				    struct termset *rhs)
{
	size_t at2;
	enum ko_status st;

	p->pos++;
	at2 = (skip_space(p), p->pos);
	if ((st = need_terms(p, at, left)) || (st = sub(p, rhs)))
		return st;
	return need_terms(p, at2, rhs);
}

static enum ko_status parse_inter(struct parser *p, struct termset *out)
{
	size_t at = (skip_space(p), p->pos);
	enum ko_status st = parse_atom(p, out);

	while (!st && peek(p) == ':') {
		struct termset rhs = { 0, 0, NULL, -1 };

		if (!(st = right_operand(p, at, out, parse_atom, &rhs)))
			st = interact(p, out, &rhs);
		termset_release(&rhs);
	}
	return st;
}

static enum ko_status parse_prod(struct parser *p, struct termset *out)
{
	size_t at = (skip_space(p), p->pos);
	enum ko_status st = parse_inter(p, out);

	while (!st && peek(p) == '*') {
		struct termset rhs = { 0, 0, NULL, -1 };
		struct termset both = { 0, 0, NULL, -1 };
		size_t i;

		if (!(st = right_operand(p, at, out, parse_inter, &rhs))) {
			/* a*b = a + b + a:b */
			for (i = 0; i < out->n && !st; i++)
				st = termset_add(p, &both, &out->t[i]);
			for (i = 0; i < rhs.n && !st; i++)
				st = termset_add(p, &both, &rhs.t[i]);
			if (!st)
				st = interact(p, out, &rhs);
			for (i = 0; i < out->n && !st; i++)
				st = termset_add(p, &both, &out->t[i]);
			termset_release(out);
			*out = both;
			both.t = NULL;
		}
		termset_release(&rhs);
		termset_release(&both);
	}
	return st;
}

/* The intercept is tracked in p->f->intercept; terms in out. */
static enum ko_status parse_sum(struct parser *p, struct termset *out)
{
	enum ko_status st = KO_OK;
	int sign = 1, first = 1;

	out->constant = -1;
	for (;;) {
		struct termset part = { 0, 0, NULL, -1 };
		size_t i;
		int c = peek(p);

		if (c == '+' || c == '-') {
			sign = c == '-' ? -1 : 1;
			p->pos++;
		} else if (!first) {
			break;
		}
		if (!peek(p))
			return fail(p, p->pos, "expected a term");
		if ((st = parse_prod(p, &part))) {
			termset_release(&part);
			return st;
		}
		if (part.constant >= 0) {
			/* + 1 / - 0: intercept; + 0 / - 1: none */
			p->f->intercept = (part.constant == 1) == (sign == 1);
		} else if (sign > 0) {
			for (i = 0; i < part.n && !st; i++)
				st = termset_add(p, out, &part.t[i]);
		} else {
			for (i = 0; i < part.n; i++)
				termset_remove(out, &part.t[i]);
		}
		termset_release(&part);
		if (st)
			return st;
		first = 0;
		sign = 1;
	}
	return KO_OK;
}

static enum ko_status make_label(struct ko_formula *f,
				 struct ko_formula_term *term)
{
	size_t i, len = 1;

	for (i = 0; i < term->n_vars; i++)
		len += strlen(f->vars[term->vars[i]].text) + 1;
	term->label = malloc(len);
	if (!term->label)
		return KO_ERR_NOMEM;
	term->label[0] = '\0';
	for (i = 0; i < term->n_vars; i++) {
		if (i)
			strcat(term->label, ":");
		strcat(term->label, f->vars[term->vars[i]].text);
	}
	return KO_OK;
}

/* Terms sorted by order (stable), then turned into index lists. */
static enum ko_status build_terms(struct parser *p, const struct termset *ts)
{
	struct ko_formula *f = p->f;
	size_t order, i, v, k = 0, max_order = 0;

	for (i = 0; i < ts->n; i++)
		if (bits_count(&ts->t[i]) > max_order)
			max_order = bits_count(&ts->t[i]);
	f->terms = calloc(ts->n ? ts->n : 1, sizeof(*f->terms));
	if (!f->terms)
		return ko_err_set(p->err, KO_ERR_NOMEM, "out of memory");
	for (order = 1; order <= max_order; order++) {
		for (i = 0; i < ts->n; i++) {
			struct ko_formula_term *term = &f->terms[k];
			size_t n = bits_count(&ts->t[i]), j = 0;

			if (n != order)
				continue;
			term->vars = malloc(n * sizeof(*term->vars));
			if (!term->vars)
				return ko_err_set(p->err, KO_ERR_NOMEM,
						  "out of memory");
			for (v = 0; v < f->n_vars; v++)
				if (ts->t[i].w[v / 64] >> (v % 64) & 1)
					term->vars[j++] = v;
			term->n_vars = n;
			f->n_terms = ++k;
			if (make_label(f, term))
				return ko_err_set(p->err, KO_ERR_NOMEM,
						  "out of memory");
		}
	}
	return KO_OK;
}

enum ko_status ko_formula_parse(struct ko_formula **out, const char *text,
				struct ko_err *err)
{
	struct parser p = { text, 0, NULL, err, 0 };
	struct termset ts = { 0, 0, NULL, -1 };
	enum ko_status st;

	if (!text || !*text)
		return ko_err_set(err, KO_ERR_USAGE, "formula: empty formula");
	if (strlen(text) > KO_FORMULA_MAX_TEXT)
		return ko_err_set(err, KO_ERR_LIMIT, "formula: longer than %d characters",
				  KO_FORMULA_MAX_TEXT);
	p.f = calloc(1, sizeof(*p.f));
	if (!p.f)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	p.f->intercept = 1;
	if ((st = parse_name(&p, &p.f->response)))
		goto out;
	if (peek(&p) != '~') {
		st = fail(&p, p.pos, "expected '~' after the outcome");
		goto out;
	}
	p.pos++;
	if ((st = parse_sum(&p, &ts)))
		goto out;
	if (peek(&p)) {
		st = fail(&p, p.pos, "unexpected character");
		goto out;
	}
	if ((st = build_terms(&p, &ts)))
		goto out;
	if (!p.f->intercept && p.f->n_terms == 0) {
		st = ko_err_set(err, KO_ERR_USAGE,
				"formula: no terms and no intercept");
		goto out;
	}
	*out = p.f;
	p.f = NULL;
out:
	termset_release(&ts);
	ko_formula_free(p.f);
	return st;
}

void ko_formula_free(struct ko_formula *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n_vars; i++) {
		free(f->vars[i].column);
		free(f->vars[i].text);
		free(f->vars[i].ref);
	}
	for (i = 0; i < f->n_terms; i++) {
		free(f->terms[i].vars);
		free(f->terms[i].label);
	}
	free(f->vars);
	free(f->terms);
	free(f->response);
	free(f);
}

char *ko_formula_text(const struct ko_formula *f)
{
	size_t i, len = strlen(f->response) + 16;
	char *s;

	for (i = 0; i < f->n_terms; i++)
		len += strlen(f->terms[i].label) + 3;
	s = malloc(len);
	if (!s)
		return NULL;
	snprintf(s, len, "%s ~ ", f->response);
	for (i = 0; i < f->n_terms; i++) {
		if (i)
			strcat(s, " + ");
		strcat(s, f->terms[i].label);
	}
	if (!f->intercept)
		strcat(s, f->n_terms ? " - 1" : "- 1");
	else if (!f->n_terms)
		strcat(s, "1");
	return s;
}
