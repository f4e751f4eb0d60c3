# bench/baseline.R - the example study done in R (data.table + glm) for
# `make bench`: the same extracts, the same definitions (by running the
# independent reference tests/reference/derive.R), then the adjusted
# logistic model.  Prints the seconds of each part and the coefficients.
#
#   Rscript bench/baseline.R DATA_DIR OUT_PREFIX
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 2)
setDTthreads(0L)
t0 <- proc.time()[["elapsed"]]
# derive.R reads its two arguments with commandArgs(): hand it ours
commandArgs <- function(trailingOnly = FALSE) args
source("tests/reference/derive.R", local = FALSE)
t1 <- proc.time()[["elapsed"]]
d <- as.data.frame(ana)
# the references of config/example.ini's [model placement]
d$sa_years <- relevel(factor(d$sa_years), ref = "0")
d$sex <- relevel(factor(d$sex), ref = "1")
d$region <- relevel(factor(d$region), ref = "Helsinki")
fit <- glm(placement ~ sa_years + ndd + parent_psych + sex + low_birth_weight + region,
           family = binomial, data = d)
t2 <- proc.time()[["elapsed"]]
cat(sprintf("r_derive_seconds %.3f\nr_glm_seconds %.3f\nr_total_seconds %.3f\n",
            t1 - t0, t2 - t1, t2 - t0))
# coefficients as kohort names them: term and level
co <- coef(fit)
fac <- c("sa_years", "sex", "region")
out <- data.frame(term = names(co), level = "", estimate = unname(co))
for (f in fac) {
  hit <- startsWith(out$term, f) & out$term != f
  out$level[hit] <- substring(out$term[hit], nchar(f) + 1)
  out$term[hit] <- f
}
fwrite(out, paste0(args[2], "_coef.csv"))
cat(sprintf("r_coefficients %d\n", nrow(out)))
