/* fileid.c - an input file's identity (fileid.h). */
#include "fileid.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

enum ko_status ko_file_id_get(const char *path, struct ko_file_id *id,
			      struct ko_err *err)
{
	struct stat sb;

	if (stat(path, &sb))
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot read: %s",
				 strerror(errno));
	memset(id, 0, sizeof(*id));
	id->dev = (unsigned long long)sb.st_dev;
	id->ino = (unsigned long long)sb.st_ino;
	id->size = (unsigned long long)sb.st_size;
	id->mtime_s = (long long)sb.st_mtim.tv_sec;
	id->mtime_ns = sb.st_mtim.tv_nsec;
	id->ctime_s = (long long)sb.st_ctim.tv_sec;
	id->ctime_ns = sb.st_ctim.tv_nsec;
	return KO_OK;
}

enum ko_status ko_file_id_check(const char *path, const struct ko_file_id *id,
				struct ko_err *err)
{
	struct ko_file_id now;

	if (ko_file_id_get(path, &now, NULL) || memcmp(&now, id, sizeof(now)))
		return ko_err_at(err, KO_ERR_DATA, path, 0, NULL, "changed while "
				 "the run read it (replaced, rewritten or removed "
				 "since it was hashed for the cache key): nothing "
				 "was written or cached; run again when the "
				 "delivery is complete");
	return KO_OK;
}
