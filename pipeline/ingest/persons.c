/* persons.c - id string -> dense index dictionary (see persons.h). */
#include "persons.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "reader.h"

/* every id, category or code the reader delivers fits */
_Static_assert(KO_PERSONS_MAX_ID >= KO_READER_MAX_KEY,
	       "the reader's key limit must fit the dictionary");

struct ko_persons {
	char *arena;       /* ids, each followed by '\0' */
	size_t arena_len, arena_cap;
	uint64_t *start;   /* start[i]: offset of id i; start[n]: arena_len */
	size_t n, start_cap;
	uint64_t *slots;   /* high 32 bits: hash fingerprint; low 32 bits:
			      index + 1, 0 = empty */
	size_t n_slots;    /* power of two, at most half full */
};

/* FNV-1a, 64 bit, finished with a multiply-xorshift so that the low bits
 * used for the slot depend on every byte. */
static uint64_t hash_id(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}

struct ko_persons *ko_persons_new(void)
{
	struct ko_persons *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->n_slots = 1024;
	d->slots = calloc(d->n_slots, sizeof(*d->slots));
	d->start_cap = 1024;
	d->start = malloc(d->start_cap * sizeof(*d->start));
	if (!d->slots || !d->start) {
		ko_persons_free(d);
		return NULL;
	}
	d->start[0] = 0;
	return d;
}

void ko_persons_free(struct ko_persons *d)
{
	if (!d)
		return;
	free(d->arena);
	free(d->start);
	free(d->slots);
	free(d);
}

size_t ko_persons_count(const struct ko_persons *d)
{
	return d->n;
}

const char *ko_persons_id(const struct ko_persons *d, size_t i, size_t *len)
{
	if (len)
		*len = (size_t)(d->start[i + 1] - d->start[i] - 1);
	return d->arena + d->start[i];
}

static int same_id(const struct ko_persons *d, uint32_t idx, const char *s,
		   size_t len)
{
	size_t ilen = (size_t)(d->start[idx + 1] - d->start[idx] - 1);

	return ilen == len && !memcmp(d->arena + d->start[idx], s, len);
}

#define SLOT_INDEX(s) ((uint32_t)(s))
#define FINGERPRINT(h) ((h) & 0xffffffff00000000ULL)

/* Slot where id lives or would be inserted.  The fingerprint spares a
 * visit to the arena (a cache miss) for most slots of other ids. */
static size_t probe(const struct ko_persons *d, const char *s, size_t len,
		    uint64_t h)
{
	size_t mask = d->n_slots - 1, i = (size_t)h & mask;
	uint64_t fp = FINGERPRINT(h);

	while (d->slots[i] &&
	       (FINGERPRINT(d->slots[i]) != fp ||
		!same_id(d, SLOT_INDEX(d->slots[i]) - 1, s, len)))
		i = (i + 1) & mask;
	return i;
}

long ko_persons_find(const struct ko_persons *d, const char *id, size_t len)
{
	size_t i = probe(d, id, len, hash_id(id, len));

	return d->slots[i] ? (long)SLOT_INDEX(d->slots[i]) - 1 : -1;
}

static int grow_slots(struct ko_persons *d)
{
	size_t n = d->n_slots * 2, i, mask = n - 1;
	uint64_t *slots = ko_mem_rows_zero(n, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < d->n; i++) {
		size_t len = (size_t)(d->start[i + 1] - d->start[i] - 1);
		uint64_t h = hash_id(d->arena + d->start[i], len);
		size_t j = (size_t)h & mask;

		while (slots[j])
			j = (j + 1) & mask;
		slots[j] = FINGERPRINT(h) | ((uint64_t)i + 1);
	}
	free(d->slots);
	d->slots = slots;
	d->n_slots = n;
	return 0;
}

/* Make room for one more id of len bytes. */
static int reserve(struct ko_persons *d, size_t len)
{
	if (ko_mem_reserve(&d->arena, &d->arena_cap, d->arena_len + len + 1))
		return -1;
	if (d->n + 2 > d->start_cap) {
		uint64_t *p = realloc(d->start, 2 * d->start_cap * sizeof(*p));

		if (!p)
			return -1;
		d->start = p;
		d->start_cap *= 2;
	}
	if ((d->n + 1) * 2 > d->n_slots && grow_slots(d))
		return -1;
	return 0;
}

long ko_persons_intern(struct ko_persons *d, const char *id, size_t len,
		       int *inserted)
{
	uint64_t h = hash_id(id, len);
	size_t i = probe(d, id, len, h);

	*inserted = 0;
	if (d->slots[i])
		return (long)SLOT_INDEX(d->slots[i]) - 1;
	if (len > KO_PERSONS_MAX_ID || d->n >= UINT32_MAX - 1 || reserve(d, len))
		return -1;
	i = probe(d, id, len, h); /* the table may have grown */
	memcpy(d->arena + d->arena_len, id, len);
	d->arena[d->arena_len + len] = '\0';
	d->arena_len += len + 1;
	d->slots[i] = FINGERPRINT(h) | ((uint64_t)d->n + 1);
	d->n++;
	d->start[d->n] = d->arena_len;
	*inserted = 1;
	return (long)d->n - 1;
}
