# fit_discrim.R - reference C-statistics and Hosmer-Lemeshow tests for
# tests/test_discrim.c.
#
# Run from the repository root:  Rscript tests/reference/fit_discrim.R
# AUC and DeLong CI: pROC (Debian r-cran-proc).  ResourceSelection is not
# packaged in Debian, so hoslem() below is the published computation of
# ResourceSelection::hoslem.test (Lele, Keim & Solymos, version 0.3-5),
# written out line by line.
suppressMessages(library(pROC))
library(MASS)

hoslem <- function(x, y, g = 10) {   # x: outcome, y: fitted
  yhat <- y
  y <- x
  qq <- unique(quantile(yhat, probs = seq(0, 1, 1/g)))
  cutyhat <- cut(yhat, breaks = qq, include.lowest = TRUE)
  observed <- xtabs(cbind(y0 = 1 - y, y1 = y) ~ cutyhat)
  expected <- xtabs(cbind(yhat0 = 1 - yhat, yhat1 = yhat) ~ cutyhat)
  chisq <- sum((observed - expected)^2 / expected)
  list(statistic = chisq, parameter = g - 2,
       p.value = 1 - pchisq(chisq, g - 2), groups = nrow(observed),
       observed = observed[, 2], expected = expected[, 2])
}

bw <- birthwt
bw$race <- factor(bw$race)
fit <- glm(low ~ age + lwt + race + smoke + ptl + ht + ui, family = binomial, data = bw)
p1 <- fitted(fit)
# A second score with many ties, and a third with heavy ties at few values
set.seed(7)
y2 <- rbinom(500, 1, 0.3)
s2 <- round(plogis(-1 + 1.5 * y2 + rnorm(500)), 2)
s3 <- round(s2 * 4) / 4

sets <- list(
  birthwt = list(y = bw$low, s = p1),
  ties = list(y = y2, s = s2),
  heavy_ties = list(y = y2, s = s3))

# Reference values as "set name value" lines (tests/fixture.h's format).
out <- file("tests/fixtures/fit_discrim.txt", "w")
put <- function(set, name, v) cat(sprintf("%s %s %.17g\n", set, name, v), file = out)
for (nm in names(sets)) {
  y <- sets[[nm]]$y; s <- sets[[nm]]$s
  write.csv(data.frame(y = y, score = sprintf("%.17g", s)),
            sprintf("tests/fixtures/fit_discrim_%s.csv", nm),
            row.names = FALSE, quote = FALSE)
  r <- roc(y, s, levels = c(0, 1), direction = "<", quiet = TRUE)
  ci <- ci.auc(r, method = "delong", conf.level = 0.95)
  ci90 <- ci.auc(r, method = "delong", conf.level = 0.90)
  hl <- hoslem(y, s, 10)
  hl5 <- hoslem(y, s, 5)
  hl20 <- hoslem(y, s, 20)   # more cut points than the branch-free count takes
  put(nm, "auc", ci[2]); put(nm, "auc_low", ci[1]); put(nm, "auc_high", ci[3])
  put(nm, "auc90_low", ci90[1]); put(nm, "auc90_high", ci90[3])
  put(nm, "auc_se", sqrt(var(r, method = "delong")))
  put(nm, "hl_chisq", hl$statistic); put(nm, "hl_df", hl$parameter)
  put(nm, "hl_p", hl$p.value); put(nm, "hl_groups", hl$groups)
  put(nm, "hl5_chisq", hl5$statistic); put(nm, "hl5_groups", hl5$groups)
  put(nm, "hl20_chisq", hl20$statistic); put(nm, "hl20_groups", hl20$groups)
}
close(out)
