## logit_ref.R - reference values for tests/test_logit.c from R's glm, MASS and sandwich.
## Run from the repository root:  Rscript tests/reference/logit_ref.R [REF_DIR]
## REF_DIR (default /work/shared/reference) holds ucla_binary.csv (UCLA IDRE admissions),
## icu.csv (Hosmer & Lemeshow ICU) and sex2.csv (logistf's sex2).  birthwt comes from MASS.
## Writes, per case, tests/fixtures/logit_<case>.csv (the design: .y, .w, .g, then R's
## model.matrix columns) and tests/fixtures/logit_<case>.ref ("section name value" lines).
suppressMessages({library(MASS); library(sandwich)})
args <- commandArgs(TRUE)
ref_dir <- if (length(args)) args[1] else "/work/shared/reference"
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))

write_design <- function(case, X, y, w = rep(1, length(y)), g = rep(0, length(y))) {
  d <- data.frame(.y = y, .w = w, .g = g, X, check.names = FALSE)
  write.table(d, file.path(fx, paste0("logit_", case, ".csv")), sep = ",", quote = FALSE,
              row.names = FALSE, col.names = TRUE)
}
ref_file <- function(case, comment) {
  con <- file(file.path(fx, paste0("logit_", case, ".ref")), "w")
  writeLines(paste("#", comment), con)
  writeLines(paste("# R", R.version$major, R.version$minor, " MASS", packageVersion("MASS"),
                   " sandwich", packageVersion("sandwich")), con)
  con
}
put <- function(con, section, names, values)
  writeLines(paste(section, names, f17(values)), con)
put_matrix <- function(con, section, m)
  for (i in seq_len(nrow(m))) for (j in seq_len(ncol(m)))
    writeLines(paste(section, paste0(i - 1, ",", j - 1), f17(m[i, j])), con)

## the glm summary every case gets
put_glm <- function(con, fit) {
  nm <- names(coef(fit)); cf <- coef(fit)
  se <- sqrt(diag(vcov(fit, complete = TRUE)))  # NA where aliased
  z <- cf / se
  put(con, "coef", nm, cf); put(con, "se", nm, se); put(con, "z", nm, z)
  put(con, "p", nm, 2 * pnorm(-abs(z)))
  put(con, "model", c("deviance", "null_deviance", "aic", "bic", "loglik", "df_residual",
                      "df_null", "rank", "iter", "converged", "n_used"),
      c(deviance(fit), fit$null.deviance, AIC(fit), BIC(fit), as.numeric(logLik(fit)),
        fit$df.residual, fit$df.null, fit$rank, fit$iter, fit$converged, nobs(fit)))
  put(con, "mu", seq_along(fitted(fit)) - 1, fitted(fit))
}

## exact profile-likelihood CI by root finding (as /work/shared/reference/ref_profile_exact.R)
## (aliased columns are left out first, as MASS's profile.glm does)
exact_profile_ci <- function(fit, level = 0.95) {
  ok <- !is.na(coef(fit))
  X <- model.matrix(fit)[, ok, drop = FALSE]; y <- fit$y; w <- fit$prior.weights
  ctl <- glm.control(epsilon = 1e-14, maxit = 100)
  tight <- glm.fit(X, y, weights = w, family = binomial(), control = ctl)
  dev0 <- tight$deviance; q <- qchisq(level, 1)
  se <- sqrt(diag(vcov(fit, complete = FALSE)))
  ci <- t(sapply(seq_len(ncol(X)), function(j) {
    b <- tight$coefficients[j]
    g <- function(bj) glm.fit(X[, -j, drop = FALSE], y, weights = w, family = binomial(),
                              offset = X[, j] * bj, control = ctl)$deviance - dev0 - q
    c(uniroot(g, c(b - 8 * se[j], b), tol = 1e-13)$root, uniroot(g, c(b, b + 8 * se[j]), tol = 1e-13)$root)
  }))
  out <- matrix(NA_real_, length(ok), 2); out[ok, ] <- ci; out
}
put_profile <- function(con, fit, mass = TRUE) {
  ex <- exact_profile_ci(fit); nm <- names(coef(fit))
  put(con, "profile_lo", nm, ex[, 1]); put(con, "profile_hi", nm, ex[, 2])
  if (!mass) return(invisible())
  ms <- suppressMessages(confint(fit))
  put(con, "mass_lo", nm, ms[, 1]); put(con, "mass_hi", nm, ms[, 2])
}

