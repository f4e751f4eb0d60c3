/*
 * hash.h - SHA-256 of files and buffers (OpenSSL's libcrypto), as lowercase
 * hex, for the manifest, `kohort verify` and the stage cache keys.
 */
#ifndef KO_HASH_H
#define KO_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define KO_SHA256_HEX 65 /* 64 hex digits and a NUL */

/* Hash a whole file; *bytes (may be NULL) receives its size.  Within a
 * process a file whose device, inode, size and mtime are unchanged is not
 * read again. */
enum ko_status ko_sha256_file(const char *path, char hex[KO_SHA256_HEX],
			      uint64_t *bytes, struct ko_err *err);

void ko_sha256_buf(const void *data, size_t len, char hex[KO_SHA256_HEX]);

/* The n bytes of a digest d as 2n lowercase hex digits and a NUL in hex
 * (the functions above, and the cache's own incremental key). */
void ko_hex(const unsigned char *d, size_t n, char *hex);

#endif
