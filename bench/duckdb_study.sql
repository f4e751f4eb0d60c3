-- bench/duckdb_study.sql - the example study's data stages (read, link,
-- derive, cohort, write) in one DuckDB SQL script: the second baseline of
-- `make bench` next to R, run by bench/duckdb_run.mjs.  Written from the
-- definitions of config/example.ini and SPEC section 3 (as
-- tests/reference/derive.R is), not from kohort's C code.
--
-- The runner replaces two words before it hands the script over:
--   @DIR@  the folder of birth, population, hilmo, child_welfare and
--          social_assistance.csv.gz (';'-separated, Latin-1, DD.MM.YYYY,
--          decimal comma)
--   @OUT@  the analysis dataset to write, gzip CSV in kohort's format
--          (docs/config.md: base-extract order, NA for missing)

-- every extract read as text (bad values become NULL where they are used,
-- as in derive.R), Latin-1 to UTF-8, its columns named: DuckDB 1.5.0-1.5.6's
-- sniffer (auto_detect) on a Latin-1 gzip file re-reads the start of the
-- file into the rows at a buffer boundary (birth.csv.gz of the 1M data:
-- 'CSV Error on Line: 2180', or 142 rows too many with buffer_size = 1 MB)
CREATE TEMP MACRO rd(f, cols) AS TABLE
	SELECT * FROM read_csv(f, delim = ';', header = true, auto_detect = false,
	                       columns = cols, encoding = 'latin-1', nullstr = ['', 'NA']);
