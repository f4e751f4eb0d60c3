/* persons.c - id string -> dense index dictionary (see persons.h). */
#include "persons.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "reader.h"

/* every id, category or code the reader delivers fits */
_Static_assert(KO_PERSONS_MAX_ID >= KO_READER_MAX_KEY,
	       "the reader's key limit must fit the dictionary");

/* A slot: the index + 1 (0 = empty) and the id's key.  An id of up to
 * INLINE_MAX bytes is its own key (its length byte, then its bytes, zero
 * padded), so a lookup compares in the slot and touches one cache line of
 * the table only.  A longer id's key is the 0xff byte and 88 bits of its
 * hash; a match is then confirmed against the arena. */
struct slot {
	uint64_t a; /* low 32 bits: index + 1; high 32: key bytes 0..3 */
	uint64_t b; /* key bytes 4..11 */
};

#define INLINE_MAX 11
#define LONG_TAG 0xffu

struct ko_persons {
	char *arena;       /* ids, each followed by '\0' */
	size_t arena_len, arena_cap;
	uint64_t *start;   /* start[i]: offset of id i; start[n]: arena_len */
	size_t n, start_cap;
	struct slot *slots;
	size_t n_slots;    /* any size (home), at most half full */
};

/* An id's key (the two words of a slot, the index bits zero) and hash. */
struct key {
	uint64_t a, b, h;
};

static uint64_t mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

static struct key key_of(const char *s, size_t len)
{
	unsigned char k[12] = { 0 };
	uint32_t hi;
	struct key key;

	if (len <= INLINE_MAX) {
		k[0] = (unsigned char)len;
		memcpy(k + 1, s, len);
		hi = (uint32_t)k[0] | (uint32_t)k[1] << 8 |
		     (uint32_t)k[2] << 16 | (uint32_t)k[3] << 24;
		memcpy(&key.b, k + 4, 8);
		key.a = (uint64_t)hi << 32;
		key.h = mix(key.a ^ mix(key.b));
	} else {
		/* FNV-1a over the bytes, finished by the mix */
		uint64_t h = 1469598103934665603ULL, t;
		size_t i;

		for (i = 0; i < len; i++) {
			h ^= (unsigned char)s[i];
			h *= 1099511628211ULL;
		}
		key.h = mix(h);
		t = mix(h ^ 0x5851f42d4c957f2dULL);
		key.a = ((t << 8 | LONG_TAG) & 0xffffffffULL) << 32;
		key.b = mix(t);
	}
	return key;
}

#define SLOT_INDEX(sl) ((uint32_t)(sl).a)
#define SAME_KEY(sl, k) (((sl).a >> 32) == ((k).a >> 32) && (sl).b == (k).b)
#define IS_LONG(k) (((k).a >> 32 & 0xffu) == LONG_TAG)

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

/* The first slot of hash h in a table of n slots: the high word of h * n
 * (Lemire's multiply-shift), so that a table may have any size, the size
 * reserved for the ids expected (ko_persons_reserve) and not the next
 * power of two: 5.5 million ids take 11 million slots, not 16.8. */
static size_t home(uint64_t h, size_t n)
{
	__extension__ typedef unsigned __int128 wide;

	return (size_t)(((wide)h * n) >> 64);
}

/* Slot where id lives or would be inserted (linear probing). */
static size_t probe(const struct ko_persons *d, const char *s, size_t len,
		    const struct key *k)
{
	size_t n = d->n_slots, i = home(k->h, n);

	if (!IS_LONG(*k)) {
		while (SLOT_INDEX(d->slots[i]) && !SAME_KEY(d->slots[i], *k))
			if (++i == n)
				i = 0;
		return i;
	}
	while (SLOT_INDEX(d->slots[i]) &&
	       (!SAME_KEY(d->slots[i], *k) ||
		!same_id(d, SLOT_INDEX(d->slots[i]) - 1, s, len)))
		if (++i == n)
			i = 0;
	return i;
}

long ko_persons_find(const struct ko_persons *d, const char *id, size_t len)
{
	struct key k = key_of(id, len);
	size_t i = probe(d, id, len, &k);

	return SLOT_INDEX(d->slots[i]) ? (long)SLOT_INDEX(d->slots[i]) - 1 : -1;
}

/* A table of n slots (more than twice the ids) with every id in it. */
static int grow_slots(struct ko_persons *d, size_t n)
{
	struct slot *slots = ko_mem_rows_zero(n, sizeof(*slots));
	size_t i;

	if (!slots)
		return -1;
	for (i = 0; i < d->n; i++) {
		size_t len = (size_t)(d->start[i + 1] - d->start[i] - 1);
		struct key k = key_of(d->arena + d->start[i], len);
		size_t j = home(k.h, n);

		while (SLOT_INDEX(slots[j]))
			if (++j == n)
				j = 0;
		slots[j].a = k.a | ((uint64_t)i + 1);
		slots[j].b = k.b;
	}
	free(d->slots);
	d->slots = slots;
	d->n_slots = n;
	return 0;
}

/* start[] for cap - 1 ids. */
static int start_room(struct ko_persons *d, size_t cap)
{
	uint64_t *p;

	if (cap <= d->start_cap)
		return 0;
	p = realloc(d->start, cap * sizeof(*p));
	if (!p)
		return -1;
	d->start = p;
	d->start_cap = cap;
	return 0;
}

/* Make room for one more id of len bytes. */
static int reserve(struct ko_persons *d, size_t len)
{
	if (ko_mem_reserve(&d->arena, &d->arena_cap, d->arena_len + len + 1))
		return -1;
	if (d->n + 2 > d->start_cap && start_room(d, 2 * d->start_cap))
		return -1;
	if ((d->n + 1) * 2 > d->n_slots && grow_slots(d, 2 * d->n_slots))
		return -1;
	return 0;
}

int ko_persons_reserve(struct ko_persons *d, size_t n)
{
	size_t slots;

	if (n > KO_PERSONS_MAX_RESERVE)
		n = KO_PERSONS_MAX_RESERVE;
	if (start_room(d, n + 2))
		return -1;
	slots = 2 * n + 2;
	if (slots > d->n_slots && grow_slots(d, slots))
		return -1;
	return 0;
}

long ko_persons_intern(struct ko_persons *d, const char *id, size_t len,
		       int *inserted)
{
	struct key k = key_of(id, len);
	size_t i = probe(d, id, len, &k);

	*inserted = 0;
	if (SLOT_INDEX(d->slots[i]))
		return (long)SLOT_INDEX(d->slots[i]) - 1;
	if (len > KO_PERSONS_MAX_ID || d->n >= UINT32_MAX - 1 || reserve(d, len))
		return -1;
	i = probe(d, id, len, &k); /* the table may have grown */
	memcpy(d->arena + d->arena_len, id, len);
	d->arena[d->arena_len + len] = '\0';
	d->arena_len += len + 1;
	d->slots[i].a = k.a | ((uint64_t)d->n + 1);
	d->slots[i].b = k.b;
	d->n++;
	d->start[d->n] = d->arena_len;
	*inserted = 1;
	return (long)d->n - 1;
}
