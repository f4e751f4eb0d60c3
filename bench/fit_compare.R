# fit_compare.R - largest relative difference between R's coefficients and
# the first table of `kohort fit` output.
#   Rscript bench/fit_compare.R R_COEF.csv KOHORT_OUT.csv
args <- commandArgs(trailingOnly = TRUE)
a <- read.csv(args[1])
k <- readLines(args[2])
k <- read.csv(text = k[seq_len(which(k == "")[1] - 1)])
stopifnot(identical(a$term, k$term))
cat(format(max(abs(k$estimate - a$estimate) / abs(a$estimate)), digits = 3), "\n")