CREATE TEMP MACRO dmy(x) AS try_strptime(x, '%d.%m.%Y')::DATE;
CREATE TEMP MACRO leap(y) AS (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0;
-- the k-th birthday; 29 February falls on 1 March in other years
CREATE TEMP MACRO birthday(b, k) AS
	CASE WHEN month(b) = 2 AND day(b) = 29 AND NOT leap(year(b) + k)
	     THEN make_date(year(b) + k, 3, 1)
	     ELSE make_date(year(b) + k, month(b), day(b)) END;
-- age in whole years on day d of a person born on b
CREATE TEMP MACRO age_years(b, d) AS
	year(d) - year(b) - CASE WHEN month(d) < month(b)
	                           OR (month(d) = month(b) AND day(d) < day(b))
	                         THEN 1 ELSE 0 END;
-- ICD-10 codes without dots, marks and spaces, upper case
CREATE TEMP MACRO norm_code(x) AS
	upper(replace(replace(replace(replace(replace(replace(x, '.', ''), '*', ''), '+', ''),
	                                      '#', ''), '@', ''), ' ', ''));
-- the code lists F80-F89, F90-F98 (ndd) and F20-F48 (parental psychiatric
-- disorder) as the codes' first three characters
CREATE TEMP MACRO is_ndd3(c) AS left(c, 3) IN
	('F80', 'F81', 'F82', 'F83', 'F84', 'F85', 'F86', 'F87', 'F88', 'F89', 'F90',
	 'F91', 'F92', 'F93', 'F94', 'F95', 'F96', 'F97', 'F98');
CREATE TEMP MACRO is_psych3(c) AS left(c, 3) IN
	('F20', 'F21', 'F22', 'F23', 'F24', 'F25', 'F26', 'F27', 'F28', 'F29', 'F30',
	 'F31', 'F32', 'F33', 'F34', 'F35', 'F36', 'F37', 'F38', 'F39', 'F40', 'F41',
	 'F42', 'F43', 'F44', 'F45', 'F46', 'F47', 'F48');

-- ---- read -----------------------------------------------------------------
CREATE TEMP TABLE kids AS
SELECT row_number() OVER () AS row, shnro, mother_shnro AS mother0,
       father_shnro AS father0, dmy(birth_date) AS bdate, sex, region,
       TRY_CAST(replace(birth_weight_g, ',', '.') AS DOUBLE) AS bw
FROM rd('@DIR@/birth.csv.gz',
	{shnro: 'VARCHAR', mother_shnro: 'VARCHAR', father_shnro: 'VARCHAR',
	 birth_date: 'VARCHAR', sex: 'VARCHAR', birth_weight_g: 'VARCHAR',
	 gestational_weeks: 'VARCHAR', region: 'VARCHAR'});
DELETE FROM kids WHERE shnro IS NULL;

CREATE TEMP TABLE pop AS
SELECT shnro, dmy(birth_date) AS pb, dmy(death_date) AS pd, dmy(emigration_date) AS pe
FROM rd('@DIR@/population.csv.gz',
	{shnro: 'VARCHAR', birth_date: 'VARCHAR', death_date: 'VARCHAR',
	 emigration_date: 'VARCHAR', education: 'VARCHAR'});

-- ---- link: each parent id judged against the population -------------------
CREATE TEMP TABLE links AS
WITH j AS (
	SELECT k.row, k.shnro, k.bdate, birthday(k.bdate, 18) AS b18, birthday(k.bdate, 1) AS b1,
	       k.mother0, m.shnro AS m_found, age_years(m.pb, k.bdate) AS m_age,
	       k.bdate - m.pd AS m_dead_days,
	       k.father0, f.shnro AS f_found, age_years(f.pb, k.bdate) AS f_age,
	       k.bdate - f.pd AS f_dead_days
	FROM kids k
	LEFT JOIN pop m ON m.shnro = k.mother0
	LEFT JOIN pop f ON f.shnro = k.father0
)
SELECT row, shnro, bdate, b18, b1,
       CASE WHEN mother0 IS NULL THEN 'no_parent_id'
            WHEN m_found IS NULL THEN 'not_in_population'
            WHEN m_age < 13 THEN 'parent_too_young'
            WHEN m_age > 70 THEN 'parent_too_old'
            WHEN m_dead_days > 0 THEN 'parent_dead_before_birth'
            ELSE 'linked' END AS mo,
       CASE WHEN father0 IS NULL THEN 'no_parent_id'
            WHEN f_found IS NULL THEN 'not_in_population'
            WHEN f_age < 13 THEN 'parent_too_young'
            WHEN f_age > 70 THEN 'parent_too_old'
            WHEN f_dead_days > 300 THEN 'parent_dead_before_birth'
            ELSE 'linked' END AS fo,
       mother0, father0
FROM j;

-- child -> linked parent, one row per link
CREATE TEMP TABLE fam AS
SELECT shnro, mother0 AS parent, bdate, b18 FROM links WHERE mo = 'linked'
UNION ALL
SELECT shnro, father0 AS parent, bdate, b18 FROM links WHERE fo = 'linked';

-- ---- derive ---------------------------------------------------------------
-- placement: a placement measure started at age 0 to 17
CREATE TEMP TABLE v_placement AS
SELECT DISTINCT c.shnro
FROM rd('@DIR@/child_welfare.csv.gz',
	{shnro: 'VARCHAR', start_date: 'VARCHAR', end_date: 'VARCHAR', measure: 'VARCHAR'}) c JOIN links l ON l.shnro = c.shnro
WHERE c.measure IN ('emergency_placement', 'care_order', 'placement_support')
  AND dmy(c.start_date) >= l.bdate AND dmy(c.start_date) < l.b18;

-- hilmo once: the contacts with a code of either list
CREATE TEMP TABLE hits AS
WITH h AS (
	SELECT shnro, dmy(contact_date) AS cdate,
	       norm_code(dg1) AS c1, norm_code(dg2) AS c2, norm_code(dg3) AS c3
	FROM rd('@DIR@/hilmo.csv.gz',
	{shnro: 'VARCHAR', contact_date: 'VARCHAR', dg1: 'VARCHAR', dg2: 'VARCHAR', dg3: 'VARCHAR'})
)
SELECT * FROM (
SELECT shnro, cdate,
       is_ndd3(c1) OR is_ndd3(c2) OR is_ndd3(c3) AS is_ndd,
       is_psych3(c1) OR is_psych3(c2) OR is_psych3(c3) AS is_psych
FROM h
WHERE cdate IS NOT NULL
) WHERE is_ndd OR is_psych;

-- ndd: the child's own contact at age 0 to 17
CREATE TEMP TABLE v_ndd AS
SELECT DISTINCT h.shnro
FROM hits h JOIN links l ON l.shnro = h.shnro
WHERE h.is_ndd AND h.cdate >= l.bdate AND h.cdate < l.b18;

-- parent_psych: a linked parent's contact while the child is 0 to 17
CREATE TEMP TABLE v_psych AS
SELECT DISTINCT f.shnro
FROM hits h JOIN fam f ON f.parent = h.shnro
WHERE h.is_psych AND h.cdate >= f.bdate AND h.cdate < f.b18;

-- sa_years: distinct years with >= 1 month of assistance to either linked
-- parent (as applicant or spouse) in the child's years of age 0 to 17
CREATE TEMP TABLE sa_p AS
WITH s AS (
	SELECT shnro_applicant AS a, shnro_spouse AS b, TRY_CAST(year AS INTEGER) AS yr
	FROM rd('@DIR@/social_assistance.csv.gz',
	{shnro_applicant: 'VARCHAR', shnro_spouse: 'VARCHAR', year: 'VARCHAR', jan: 'VARCHAR',
	 feb: 'VARCHAR', mar: 'VARCHAR', apr: 'VARCHAR', may: 'VARCHAR', jun: 'VARCHAR',
	 jul: 'VARCHAR', aug: 'VARCHAR', sep: 'VARCHAR', oct: 'VARCHAR', nov: 'VARCHAR',
	 dec: 'VARCHAR', months: 'VARCHAR', amount_eur: 'VARCHAR'})
	WHERE TRY_CAST(months AS INTEGER) >= 1
)
SELECT DISTINCT parent, yr FROM (
	SELECT a AS parent, yr FROM s WHERE a IS NOT NULL
	UNION ALL
	SELECT b AS parent, yr FROM s WHERE b IS NOT NULL
) WHERE yr IS NOT NULL;

CREATE TEMP TABLE v_sa AS
SELECT f.shnro, count(DISTINCT s.yr) AS n
FROM fam f JOIN sa_p s ON s.parent = f.parent
WHERE s.yr >= year(f.bdate) AND s.yr <= year(f.bdate) + 17
GROUP BY f.shnro;

-- ---- cohort and write -----------------------------------------------------
CREATE TEMP TABLE ana AS
SELECT l.row, l.shnro,
       (p.shnro IS NOT NULL)::INTEGER AS placement,
       CASE WHEN l.mo <> 'linked' AND l.fo <> 'linked' THEN NULL
            WHEN coalesce(s.n, 0) = 0 THEN '0'
            WHEN s.n = 1 THEN '1'
            WHEN s.n <= 3 THEN '2-3'
            ELSE '4+' END AS sa_years,
       (n.shnro IS NOT NULL)::INTEGER AS ndd,
       CASE WHEN l.mo <> 'linked' AND l.fo <> 'linked' THEN NULL
            ELSE (y.shnro IS NOT NULL)::INTEGER END AS parent_psych,
       k.sex,
       (k.bw < 2500)::INTEGER AS low_birth_weight,
       k.region
FROM links l
JOIN kids k ON k.row = l.row
LEFT JOIN pop c ON c.shnro = l.shnro
LEFT JOIN v_placement p ON p.shnro = l.shnro
LEFT JOIN v_ndd n ON n.shnro = l.shnro
LEFT JOIN v_psych y ON y.shnro = l.shnro
LEFT JOIN v_sa s ON s.shnro = l.shnro
WHERE l.bdate >= DATE '1997-01-01' AND l.bdate <= DATE '1997-12-31'
  -- died or emigrated before the 1st birthday
  AND NOT coalesce(c.pd >= l.bdate AND c.pd < l.b1, false)
  AND NOT coalesce(c.pe >= l.bdate AND c.pe < l.b1, false);

COPY (SELECT shnro, placement, sa_years, ndd, parent_psych, sex, low_birth_weight, region
      FROM ana ORDER BY row)
TO '@OUT@' (FORMAT csv, HEADER true, DELIMITER ',', NULLSTR 'NA', QUOTE '"',
            COMPRESSION gzip);
