# fit_edges.R - reference results for issue 15's cases in tests/test_cmd_fit.c
# (`kohort fit` at the edges).  Run from the repository root:
#   Rscript tests/reference/fit_edges.R
# Needs only base R, MASS and sandwich (no pROC: the AUC and Hosmer-Lemeshow
# rows are left out of these stats fixtures; fit_birthwt.R checks them).
# Writes, per case ID, tests/fixtures/fit_birthwt_ID_{coef,stats,terms}.csv
# in fit_birthwt.R's format (check_model in test_cmd_fit.c reads them):
#   m13  low ~ age + lwt + factor(race) + ptl, --se cluster --cluster ptl:
#        the cluster column is also a numeric term (with a factor in the
#        formula, kohort's general read path); vcovCL(cluster = bw$ptl)
#   m14  low ~ age + w + factor(race), --weights w, --se cluster --cluster mom:
#        the weights column is also a term
#   m15  low ~ age + lwt + lwt2 + smoke: drop1's row for the all-aliased
#        term lwt2 is Df 0, LRT 0, p NA (R's drop1), not NA
#   half y ~ x on tests/fixtures/fit_half.csv (written here): weights and
#        weight x outcome ending in .5; R's binomial aic rounds m * y with
#        round(), half to even: loglik, AIC, BIC
Sys.setlocale("LC_COLLATE", "C")
suppressMessages({ library(MASS); library(sandwich) })
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

write_case <- function(id, fit, V, d1, prefix = "fit_birthwt") {
  b <- coef(fit); ok <- !is.na(b)
  se <- sqrt(diag(V)); z <- b / se; p <- 2 * pnorm(-abs(z))
  lo <- b - qnorm(0.975) * se; hi <- b + qnorm(0.975) * se
  write.csv(data.frame(term = names(b), estimate = num(b), std_error = num(se),
                       statistic = num(z), p_value = num(p), odds_ratio = num(exp(b)),
                       conf_low = num(exp(lo)), conf_high = num(exp(hi))),
            sprintf("tests/fixtures/%s_%s_coef.csv", prefix, id), row.names = FALSE)
  y <- fit$y
  st <- c(n_used = nobs(fit), events = sum(fit$prior.weights * y),
          deviance = deviance(fit), null_deviance = fit$null.deviance,
          df_residual = fit$df.residual, df_null = fit$df.null,
          loglik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
          iterations = fit$iter, converged = as.numeric(fit$converged),
          rank = fit$rank)
  write.csv(data.frame(statistic = names(st), value = num(st)),
            sprintf("tests/fixtures/%s_%s_stats.csv", prefix, id), row.names = FALSE)
  X <- model.matrix(fit); asg <- attr(X, "assign"); labs <- attr(terms(fit), "term.labels")
  rows <- lapply(seq_along(labs), function(t) {
    idx <- which(asg == t & ok)
    wald <- if (length(idx)) as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE], b[idx])) else NA
    data.frame(term = labs[t], df = length(idx), wald_chisq = num(wald),
               wald_p_value = num(pchisq(wald, length(idx), lower.tail = FALSE)),
               lr_df = num(d1[labs[t], "Df"]), lr_chisq = num(d1[labs[t], "LRT"]),
               lr_p_value = num(d1[labs[t], "Pr(>Chi)"]))
  })
  write.csv(do.call(rbind, rows), sprintf("tests/fixtures/%s_%s_terms.csv", prefix, id),
            row.names = FALSE)
}

bw <- read.csv("tests/fixtures/fit_birthwt.csv", stringsAsFactors = FALSE,
               na.strings = c("", "NA"))
f13 <- glm(low ~ age + lwt + factor(race) + ptl, binomial, bw)
write_case("m13", f13, vcovCL(f13, cluster = bw$ptl), drop1(f13, test = "LRT"))
f14 <- glm(low ~ age + w + factor(race), binomial, bw, weights = w)
write_case("m14", f14, vcovCL(f14, cluster = bw$mom), drop1(f14, test = "LRT"))
f15 <- glm(low ~ age + lwt + lwt2 + smoke, binomial, bw)
write_case("m15", f15, vcov(f15, complete = TRUE), drop1(f15, test = "LRT"))

# weights and successes ending in .5: C's round() would give 3 for 2.5,
# R's round() gives 2
half <- data.frame(y = c(1, 0, 1, 0.5, 1, 0, 1, 0.5, 0, 1),
                   x = c(0.3, 1.2, -0.7, 0.1, 2.2, -1.4, 0.8, 0.5, -0.2, 1.6),
                   w = c(2.5, 1.5, 0.5, 3, 4.5, 2, 1, 5, 3.5, 1.5))
write.csv(half, "tests/fixtures/fit_half.csv", row.names = FALSE, quote = FALSE)
fh <- suppressWarnings(glm(y ~ x, binomial, half, weights = w))
write_case("half", fh, vcov(fh), drop1(fh, test = "LRT"))

# ---- profile-likelihood CIs under complete separation (issue 15, item 2)
# mtcars am ~ wt + hp + qsec is completely separated (glm does not converge,
# deviance -> 0).  The profile deviance dev_j(b) = min over the others with
# beta_j = b is convex in b (a partial minimum of a convex function), so each
# side crosses the cut-off qchisq(0.95, 1) at most once.  The finite ends are
# found by uniroot on brackets where glm.fit (from its own start) reaches the
# minimum (its score X'(y - mu) is 0 at both bracket ends: checked below;
# far out glm.fit stalls, e.g. 937 at wt = -293 where the minimum is ~0).
# Ends that do not exist: the intercept's upper, wt's and qsec's lower (the
# MLE tends there: the deviance only falls), and both of hp's: without hp the
# data are still completely separated (glm(am ~ wt + qsec): deviance ~0), so
# dev_hp(b) stays ~0 for every b.
write.csv(mtcars[, c("am", "wt", "hp", "qsec")], "tests/fixtures/fit_mtcars.csv",
          row.names = FALSE, quote = FALSE)
mt <- read.csv("tests/fixtures/fit_mtcars.csv")
X <- model.matrix(~ wt + hp + qsec, mt); y <- mt$am
q <- qchisq(0.95, 1)
prof <- function(j, b) {
  f <- suppressWarnings(glm.fit(X[, -j, drop = FALSE], y, family = binomial(),
                                offset = X[, j] * b,
                                control = glm.control(epsilon = 1e-14, maxit = 100)))
  g <- crossprod(X[, -j, drop = FALSE], y - f$fitted.values)
  stopifnot(max(abs(g)) < 1e-6)   # at the minimum
  f$deviance
}
root <- function(j, lo, hi) uniroot(function(b) prof(j, b) - q, c(lo, hi), tol = 1e-12)$root
stopifnot(suppressWarnings(deviance(glm(am ~ wt + qsec, binomial, mt))) < 1e-6)
ends <- data.frame(term = colnames(X),
                   conf_low_log = c(root(1, 50, 100), -Inf, -Inf, -Inf),
                   conf_high_log = c(Inf, root(2, -20, -5), Inf, root(4, -5, -1)))
print(ends, digits = 12)
write.csv(data.frame(term = ends$term, conf_low_log = num(ends$conf_low_log),
                     conf_high_log = num(ends$conf_high_log)),
          "tests/fixtures/fit_mtcars_profile.csv", row.names = FALSE)
