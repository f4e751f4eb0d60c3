## lexis_rate_ref.R - reference values for tests/test_lexis.c and tests/test_rate.c:
## Lexis splitting (Epi::splitLexis 2.47, and survival::survSplit on one scale), incidence
## rates per 1,000 person-years with exact Poisson CIs (poisson.test), and the Poisson rate
## model glm(events ~ ..., family = poisson, offset = log(pyears)) with vcov, vcovHC (HC0,
## HC1) and vcovCL (cluster = person, vcovCL's default: HC0 times G / (G - 1)).
## Run from the repository root:  Rscript tests/reference/lexis_rate_ref.R
## Writes tests/fixtures/lexis_*.csv, rate_*.csv and rate_*.ref.
##
## Data:
##  - mgus2 (survival): follow-up from diagnosis (age, calendar year dxyr + 0.5) for futime
##    months (/ 12: years) to death or last contact; split by age (40, 50, ..., 90) and
##    calendar time (1970, 1975, ..., 2000).
##  - days: a synthetic cohort in whole days (birth 1995-2004, follow-up from birth to an event
##    on a coarse day grid (many ties), death, the 18th birthday or 2015-12-31), split by age in
##    days (0, 365, 1826, 3652, 5479, 6574) and calendar date (2000-01-01, ... 2015-01-01).
suppressMessages({library(survival); library(Epi); library(sandwich)})
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)
wcsv <- function(d, name) write.table(d, file.path(fx, name), sep = ",", quote = FALSE,
                                      row.names = FALSE, col.names = TRUE)
num <- function(d) { for (j in seq_along(d)) d[[j]] <- f17(d[[j]]); d }

## ---- mgus2 ------------------------------------------------------------------------------
m <- mgus2
m <- data.frame(id = m$id, age = m$age, cal = m$dxyr + 0.5, dur = m$futime / 12,
                event = m$death, male = as.numeric(m$sex == "M"))
age_br <- seq(40, 90, 10); cal_br <- seq(1970, 2000, 5)
wcsv(num(m), "lexis_mgus2_in.csv")
## (Lexis() will not take data columns named as its time scales: a0, c0 here)
L <- Lexis(entry = list(age = a0, cal = c0), duration = dur, exit.status = event, id = id,
           data = transform(m, a0 = age, c0 = cal, age = NULL, cal = NULL), notes = FALSE)
S <- splitLexis(L, breaks = age_br, time.scale = "age")
S <- splitLexis(S, breaks = cal_br, time.scale = "cal")
S <- S[order(S$lex.id, S$age), ]
out <- data.frame(id = S$lex.id, age = S$age, cal = S$cal, dur = S$lex.dur, event = S$lex.Xst)
wcsv(num(out), "lexis_mgus2_out.csv")

## one scale, against survSplit too (survSplit keeps the follow-up outside the cuts)
ss <- survSplit(Surv(start, stop, event) ~ id, data = transform(m, start = age, stop = age + dur),
                cut = age_br, episode = "band")
ss <- ss[order(ss$id, ss$start), ]
S1 <- splitLexis(L, breaks = age_br, time.scale = "age")
S1 <- S1[order(S1$lex.id, S1$age), ]
ss <- ss[ss$stop > ss$start, ]  # survSplit keeps a zero-length row, splitLexis drops it
stopifnot(nrow(ss) == nrow(S1), max(abs(ss$start - S1$age)) < 1e-9,
          max(abs(ss$stop - ss$start - S1$lex.dur)) < 1e-9, all(ss$event == S1$lex.Xst))
wcsv(num(data.frame(id = ss$id, start = ss$start, stop = ss$stop, event = ss$event,
                    band = ss$band - 2)), "lexis_mgus2_age.csv")

## ---- rates and the rate model on the split mgus2 -------------------------------------------
S$ageband <- cut(S$age, c(-Inf, age_br, Inf), right = FALSE, labels = c("lt", age_br))
S$calband <- cut(S$cal, c(-Inf, cal_br, Inf), right = FALSE, labels = c("lt", cal_br))
agg <- aggregate(cbind(events = lex.Xst, py = lex.dur) ~ ageband + male, data = S, FUN = sum)
agg <- agg[agg$py > 0, ]
con <- file(file.path(fx, "rate_mgus2.ref"), "w")
writeLines("# mgus2 split by age (40, 50, ..., 90) and calendar (1970, ..., 2000): deaths and", con)
writeLines(paste("# person-years by age band and sex; R", R.version$major, R.version$minor,
                 " survival", packageVersion("survival"), " Epi", packageVersion("Epi"),
                 " sandwich", packageVersion("sandwich")), con)
for (i in seq_len(nrow(agg))) {
  key <- paste0("g", i)
  put(con, "group", paste0(key, "_band"), as.integer(agg$ageband[i]) - 2)  # -1: before 40
  put(con, "group", paste0(key, "_male"), agg$male[i])
  for (lev in c(0.95, 0.90)) {
    pt <- poisson.test(agg$events[i], agg$py[i], conf.level = lev)
    sec <- paste0("rate", round(lev * 100))
    put(con, sec, paste0(key, "_events"), agg$events[i])
    put(con, sec, paste0(key, "_py"), agg$py[i])
    put(con, sec, paste0(key, "_rate"), 1000 * agg$events[i] / agg$py[i])
    put(con, sec, paste0(key, "_low"), 1000 * pt$conf.int[1])
    put(con, sec, paste0(key, "_high"), 1000 * pt$conf.int[2])
  }
}
## small and large counts, as poisson.test
grid <- data.frame(x = c(0, 1, 2, 3, 5, 10, 37, 100, 1000, 12345, 250000),
                   t = c(10, 2.5, 100, 0.3, 1e4, 77.7, 1234.5, 5e3, 1e5, 3e6, 4.2e7))
