/*
 * grow.h - room for one more element in an array that grows by doubling,
 * as kohort's lists do (config entries, code lists, header names, rejects):
 * the capacity test, the doubling and the realloc written once.  Header
 * only (static inline), so that every layer above base, the readers'
 * threads included, can use it without another object to link.
 */
#ifndef KO_GROW_H
#define KO_GROW_H

#include <stdlib.h>
#include <string.h>

/* arrayp: the address of the array's pointer (a T **), holding n
 * elements of size bytes in room for *cap.  When it is full, the array is
 * reallocated to twice *cap (first when *cap is 0) and *cap set.  0, or -1
 * when out of memory (the array and *cap as they were). */
static inline int ko_grow(void *arrayp, size_t n, size_t *cap, size_t size,
			  size_t first)
{
	void *array, *grown;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? 2 * *cap : first;
	memcpy(&array, arrayp, sizeof(array));
	grown = realloc(array, c * size);
	if (!grown)
		return -1;
	memcpy(arrayp, &grown, sizeof(grown));
	*cap = c;
	return 0;
}

#endif
