## cox_ref.R - reference values for tests/test_cox.c (stats/cox.c).
## Run from the repository root:  Rscript tests/reference/cox_ref.R
## survival 3.5 (Debian's r-cran-survival): coxph, its robust/cluster variance, the score,
## Wald and LR tests, cox.zph (transform = "km") and concordance, on survival's own data
## (lung, veteran, colon, heart) and on two simulated sets (large tied sets of days with case
## weights; left-truncated (start, stop] data).  Each case writes
##   tests/fixtures/cox_<case>.csv  the data as the C test reads it: .start (-Inf when right
##                                  censored), .stop, .status (0/1), .w, .strata, .cluster,
##                                  .offset, then the design columns;
##   tests/fixtures/cox_<case>.ref  "section name value" lines (17 significant digits).
suppressMessages(library(survival))
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)

## one case: X the design (no intercept), y a Surv, the rest as coxph takes them
cox_case <- function(case, comment, X, y, ties = "efron", strata = NULL, weights = NULL,
                     cluster = NULL, offset = NULL, assign = NULL) {
  n <- nrow(X); p <- ncol(X)
  st <- if (is.null(strata)) rep(0L, n) else as.integer(factor(strata)) - 1L
  w <- if (is.null(weights)) rep(1, n) else weights
  cl <- if (is.null(cluster)) seq_len(n) else as.integer(factor(cluster))
  off <- if (is.null(offset)) rep(0, n) else offset
  counting <- ncol(y) == 3
  d <- data.frame(.start = if (counting) y[, 1] else -Inf,
                  .stop = y[, ncol(y) - 1], .status = y[, ncol(y)],
                  .w = w, .strata = st, .cluster = cl, .offset = off)
  d <- cbind(d, X)
  out <- d; for (k in names(out)) out[[k]] <- f17(out[[k]])
  out$.start[d$.start == -Inf] <- "-Inf"
  write.csv(out, file.path(fx, paste0("cox_", case, ".csv")), row.names = FALSE, quote = FALSE)

  sfac <- factor(st)
  fml <- if (is.null(strata)) y ~ X + offset(off) else y ~ X + offset(off) + strata(sfac)
  ctl <- coxph.control()  # eps 1e-9, iter.max 20, toler.chol eps^0.75
  warn <- character(0)
  fit <- withCallingHandlers(coxph(fml, ties = ties, weights = w, robust = FALSE),
                             warning = function(w) {
                               warn <<- c(warn, conditionMessage(w))
                               invokeRestart("muffleWarning")
                             })
  ## "Loglik converged before variable 1,2; coefficient may be infinite."
  inf <- rep(0, p)
  hit <- regmatches(warn, regexpr("variable +[0-9,]+", warn))
  if (length(hit)) inf[as.integer(strsplit(sub("variable +", "", hit), ",")[[1]])] <- 1
  rob <- coxph(fml, ties = ties, weights = w, robust = TRUE,
               cluster = if (is.null(cluster)) NULL else cl)
  nm <- colnames(X)
  con <- file(file.path(fx, paste0("cox_", case, ".ref")), "w")
  writeLines(paste("#", comment), con)
  writeLines(paste("# survival", packageVersion("survival"), "ties =", ties), con)
  b <- unname(coef(fit))
  put(con, "coef", nm, b)
  put(con, "se", nm, sqrt(diag(fit$var)) * ifelse(is.na(b), NA, 1))
  put(con, "robust_se", nm, sqrt(diag(rob$var)) * ifelse(is.na(b), NA, 1))
  V <- fit$var; R <- rob$var
  V[is.na(b), ] <- NA; V[, is.na(b)] <- NA; R[is.na(b), ] <- NA; R[, is.na(b)] <- NA
  for (i in seq_len(p)) {
    put(con, "vcov", paste0(nm[i], ":", nm), V[i, ])
    put(con, "robust_vcov", paste0(nm[i], ":", nm), R[i, ])
  }
  ci <- confint(fit); rci <- confint(rob)
  put(con, "conf_low", nm, ci[, 1]); put(con, "conf_high", nm, ci[, 2])
  put(con, "robust_conf_low", nm, rci[, 1]); put(con, "robust_conf_high", nm, rci[, 2])
  ## the robust score test at 0 with the offset in the model: coxph's rscore sets the
  ## linear predictors to 0, dropping the offset (the same number when there is none)
  fit0 <- coxph(fml, ties = ties, weights = w, init = rep(0, p), iter.max = 0)
  r0 <- residuals(fit0, type = "score", collapse = cl, weighted = TRUE)
  u0 <- colSums(r0)
  rscore0 <- survival:::coxph.wtest(crossprod(r0), u0, ctl$toler.chol)$test
  put(con, "model", c("loglik0", "loglik", "lr_test", "lr_df", "score_test", "wald_test",
                      "robust_wald_test", "robust_score_test", "robust_score_test_offset", "iter", "n", "nevent",
                      "concordance", "concordance_se"),
      c(fit$loglik[1], fit$loglik[2], 2 * diff(fit$loglik), sum(!is.na(b)), fit$score,
        fit$wald.test, rob$wald.test, rob$rscore, rscore0, fit$iter, fit$n, fit$nevent,
        fit$concordance["concordance"], fit$concordance["std"]))
  ## cox.zph, one test per term (assign: column -> term) and the global test
  if (is.null(assign)) assign <- nm
  fit$assign <- split(seq_len(p), factor(assign, levels = unique(assign)))
  if (!all(is.na(b))) {
    z <- cox.zph(fit, transform = "km", terms = TRUE)
    tb <- z$table
    tn <- match(rownames(tb), unique(assign))  # the term's number, as "assign" gives it
    tn <- ifelse(is.na(tn), "GLOBAL", paste0("term", tn))
    put(con, "zph_chisq", tn, tb[, "chisq"])
    put(con, "zph_df", tn, tb[, "df"])
    put(con, "zph_p", tn, tb[, "p"])
  }
  put(con, "infinite", nm, inf)
  put(con, "assign", nm, match(assign, unique(assign)))
  close(con)
  invisible(fit)
}

