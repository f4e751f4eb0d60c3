# derive.R - the example study's analysis dataset, flow and linkage report
# derived independently of kohort's C code, with data.table, straight from
# the definitions in the example study (docs/config.md, SPEC section 3):
#
#   Rscript tests/reference/derive.R DATA_DIR OUT_PREFIX
#
# reads DATA_DIR/{birth,population,hilmo,child_welfare,social_assistance}.csv.gz
# (';'-separated, Latin-1, DD.MM.YYYY dates, decimal comma) and writes
# OUT_PREFIX_analysis.csv, OUT_PREFIX_flow.csv and OUT_PREFIX_linkage.csv in
# the formats kohort writes (missing values as NA).  The committed fixtures
# tests/fixtures/derive_ref_* were made with
#   Rscript tests/reference/derive.R tests/fixtures/derive_data tests/fixtures/derive_ref
# Code lists are written as regular expressions here (kohort compiles ranges),
# windows with explicit birthday arithmetic.
suppressPackageStartupMessages(library(data.table))
invisible(Sys.setlocale("LC_COLLATE", "C"))

args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 2)
dir <- args[1]
out <- args[2]

rd <- function(name) {
  f <- file.path(dir, paste0(name, ".csv.gz"))
  dt <- fread(cmd = paste("zcat", shQuote(f)), sep = ";", colClasses = "character",
              na.strings = c("", "NA"), encoding = "Latin-1")
  # the files are Latin-1: convert text to UTF-8 as kohort does
  for (col in names(dt)) set(dt, j = col, value = iconv(dt[[col]], "latin1", "UTF-8"))
  dt
}
dmy <- function(x) as.IDate(x, format = "%d.%m.%Y")
leap <- function(y) (y %% 4 == 0 & y %% 100 != 0) | y %% 400 == 0
# k-th birthday; 29 February falls on 1 March in other years
birthday <- function(b, k) {
  y <- year(b) + k; m <- month(b); d <- mday(b)
  feb29 <- !is.na(b) & m == 2 & d == 29 & !leap(y)
  m[feb29] <- 3L; d[feb29] <- 1L
  as.IDate(ifelse(is.na(b), NA_character_, sprintf("%04d-%02d-%02d", y, m, d)))
}
age_years <- function(b, day) {
  year(day) - year(b) - as.integer(month(day) < month(b) |
                                   (month(day) == month(b) & mday(day) < mday(b)))
}
norm_code <- function(x) toupper(gsub("[.*+#@ ]", "", x))

birth <- rd("birth")
pop <- rd("population")
hilmo <- rd("hilmo")
cw <- rd("child_welfare")
sa <- rd("social_assistance")

kids <- birth[!is.na(shnro), .(shnro, mother = mother_shnro, father = father_shnro,
                               bdate = dmy(birth_date), sex, region,
                               bw = as.numeric(sub(",", ".", birth_weight_g)))]
kids[, row := .I]
kids[, `:=`(b18 = birthday(bdate, 18), b1 = birthday(bdate, 1))]
pop[, `:=`(pb = dmy(birth_date), pd = dmy(death_date), pe = dmy(emigration_date))]

# ---- linkage -------------------------------------------------------------
judge <- function(pid, grace) {
  p <- pop[match(pid, pop$shnro)]
  a <- age_years(p$pb, kids$bdate)
  o <- rep("linked", nrow(kids))
  dead <- !is.na(p$pd) & !is.na(kids$bdate) & as.integer(kids$bdate - p$pd) > grace
  o[dead] <- "parent_dead_before_birth"
  o[!is.na(a) & a > 70] <- "parent_too_old"
  o[!is.na(a) & a < 13] <- "parent_too_young"
  o[!is.na(pid) & is.na(p$shnro)] <- "not_in_population"
  o[is.na(pid)] <- "no_parent_id"
  o
}
kids[, mo := judge(mother, 0)]
kids[, fo := judge(father, 300)]
kids[mo != "linked", mother := NA]
kids[fo != "linked", father := NA]
kids[, has_parent := !is.na(mother) | !is.na(father)]

# ---- cohort --------------------------------------------------------------
kp <- pop[match(kids$shnro, pop$shnro)]
kids[, died_before_1 := !is.na(kp$pd) & kp$pd >= bdate & kp$pd < b1]
kids[, emig_before_1 := !is.na(kp$pe) & kp$pe >= bdate & kp$pe < b1]
kids[, born97 := !is.na(bdate) & bdate >= as.IDate("1997-01-01") &
                 bdate <= as.IDate("1997-12-31")]

# ---- variables -----------------------------------------------------------
cw[, start := dmy(start_date)]
pl <- cw[measure %in% c("emergency_placement", "care_order", "placement_support")]
pl <- merge(pl, kids[, .(shnro, bdate, b18)], by = "shnro")
pl <- pl[!is.na(start) & start >= bdate & start < b18, .(placement = 1L), by = shnro]
kids[, placement := 0L]
kids[pl, placement := i.placement, on = "shnro"]

# ---- follow-up ([cohort]: birth to the first of the first placement at any
# age, death, emigration, the 18th birthday, end_of_data 2020-12-31) ----------
first_pl <- cw[measure %in% c("emergency_placement", "care_order", "placement_support") &
               !is.na(start), .(ev = min(start)), by = shnro]