## 1. birthwt, the Hosmer-Lemeshow model with factor race
data(birthwt)
f_bw <- glm(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui, binomial, birthwt)
write_design("birthwt", model.matrix(f_bw), birthwt$low)
con <- ref_file("birthwt", "MASS birthwt: glm(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui, binomial)")
put_glm(con, f_bw)
put_profile(con, f_bw)
d1 <- drop1(f_bw, test = "LRT")
put(con, "drop1_race", c("chisq", "df", "p"), c(d1["factor(race)", "LRT"], d1["factor(race)", "Df"],
                                                  d1["factor(race)", "Pr(>Chi)"]))
put_matrix(con, "hc0", vcovHC(f_bw, type = "HC0"))
put_matrix(con, "hc1", vcovHC(f_bw, type = "HC1"))
close(con)

## 2. UCLA admissions
u <- read.csv(file.path(ref_dir, "ucla_binary.csv"))
f_u <- glm(admit ~ gre + gpa + factor(rank), binomial, u)
write_design("ucla", model.matrix(f_u), u$admit)
con <- ref_file("ucla", "UCLA IDRE: glm(admit ~ gre + gpa + factor(rank), binomial)")
put_glm(con, f_u); put_profile(con, f_u); close(con)

## 3. ICU (Hosmer & Lemeshow)
icu <- read.csv(file.path(ref_dir, "icu.csv"))
f_i <- glm(STA ~ AGE, binomial, icu)
write_design("icu", model.matrix(f_i), icu$STA)
con <- ref_file("icu", "Hosmer & Lemeshow ICU: glm(STA ~ AGE, binomial)")
put_glm(con, f_i); close(con)

## 4. synthetic, aliased column (x3 = x1 - x2), factor and interaction
set.seed(20240501)
n <- 300
al <- data.frame(x1 = round(rnorm(n), 2), x2 = round(runif(n, -1, 1), 2),
                 f = factor(sample(c("a", "b", "c"), n, TRUE)))
al$x3 <- al$x1 - al$x2
al$y <- rbinom(n, 1, plogis(-0.3 + 0.8 * al$x1 - 0.5 * al$x2 + 0.4 * (al$f == "b")))
f_al <- glm(y ~ x1 + x2 + x3 + f + f:x1, binomial, al)
X <- model.matrix(f_al); X[, "x3"] <- round(X[, "x3"], 2)
write_design("aliased", X, al$y)
con <- ref_file("aliased", "synthetic: glm(y ~ x1 + x2 + x3 + f + f:x1, binomial), x3 = x1 - x2 aliased")
put_glm(con, f_al); put_profile(con, f_al, mass = FALSE); close(con)

## 5. separated: sex2 by ordinary ML (dia quasi-separated), and a completely separated toy set
s2 <- read.csv(file.path(ref_dir, "sex2.csv"))
f_s <- glm(case ~ age + oc + vic + vicl + vis + dia, binomial, s2)
write_design("sex2", model.matrix(f_s), s2$case)
con <- ref_file("sex2", "logistf sex2 by ordinary ML: glm(case ~ age + oc + vic + vicl + vis + dia, binomial)")
put_glm(con, f_s); close(con)
toy <- data.frame(x = c(-3, -2, -1.5, -1, 1, 1.5, 2, 3), y = c(0, 0, 0, 0, 1, 1, 1, 1))
f_t <- suppressWarnings(glm(y ~ x, binomial, toy))
write_design("toy", model.matrix(f_t), toy$y)
con <- ref_file("toy", "completely separated toy set: glm(y ~ x, binomial) (warns: fitted probabilities 0 or 1)")
put_glm(con, f_t); close(con)

