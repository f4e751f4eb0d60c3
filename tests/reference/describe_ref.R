# describe_ref.R - Table 1 statistics computed independently in R, for
# tests/test_describe.c (stats/describe.c):
#
#   Rscript tests/reference/describe_ref.R > tests/fixtures/describe_ref.csv
#
# Data: tests/fixtures/fit_birthwt.csv (MASS::birthwt with NAs planted in
# age_na and race_na) and tests/fixtures/derive_sample_analysis.csv.gz (the
# example study's analysis dataset on sample-data/).  Levels and groups are
# the sorted distinct values (C locale); NA is missing and left out.
#
# Output: data,by,var,group,stat,value with value printed to 17 digits.
#   per group (and group "all"): numbers n, missing, mean, sd, median, q1, q3
#   (quantile type 7); categories count:LEVEL and missing;
#   per variable (group "test"): smd, p, statistic, df (df2 for Welch).
# SMD: numbers |m1 - m2| / sqrt((s1^2 + s2^2) / 2); categories
# sqrt(d' ginv(S) d) over levels 2..k (Yang & Dalton 2012, tableone's
# formula, written out here); more than two groups: mean of pairwise SMDs.
# Tests: chisq.test(correct = FALSE) on the levels x groups table;
# t.test (Welch) for two groups, oneway.test(var.equal = FALSE) for more.
suppressPackageStartupMessages(library(MASS))
invisible(Sys.setlocale("LC_COLLATE", "C"))

bw <- read.csv("tests/fixtures/fit_birthwt.csv", stringsAsFactors = FALSE,
               na.strings = c("NA", ""))
an <- read.csv(gzfile("tests/fixtures/derive_sample_analysis.csv.gz"),
               stringsAsFactors = FALSE, na.strings = c("NA", ""),
               colClasses = "character")

out <- function(data, by, var, group, stat, value)
  cat(sprintf("%s,%s,%s,%s,%s,%s\n", data, by, var, group, stat,
              ifelse(is.na(value), "NA", sprintf("%.17g", value))), sep = "")

levs <- function(x) sort(unique(x[!is.na(x)]), method = "radix")

smd_num <- function(a, b) abs(mean(a) - mean(b)) / sqrt((var(a) + var(b)) / 2)

smd_cat <- function(ca, cb) {
  keep <- ca > 0 | cb > 0
  ca <- ca[keep]; cb <- cb[keep]
  if (length(ca) < 2) return(0)
  pa <- (ca / sum(ca))[-1]; pb <- (cb / sum(cb))[-1]
  cv <- function(p) { S <- -outer(p, p); diag(S) <- p * (1 - p); S }
  S <- (cv(pa) + cv(pb)) / 2
  d <- pa - pb
  sqrt(drop(t(d) %*% ginv(S) %*% d))
}

pairwise_mean <- function(groups, f) {
  v <- c()
  for (i in seq_along(groups)) for (j in seq_along(groups))
    if (i < j) v <- c(v, f(groups[[i]], groups[[j]]))
  mean(v)
}

num_case <- function(data, d, by, var) {
  x <- suppressWarnings(as.numeric(d[[var]])); g <- d[[by]]
  ok <- !is.na(g)
  x <- x[ok]; g <- g[ok]
  gl <- levs(g)
  summ <- function(name, v) {
    y <- v[!is.na(v)]
    out(data, by, var, name, "n", length(y))
    out(data, by, var, name, "missing", sum(is.na(v)))
    out(data, by, var, name, "mean", mean(y))
    out(data, by, var, name, "sd", sd(y))
    q <- quantile(y, c(0.5, 0.25, 0.75), type = 7, names = FALSE)
    out(data, by, var, name, "median", q[1])
    out(data, by, var, name, "q1", q[2])
    out(data, by, var, name, "q3", q[3])
  }
  summ("all", x)
  for (l in gl) summ(l, x[g == l])
  groups <- lapply(gl, function(l) { y <- x[g == l]; y[!is.na(y)] })
  out(data, by, var, "test", "smd", pairwise_mean(groups, smd_num))
  ok <- !is.na(x)
  if (length(gl) == 2) {
    tt <- t.test(x[ok] ~ factor(g[ok], levels = gl))
    out(data, by, var, "test", "p", tt$p.value)
    out(data, by, var, "test", "statistic", unname(tt$statistic)^2)
    out(data, by, var, "test", "df", unname(tt$parameter))
  } else {
    ow <- oneway.test(x ~ g, data = data.frame(x = x[ok], g = g[ok]),
                      var.equal = FALSE)
    out(data, by, var, "test", "p", ow$p.value)
    out(data, by, var, "test", "statistic", unname(ow$statistic))
    out(data, by, var, "test", "df", unname(ow$parameter[2]))
  }
}

cat_case <- function(data, d, by, var) {
  x <- as.character(d[[var]]); g <- d[[by]]
  ok <- !is.na(g)
  x <- x[ok]; g <- g[ok]
  gl <- levs(g); xl <- levs(x)
  tab <- sapply(gl, function(l) sapply(xl, function(v) sum(x == v & g == l, na.rm = TRUE)))
  tab <- matrix(tab, nrow = length(xl))
  for (i in seq_along(xl)) out(data, by, var, "all", paste0("count:", xl[i]), sum(tab[i, ]))
  out(data, by, var, "all", "missing", sum(is.na(x)))
  for (j in seq_along(gl)) {
    for (i in seq_along(xl)) out(data, by, var, gl[j], paste0("count:", xl[i]), tab[i, j])
    out(data, by, var, gl[j], "missing", sum(is.na(x) & g == gl[j]))
  }
  groups <- lapply(seq_along(gl), function(j) tab[, j])
  out(data, by, var, "test", "smd", pairwise_mean(groups, smd_cat))
  t2 <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
  if (nrow(t2) >= 2 && ncol(t2) >= 2) {
    ct <- suppressWarnings(chisq.test(t2, correct = FALSE))
    out(data, by, var, "test", "p", ct$p.value)
    out(data, by, var, "test", "statistic", unname(ct$statistic))
    out(data, by, var, "test", "df", unname(ct$parameter))
  }
}

cat("data,by,var,group,stat,value\n")
bw$low <- as.character(bw$low)
for (v in c("age_na", "lwt", "bwt")) num_case("birthwt", bw, "low", v)
for (v in c("race_txt", "race_na", "smoke", "ftv", "ht")) cat_case("birthwt", bw, "low", v)
for (v in c("age_na", "lwt", "bwt")) num_case("birthwt", bw, "race_txt", v)
for (v in c("smoke", "ftv", "low")) cat_case("birthwt", bw, "race_txt", v)
for (v in c("sa_years", "ndd", "parent_psych", "sex", "low_birth_weight", "region"))
  cat_case("sample", an, "placement", v)
for (v in c("region", "sex", "placement")) cat_case("sample", an, "sa_years", v)
