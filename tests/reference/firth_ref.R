## firth_ref.R - reference values for tests/test_firth.c.
## Run from the repository root:  Rscript tests/reference/firth_ref.R [REF_DIR]
## Two references for Firth's penalized logistic regression on logistf's sex2 data
## (REF_DIR/sex2.csv, default /work/shared/reference) and a completely separated toy set:
##  - "logistf_*": logistf 1.26.1's own output, copied from REF_DIR/ref_firth.out (full
##    precision table), as the lead ran it (logistf is not installed here);
##  - "exact_*": an independent R computation: estimates by brglm2 (type = "AS_mean",
##    Firth's bias reduction = Jeffreys-penalized ML for the logit link) polished by Newton
##    steps on the modified score, SEs logistf's way (sqrt(diag(solve(X'WX))) at the
##    estimate), penalized log-likelihoods, penalized-LR statistics for beta_j = 0 and
##    profile penalized-likelihood CIs by uniroot (tol 1e-13) on constrained maxima.
suppressMessages(library(brglm2))
args <- commandArgs(TRUE)
ref_dir <- if (length(args)) args[1] else "/work/shared/reference"
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)

pll <- function(X, y, b) {
  mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu)
  sum(y * log(mu) + (1 - y) * log(1 - mu)) + 0.5 * determinant(crossprod(X * sqrt(w)))$modulus[1]
}
## maximise the penalized log-likelihood over the coefficients not in `fixed`
## (held at their values in b): Newton on the modified score U* = X'(y - mu + h (1/2 - mu))
firth_newton <- function(X, y, b, fixed = integer(0), iter = 200) {
  free <- setdiff(seq_len(ncol(X)), fixed)
  for (it in seq_len(iter)) {
    mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu)
    XW <- X * sqrt(w); info <- crossprod(XW)
    h <- rowSums((XW %*% solve(info)) * XW)
    u <- drop(crossprod(X, y - mu + h * (0.5 - mu)))
    step <- solve(info[free, free, drop = FALSE], u[free])
    if (max(abs(step)) > 5) step <- step * 5 / max(abs(step))
    l0 <- pll(X, y, b); bn <- b; bn[free] <- b[free] + step
    hs <- 0; while (pll(X, y, bn) < l0 - 1e-12 && hs < 30) { step <- step / 2; bn[free] <- b[free] + step; hs <- hs + 1 }
    b <- bn
    if (max(abs(step)) < 1e-13) break
  }
  b
}
firth_case <- function(case, X, y, start, comment) {
  con <- file(file.path(fx, paste0("firth_", case, ".ref")), "w")
  writeLines(paste("#", comment), con)
  b <- firth_newton(X, y, start); nm <- colnames(X)
  mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu); XW <- X * sqrt(w)
  h <- rowSums((XW %*% solve(crossprod(XW))) * XW)
  se <- sqrt(diag(solve(crossprod(X * sqrt(w * (1 + h))))))
  se_fisher <- sqrt(diag(solve(crossprod(XW))))
  lmax <- pll(X, y, b); q <- qchisq(0.95, 1)
  prof <- function(j, bj) { s <- b; s[j] <- bj; pll(X, y, firth_newton(X, y, s, fixed = j)) }
  plr <- sapply(seq_along(b), function(j) 2 * (lmax - prof(j, 0)))
  ci <- t(sapply(seq_along(b), function(j) {
    g <- function(bj) 2 * (lmax - prof(j, bj)) - q
    hi <- b[j] + se[j]; while (g(hi) < 0) hi <- hi + se[j]
    lo <- b[j] - se[j]; while (g(lo) < 0) lo <- lo - se[j]
    c(uniroot(g, c(lo, b[j]), tol = 1e-13)$root, uniroot(g, c(b[j], hi), tol = 1e-13)$root)
  }))
  null <- b * 0; null[1] <- qlogis(mean(y)); null <- firth_newton(X, y, null, fixed = seq_along(b)[-1])
  put(con, "exact_coef", nm, b); put(con, "exact_se", nm, se); put(con, "exact_se_fisher", nm, se_fisher)
  put(con, "exact_lo", nm, ci[, 1]); put(con, "exact_hi", nm, ci[, 2])
  put(con, "exact_chisq", nm, plr); put(con, "exact_p", nm, pchisq(plr, 1, lower.tail = FALSE))
  put(con, "exact_model", c("loglik", "null_loglik"), c(lmax, pll(X, y, null)))
  con
}

## sex2
s2 <- read.csv(file.path(ref_dir, "sex2.csv"))
fo <- case ~ age + oc + vic + vicl + vis + dia
X <- model.matrix(fo, s2); y <- s2$case
fb <- glm(fo, binomial, s2, method = "brglmFit", type = "AS_mean", control = list(epsilon = 1e-12, maxit = 200))
write.table(data.frame(.y = y, .w = 1, .g = 0, X, check.names = FALSE), file.path(fx, "firth_sex2.csv"),
            sep = ",", quote = FALSE, row.names = FALSE)
con <- firth_case("sex2", X, y, coef(fb), "logistf sex2: case ~ age + oc + vic + vicl + vis + dia, Firth")
put(con, "brglm2_coef", colnames(X), coef(fb))
## logistf 1.26.1's full-precision table and log-likelihoods from ref_firth.out
out <- readLines(file.path(ref_dir, "ref_firth.out"))
at <- grep("^Full precision:", out)
tab <- read.table(text = out[(at + 2):(at + 8)], stringsAsFactors = FALSE)
put(con, "logistf_coef", tab[, 1], as.numeric(tab[, 2])); put(con, "logistf_se", tab[, 1], as.numeric(tab[, 3]))
put(con, "logistf_lo", tab[, 1], as.numeric(tab[, 4])); put(con, "logistf_hi", tab[, 1], as.numeric(tab[, 5]))
put(con, "logistf_p", tab[, 1], as.numeric(tab[, 6]))
ll <- as.numeric(strsplit(sub(".*full\\): *", "", grep("^penalized loglik", out, value = TRUE)), " +")[[1]][1:2])
put(con, "logistf_model", c("loglik", "null_loglik"), ll)   # fit$loglik = c(full, null)
lr <- as.numeric(sub(".*Likelihood ratio test=([0-9.]+) .*", "\\1", grep("^Likelihood ratio test=", out, value = TRUE)[1]))
put(con, "logistf_model", "lr_test", lr)
close(con)

## completely separated toy set
toy <- data.frame(x = c(-3, -2, -1.5, -1, 1, 1.5, 2, 3), y = c(0, 0, 0, 0, 1, 1, 1, 1))
X <- model.matrix(~ x, toy)
write.table(data.frame(.y = toy$y, .w = 1, .g = 0, X, check.names = FALSE), file.path(fx, "firth_toy.csv"),
            sep = ",", quote = FALSE, row.names = FALSE)
con <- firth_case("toy", X, toy$y, c(0, 0), "toy: y ~ x, completely separated, Firth")
## logistf values printed in ref_firth.out ("Firth toy" line)
w <- strsplit(trimws(sub("^Firth toy coef", "", grep("^Firth toy", out, value = TRUE))), " +")[[1]]
v <- suppressWarnings(as.numeric(w)); v <- v[!is.na(v)]
put(con, "logistf_coef", colnames(X), v[1:2]); put(con, "logistf_se", colnames(X), v[3:4])
put(con, "logistf_lo", "x", v[5]); put(con, "logistf_hi", "x", v[6]); put(con, "logistf_p", colnames(X), v[7:8])
close(con)
cat("fixtures written to", fx, "\n")