## 6. clustered (random cluster intercepts), sandwich::vcovCL and vcovHC
set.seed(7)
G <- 60; size <- sample(2:12, G, TRUE); g <- rep(seq_len(G) * 7 + 1000, size); n <- length(g)
cl <- data.frame(g = g, xc = round(rep(rnorm(G), size), 3), xi = round(rnorm(n), 3))
cl$y <- rbinom(n, 1, plogis(-0.5 + 0.7 * cl$xc + 0.4 * cl$xi + rep(rnorm(G, sd = 1), size)))
f_c <- glm(y ~ xc + xi, binomial, cl)
write_design("cluster", model.matrix(f_c), cl$y, g = cl$g)
con <- ref_file("cluster", "synthetic clustered: glm(y ~ xc + xi, binomial); sandwich::vcovCL(fit, cluster = ~g) etc.")
put_glm(con, f_c)
put_matrix(con, "cl_default", vcovCL(f_c, cluster = ~g))
put_matrix(con, "cl_hc1", vcovCL(f_c, cluster = ~g, type = "HC1"))
put_matrix(con, "hc0", vcovHC(f_c, type = "HC0"))
put_matrix(con, "hc1", vcovHC(f_c, type = "HC1"))
close(con)

## 7. grouped binomial: proportions with totals as prior weights (= cbind(s, t - s))
set.seed(11)
gr <- data.frame(x = round(rnorm(40), 3), f = factor(rep(c("p", "q", "r", "s"), 10)), t = sample(1:40, 40, TRUE))
gr$s <- rbinom(40, gr$t, plogis(0.2 + 0.6 * gr$x - 0.5 * (gr$f == "r")))
f_g <- glm(cbind(s, t - s) ~ x + f, binomial, gr)
f_g2 <- glm(s / t ~ x + f, binomial, gr, weights = t)
stopifnot(isTRUE(all.equal(coef(f_g), coef(f_g2))), isTRUE(all.equal(AIC(f_g), AIC(f_g2))))
write_design("grouped", model.matrix(f_g), gr$s / gr$t, w = gr$t)
con <- ref_file("grouped", "synthetic grouped: glm(cbind(s, t - s) ~ x + f, binomial) = glm(s/t ~ x + f, weights = t)")
put_glm(con, f_g); close(con)

## 8. 0/1 response with integer prior weights including zeros (birthwt)
wts <- (seq_len(nrow(birthwt)) %% 4)
f_w <- glm(low ~ age + lwt + smoke + ht, binomial, birthwt, weights = wts)
write_design("weighted", model.matrix(f_w), birthwt$low, w = wts)
con <- ref_file("weighted", "birthwt: glm(low ~ age + lwt + smoke + ht, binomial, weights = seq_len(n) %% 4)")
put_glm(con, f_w)
put_matrix(con, "hc0", vcovHC(f_w, type = "HC0"))
close(con)
cat("fixtures written to", fx, "\n")

## 9. offset, and the null deviance with an offset (R refits the intercept-only model)
off <- round(birthwt$lwt / 100 - 1.3, 2)
f_o <- glm(low ~ age + smoke + ht + offset(off), binomial, birthwt)
write_design("offset", cbind(model.matrix(f_o), .offset = off), birthwt$low)
con <- ref_file("offset", "birthwt: glm(low ~ age + smoke + ht + offset(round(lwt / 100 - 1.3, 2)), binomial); .offset is the last column")
put_glm(con, f_o); close(con)

## 10. no intercept
f_n <- glm(low ~ 0 + age + smoke + ht, binomial, birthwt)
write_design("nointercept", model.matrix(f_n), birthwt$low)
con <- ref_file("nointercept", "birthwt: glm(low ~ 0 + age + smoke + ht, binomial)")
put_glm(con, f_n); close(con)