## lung: right censored, Efron and Breslow, an aliased column, an offset
lung2 <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog", "wt.loss")])
X <- as.matrix(lung2[, c("age", "sex", "ph.ecog", "wt.loss")])
y <- Surv(lung2$time, lung2$status == 2)
cox_case("lung", "lung: Surv(time, status) ~ age + sex + ph.ecog + wt.loss, Efron", X, y)
cox_case("lung_breslow", "lung, Breslow", X, y, ties = "breslow")
Xa <- cbind(X[, 1:2], age2 = 2 * X[, "age"] + 1, X[, 3, drop = FALSE])
cox_case("lung_alias", "lung with age2 = 2 age + 1 (aliased, NA), Efron", Xa, y)
cox_case("lung_offset", "lung ~ sex + ph.ecog + offset(0.02 age), Efron", X[, 2:3], y,
         offset = 0.02 * X[, "age"])

## veteran: strata(celltype), a term of dummies (zph per term)
v <- veteran
Xv <- cbind(trt = v$trt - 1, karno = v$karno, age = v$age, prior = v$prior / 10,
            model.matrix(~ celltype, v)[, -1])
colnames(Xv) <- gsub("celltype", "ct_", colnames(Xv))
cox_case("veteran", "veteran ~ trt + karno + age + prior + celltype, Efron", Xv,
         Surv(v$time, v$status), assign = c("trt", "karno", "age", "prior", "celltype",
                                            "celltype", "celltype"))
cox_case("veteran_strata", "veteran ~ trt + karno + age + strata(celltype), Efron",
         Xv[, c("trt", "karno", "age")], Surv(v$time, v$status), strata = v$celltype)

## colon: two rows per patient (recurrence, death), strata(etype), cluster(id)
cc <- na.omit(colon[, c("id", "time", "status", "rx", "sex", "age", "nodes", "etype")])
Xc <- cbind(model.matrix(~ rx, cc)[, -1], sex = cc$sex, age = cc$age, nodes = cc$nodes)
colnames(Xc) <- c("rxLev", "rxLev5FU", "sex", "age", "nodes")
cox_case("colon", "colon ~ rx + sex + age + nodes + strata(etype), cluster(id), Efron",
         Xc, Surv(cc$time, cc$status), strata = cc$etype, cluster = cc$id,
         assign = c("rx", "rx", "sex", "age", "nodes"))

## heart: (start, stop] with a time-varying transplant, cluster(id)
h <- heart
Xh <- cbind(age = h$age, year = h$year, surgery = h$surgery,
            transplant = as.numeric(as.character(h$transplant)))
cox_case("heart", "heart: Surv(start, stop, event) ~ age + year + surgery + transplant, cluster(id)",
         Xh, Surv(h$start, h$stop, h$event), cluster = h$id)
cox_case("heart_breslow", "heart, Breslow", Xh, Surv(h$start, h$stop, h$event),
         ties = "breslow", cluster = h$id)

## lung split by survSplit at 100, 200, ..., 900 days: the same model as unsplit lung
lung2$id <- seq_len(nrow(lung2)); lung2$ev <- as.integer(lung2$status == 2)
sp <- survSplit(Surv(time, ev) ~ age + sex + ph.ecog + wt.loss + id, data = lung2,
                cut = seq(100, 900, 100), episode = "band")
