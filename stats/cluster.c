/* cluster.c - rows grouped by cluster (cluster.h). */
#include "cluster.h"

#include <stdlib.h>

static int cmp_cluster_row(const void *pa, const void *pb)
{
	const struct ko_cluster_row *a = pa, *b = pb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

void ko_cluster_sort(struct ko_cluster_row *order, size_t n)
{
	qsort(order, n, sizeof *order, cmp_cluster_row);
}
