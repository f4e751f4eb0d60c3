# fit_birthwt.R - reference results for tests/test_cmd_fit.c (`kohort fit`
# end to end on MASS's birthwt, the Hosmer-Lemeshow low birth weight data).
#
# Run from the repository root:  Rscript tests/reference/fit_birthwt.R
# Writes the data (tests/fixtures/fit_birthwt.csv, and the same data as a
# ;-separated, decimal-comma, gzip-compressed file) and, per model M,
#   tests/fixtures/fit_birthwt_M_coef.csv   the coefficient table
#   tests/fixtures/fit_birthwt_M_stats.csv  model statistics
#   tests/fixtures/fit_birthwt_M_terms.csv  joint tests per term
# References: glm (default control, as kohort replicates R's iteration);
# sandwich::vcovHC(type = "HC0") and vcovCL(cluster = ~mom) (its default on
# a glm is HC0 with the G/(G-1) adjustment) and with type = "HC1"; drop1(test = "LRT") over every term; Wald b' V^-1 b by solve();
# pROC DeLong AUC; Hosmer-Lemeshow as ResourceSelection::hoslem.test (not in
# Debian: written out from its source, see fit_discrim.R); profile CIs by
# exact root finding on the profile deviance (uniroot, tol 1e-12), as
# /work/shared/reference/ref_profile_exact.R does (MASS::confint's spline is
# only good to ~1e-4 SE).
Sys.setlocale("LC_COLLATE", "C")
suppressMessages({ library(MASS); library(sandwich); library(pROC) })
factor <- function(x, ref = NULL) {   # kohort's factor(x, ref = "L")
  f <- base::factor(x)
  if (!is.null(ref)) f <- relevel(f, ref = ref)
  f
}
hoslem <- function(y, yhat, g = 10) {
  qq <- unique(quantile(yhat, probs = seq(0, 1, 1/g)))
  cutyhat <- cut(yhat, breaks = qq, include.lowest = TRUE)
  observed <- xtabs(cbind(y0 = 1 - y, y1 = y) ~ cutyhat)
  expected <- xtabs(cbind(yhat0 = 1 - yhat, yhat1 = yhat) ~ cutyhat)
  chisq <- sum((observed - expected)^2 / expected)
  c(chisq = chisq, df = g - 2, p = 1 - pchisq(chisq, g - 2))
}
exact_profile_ci <- function(fit, level = 0.95) {
  X <- model.matrix(fit); y <- fit$y; w <- fit$prior.weights
  dev0 <- deviance(fit); q <- qchisq(level, 1)
  ctl <- glm.control(epsilon = 1e-14, maxit = 100)
  t(sapply(seq_len(ncol(X)), function(j) {
    b <- coef(fit)[j]; se <- sqrt(diag(vcov(fit)))[j]
    g <- function(bj) glm.fit(X[, -j, drop = FALSE], y, weights = w,
                              family = binomial(), offset = X[, j] * bj,
                              control = ctl)$deviance - dev0 - q
    c(uniroot(g, c(b - 8 * se, b), tol = 1e-12)$root,
      uniroot(g, c(b, b + 8 * se), tol = 1e-12)$root) }))
}

bw <- birthwt
n <- nrow(bw)
bw$mom <- sprintf("m%03d", (seq_len(n) - 1) %/% 3)          # clusters of 3
bw$w <- 1 + (seq_len(n) %% 3)                                # weights 1..3
bw$race_txt <- c("white", "black", "other")[bw$race]
bw$lwt2 <- 2 * bw$lwt                                        # aliased
bw$age_na <- bw$age; bw$age_na[c(4, 50, 51, 120, 188)] <- NA
bw$race_na <- bw$race_txt; bw$race_na[c(7, 50)] <- NA
write.csv(bw, "tests/fixtures/fit_birthwt.csv", row.names = FALSE, na = "")
gz <- gzfile("tests/fixtures/fit_birthwt_semicolon.csv.gz", "w")
write.csv2(bw, gz, row.names = FALSE, na = "")
close(gz)
bw <- read.csv("tests/fixtures/fit_birthwt.csv", stringsAsFactors = FALSE,
               na.strings = c("", "NA"))   # kohort's default missing codes

