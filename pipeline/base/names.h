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

#endif
