## survfit_ref.R - reference values for tests/test_km.c, tests/test_cuminc.c and
## tests/test_logrank.c: Kaplan-Meier (survfit, Greenwood SE, or the infinitesimal-jackknife
## SE survfit takes by default for non-integer weights; conf.type "log"), 1 - KM at chosen
## times (summary(fit, times)), Aalen-Johansen cumulative incidence with a competing event
## (survfit on a multi-state Surv: pstate, std.err as survival 3.5's survfitci computes it,
## "log" CIs), with weights and left truncation, and the log-rank test (survdiff, rho = 0),
## stratified.  survival 3.5.3.
## Run from the repository root:  Rscript tests/reference/survfit_ref.R
## Writes tests/fixtures/surv_<case>_in.csv (entry, time, status, weight, group, strata) and
## per analysis surv_<case>_km.csv / _aj.csv (one row per group and time) and
## surv_<case>.ref (log-rank and summary-at-times values, "section name value").
##
## Cases:
##  lung:    time in days, status 2 = death -> 1, group = sex (1, 2 -> 0, 1), strata = ph.ecog
##           (the one NA dropped)
##  veteran: group = celltype (4 levels -> 0..3), strata = trt
##  mgus2:   progression (pcm, 1) vs death (2) as competing events: time = ptime if pcm
##           else futime; group = sex (F 0, M 1)
##  days:    the synthetic whole-day cohort of lexis_rate_ref.R (many tied days): time =
##           exit - birth, status 1 event, 2 death; group = expo; weights in (0.5, 2);
##           entry (left truncation) 0 for 70% and up to 2000 days for the rest; clusters
##           ("families") of three consecutive rows
##
## Clusters: survfit's KM takes cluster = (robust, the jackknife summed within a cluster);
## its multi-state fit ignores cluster = (survival 3.5.3 sums by id only), so the clustered
## AJ SE is made here from survfit(..., influence = TRUE): the influence.pstate rows
## (unweighted derivatives, first column time 0) times the weights, summed by cluster,
## sqrt of the sum of squares; the CIs by survival:::survfit_confint as survfit's own.
suppressMessages(library(survival))
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)
wcsv <- function(d, name) {
  for (j in seq_along(d)) d[[j]] <- f17(d[[j]])
  write.table(d, file.path(fx, name), sep = ",", quote = FALSE, row.names = FALSE)
}
## one row per group and time of a survfit; g = the group of each stratum
km_table <- function(f, ng) {
  st <- if (is.null(f$strata)) rep(1, length(f$time)) else rep(seq_along(f$strata), f$strata)
  data.frame(group = st - 1, time = f$time, n_risk = f$n.risk, n_event = f$n.event,
             n_censor = f$n.censor, surv = f$surv, std_err = f$std.err,
             lower = f$lower, upper = f$upper)
}
aj_table <- function(f) {
  st <- if (is.null(f$strata)) rep(1, length(f$time)) else rep(seq_along(f$strata), f$strata)
  data.frame(group = st - 1, time = f$time, n_risk = f$n.risk[, 1],
             n_event1 = f$n.event[, 2], n_event2 = f$n.event[, 3],
             p0 = f$pstate[, 1], p1 = f$pstate[, 2], p2 = f$pstate[, 3],
             se0 = f$std.err[, 1], se1 = f$std.err[, 2], se2 = f$std.err[, 3],
             lo1 = f$lower[, 2], hi1 = f$upper[, 2], lo2 = f$lower[, 3], hi2 = f$upper[, 3])
}
put_logrank <- function(con, sec, sd) {
  put(con, sec, paste0("obs", seq_along(sd$obs) - 1), if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs)
  put(con, sec, paste0("exp", seq_along(sd$obs) - 1), if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp)
  v <- sd$var
  for (i in seq_len(nrow(v))) put(con, sec, paste0("var", i - 1, "_", seq_len(ncol(v)) - 1), v[i, ])
  put(con, sec, "chisq", sd$chisq)
  put(con, sec, "df", length(sd$n) - 1)
  put(con, sec, "p", pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE))
}
put_times <- function(con, sec, f, times) {
  s <- summary(f, times = times)
  st <- if (is.null(s$strata)) rep(1, length(s$time)) else as.integer(s$strata)
  for (i in seq_along(s$time)) {
    key <- paste0("g", st[i] - 1, "_t", f17(s$time[i]))
    if (is.null(s$pstate)) {
      put(con, sec, paste0(key, "_surv"), s$surv[i])
      put(con, sec, paste0(key, "_lower"), s$lower[i])
      put(con, sec, paste0(key, "_upper"), s$upper[i])
    } else {
      put(con, sec, paste0(key, "_p1"), s$pstate[i, 2])
      put(con, sec, paste0(key, "_lo1"), s$lower[i, 2])
      put(con, sec, paste0(key, "_hi1"), s$upper[i, 2])
    }
  }
}
header <- function(con, what) {
  writeLines(paste("#", what), con)
  writeLines(paste("# R", R.version$major, R.version$minor, " survival", packageVersion("survival")), con)
}

