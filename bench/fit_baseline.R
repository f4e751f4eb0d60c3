# fit_baseline.R - the R side of bench/fit.sh: data.table::fread + glm on
# the same CSV kohort reads; prints the seconds of fread + glm (without R's
# start-up) and writes the coefficients at full precision.
#   Rscript bench/fit_baseline.R DATA.csv FORMULA COEF_OUT.csv
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
d <- fread(args[1])
fit <- glm(as.formula(args[2]), family = binomial, data = d)
t1 <- proc.time()[["elapsed"]]
cat(sprintf("r_seconds %.3f\n", t1 - t0))
fwrite(data.table(term = names(coef(fit)), estimate = sprintf("%.17g", coef(fit))),
       args[3])