sp$late <- as.numeric(sp$band >= 4) * sp$ph.ecog
Xs <- as.matrix(sp[, c("age", "sex", "ph.ecog", "wt.loss")])
cox_case("lung_split", "lung split at 100..900 days (survSplit), (start, stop], cluster(id)",
         Xs, Surv(sp$tstart, sp$time, sp$ev), cluster = sp$id)
cox_case("lung_split_tv", "lung split, + ph.ecog after 300 days (time-varying)",
         cbind(Xs, late = sp$late), Surv(sp$tstart, sp$time, sp$ev), cluster = sp$id)

## large tied sets: days 1..40 for 4000 children, non-integer case weights, strata
set.seed(17)
n <- 4000
a <- rbinom(n, 1, 0.4); b <- rnorm(n); s <- rbinom(n, 1, 0.5)
ev_t <- ceiling(rexp(n, 0.02 * exp(0.5 * a - 0.3 * b + 0.2 * s)))
cen_t <- sample(5:45, n, replace = TRUE)
tt <- pmin(ev_t, cen_t, 40); st <- as.integer(ev_t <= pmin(cen_t, 40))
wt <- runif(n, 0.5, 2)
Xt <- cbind(a = a, b = b, s = s)
cox_case("ties", "4000 rows, days 1..40 (large tied sets), Efron", Xt, Surv(tt, st))
cox_case("ties_breslow", "the same, Breslow", Xt, Surv(tt, st), ties = "breslow")
cox_case("ties_weights", "the same with case weights in [0.5, 2] and strata(s), Efron",
         Xt[, 1:2], Surv(tt, st), weights = wt, strata = s)

## left truncation: entry at a random day before exit, (start, stop] with ties
set.seed(171)
n <- 1500
x1 <- rbinom(n, 1, 0.5); x2 <- rnorm(n)
ex <- ceiling(rexp(n, 0.03 * exp(0.7 * x1 + 0.4 * x2)))
ce <- sample(10:80, n, replace = TRUE)
stop_t <- pmin(ex, ce); ev <- as.integer(ex <= ce)
entry <- floor(runif(n) * stop_t * 0.8)
cox_case("trunc", "1500 rows entering late (left truncation), (start, stop], Efron",
         cbind(x1 = x1, x2 = x2), Surv(entry, stop_t, ev), cluster = seq_len(n))

## monotone likelihood: x1 = 1 fails before every x1 = 0, coxph's "may be infinite"
set.seed(5)
n <- 60
x1 <- rep(0:1, each = 30); x2 <- rnorm(n)
tm <- ifelse(x1 == 1, runif(n, 0, 1), runif(n, 1, 2)); ev <- rbinom(n, 1, 0.8)
cox_case("monotone", "x1 = 1 fails first: coefficient may be infinite, Efron",
         cbind(x1 = x1, x2 = x2), Surv(tm, ev))

## late entry with a large hazard ratio: 40 children with x1 = 1 enter at day 50 (exp(coef)
## about e^5 relative to the rest), so the risk sums before day 50 are what is left after
## taking the large terms away (the removal's round-off)
set.seed(50)
n0 <- 400; n1 <- 40
x1 <- c(rep(0, n0), rep(1, n1)); x2 <- rnorm(n0 + n1)
entry <- c(rep(0, n0), rep(50, n1))
ex <- c(ceiling(rexp(n0, 0.01)), 50 + ceiling(rexp(n1, 1.5)))
ce <- sample(20:120, n0 + n1, replace = TRUE)
stp <- pmin(ex, ce, 150); ev <- as.integer(ex <= pmin(ce, 150))
ok <- stp > entry
cox_case("late_entry", "late entry of a high-risk group (entry 50), (start, stop], Efron",
         cbind(x1 = x1, x2 = x2)[ok, ], Surv(entry[ok], stp[ok], ev[ok]), cluster = which(ok))

## lung extras (tests/fixtures/cox_lung_extra.ref): the linear predictors (coxph centres
## them at the means: the test compares differences between rows) and the fit stopped
## after iter.max = 1 and 2 (not converged; Efron)
con <- file(file.path(fx, "cox_lung_extra.ref"), "w")
writeLines("# lung ~ age + sex + ph.ecog + wt.loss: linear predictors; iter.max 1 and 2", con)
f <- coxph(y ~ X)
put(con, "lp", seq_along(f$linear.predictors), f$linear.predictors)
for (it in 1:2) {
  f <- suppressWarnings(coxph(y ~ X, control = coxph.control(iter.max = it)))
  put(con, paste0("iter", it, "_coef"), colnames(X), coef(f))
  put(con, paste0("iter", it, "_se"), colnames(X), sqrt(diag(f$var)))
  put(con, paste0("iter", it, "_model"), c("loglik", "iter"), c(f$loglik[2], f$iter))
}
close(con)
