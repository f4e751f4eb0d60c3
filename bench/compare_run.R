# bench/compare_run.R R_COEF.csv KOHORT_MODEL.csv - the largest relative
# difference between R's adjusted coefficients (bench/baseline.R) and
# kohort's (models/placement.csv, adjusted, all strata).
suppressPackageStartupMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
r <- fread(a[1], colClasses = c(level = "character"), encoding = "UTF-8")
k <- fread(a[2], colClasses = c(level = "character"), encoding = "UTF-8")
k <- k[version == "adjusted" & stratum == "all" & !is.na(std_error)]
r[is.na(level), level := ""]; k[is.na(level), level := ""]
m <- merge(r, k[, .(term, level, kohort = estimate)], by = c("term", "level"))
cat(sprintf("%d of %d coefficients matched; max rel. difference %.3g\n", nrow(m), nrow(r),
            max(abs(m$estimate - m$kohort) / pmax(abs(m$estimate), 1e-300))))
