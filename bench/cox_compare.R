## bench/cox_compare.R CSV - survival::coxph on bench_cox's data (data.table::fread), the
## same model as bench_cox: Surv(start, stop, status) ~ x1..x8, Efron; then the robust
## variance by child and cox.zph.  Prints the seconds of each step (inside R, without its
## start-up) and the coefficients.
suppressMessages({ library(survival); library(data.table) })
d <- fread(commandArgs(TRUE)[1])
X <- as.matrix(d[, paste0("x", 1:8), with = FALSE])
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
t0 <- proc.time()[["elapsed"]]
c0 <- cpu()
fit <- coxph(Surv(d$start, d$stop, d$status) ~ X, ties = "efron")
c1 <- cpu()
t1 <- proc.time()[["elapsed"]]
## COX_BENCH_R_FIT_ONLY=1 (the 1,000,000-child run): the fit alone; the
## robust refit and cox.zph take many times the fit's minutes there
fit_only <- nzchar(Sys.getenv("COX_BENCH_R_FIT_ONLY"))
if (!fit_only)
  rob <- coxph(Surv(d$start, d$stop, d$status) ~ X, ties = "efron", cluster = d$child)
t2 <- proc.time()[["elapsed"]]
if (!fit_only)
  z <- cox.zph(fit)
t3 <- proc.time()[["elapsed"]]
cat(sprintf("rows=%d iterations=%d fit_s=%.3f robust_fit_s=%.3f zph_s=%.3f fit_cpu_s=%.3f\n",
            nrow(d), fit$iter, t1 - t0, t2 - t1, t3 - t2, c1 - c0))
cat("coef", formatC(unname(coef(fit)), digits = 10, format = "g"), "\n")
