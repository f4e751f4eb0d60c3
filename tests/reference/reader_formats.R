# Writes the same small extract as SAS, Stata and SPSS files with R haven, an
# implementation independent of ReadStat's reading code path in kohort, and
# as CSV.  tests/test_reader.c reads all four and expects the same rows.
# Run from the repository root: Rscript tests/reference/reader_formats.R
suppressPackageStartupMessages(library(haven))
d <- data.frame(
  shnro = c("P000001", "P000002", "P000003", "P000004"),
  birth_date = as.Date(c("1997-01-31", "1997-02-28", "1997-12-31", NA)),
  birth_weight_g = c(3510, 2400, NA, 4100),
  amount_eur = c(1234.5, 0.25, -3, NA),
  region = c("P\u00e4ij\u00e4t-H\u00e4me", "Uusimaa", "", "Etel\u00e4-Pohjanmaa"),
  stringsAsFactors = FALSE)
out <- "tests/fixtures"
write_dta(d, file.path(out, "reader_sample.dta"), version = 15)
write_sav(d, file.path(out, "reader_sample.sav"))
suppressWarnings(write_sas(d, file.path(out, "reader_sample.sas7bdat")))
write.csv(d, file.path(out, "reader_sample.csv"), row.names = FALSE, na = "",
          fileEncoding = "UTF-8")
cat("R", as.character(getRversion()), "haven", as.character(packageVersion("haven")), "\n")
