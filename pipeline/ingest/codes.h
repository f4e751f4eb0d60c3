/*
 * codes.h - classification code lists (ICD-10 style) compiled once, matched
 * per row without allocation.
 *
 * A list is written "F84, F80-F89, F90-F98": each item is a prefix (F84
 * matches F840, F84.0, F84) or a range A-B, which matches a code whose first
 * len(A) characters are >= A and whose first len(B) characters are <= B.
 * Items and codes are compared after normalisation: dots, spaces and the
 * marks * + # @ removed, letters upper-cased.
 *
 * Ownership: a struct ko_codes lives in the caller's memory; _init sets it
 * empty, _release frees what _add allocated.
 */
#ifndef KO_CODES_H
#define KO_CODES_H

#include <stddef.h>

#include "error.h"

#define KO_CODE_MAX 16 /* longest item, normalised */

struct ko_code_item {
	char lo[KO_CODE_MAX + 1]; /* prefix, or range start */
	char hi[KO_CODE_MAX + 1]; /* range end; "" for a prefix */
	unsigned char lo_len, hi_len;
};

struct ko_codes {
	struct ko_code_item *items;
	size_t n, cap;
	unsigned char first[256]; /* 1 for a first character some item takes */
};

void ko_codes_init(struct ko_codes *codes);
void ko_codes_release(struct ko_codes *codes);

/* Parse a comma-separated list ("F84, F80-F89") and append its items.  A bad item
 * (empty, too long, not letters/digits, range start after its end) is
 * KO_ERR_CONFIG naming it. */
enum ko_status ko_codes_add(struct ko_codes *codes, const char *list,
			    struct ko_err *err);

/* Normalise s[0..len) into out (capacity cap, NUL-terminated, truncated to
 * cap - 1 characters); returns the normalised length. */
size_t ko_codes_normalize(const char *s, size_t len, char *out, size_t cap);

/* 1 when the code text s[0..len) matches any item. */
int ko_codes_match(const struct ko_codes *codes, const char *s, size_t len);

#endif
