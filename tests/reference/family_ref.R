## family_ref.R - reference values for tests/test_family.c's modified Poisson family
## past the fit: per-term likelihood-ratio tests (R's drop1(test = "LRT") on the glm,
## written as the deviance of the refit without the term's columns minus the full fit's)
## and marginal standardisation of the Poisson fit (standardised risks
## r_k = mean_i exp(x_ik' b) with smoke set to k, gradient g_k = mean_i exp(x_ik' b) x_ik,
## delta-method SEs on V = vcovHC(fit, type = "HC0")), written here independently of the C;
## and the likelihood statistics of the glm, R's AIC(), logLik() and BIC(), on the weights
## as given and with rows 1-3 given weight 0 (which logLik.glm's nobs, hence BIC, still counts).
## Run from the repository root:  Rscript tests/reference/family_ref.R
## Reads tests/fixtures/effects_birthwt.csv (effects_ref.R's); writes
## tests/fixtures/family_poisson.ref ("section name value" lines).
suppressMessages(library(sandwich))
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)

d <- read.csv(file.path(fx, "effects_birthwt.csv"), check.names = FALSE)
X <- as.matrix(d[, -(1:3)])
y <- d$.y
w <- d$.w
fit <- glm.fit(X, y, weights = w, family = poisson())
full <- glm(y ~ X - 1, family = poisson, weights = w)
stopifnot(isTRUE(all.equal(unname(coef(full)), unname(fit$coefficients))))
con <- file(file.path(fx, "family_poisson.ref"), "w")
writeLines("# glm(poisson) on effects_birthwt.csv: drop1 LRT per term, standardised risks", con)
## terms: race = race2 + race3; each other column its own term
terms <- list(age = "age", lwt = "lwt", race = c("race2", "race3"), smoke = "smoke",
              ptl = "ptl", ht = "ht", ui = "ui")
for (t in names(terms)) {
  keep <- setdiff(colnames(X), terms[[t]])
  red <- glm(y ~ X[, keep] - 1, family = poisson, weights = w)
  chisq <- deviance(red) - deviance(full)
  df <- full$rank - red$rank
  put(con, "lr", c(paste0(t, ".chisq"), paste0(t, ".df"), paste0(t, ".p")),
      c(chisq, df, pchisq(chisq, df, lower.tail = FALSE)))
}
V <- vcovHC(full, type = "HC0")
b <- coef(full)
risk <- function(k) {
  Xk <- X
  Xk[, "smoke"] <- k
  m <- exp(drop(Xk %*% b))
  list(r = sum(w * m) / sum(w), g = colSums(w * m * Xk) / sum(w))
}
r0 <- risk(0)
r1 <- risk(1)
se <- function(a) sqrt(drop(t(a) %*% V %*% a))
put(con, "margins", c("risk0", "risk1", "risk_se0", "risk_se1", "rr", "log_rr_se", "rd",
                      "rd_se"),
    c(r0$r, r1$r, se(r0$g), se(r1$g), r1$r / r0$r, se(r1$g / r1$r - r0$g / r0$r),
      r1$r - r0$r, se(r1$g - r0$g)))
lik <- function(fit) c(AIC(fit), as.numeric(logLik(fit)), BIC(fit), nobs(logLik(fit)))
put(con, "stats", c("aic", "loglik", "bic", "nobs"), lik(full))
w0 <- w
w0[1:3] <- 0
put(con, "stats_w0", c("aic", "loglik", "bic", "nobs"),
    lik(glm(y ~ X - 1, family = poisson, weights = w0)))
close(con)
