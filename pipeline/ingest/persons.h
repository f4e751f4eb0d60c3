/*
 * persons.h - the person dictionary: pseudonymized id string -> dense index
 * 0, 1, 2, ... in order of first appearance.
 *
 * Open addressing over a flat arena of NUL-terminated ids: inserting a
 * person appends to the arena (amortised doubling), nothing is allocated per
 * lookup.  A slot (16 bytes) holds an id of up to 11 bytes itself, so a
 * lookup of such an id reads one cache line of the table and not the
 * arena.  The same structure interns category labels.
 *
 * Ownership: ko_persons_new returns a dictionary the caller frees with
 * ko_persons_free.  Pointers returned by ko_persons_id stay valid until the
 * next insert.
 */
#ifndef KO_PERSONS_H
#define KO_PERSONS_H

#include <stddef.h>
#include <stdint.h>

#define KO_PERSONS_MAX_ID 1024 /* longest id accepted, bytes */

struct ko_persons;

struct ko_persons *ko_persons_new(void);
void ko_persons_free(struct ko_persons *d);

/* Index of id[0..len), inserting it if new (*inserted = 1, else 0).
 * Returns -1 when out of memory or len > KO_PERSONS_MAX_ID. */
long ko_persons_intern(struct ko_persons *d, const char *id, size_t len,
		       int *inserted);

/* Index of id[0..len), or -1 when absent. */
long ko_persons_find(const struct ko_persons *d, const char *id, size_t len);

size_t ko_persons_count(const struct ko_persons *d);

/* Make room for n ids in all (those in it included; at most
 * KO_PERSONS_MAX_RESERVE), so that the table is not rebuilt as they come:
 * for a caller that knows, or has estimated, how many ids a pass will
 * meet.  More ids than reserved still fit (the table grows as without the
 * call); fewer leave the slots unused.  0, or -1 when out of memory (the
 * dictionary is unchanged and still usable). */
#define KO_PERSONS_MAX_RESERVE ((size_t)100000000)
int ko_persons_reserve(struct ko_persons *d, size_t n);

/* The id of person i (NUL-terminated); *len gets its length if not NULL. */
const char *ko_persons_id(const struct ko_persons *d, size_t i, size_t *len);

#endif
