/* names.c - the index of a name in a table of names (names.h). */
#include "names.h"

#include <string.h>

long ko_name_index(const char *const *names, size_t n, const char *name)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (names[k] && !strcmp(name, names[k]))
			return (long)k;
	return -1;
}

long ko_name_index_in(const void *records, size_t n, size_t size,
		      size_t offset, const char *name)
{
	const char *p = records;
	const char *s;
	size_t k;

	for (k = 0; k < n; k++) {
		memcpy(&s, p + k * size + offset, sizeof(s));
		if (s && !strcmp(name, s))
			return (long)k;
	}
	return -1;
}
