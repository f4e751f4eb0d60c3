# ci_z.R - the normal quantile of a two-sided confidence level as R's
# confint.default computes it (qnorm(1 - a), a = (1 - level) / 2), for
# stats/ci.c (tests/test_ci.c).  Run from the repository root:
#   Rscript tests/reference/ci_z.R > tests/fixtures/ci_z.csv
levels <- c(0.5, 0.8, 0.9, 0.93, 0.95, 0.975, 0.99, 0.999, 0.9999)
a <- (1 - levels) / 2
z <- qnorm(1 - a)
# confint.default's lower factor is qnorm(a): the same z, negated
stopifnot(all(abs(qnorm(a) + z) <= 1e-12 * z))
write.csv(data.frame(level = levels, z = sprintf("%.17g", z)),
          row.names = FALSE, quote = FALSE)