## 11. birthwt model (a) of the shared references: ref_tight.out (tight fit, SEs at the MLE)
##     and ref_profile_exact.out (exact profile CIs, MASS confint), copied here from REF_DIR
bw <- within(birthwt, { race <- factor(race, levels = 1:3, labels = c("white","black","other"))
                        ptd <- as.integer(ptl > 0); ftv1 <- as.integer(ftv > 0) })
f_a <- glm(low ~ age + lwt + race + smoke + ptd + ht + ui + ftv1, binomial, bw)
write_design("birthwt_a", model.matrix(f_a), bw$low)
con <- ref_file("birthwt_a", "birthwt (a): glm(low ~ age + lwt + race + smoke + ptd + ht + ui + ftv1, binomial); shared_* from REF_DIR/ref_tight.out and ref_profile_exact.out")
put_glm(con, f_a); put_profile(con, f_a)
shared_table <- function(file, start, nrow) {
  out <- readLines(file.path(ref_dir, file)); at <- grep(start, out, fixed = TRUE)[1]
  read.table(text = out[(at + 2):(at + 1 + nrow)], stringsAsFactors = FALSE)
}
tt <- shared_table("ref_tight.out", "iterations default:", 10)   # name coef_default coef_tight se_default se_tight se_at_mle
put(con, "shared_coef_tight", tt[, 1], tt[, 3]); put(con, "shared_se_at_mle", tt[, 1], tt[, 6])
put(con, "shared_se_default", tt[, 1], tt[, 4]); put(con, "shared_se_tight", tt[, 1], tt[, 5])
pe <- shared_table("ref_profile_exact.out", "birthwt (a): exact profile CI", 10)  # name exact_lo exact_hi MASS_lo MASS_hi reldiff
put(con, "shared_exact_lo", pe[, 1], pe[, 2]); put(con, "shared_exact_hi", pe[, 1], pe[, 3])
close(con)

## 12. aliasing in the middle: a duplicated (scaled) column and an all-zero column
##     (glm drops unused factor levels itself, so an empty level cannot make one)
set.seed(99)
n <- 200
a2 <- data.frame(x1 = round(rnorm(n), 2), x2 = round(rnorm(n), 2),
                 f = factor(sample(c("a", "b", "c"), n, TRUE), levels = c("a", "b", "c", "d")))
a2$dup <- 2 * a2$x1; a2$zero <- 0
a2$y <- rbinom(n, 1, plogis(0.2 + 0.7 * a2$x1 - 0.4 * a2$x2))
f_a2 <- glm(y ~ x1 + dup + f + zero + x2, binomial, a2)
stopifnot(c("dup", "zero") %in% names(coef(f_a2)), is.na(coef(f_a2)[c("dup", "zero")]))
write_design("aliased2", model.matrix(f_a2), a2$y)
con <- ref_file("aliased2", "synthetic: glm(y ~ x1 + dup + f + zero + x2, binomial), dup = 2 x1 and zero = 0 aliased")
put_glm(con, f_a2); close(con)

## 13. ill-conditioned but not aliased: calendar year and its square, uncentred
##     (the square's residual norm ratio on (1, year) is about 8e-6: R estimates it)
set.seed(2024)
n <- 1000
yq <- data.frame(yr = sample(2000:2020, n, TRUE), x = round(rnorm(n), 2))
yq$y <- rbinom(n, 1, plogis(-0.8 + 0.05 * (yq$yr - 2010) + 0.004 * (yq$yr - 2010)^2 + 0.5 * yq$x))
f_yq <- glm(y ~ yr + I(yr^2) + x, binomial, yq)
stopifnot(!anyNA(coef(f_yq)))
write_design("yearsq", model.matrix(f_yq), yq$y)
con <- ref_file("yearsq", "synthetic: glm(y ~ yr + I(yr^2) + x, binomial), yr in 2000..2020 uncentred (ill-conditioned)")
put_glm(con, f_yq); close(con)
