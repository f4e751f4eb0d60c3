# fit_gen.R - deterministic benchmark data for bench/fit.sh:
# n rows, p dense numeric covariates x1..xp (N(0, 1), 4 decimals) and a
# binary outcome y from a logistic model with known coefficients.
#   Rscript bench/fit_gen.R OUT.csv [n] [p] [full]
# With "full" the covariates are not rounded: fwrite writes them at full
# precision (15 significant digits, exponents for the small ones), as most
# exports of such data are written.
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) >= 2) as.integer(args[2]) else 1000000L
p <- if (length(args) >= 3) as.integer(args[3]) else 30L
set.seed(20261123)
full <- length(args) >= 4 && args[4] == "full"
X <- matrix(rnorm(n * p), n, p)
if (!full) X <- round(X, 4)
beta <- round(seq(-0.5, 0.5, length.out = p), 3)
eta <- -1 + X %*% beta
d <- data.table(y = rbinom(n, 1, plogis(eta)))
d[, (paste0("x", seq_len(p))) := as.data.table(X)]
fwrite(d, out)