kids[, `:=`(ev = first_pl$ev[match(shnro, first_pl$shnro)], dd = kp$pd, ed = kp$pe)]
eod <- as.IDate("2020-12-31")
kids[, `:=`(fu_exit = b18, why = "end_age")]
# in the order that wins a tie; the 18th birthday itself is not followed
for (cand in list(list("ev", "event"), list("dd", "death"), list("ed", "emigration"))) {
  x <- kids[[cand[[1]]]]
  hit <- !is.na(x) & x < kids$fu_exit
  kids[hit, `:=`(fu_exit = x[hit], why = cand[[2]])]
}
kids[eod < fu_exit, `:=`(fu_exit = eod, why = "end_of_data")]
kids[, leave := pmin(dd, ed, na.rm = TRUE)]
kids[, fu_bad := fcase(is.na(bdate), "no date to start follow-up (birth or entry date missing)",
                       !is.na(ev) & !is.na(leave) & ev > leave & ev < b18 & ev <= eod &
                         leave <= eod, "inconsistent dates: event after death or emigration",
                       fu_exit < bdate, "follow-up ends before entry (exit date before the entry date)",
                       default = NA_character_)]
kids[, `:=`(fu_entry = bdate, fu_days = as.integer(fu_exit - bdate))]

hilmo[, cdate := dmy(contact_date)]
codes <- hilmo[, .(shnro, cdate, c1 = norm_code(dg1), c2 = norm_code(dg2), c3 = norm_code(dg3))]
has <- function(re) {
  m <- function(x) !is.na(x) & grepl(re, x)
  m(codes$c1) | m(codes$c2) | m(codes$c3)
}
ndd_rows <- merge(codes[has("^F(8[0-9]|9[0-8])")], kids[, .(shnro, bdate, b18)], by = "shnro")
ndd_ids <- ndd_rows[!is.na(cdate) & cdate >= bdate & cdate < b18, unique(shnro)]
kids[, ndd := as.integer(shnro %in% ndd_ids)]

psy <- codes[has("^F(2[0-9]|3[0-9]|4[0-8])")]
fam <- rbind(kids[!is.na(mother), .(shnro, parent = mother, bdate, b18)],
             kids[!is.na(father), .(shnro, parent = father, bdate, b18)])
pp <- merge(fam, psy[, .(parent = shnro, cdate)], by = "parent", allow.cartesian = TRUE)
pp_ids <- pp[!is.na(cdate) & cdate >= bdate & cdate < b18, unique(shnro)]
kids[, parent_psych := fifelse(has_parent, as.integer(shnro %in% pp_ids), NA_integer_)]

sa[, `:=`(yr = as.integer(year), mo = as.integer(months))]
sa_p <- unique(rbind(sa[!is.na(mo) & mo >= 1 & !is.na(shnro_applicant), .(parent = shnro_applicant, yr)],
                     sa[!is.na(mo) & mo >= 1 & !is.na(shnro_spouse), .(parent = shnro_spouse, yr)]))
sy <- merge(fam[, .(shnro, parent, by = year(bdate))], sa_p, by = "parent", allow.cartesian = TRUE)
sy <- sy[!is.na(by) & yr >= by & yr <= by + 17, .(n = uniqueN(yr)), by = shnro]
kids[, sa_n := fifelse(has_parent, 0L, NA_integer_)]
kids[sy, sa_n := fifelse(has_parent, i.n, NA_integer_), on = "shnro"]
kids[, sa_years := fcase(is.na(sa_n), NA_character_, sa_n == 0L, "0", sa_n == 1L, "1",
                         sa_n <= 3L, "2-3", default = "4+")]
kids[, low_birth_weight := as.integer(bw < 2500)]

# ---- flow and outputs ----------------------------------------------------
n0 <- nrow(kids)
k1 <- kids[born97 == TRUE]
k2 <- k1[died_before_1 == FALSE]
k3 <- k2[emig_before_1 == FALSE]
flow <- data.table(step = c("children in extract birth", "born in 1997",
                            "died before the 1st birthday",
                            "emigrated before the 1st birthday"),
                   n_remaining = c(n0, nrow(k1), nrow(k2), nrow(k3)))
# follow-up's exclusions after the rules, one row per reason that has any
for (why_bad in c("no date to start follow-up (birth or entry date missing)",
                  "follow-up ends before entry (exit date before the entry date)",
                  "inconsistent dates: event after death or emigration")) {
  k4 <- k3[is.na(fu_bad) | fu_bad != why_bad]
  if (nrow(k4) < nrow(k3))
    flow <- rbind(flow, data.table(step = why_bad, n_remaining = nrow(k4)))
  k3 <- k4
}
flow[, n_excluded := c(0L, -diff(n_remaining))]
fwrite(flow, paste0(out, "_flow.csv"), quote = FALSE)

outcomes <- c("linked", "no_parent_id", "not_in_population", "parent_too_young",
              "parent_too_old", "parent_dead_before_birth")
cnt <- function(x) as.integer(table(factor(x, levels = outcomes)))
link <- rbind(data.table(parent = "mother", outcome = outcomes,
                         n_children = cnt(kids$mo), n_cohort = cnt(k3$mo)),
              data.table(parent = "father", outcome = outcomes,
                         n_children = cnt(kids$fo), n_cohort = cnt(k3$fo)))
fwrite(link, paste0(out, "_linkage.csv"), quote = FALSE)

setorder(k3, row)
ana <- k3[, .(shnro, placement, sa_years, ndd, parent_psych, sex, low_birth_weight, region,
              fu_entry, fu_exit, fu_days, fu_years = sprintf("%.6f", fu_days / 365.25),
              fu_status = as.integer(why == "event"), fu_exit_reason = why)]
fwrite(ana, paste0(out, "_analysis.csv"), na = "NA", quote = FALSE)
cat(sprintf("children %d, cohort %d\n", n0, nrow(k3)))
