/*
 * names.h - the index of a name in a table of names (a language code, a
 * follow-up value's name), as the Linux kernel's match_string: the linear
 * search written once.
 */
#ifndef KO_NAMES_H
#define KO_NAMES_H

#include <stddef.h>

/* The first k < n with names[k] equal to name (strcmp; a NULL entry
 * matches nothing), or -1. */
long ko_name_index(const char *const *names, size_t n, const char *name);

/* The same in an array of n records of size bytes each, whose name is the
 * char * member at offset (offsetof): the first k < n whose name equals
 * name, or -1.  E.g. a config's variables by name. */
long ko_name_index_in(const void *records, size_t n, size_t size,
		      size_t offset, const char *name);

#endif