## ---- lung --------------------------------------------------------------------------------
l <- lung[!is.na(lung$ph.ecog), ]
lin <- data.frame(entry = 0, time = l$time, status = as.numeric(l$status == 2), weight = 1,
                  group = l$sex - 1, strata = l$ph.ecog)
wcsv(lin, "surv_lung_in.csv")
fk <- survfit(Surv(time, status) ~ group, data = lin)
wcsv(km_table(fk), "surv_lung_km.csv")
con <- file(file.path(fx, "surv_lung.ref"), "w")
header(con, "lung (ph.ecog not NA): KM by sex, log-rank by sex, stratified by ph.ecog")
put_times(con, "km_at", fk, c(30, 180, 365, 730))
put_logrank(con, "logrank", survdiff(Surv(time, status) ~ group, data = lin))
put_logrank(con, "logrank_strata", survdiff(Surv(time, status) ~ group + strata(strata), data = lin))
close(con)

## ---- veteran -------------------------------------------------------------------------------
v <- veteran
vin <- data.frame(entry = 0, time = v$time, status = v$status, weight = 1,
                  group = as.integer(v$celltype) - 1, strata = v$trt)
wcsv(vin, "surv_veteran_in.csv")
fk <- survfit(Surv(time, status) ~ group, data = vin)
wcsv(km_table(fk), "surv_veteran_km.csv")
con <- file(file.path(fx, "surv_veteran.ref"), "w")
header(con, "veteran: KM by celltype, log-rank by celltype (4 groups), stratified by trt")
put_times(con, "km_at", fk, c(10, 50, 100, 200))
put_logrank(con, "logrank", survdiff(Surv(time, status) ~ group, data = vin))
put_logrank(con, "logrank_strata", survdiff(Surv(time, status) ~ group + strata(strata), data = vin))
close(con)

## ---- mgus2: progression vs death ----------------------------------------------------------
m <- mgus2
etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
event <- ifelse(m$pstat == 0, 2 * m$death, 1)
min <- data.frame(entry = 0, time = etime, status = event, weight = 1,
                  group = as.numeric(m$sex == "M"), strata = 0)
wcsv(min, "surv_mgus2_in.csv")
fa <- survfit(Surv(time, factor(status, 0:2, c("censor", "pcm", "death"))) ~ group, data = min)
wcsv(aj_table(fa), "surv_mgus2_aj.csv")
fk <- survfit(Surv(time, status > 0) ~ group, data = min)  # 1 - KM of the first of either
wcsv(km_table(fk), "surv_mgus2_km.csv")
con <- file(file.path(fx, "surv_mgus2.ref"), "w")
header(con, "mgus2: Aalen-Johansen of pcm with death competing, by sex; at 12, 60, 120, 240 months")
put_times(con, "aj_at", fa, c(12, 60, 120, 240))
close(con)

## ---- days: ties, weights, left truncation --------------------------------------------------
set.seed(1717)
dd <- read.csv(file.path(fx, "lexis_days_in.csv"))
n <- nrow(dd)
w <- round(runif(n, 0.5, 2), 3)
entry <- ifelse(runif(n) < 0.7, 0, pmin(round(runif(n, 0, 2000)), dd$exit - dd$birth - 1))
din <- data.frame(entry = entry, time = dd$exit - dd$birth, status = dd$status, weight = w,
                  group = dd$expo, strata = 0)