for (i in seq_len(nrow(grid))) {
  pt <- poisson.test(grid$x[i], grid$t[i])
  put(con, "grid", paste0("x", i, "_events"), grid$x[i])
  put(con, "grid", paste0("x", i, "_py"), grid$t[i])
  put(con, "grid", paste0("x", i, "_low"), 1000 * pt$conf.int[1])
  put(con, "grid", paste0("x", i, "_high"), 1000 * pt$conf.int[2])
}

## aggregated: events ~ ageband + male, offset log(py)
fa <- glm(events ~ ageband + male, family = poisson, offset = log(py), data = agg)
Xa <- model.matrix(fa)
wcsv(num(data.frame(.y = agg$events, .off = log(agg$py), .g = seq_len(nrow(agg)), Xa,
                    check.names = FALSE)), "rate_mgus2_agg.csv")
putfit <- function(con, pre, fit, cl) {
  nm <- names(coef(fit))
  put(con, paste0(pre, "_coef"), nm, coef(fit))
  se <- function(V) sqrt(diag(V))
  put(con, paste0(pre, "_se_model"), nm, se(vcov(fit)))
  put(con, paste0(pre, "_se_hc0"), nm, se(vcovHC(fit, type = "HC0")))
  put(con, paste0(pre, "_se_hc1"), nm, se(vcovHC(fit, type = "HC1")))
  put(con, paste0(pre, "_se_cl"), nm, se(vcovCL(fit, cluster = cl)))
  put(con, paste0(pre, "_stat"), "deviance", deviance(fit))
  ## glm()'s null deviance with an offset: the refit of y ~ 1 + offset (the split fit
  ## below is refitted without its formula intercept, so it is done here for both)
  nd <- deviance(glm(fit$y ~ 1, family = poisson, offset = fit$offset))
  if ("(Intercept)" %in% attr(terms(fit), "term.labels") || attr(terms(fit), "intercept") == 1)
    stopifnot(abs(nd - fit$null.deviance) < 1e-9 * nd)
  put(con, paste0(pre, "_stat"), "null_deviance", nd)
  put(con, paste0(pre, "_stat"), "aic", AIC(fit))
  put(con, paste0(pre, "_stat"), "bic", BIC(fit))
  put(con, paste0(pre, "_stat"), "loglik", as.numeric(logLik(fit)))
  put(con, paste0(pre, "_stat"), "df_residual", df.residual(fit))
  put(con, paste0(pre, "_stat"), "iter", fit$iter)
}
putfit(con, "agg", fa, seq_len(nrow(agg)))
## per piece: event ~ ageband + calband + male, offset log(dur), clusters = persons
S <- S[S$lex.dur > 0, ]
fi <- glm(lex.Xst ~ ageband + calband + male, family = poisson, offset = log(lex.dur), data = S)
Xi <- model.matrix(fi)
Xi <- Xi[, !is.na(coef(fi)), drop = FALSE]
fi <- glm(S$lex.Xst ~ Xi - 1, family = poisson, offset = log(S$lex.dur))
names(fi$coefficients) <- colnames(Xi)
wcsv(num(data.frame(.y = S$lex.Xst, .off = log(S$lex.dur), .g = S$lex.id, Xi,
                    check.names = FALSE)), "rate_mgus2_split.csv")
putfit(con, "split", fi, S$lex.id)
close(con)

## ---- the day-level cohort ------------------------------------------------------------------
set.seed(17)
n <- 3000
d0 <- as.numeric(as.Date("1995-01-01")); end <- as.numeric(as.Date("2015-12-31"))
birth <- d0 + sample(0:(10 * 365), n, replace = TRUE)
expo <- rbinom(n, 1, 0.4)
ev <- birth + 30 * ceiling(rexp(n, 1 / (60 * (1 + expo))))  # every 30 days: many ties
death <- birth + 7 * ceiling(rexp(n, 1 / 1500))
exit18 <- birth + 6574
ex <- pmin(ev, death, exit18, end)
status <- ifelse(ex == ev, 1, ifelse(ex == death, 2, 0))
days <- data.frame(id = seq_len(n), birth = birth, exit = ex, status = status, expo = expo)
wcsv(num(days), "lexis_days_in.csv")
age_d <- c(0, 365, 1826, 3652, 5479, 6574)
cal_d <- as.numeric(as.Date(c("2000-01-01", "2005-01-01", "2010-01-01", "2015-01-01")))
Ld <- Lexis(entry = list(age = rep(0, n), cal = birth), exit = list(cal = ex),
            exit.status = as.numeric(status == 1), id = id, data = days, notes = FALSE)
Sd <- splitLexis(Ld, breaks = age_d, time.scale = "age")
Sd <- splitLexis(Sd, breaks = cal_d, time.scale = "cal")
Sd <- Sd[order(Sd$lex.id, Sd$age), ]
wcsv(num(data.frame(id = Sd$lex.id, age = Sd$age, cal = Sd$cal, dur = Sd$lex.dur,
                    event = Sd$lex.Xst)), "lexis_days_out.csv")
