/*
 * fileid.h - what an input file is (device, inode, size, mtime and ctime),
 * to check that a file read is still the one hashed for a cache key
 * (cache.h) when the run ends.
 */
#ifndef KO_FILEID_H
#define KO_FILEID_H

#include "error.h"

/* What an input file is: device, inode, size, mtime and ctime.  A file
 * rewritten in place, replaced, or replaced and put back (a rename sets
 * the ctime) is another. */
struct ko_file_id {
	unsigned long long dev, ino, size;
	long long mtime_s, ctime_s;
	long mtime_ns, ctime_ns;
};

enum ko_status ko_file_id_get(const char *path, struct ko_file_id *id,
			      struct ko_err *err);

/* KO_OK when path is still the file of id, else KO_ERR_DATA naming it:
 * the data read cannot be trusted to be what the cache key hashed. */
enum ko_status ko_file_id_check(const char *path, const struct ko_file_id *id,
				struct ko_err *err);

#endif
