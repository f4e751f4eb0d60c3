# design_fixtures.R - reference design matrices for tests/test_design.c.
#
# Run from the repository root:  Rscript tests/reference/design_fixtures.R
# Writes tests/fixtures/design_data.csv (the input) and
# tests/fixtures/design_cases.txt: for each formula the column names and the
# matrix R's glm() builds (model.matrix of the fitted glm, so unused factor
# levels are dropped as glm drops them).  kohort's factor(x, ref = "L") is
# R's relevel(factor(x), ref = "L"); the wrapper below gives R the same
# syntax, so the coefficient names come from R's own deparse.
Sys.setlocale("LC_COLLATE", "C")   # kohort sorts text levels by strcmp
factor <- function(x, ref = NULL) {
  f <- base::factor(x)
  if (!is.null(ref)) f <- relevel(f, ref = ref)
  f
}
set.seed(20261123)
n <- 60
d <- data.frame(
  y      = rbinom(n, 1, 0.4),
  age    = round(rnorm(n, 30, 6), 1),
  smoke  = rbinom(n, 1, 0.3),
  race   = sample(1:3, n, replace = TRUE),
  sex    = sample(c(0, 1), n, replace = TRUE),
  region = sample(c("Uusimaa", "Pirkanmaa", "Pohjois-Karjala", "Lappi"), n, replace = TRUE),
  grp    = sample(c("b", "A", "a", "B"), n, replace = TRUE),
  dose   = sample(c(0.5, 1, 2.5, 1e5), n, replace = TRUE),
  a      = round(runif(n), 3),
  b      = round(runif(n), 3),
  c      = round(runif(n), 3),
  stringsAsFactors = FALSE)
d$age[c(3, 17)] <- NA
d$region[c(5, 17, 40)] <- NA
d$y[9] <- NA
write.csv(d, "tests/fixtures/design_data.csv", row.names = FALSE, na = "NA")

cases <- c(
  "y ~ age + factor(race) + smoke",
  "y ~ age * smoke",
  "y ~ factor(race) * smoke",
  "y ~ factor(race) * factor(sex)",
  "y ~ factor(region, ref = \"Pirkanmaa\") + age",
  "y ~ age + age:factor(race)",
  "y ~ factor(race) + age - 1",
  "y ~ grp + age",
  "y ~ factor(dose) + age",
  "y ~ a * b * c",
  "y ~ (age + smoke):factor(race)",
  "y ~ factor(race):factor(sex)",
  "y ~ smoke:age + factor(region) + b:a",
  "y ~ 0 + age:factor(sex) + factor(race)")

out <- file("tests/fixtures/design_cases.txt", "w")
for (f in cases) {
  fit <- suppressWarnings(glm(as.formula(f), family = binomial, data = d))
  X <- model.matrix(fit)
  cat("case\t", f, "\n", sep = "", file = out)
  cat("size\t", nrow(X), "\t", ncol(X), "\t", n - nrow(X), "\n", sep = "", file = out)
  asg <- attr(X, "assign")
  cat("assign", asg, "\n", sep = "\t", file = out)
  for (nm in colnames(X)) cat("name\t", nm, "\n", sep = "", file = out)
  for (i in seq_len(nrow(X)))
    cat("row", sprintf("%.17g", X[i, ]), "\n", sep = "\t", file = out)
  cat("end\n", file = out)
}
close(out)

# Term labels and order as R's terms() gives them (tests/test_formula.c).
more <- c(cases,
  "y ~ b + a + a:b",
  "y ~ a:b + c",
  "y ~ a * b - a",
  "y ~ a + b + c - b",
  "y ~ a*b + a:b + b*a",
  "y ~ c:b:a + a",
  "y ~ 1 + a",
  "y ~ a + 0",
  "y ~ -1 + a + b")
out <- file("tests/fixtures/design_terms.txt", "w")
for (f in more) {
  tt <- terms(as.formula(f))
  cat("formula\t", f, "\n", sep = "", file = out)
  cat("intercept\t", attr(tt, "intercept"), "\n", sep = "", file = out)
  cat("labels", attr(tt, "term.labels"), "\n", sep = "\t", file = out)
}
close(out)