models <- list(
  m1 = list(f = "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui", se = "model"),
  m2 = list(f = "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui", se = "robust"),
  m3 = list(f = "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui", se = "cluster"),
  m4 = list(f = "low ~ age * smoke + factor(race_txt, ref = \"white\") + lwt", se = "model", w = TRUE),
  m5 = list(f = "low ~ age + lwt + lwt2 + smoke", se = "model"),
  m6 = list(f = "low ~ age_na + factor(race_na) + smoke + age_na:smoke", se = "model"),
  m7 = list(f = "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui", se = "model", profile = TRUE),
  m8 = list(f = "low ~ age + lwt + ptl", se = "model"),
  m9 = list(f = "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui", se = "cluster_hc1"),
  m10 = list(f = "low ~ age + lwt", se = "cluster", w = TRUE),
  m11 = list(f = "low ~ factor(race) - 1", se = "model"),
  m12 = list(f = "low ~ 1", se = "model"))

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
for (id in names(models)) {
  m <- models[[id]]
  fit <- if (isTRUE(m$w)) glm(as.formula(m$f), binomial, bw, weights = w)
         else glm(as.formula(m$f), binomial, bw)
  b <- coef(fit)                       # NA where aliased
  ok <- !is.na(b)
  V <- switch(m$se, model = vcov(fit),
              robust = sandwich::vcovHC(fit, type = "HC0"),
              cluster = sandwich::vcovCL(fit, cluster = ~mom),
              cluster_hc1 = sandwich::vcovCL(fit, cluster = ~mom, type = "HC1"))
  se <- sqrt(diag(V))   # vcov(complete = TRUE): NA where aliased
  z <- b / se; p <- 2 * pnorm(-abs(z))
  lo <- b - qnorm(0.975) * se; hi <- b + qnorm(0.975) * se
  if (isTRUE(m$profile)) { ci <- exact_profile_ci(fit); lo[ok] <- ci[, 1]; hi[ok] <- ci[, 2] }
  write.csv(data.frame(term = names(b), estimate = num(b), std_error = num(se),
                       statistic = num(z), p_value = num(p), odds_ratio = num(exp(b)),
                       conf_low = num(exp(lo)), conf_high = num(exp(hi))),
            sprintf("tests/fixtures/fit_birthwt_%s_coef.csv", id), row.names = FALSE)
  y <- fit$y; mu <- fitted(fit)
  st <- c(n_dropped_missing = n - nobs(fit), n_used = nobs(fit),
          events = sum(fit$prior.weights * y), deviance = deviance(fit),
          null_deviance = fit$null.deviance, df_residual = fit$df.residual,
          df_null = fit$df.null, loglik = as.numeric(logLik(fit)),
          aic = AIC(fit), bic = BIC(fit), iterations = fit$iter,
          converged = as.numeric(fit$converged), rank = fit$rank)
  if (!isTRUE(m$w)) {
    r <- roc(y, mu, levels = c(0, 1), direction = "<", quiet = TRUE)
    ci <- ci.auc(r, method = "delong")
    hl <- tryCatch(hoslem(y, mu),   # one fitted value: cut() fails, kohort says NA
                   error = function(e) c(chisq = NA, df = NA, p = NA))
    st <- c(st, auc = ci[2], auc_conf_low = ci[1], auc_conf_high = ci[3],
            hl_chisq = hl[["chisq"]], hl_df = hl[["df"]], hl_p_value = hl[["p"]])
  }
  write.csv(data.frame(statistic = names(st), value = num(st)),
            sprintf("tests/fixtures/fit_birthwt_%s_stats.csv", id), row.names = FALSE)
  # joint tests per term
  X <- model.matrix(fit); asg <- attr(X, "assign"); labs <- attr(terms(fit), "term.labels")
  d1 <- if (length(labs)) drop1(fit, scope = labs, test = "LRT")
  rows <- lapply(seq_along(labs), function(t) {
    idx <- which(asg == t & ok)
    wald <- if (length(idx)) as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE], b[idx])) else NA
    data.frame(term = labs[t], df = length(idx), wald_chisq = num(wald),
               wald_p_value = num(pchisq(wald, length(idx), lower.tail = FALSE)),
               lr_df = num(d1[labs[t], "Df"]),         # all aliased: Df 0,
               lr_chisq = num(d1[labs[t], "LRT"]),     # LRT 0 (issue 15)
               lr_p_value = num(d1[labs[t], "Pr(>Chi)"]))
  })
  tab <- if (length(rows)) do.call(rbind, rows) else
    data.frame(term = character(), df = numeric(), wald_chisq = character(),
               wald_p_value = character(), lr_df = character(),
               lr_chisq = character(), lr_p_value = character())
  write.csv(tab, sprintf("tests/fixtures/fit_birthwt_%s_terms.csv", id), row.names = FALSE)
}
