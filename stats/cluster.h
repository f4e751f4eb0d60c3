/*
 * cluster.h - the rows of a fit grouped by cluster, for the cluster-robust
 * (sandwich) covariances of the GLM fits (sandwich.c) and the Cox fit
 * (cox.c): one sort of (cluster id, row) pairs, rows in order within a
 * cluster, so that a pass over the result meets each cluster's rows
 * together and in the same order on every run.
 *
 *     for (i = 0; i < n; i++)
 *             order[i].id = cluster[i], order[i].row = i;
 *     ko_cluster_sort(order, n);
 *     ... rows order[i].row of one cluster while order[i].id is the same ...
 */
#ifndef KO_CLUSTER_H
#define KO_CLUSTER_H

#include <stddef.h>

struct ko_cluster_row {
	long id;     /* the cluster's id */
	size_t row;  /* the row */
};

/* Sort order[0..n) by id, then row (qsort is not stable: the row keeps
 * a cluster's rows in their order). */
void ko_cluster_sort(struct ko_cluster_row *order, size_t n);

#endif
