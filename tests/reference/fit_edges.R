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
# the same with wt in units of 1e-6 (wtu): Firth's wtu coefficient is
# 1e6 x wt's, -6.09e6, beyond exp()'s range (item 6)
write.csv(data.frame(am = mtcars$am, wtu = sprintf("%.17g", mtcars$wt * 1e-6),
                     hp = mtcars$hp, qsec = mtcars$qsec),
          "tests/fixtures/fit_mtcars_u.csv", row.names = FALSE, quote = FALSE)
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

# ---- Firth's profile penalized-likelihood CIs on the same data (item 3)
# logistf's algorithm re-typed (as tests/reference/firth_ref.R): Newton on
# the modified score U* = X'(y - mu + h (1/2 - mu)) with X'WX, steps capped at
# 5 and halved while the penalized log-likelihood l* = l + 1/2 log det X'WX
# falls, to |step| < 1e-13.  The profile at beta_j = b maximises l* over the
# others from three starts and keeps the highest: the estimate (b_j moved
# to b), the maximiser at the previous point of uniroot's search, and by
# continuation from the estimate (b_j moved there in 99 steps).  l* is not
# concave here: at hp = -0.134 Newton from the estimate ends at a local
# maximum 0.81 below the one continuation reaches.  Each kept
# maximiser at a root has |U*| < 1e-8 on the free columns (checked).  Ends by uniroot
# (tol 1e-12) on 2 (l*max - l*_j(b)) = qchisq(0.95, 1).
pll <- function(X, y, b) {
  eta <- drop(X %*% b); w <- plogis(eta) * plogis(-eta)
  sum(y * plogis(eta, log.p = TRUE) + (1 - y) * plogis(-eta, log.p = TRUE)) +
    0.5 * determinant(crossprod(X * sqrt(w)))$modulus[1]
}
fscore <- function(X, y, b) {
  mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu); XW <- X * sqrt(w)
  h <- rowSums((XW %*% solve(crossprod(XW))) * XW)
  drop(crossprod(X, y - mu + h * (0.5 - mu)))
}
firth_newton <- function(X, y, b, fixed = integer(0), iter = 2000) {
  free <- setdiff(seq_len(ncol(X)), fixed)
  for (it in seq_len(iter)) {
    mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu)
    XW <- X * sqrt(w); info <- crossprod(XW)
    h <- rowSums((XW %*% solve(info)) * XW)
    u <- drop(crossprod(X, y - mu + h * (0.5 - mu)))
    step <- solve(info[free, free, drop = FALSE], u[free])
    if (max(abs(step)) > 5) step <- step * 5 / max(abs(step))
    l0 <- pll(X, y, b); bn <- b; bn[free] <- b[free] + step
    hs <- 0; while (!isTRUE(pll(X, y, bn) >= l0 - 1e-12) && hs < 30) { step <- step / 2; bn[free] <- b[free] + step; hs <- hs + 1 }
    b <- bn
    if (max(abs(step)) < 1e-13) break
  }
  b
}
firth_profile_ends <- function(X, y, brackets) {
  b <- firth_newton(X, y, rep(0, ncol(X)))
  stopifnot(max(abs(fscore(X, y, b))) < 1e-8)
  lmax <- pll(X, y, b); q <- qchisq(0.95, 1)
  last <- b; score <- NA
  try_fit <- function(s, j) tryCatch(firth_newton(X, y, s, fixed = j), error = function(e) NULL)
  prof <- function(j, bj) {
    s1 <- b; s1[j] <- bj; s2 <- last; s2[j] <- bj
    s3 <- b   # continuation from the estimate
    for (t in seq(b[j], bj, length.out = 100)[-1]) { s3[j] <- t; s3 <- firth_newton(X, y, s3, fixed = j) }
    fits <- Filter(Negate(is.null), list(try_fit(s1, j), try_fit(s2, j), s3))
    conv <- Filter(function(f) isTRUE(max(abs(fscore(X, y, f)[-j])) < 1e-4), fits)
    if (length(conv)) fits <- conv   # a start that did not converge is no candidate
    best <- fits[[which.max(sapply(fits, function(f) pll(X, y, f)))]]
    score <<- max(abs(fscore(X, y, best)[-j]))
    last <<- best
    pll(X, y, best)
  }
  # brackets (2 per coefficient: lower end, upper end) found by looking;
  # uniroot checks the sign change
  ends <- t(sapply(seq_along(b), function(j) sapply(1:2, function(e) {
    g <- function(bj) 2 * (lmax - prof(j, bj)) - q
    last <<- b
    if (is.null(brackets[[j]][[e]])) return(NA)
    r <- uniroot(g, brackets[[j]][[e]], tol = 1e-12)$root
    gr <- g(r); stopifnot(abs(gr) < 1e-8, score < 1e-4)   # the root's maximiser: converged
    r
  })))
  data.frame(term = colnames(X), estimate = b, conf_low_log = ends[, 1], conf_high_log = ends[, 2])
}
# The intercept's upper end (near 393) is left out (NA): there every row
# is saturated (|eta| in the hundreds), no start converges in this R code
# (X'WX numerically singular for solve(), or |U*| stays above 1e-4), and
# a reference that is not converged is no reference.
fe <- firth_profile_ends(X, y, list(list(c(5, 10), NULL), list(c(-40, -30), c(-3, -2)),
                                    list(c(-0.2, -0.1), c(0.03, 0.05)), list(c(-16, -13), c(0.1, 0.3))))
print(fe, digits = 12)
write.csv(data.frame(term = fe$term, estimate = num(fe$estimate),
                     conf_low_log = num(fe$conf_low_log), conf_high_log = num(fe$conf_high_log)),
          "tests/fixtures/fit_mtcars_firth_profile.csv", row.names = FALSE)

# ---- modified Poisson on a level without events (item 5)
# g = "c" has no events: the logistic ML estimate tends to -Inf (separation)
# and so does the Poisson one, which glm stops at about -20 and calls
# converged; its fitted risks (~1e-9..1e-7) need not fall below kohort's
# 1e-8 threshold.  kohort warns of the risk ratio by the coefficient.
set.seed(15)
ne <- data.frame(y = 0, x = round(rnorm(60), 3), g = rep(c("a", "b", "c"), 20))
ne$y[ne$g != "c"] <- rbinom(40, 1, 0.4)
write.csv(ne, "tests/fixtures/fit_noevents.csv", row.names = FALSE, quote = FALSE)
pn <- glm(y ~ x + factor(g), poisson, ne)
print(c(coef(pn)[["factor(g)c"]], pn$converged, min(fitted(pn))))