din <- din[din$time > din$entry, ]
din$cluster <- (seq_len(nrow(din)) - 1) %/% 3  # families of three consecutive rows
wcsv(din, "surv_days_in.csv")
sf <- function(x) factor(x, 0:2, c("censor", "event", "death"))
din$id <- seq_len(nrow(din))
## unweighted, right-censored
fa <- survfit(Surv(time, sf(status)) ~ group, data = din)
wcsv(aj_table(fa), "surv_days_aj.csv")
fk <- survfit(Surv(time, status == 1) ~ group, data = din)
wcsv(km_table(fk), "surv_days_km.csv")
## weighted (non-integer: survfit's KM takes the IJ variance)
fa <- survfit(Surv(time, sf(status)) ~ group, data = din, weights = weight)
wcsv(aj_table(fa), "surv_days_aj_w.csv")
fk <- survfit(Surv(time, status == 1) ~ group, data = din, weights = weight)
stopifnot(!fk$logse)
fk$std.err <- fk$std.err / fk$surv  # to the log scale as the other KM tables (se(S) / S)
wcsv(km_table(fk), "surv_days_km_w.csv")
fk <- survfit(Surv(time, status == 1) ~ group, data = din, weights = weight, robust = FALSE)
wcsv(km_table(fk), "surv_days_km_wg.csv")  # Greenwood with weights
## left truncation: (entry, time]
fa <- survfit(Surv(entry, time, sf(status)) ~ group, data = din, id = id)
wcsv(aj_table(fa), "surv_days_aj_lt.csv")
fk <- survfit(Surv(entry, time, status == 1) ~ group, data = din)
wcsv(km_table(fk), "surv_days_km_lt.csv")
## clusters
fk <- survfit(Surv(time, status == 1) ~ group, data = din, cluster = cluster)
stopifnot(!fk$logse)
fk$std.err <- fk$std.err / fk$surv
wcsv(km_table(fk), "surv_days_km_cl.csv")
fk <- survfit(Surv(entry, time, status == 1) ~ group, data = din, weights = weight,
              cluster = cluster)
fk$std.err <- fk$std.err / fk$surv
wcsv(km_table(fk), "surv_days_km_wcl.csv")
aj_cluster <- function(f, data) {
  tab <- aj_table(f)
  for (g in seq_along(f$influence.pstate)) {
    inf <- f$influence.pstate[[g]]
    rows <- which(data$group == g - 1)
    stopifnot(identical(rownames(inf), as.character(data$id[rows])))
    wi <- data$weight[rows] * inf  # w_i U_i, [person, time, state]
    cl <- data$cluster[rows]
    at <- which(tab$group == g - 1)
    for (k in 1:3) {
      se <- sqrt(colSums(rowsum(wi[, , k], cl)^2))[-1]
      tab[at, paste0("se", k - 1)] <- se
      if (k > 1) {
        ci <- survival:::survfit_confint(tab[at, paste0("p", k - 1)], se, logse = FALSE,
                                         conf.type = "log", conf.int = 0.95)
        tab[at, paste0("lo", k - 1)] <- ci$lower
        tab[at, paste0("hi", k - 1)] <- ci$upper
      }
    }
  }
  tab
}
fa <- survfit(Surv(time, sf(status)) ~ group, data = transform(din, weight = 1), id = id,
              influence = TRUE)
wcsv(aj_cluster(fa, transform(din, weight = 1)), "surv_days_aj_cl.csv")
fa <- survfit(Surv(entry, time, sf(status)) ~ group, data = din, weights = weight, id = id,
              influence = TRUE)
stopifnot(max(abs(aj_table(fa)$se1 - aj_cluster(fa, transform(din, cluster = id))$se1)) < 1e-12)
wcsv(aj_cluster(fa, din), "surv_days_aj_wcl.csv")
con <- file(file.path(fx, "surv_days.ref"), "w")
header(con, "days: KM and AJ at 1, 5, 10, 15 years (365, 1826, 3652, 5479 days); log-rank by expo")
fk <- survfit(Surv(time, status == 1) ~ group, data = din)
put_times(con, "km_at", fk, c(365, 1826, 3652, 5479))
fa <- survfit(Surv(time, sf(status)) ~ group, data = din)
put_times(con, "aj_at", fa, c(365, 1826, 3652, 5479))
put_logrank(con, "logrank", survdiff(Surv(time, status == 1) ~ group, data = din))
close(con)
