/* codes.c - ICD-10 style code lists (see codes.h). */
#include "codes.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

void ko_codes_init(struct ko_codes *codes)
{
	memset(codes, 0, sizeof(*codes));
}

void ko_codes_release(struct ko_codes *codes)
{
	free(codes->items);
	ko_codes_init(codes);
}

static int is_mark(char c)
{
	return c == '.' || c == ' ' || c == '*' || c == '+' || c == '#' ||
	       c == '@' || c == '\t';
}

size_t ko_codes_normalize(const char *s, size_t len, char *out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < cap; i++) {
		char c = s[i];

		if (is_mark(c))
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

static int item_chars_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* Normalise one list item text[0..len) into out; 0 if it is a valid code. */
static int item_code(const char *text, size_t len, char *out)
{
	char buf[64];

	if (len >= sizeof(buf))
		return -1;
	if (ko_codes_normalize(text, len, buf, sizeof(buf)) > KO_CODE_MAX)
		return -1;
	strcpy(out, buf);
	return out[0] && item_chars_ok(out) ? 0 : -1;
}

/* First characters a code can start with to match item. */
static void mark_first(struct ko_codes *codes, const struct ko_code_item *it)
{
	int c, last = it->hi_len ? (unsigned char)it->hi[0]
				 : (unsigned char)it->lo[0];

	for (c = (unsigned char)it->lo[0]; c <= last; c++)
		codes->first[c] = 1;
}

static enum ko_status add_item(struct ko_codes *codes, const char *text,
			       size_t len, struct ko_err *err)
{
	struct ko_code_item item;
	const char *dash = memchr(text, '-', len);

	memset(&item, 0, sizeof(item));
	if (dash) {
		if (item_code(text, (size_t)(dash - text), item.lo) ||
		    item_code(dash + 1, len - (size_t)(dash - text) - 1, item.hi))
			goto bad;
		if (strncmp(item.lo, item.hi, strlen(item.lo)) > 0)
			return ko_err_set(err, KO_ERR_CONFIG,
					  "code range '%.*s' starts after it ends",
					  (int)len, text);
	} else if (item_code(text, len, item.lo)) {
		goto bad;
	}
	item.lo_len = (unsigned char)strlen(item.lo);
	item.hi_len = (unsigned char)strlen(item.hi);
	if (ko_grow(&codes->items, codes->n, &codes->cap, sizeof(*codes->items),
		    8))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	codes->items[codes->n++] = item;
	mark_first(codes, &item);
	return KO_OK;
bad:
	return ko_err_set(err, KO_ERR_CONFIG,
			  "bad code '%.*s' (expected letters and digits such as "
			  "F84, or a range such as F80-F89, at most %d characters)",
			  (int)len, text, KO_CODE_MAX);
}

static int is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

enum ko_status ko_codes_add(struct ko_codes *codes, const char *list,
			    struct ko_err *err)
{
	const char *p = list;

	while (*p && is_sep(*p) && *p != ',')
		p++;
	if (!*p)
		return ko_err_set(err, KO_ERR_CONFIG, "empty code list");
	for (;;) {
		const char *start = p;
		size_t len;
		enum ko_status st;

		while (*p && *p != ',')
			p++;
		len = (size_t)(p - start);
		while (len && is_sep(*start)) {
			start++;
			len--;
		}
		while (len && is_sep(start[len - 1]))
			len--;
		if (!len)
			return ko_err_set(err, KO_ERR_CONFIG,
					  "empty item in code list '%s'", list);
		st = add_item(codes, start, len, err);
		if (st)
			return st;
		if (!*p)
			return KO_OK;
		p++; /* the comma */
	}
}

/* Compare the first len characters of code (n long) with item; a code
 * shorter than len sorts before an item it is a prefix of. */
static int cmp_start(const char *code, size_t n, const char *item, size_t len)
{
	size_t i, m = n < len ? n : len;

	for (i = 0; i < m; i++)
		if (code[i] != item[i])
			return (unsigned char)code[i] < (unsigned char)item[i] ? -1 : 1;
	return n < len ? -1 : 0;
}

static int item_match(const struct ko_code_item *it, const char *code,
		      size_t n)
{
	if (!it->hi_len)
		return n >= it->lo_len && !memcmp(code, it->lo, it->lo_len);
	return cmp_start(code, n, it->lo, it->lo_len) >= 0 &&
	       cmp_start(code, n, it->hi, it->hi_len) <= 0;
}

/* First character of the code once normalised, or 0. */
static unsigned char first_char(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_mark(s[i]))
			return (unsigned char)(s[i] >= 'a' && s[i] <= 'z'
						       ? s[i] - 'a' + 'A' : s[i]);
	return 0;
}

int ko_codes_match(const struct ko_codes *codes, const char *s, size_t len)
{
	char code[KO_CODE_MAX + 8];
	size_t n, i;

	if (!len || !codes->first[first_char(s, len)])
		return 0;
	n = ko_codes_normalize(s, len, code, sizeof(code));
	for (i = 0; i < codes->n; i++)
		if (item_match(&codes->items[i], code, n))
			return 1;
	return 0;
}
