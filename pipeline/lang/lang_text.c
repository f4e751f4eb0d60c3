/* The report's fixed texts (lang.h): the texts of the tables, the
 * figures, the page's headings and report.html's warnings.  Each message id
 * has its texts side by side: English first (the reference: every other
 * language has the same printf conversions), then Finnish (suomi) and
 * Swedish (svenska).  The methods text is in lang_methods.c. */
#include "lang.h"

const char *const ko_lang_texts[KO_MSG_COUNT][KO_LANG_COUNT] = {
	[KO_MSG_NO] = {
		[KO_LANG_EN] = "No",
		[KO_LANG_FI] = "Ei",
		[KO_LANG_SV] = "Nej",
	},
	[KO_MSG_YES] = {
		[KO_LANG_EN] = "Yes",
		[KO_LANG_FI] = "Kyllä",
		[KO_LANG_SV] = "Ja",
	},
	[KO_MSG_MISSING] = {
		[KO_LANG_EN] = "Missing",
		[KO_LANG_FI] = "Puuttuu",
		[KO_LANG_SV] = "Saknas",
	},
	[KO_MSG_MEAN_SD] = {
		[KO_LANG_EN] = "Mean (SD)",
		[KO_LANG_FI] = "Keskiarvo (SD)",
		[KO_LANG_SV] = "Medelvärde (SD)",
	},
	[KO_MSG_MEDIAN_IQR] = {
		[KO_LANG_EN] = "Median (IQR)",
		[KO_LANG_FI] = "Mediaani (kvartiiliväli)",
		[KO_LANG_SV] = "Median (kvartilintervall)",
	},
	[KO_MSG_CHARACTERISTIC] = {
		[KO_LANG_EN] = "Characteristic",
		[KO_LANG_FI] = "Muuttuja",
		[KO_LANG_SV] = "Egenskap",
	},
	[KO_MSG_OVERALL] = {
		[KO_LANG_EN] = "Overall",
		[KO_LANG_FI] = "Kaikki",
		[KO_LANG_SV] = "Totalt",
	},
	[KO_MSG_PERSONS_N] = {
		[KO_LANG_EN] = "Persons, n",
		[KO_LANG_FI] = "Henkilöitä, n",
		[KO_LANG_SV] = "Personer, n",
	},
	[KO_MSG_T1_TITLE_BY] = {
		[KO_LANG_EN] = "Characteristics of the cohort by %s",
		[KO_LANG_FI] = "Kohortin taustatiedot muuttujan %s mukaan",
		[KO_LANG_SV] = "Kohortens egenskaper efter %s",
	},
	[KO_MSG_T1_TITLE] = {
		[KO_LANG_EN] = "Characteristics of the cohort",
		[KO_LANG_FI] = "Kohortin taustatiedot",
		[KO_LANG_SV] = "Kohortens egenskaper",
	},
	[KO_MSG_T1_FOOTNOTE] = {
		[KO_LANG_EN] = "n (%) of the column (missing included); mean (SD); median (IQR: "
			"lower to upper quartile).",
		[KO_LANG_FI] = "n (%) sarakkeen henkilöistä (puuttuvat mukaan lukien); keskiarvo "
			"(SD); mediaani (kvartiiliväli: alakvartiilista yläkvartiiliin).",
		[KO_LANG_SV] = "n (%) av kolumnen (saknade värden medräknade); medelvärde (SD); "
			"median (kvartilintervall: nedre till övre kvartil).",
	},
	[KO_MSG_T1_FOOT_TESTS] = {
		[KO_LANG_EN] = " SMD: standardised mean difference (mean of the "
			"pairwise SMDs with more than two groups). p: Pearson's chi-square test "
			"(categories) or Welch's test (numbers); missing values are left out "
			"of SMDs and tests.",
		[KO_LANG_FI] = " SMD: vakioitu keskiarvojen erotus (yli kahden ryhmän "
			"kohdalla parittaisten SMD-arvojen keskiarvo). p: Pearsonin "
			"khiin neliö -testi (luokitellut muuttujat) tai Welchin testi "
			"(jatkuvat muuttujat); puuttuvat arvot eivät ole mukana "
			"SMD-arvoissa eivätkä testeissä.",
		[KO_LANG_SV] = " SMD: standardiserad medelvärdesskillnad (med fler än "
			"två grupper medelvärdet av de parvisa SMD-värdena). p: Pearsons "
			"chi2-test (kategoriska variabler) eller Welchs test (numeriska "
			"variabler); saknade värden ingår inte i SMD eller test.",
	},
	[KO_MSG_T1_FOOT_SMD_ONLY] = {
		[KO_LANG_EN] = " SMD: standardised mean difference (mean of the "
			"pairwise SMDs with more than two groups); missing values are left "
			"out of SMDs.",
		[KO_LANG_FI] = " SMD: vakioitu keskiarvojen erotus (yli kahden "
			"ryhmän kohdalla parittaisten SMD-arvojen keskiarvo); puuttuvat arvot "
			"eivät ole mukana SMD-arvoissa.",
		[KO_LANG_SV] = " SMD: standardiserad medelvärdesskillnad (med "
			"fler än två grupper medelvärdet av de parvisa SMD-värdena); saknade "
			"värden ingår inte i SMD.",
	},
	[KO_MSG_T1_FOOT_P_ONLY] = {
		[KO_LANG_EN] = " p: Pearson's chi-square test (categories) or "
			"Welch's test (numbers); missing values are left out of the tests.",
		[KO_LANG_FI] = " p: Pearsonin khiin neliö -testi (luokitellut "
			"muuttujat) tai Welchin testi (jatkuvat muuttujat); puuttuvat arvot "
			"eivät ole mukana testeissä.",
		[KO_LANG_SV] = " p: Pearsons chi2-test (kategoriska variabler) "
			"eller Welchs test (numeriska variabler); saknade värden ingår inte "
			"i testen.",
	},
	[KO_MSG_T1_FOOT_HIDDEN] = {
		[KO_LANG_EN] = " Columns by %s are not shown: a group's size would "
			"have to be suppressed.",
		[KO_LANG_FI] = " Sarakkeita muuttujan %s mukaan ei näytetä: jonkin "
			"ryhmän koko pitäisi peittää.",
		[KO_LANG_SV] = " Kolumner efter %s visas inte: en grupps storlek "
			"skulle behöva döljas.",
	},
	[KO_MSG_T1_FOOTNOTE_KNOWN] = {
		[KO_LANG_EN] = "n (%) of the column's persons whose value is known "
			"(Missing: n); mean (SD); median (IQR: lower to upper quartile).",
		[KO_LANG_FI] = "n (%) sarakkeen henkilöistä, joiden arvo "
			"tiedetään (Puuttuu: n); keskiarvo (SD); mediaani (kvartiiliväli: "
			"alakvartiilista yläkvartiiliin).",
		[KO_LANG_SV] = "n (%) av kolumnens personer med känt värde "
			"(Saknas: n); medelvärde (SD); median (kvartilintervall: nedre till "
			"övre kvartil).",
	},
	[KO_MSG_T1_FOOT_NOPCT] = {
		[KO_LANG_EN] = " Where a column's Missing count is suppressed, its "
			"rows show n without a percentage.",
		[KO_LANG_FI] = " Prosenttia ei näytetä, kun sarakkeen puuttuvien "
			"määrä on peitetty.",
		[KO_LANG_SV] = " Procent visas inte där kolumnens antal saknade "
			"värden är dolt.",
	},
	[KO_MSG_T1_OR_MISSING] = {
		[KO_LANG_EN] = "%s or missing",
		[KO_LANG_FI] = "%s tai puuttuu",
		[KO_LANG_SV] = "%s eller saknas",
	},
	[KO_MSG_T1_FOOT_MERGED] = {
		[KO_LANG_EN] = " \"%s\": the group together with the persons whose "
			"%s is missing, too few to be shown on their own.",
		[KO_LANG_FI] = " \"%s\": ryhmä yhdessä niiden henkilöiden kanssa, joilta "
			"muuttuja %s puuttuu; heitä on liian vähän näytettäväksi erikseen.",
		[KO_LANG_SV] = " \"%s\": dessa personer tillsammans med dem som "
			"saknar %s, som är för få för att visas separat.",
	},
	[KO_MSG_T1_HEADER_N] = {
		[KO_LANG_EN] = "%s, N = %s",
		[KO_LANG_FI] = "%s, N = %s",
		[KO_LANG_SV] = "%s, N = %s",
	},

	[KO_MSG_REF] = {
		[KO_LANG_EN] = " (ref)",
		[KO_LANG_FI] = " (vertailu)",
		[KO_LANG_SV] = " (referens)",
	},
	[KO_MSG_RANGE_TO] = {
		[KO_LANG_EN] = " to ",
		[KO_LANG_FI] = "…",
		[KO_LANG_SV] = " till ",
	},
	[KO_MSG_SUPP_NOTE] = {
		[KO_LANG_EN] = "<%d: fewer than %d persons; %s: suppressed so that a small "
			"count cannot be derived.",
		[KO_LANG_FI] = "<%d: alle %d henkilöä; %s: peitetty, jotta pientä lukua ei voi "
			"päätellä muista.",
		[KO_LANG_SV] = "<%d: färre än %d personer; %s: dold så att ett litet antal inte "
			"kan härledas.",
	},

	[KO_MSG_COHORT_FLOW] = {
		[KO_LANG_EN] = "Cohort flow",
		[KO_LANG_FI] = "Kohortin muodostuminen",
		[KO_LANG_SV] = "Kohortens flödesschema",
	},
	[KO_MSG_FLOW_BASE] = {
		[KO_LANG_EN] = "children in extract %s",
		[KO_LANG_FI] = "lapset aineistossa %s",
		[KO_LANG_SV] = "barn i uttaget %s",
	},
	[KO_MSG_STEP] = {
		[KO_LANG_EN] = "Step",
		[KO_LANG_FI] = "Vaihe",
		[KO_LANG_SV] = "Steg",
	},
	[KO_MSG_REMAINING] = {
		[KO_LANG_EN] = "Remaining",
		[KO_LANG_FI] = "Jäljellä",
		[KO_LANG_SV] = "Kvar",
	},
	[KO_MSG_EXCLUDED] = {
		[KO_LANG_EN] = "Excluded",
		[KO_LANG_FI] = "Poissuljetut",
		[KO_LANG_SV] = "Exkluderade",
	},
	[KO_MSG_N_SUPPRESSED] = {
		[KO_LANG_EN] = "n suppressed",
		[KO_LANG_FI] = "n peitetty",
		[KO_LANG_SV] = "n dolt",
	},
	[KO_MSG_NOT_RULE] = {
		[KO_LANG_EN] = "Not %s",
		[KO_LANG_FI] = "Ei täytä ehtoa: %s",
		[KO_LANG_SV] = "Uppfyller inte: %s",
	},
	[KO_MSG_FLOW_FOOTNOTE] = {
		[KO_LANG_EN] = "Each rule is applied to the persons remaining "
			"after the rules above it. Where a small exclusion is "
			"suppressed, the counts between it and a neighbouring step are "
			"suppressed too, so that no hidden count follows from the "
			"others.",
		[KO_LANG_FI] = "Kutakin ehtoa sovelletaan henkilöihin, jotka "
			"ovat jäljellä sitä edeltävien ehtojen jälkeen. Jos pieni "
			"poissuljettujen määrä on peitetty, myös sen ja viereisen vaiheen "
			"väliset luvut on peitetty, jotta peitettyä lukua ei voi päätellä "
			"muista.",
		[KO_LANG_SV] = "Varje regel tillämpas på de personer som "
			"återstår efter reglerna ovanför den. Där ett litet antal "
			"exkluderade är dolt döljs även antalen mellan det och ett "
			"angränsande steg, så att inget dolt antal kan härledas ur de "
			"övriga.",
	},

	[KO_MSG_PARENT_LINKAGE] = {
		[KO_LANG_EN] = "Parent linkage",
		[KO_LANG_FI] = "Vanhempien linkitys",
		[KO_LANG_SV] = "Länkning till föräldrar",
	},
	[KO_MSG_LINK] = {
		[KO_LANG_EN] = "Link",
		[KO_LANG_FI] = "Linkitys",
		[KO_LANG_SV] = "Länkning",
	},
	[KO_MSG_MOTHER] = {
		[KO_LANG_EN] = "Mother",
		[KO_LANG_FI] = "Äiti",
		[KO_LANG_SV] = "Mor",
	},
	[KO_MSG_FATHER] = {
		[KO_LANG_EN] = "Father",
		[KO_LANG_FI] = "Isä",
		[KO_LANG_SV] = "Far",
	},
	[KO_MSG_CHILDREN_BASE] = {
		[KO_LANG_EN] = "Children in the base extract",
		[KO_LANG_FI] = "Lapsia perusaineistossa",
		[KO_LANG_SV] = "Barn i grunduttaget",
	},
	[KO_MSG_CHILDREN_COHORT] = {
		[KO_LANG_EN] = "Children in the cohort",
		[KO_LANG_FI] = "Lapsia kohortissa",
		[KO_LANG_SV] = "Barn i kohorten",
	},
	[KO_MSG_LINK_OK] = {
		[KO_LANG_EN] = "Linked",
		[KO_LANG_FI] = "Linkitetty",
		[KO_LANG_SV] = "Länkad",
	},
	[KO_MSG_LINK_NO_ID] = {
		[KO_LANG_EN] = "No parent id in the birth record",
		[KO_LANG_FI] = "Vanhemman tunnus puuttuu syntymätiedoista",
		[KO_LANG_SV] = "Förälderns id saknas i födelseuppgifterna",
	},
	[KO_MSG_LINK_NOT_IN_POPULATION] = {
		[KO_LANG_EN] = "Id not found in the population",
		[KO_LANG_FI] = "Tunnusta ei löydy väestöaineistosta",
		[KO_LANG_SV] = "Id:t finns inte i "
			"befolkningsuttaget",
	},
	[KO_MSG_LINK_TOO_YOUNG] = {
		[KO_LANG_EN] = "Parent too young at the birth",
		[KO_LANG_FI] = "Vanhempi liian nuori lapsen syntyessä",
		[KO_LANG_SV] = "Föräldern för ung vid födelsen",
	},
	[KO_MSG_LINK_TOO_OLD] = {
		[KO_LANG_EN] = "Parent too old at the birth",
		[KO_LANG_FI] = "Vanhempi liian vanha lapsen syntyessä",
		[KO_LANG_SV] = "Föräldern för gammal vid födelsen",
	},
	[KO_MSG_LINK_DEAD_BEFORE_BIRTH] = {
		[KO_LANG_EN] = "Parent died before the birth",
		[KO_LANG_FI] = "Vanhempi kuollut ennen lapsen "
			"syntymää",
		[KO_LANG_SV] = "Föräldern avled före födelsen",
	},

	[KO_MSG_REGIONAL_TITLE] = {
		[KO_LANG_EN] = "Cohort by %s",
		[KO_LANG_FI] = "Kohortti muuttujan %s mukaan",
		[KO_LANG_SV] = "Kohorten efter %s",
	},
	[KO_MSG_PERSONS] = {
		[KO_LANG_EN] = "Persons",
		[KO_LANG_FI] = "Henkilöitä",
		[KO_LANG_SV] = "Personer",
	},
	[KO_MSG_EXPOSED] = {
		[KO_LANG_EN] = "Exposed",
		[KO_LANG_FI] = "Altistuneita",
		[KO_LANG_SV] = "Exponerade",
	},
	[KO_MSG_EVENTS] = {
		[KO_LANG_EN] = "Events",
		[KO_LANG_FI] = "Tapauksia",
		[KO_LANG_SV] = "Fall",
	},
	[KO_MSG_ALL] = {
		[KO_LANG_EN] = "All",
		[KO_LANG_FI] = "Yhteensä",
		[KO_LANG_SV] = "Samtliga",
	},
	[KO_MSG_REGIONAL_FOOTNOTE] = {
		[KO_LANG_EN] = "Exposed and events: n (%) of the persons "
			"in the row.",
		[KO_LANG_FI] = "Altistuneet ja tapaukset: n (%) rivin "
			"henkilöistä.",
		[KO_LANG_SV] = "Exponerade och fall: n (%) av personerna "
			"på raden.",
	},

	[KO_MSG_MODEL] = {
		[KO_LANG_EN] = "model",
		[KO_LANG_FI] = "malli",
		[KO_LANG_SV] = "modell",
	},
	[KO_MSG_CI] = {
		[KO_LANG_EN] = "%s%% CI",
		[KO_LANG_FI] = "%s %%:n lv",
		[KO_LANG_SV] = "%s %% KI",
	},
	[KO_MSG_EVENTS_N_PCT] = {
		[KO_LANG_EN] = "Events, n (%)",
		[KO_LANG_FI] = "Tapauksia, n (%)",
		[KO_LANG_SV] = "Fall, n (%)",
	},
	[KO_MSG_CRUDE] = {
		[KO_LANG_EN] = "Crude",
		[KO_LANG_FI] = "Vakioimaton",
		[KO_LANG_SV] = "Ojusterad",
	},
	[KO_MSG_ADJUSTED] = {
		[KO_LANG_EN] = "Adjusted",
		[KO_LANG_FI] = "Vakioitu",
		[KO_LANG_SV] = "Justerad",
	},
	[KO_MSG_ADJUSTED_RR] = {
		[KO_LANG_EN] = "Adjusted RR",
		[KO_LANG_FI] = "Vakioitu RR",
		[KO_LANG_SV] = "Justerad RR",
	},
	[KO_MSG_ADJUSTED_RD] = {
		[KO_LANG_EN] = "Adjusted RD",
		[KO_LANG_FI] = "Vakioitu RD",
		[KO_LANG_SV] = "Justerad RD",
	},
	[KO_MSG_OR_HEAD] = {
		[KO_LANG_EN] = "OR (%s)",
		[KO_LANG_FI] = "OR (%s)",
		[KO_LANG_SV] = "OR (%s)",
	},
	[KO_MSG_RR_HEAD] = {
		[KO_LANG_EN] = "RR (%s)",
		[KO_LANG_FI] = "RR (%s)",
		[KO_LANG_SV] = "RR (%s)",
	},
	[KO_MSG_RD_HEAD] = {
		[KO_LANG_EN] = "RD, percentage points (%s)",
		[KO_LANG_FI] = "RD, prosenttiyksikköä (%s)",
		[KO_LANG_SV] = "RD, procentenheter (%s)",
	},
	[KO_MSG_PERSONS_IN_MODEL] = {
		[KO_LANG_EN] = "Persons in the model",
		[KO_LANG_FI] = "Henkilöitä mallissa",
		[KO_LANG_SV] = "Personer i modellen",
	},
	[KO_MSG_MODEL_ALL_PERSONS] = {
		[KO_LANG_EN] = "All persons",
		[KO_LANG_FI] = "Kaikki henkilöt",
		[KO_LANG_SV] = "Alla personer",
	},
	[KO_MSG_NOT_IN_MODEL] = {
		[KO_LANG_EN] = "Not in the model (missing values)",
		[KO_LANG_FI] = "Ei mallissa (puuttuvia tietoja)",
		[KO_LANG_SV] = "Inte i modellen (saknade värden)",
	},
	[KO_MSG_FOOT_POPULATION] = {
		[KO_LANG_EN] = " Persons and events: everyone of the cohort "
			"(subgroup, stratum) at the level, as Table 1 counts them, whatever "
			"their other values; the estimates are of those with every model "
			"variable known. Not in the model: those left out for a missing "
			"value. A crude estimate is shown only where everyone whose value of "
			"the term is known is in the model.",
		[KO_LANG_FI] = " Henkilöt ja tapaukset: kaikki kohortin "
			"(osaryhmän, ositteen) henkilöt luokassa kuten taulukossa 1, muista "
			"tiedoista riippumatta; estimaatit on laskettu henkilöistä, joiden "
			"kaikki mallin muuttujat tunnetaan. Ei mallissa: puuttuvan tiedon "
			"vuoksi pois jääneet. Vakioimaton estimaatti näytetään vain, kun "
			"kaikki, joiden muuttujan arvo tunnetaan, ovat mallissa.",
		[KO_LANG_SV] = " Personer och fall: alla i kohorten "
			"(undergruppen, stratumet) på nivån, räknade som i tabell 1, oavsett "
			"deras övriga värden; skattningarna gäller dem som har alla "
			"modellens variabler kända. Inte i modellen: de som utelämnats för "
			"ett saknat värde. En ojusterad skattning visas bara där alla vars "
			"värde på variabeln är känt ingår i modellen.",
	},
	[KO_MSG_AUC] = {
		[KO_LANG_EN] = "AUC (%s)",
		[KO_LANG_FI] = "AUC (%s)",
		[KO_LANG_SV] = "AUC (%s)",
	},
	[KO_MSG_PAF] = {
		[KO_LANG_EN] = "Attributable fraction, %% (%s)",
		[KO_LANG_FI] = "Väestösyyosuus, %% (%s)",
		[KO_LANG_SV] = "Populationsattributiv andel, %% (%s)",
	},
	[KO_MSG_ATTRIBUTABLE_CASES] = {
		[KO_LANG_EN] = "Attributable cases, n (%s)",
		[KO_LANG_FI] = "Altisteeseen liitettäviä tapauksia, "
			"n (%s)",
		[KO_LANG_SV] = "Attributiva fall, n (%s)",
	},
	[KO_MSG_FOOT_MODEL] = {
		[KO_LANG_EN] = "Crude: one model per exposure. Adjusted: all "
			"terms together. OR: odds ratio with %s%% confidence interval; ",
		[KO_LANG_FI] = "Vakioimaton: kukin altiste omassa mallissaan. "
			"Vakioitu: kaikki termit samassa mallissa. OR: vetosuhde ja sen "
			"%s %%:n luottamusväli; ",
		[KO_LANG_SV] = "Ojusterad: en modell per exponering. Justerad: "
			"alla termer i samma modell. OR: oddskvot med %s %% "
			"konfidensintervall; ",
	},
	[KO_MSG_FOOT_RR] = {
		[KO_LANG_EN] = "RR: adjusted risk ratio by modified Poisson "
			"regression (log link, robust SE; Zou 2004); ",
		[KO_LANG_FI] = "RR: vakioitu riskisuhde modifioidulla "
			"Poisson-regressiolla (log-linkki, robusti keskivirhe; Zou 2004); ",
		[KO_LANG_SV] = "RR: justerad riskkvot skattad med modifierad "
			"Poissonregression (log-länk, robust medelfel; Zou 2004); ",
	},
	[KO_MSG_FOOT_RD] = {
		[KO_LANG_EN] = "RD: adjusted risk difference in percentage points "
			"for the levels of %s (marginal standardisation of the adjusted "
			"model: mean predicted risk with everyone at the level minus "
			"with everyone at the reference; delta-method CI); ",
		[KO_LANG_FI] = "RD: vakioitu riskiero prosenttiyksikköinä muuttujan "
			"%s luokille (vakioidun mallin marginaalinen standardointi: "
			"keskimääräinen ennustettu riski, kun kaikki ovat kyseisessä "
			"luokassa, vähennettynä riskillä, kun kaikki ovat "
			"vertailuluokassa; luottamusväli delta-menetelmällä); ",
		[KO_LANG_SV] = "RD: justerad riskskillnad i procentenheter för "
			"nivåerna av %s (marginell standardisering av den justerade "
			"modellen: medelvärdet av den predicerade risken med alla på "
			"nivån minus med alla på referensnivån; KI med deltametoden); ",
	},
	[KO_MSG_FOOT_P_EVENTS] = {
		[KO_LANG_EN] = "p on a term's row: joint Wald test of all its "
			"levels. Events: n (%%) of the persons at the level.",
		[KO_LANG_FI] = "p muuttujan rivillä: kaikkien sen luokkien "
			"yhteinen Waldin testi. Tapauksia: n (%%) luokan henkilöistä.",
		[KO_LANG_SV] = "p på en terms rad: gemensamt Waldtest av "
			"alla dess nivåer. Fall: n (%%) av personerna på nivån.",
	},
	[KO_MSG_FOOT_SEPARATED] = {
		[KO_LANG_EN] = " %s: not estimable, separation: the outcome "
			"is (almost) perfectly predicted at this level, so the "
			"maximum-likelihood odds ratio runs off to 0 or infinity and its "
			"CI and p, and the term's joint test, mean nothing (consider "
			"estimator = firth, or merging levels).",
		[KO_LANG_FI] = " %s: ei estimoitavissa, separaatio: vaste "
			"ennustuu tässä luokassa (lähes) täydellisesti, joten suurimman "
			"uskottavuuden vetosuhde karkaa nollaan tai äärettömään, eikä sen "
			"luottamusväli ja p-arvo tai muuttujan yhteinen testi ole "
			"tulkittavissa (harkitse asetusta estimator = firth tai luokkien "
			"yhdistämistä).",
		[KO_LANG_SV] = " %s: ej skattbar, separation: utfallet "
			"förutsägs (nästan) perfekt på denna nivå, så att "
			"skattningen av oddskvoten med maximal likelihood går mot 0 eller "
			"oändligheten och dess KI och p, liksom termens gemensamma test, "
			"saknar mening (överväg estimator = firth eller att slå samman "
			"nivåer).",
	},
	[KO_MSG_FOOT_ALIASED] = {
		[KO_LANG_EN] = " %s: not estimable, aliased: linearly "
			"dependent on other terms of the model (R's NA).",
		[KO_LANG_FI] = " %s: ei estimoitavissa, kollineaarinen: "
			"lineaarisesti riippuvainen mallin muista termeistä (R:n NA).",
		[KO_LANG_SV] = " %s: ej skattbar, aliaserad: linjärt beroende "
			"av modellens övriga termer (NA i R).",
	},
	[KO_MSG_FOOT_PAF] = {
		[KO_LANG_EN] = " Attributable fraction: the share of the events "
			"that would not occur with everyone at the reference level of %s "
			"(1 minus the standardised risk at the reference over the "
			"observed risk), delta-method CI on log(1 - PAF); attributable "
			"cases: the fraction times the model's events.",
		[KO_LANG_FI] = " Väestösyyosuus: se osuus tapauksista, jota ei "
			"syntyisi, jos kaikki olisivat muuttujan %s vertailuluokassa (1 "
			"miinus vertailuluokan vakioidun riskin ja havaitun riskin suhde), "
			"luottamusväli delta-menetelmällä log(1 - PAF):n asteikolla; "
			"altisteeseen liitettävät tapaukset: osuus kerrottuna mallin "
			"tapausten määrällä.",
		[KO_LANG_SV] = " Populationsattributiv andel: den andel av fallen "
			"som inte skulle inträffa om alla var på referensnivån av %s (1 "
			"minus kvoten mellan den standardiserade risken på referensnivån "
			"och den observerade risken), KI med deltametoden på "
			"log(1 - PAF); attributiva fall: andelen gånger modellens antal "
			"fall.",
	},
	[KO_MSG_FOOT_POPULATION_AVAILABLE] = {
		[KO_LANG_EN] = " Persons and events: everyone of the cohort "
			"(subgroup, stratum) at the level, as Table 1 counts them, whatever "
			"their other values. Adjusted estimates: of those with every model "
			"variable known; crude: of everyone with the outcome and the "
			"exposure known (the persons and events shown). Not in the model: "
			"those left out of the adjusted model for a missing value.",
		[KO_LANG_FI] = " Henkilöt ja tapaukset: kaikki kohortin "
			"(osaryhmän, ositteen) henkilöt luokassa kuten taulukossa 1, muista "
			"tiedoista riippumatta. Vakioidut estimaatit on laskettu "
			"henkilöistä, joiden kaikki mallin muuttujat tunnetaan, "
			"vakioimattomat kaikista, joiden vaste ja altiste tunnetaan "
			"(näytetyt henkilöt ja tapaukset). Ei mallissa: puuttuvan tiedon "
			"vuoksi vakioidusta mallista pois jääneet.",
		[KO_LANG_SV] = " Personer och fall: alla i kohorten "
			"(undergruppen, stratumet) på nivån, räknade som i tabell 1, oavsett "
			"deras övriga värden. De justerade skattningarna gäller dem som har "
			"alla modellens variabler kända, de ojusterade alla med utfall och "
			"exponering kända (de personer och fall som visas). Inte i "
			"modellen: de som utelämnats ur den justerade modellen för ett "
			"saknat värde.",
	},
	[KO_MSG_FOOT_CRUDE_AVAILABLE] = {
		[KO_LANG_EN] = " Crude estimates: of everyone with the outcome and the "
			"exposure known, shown where they are the persons in the model.",
		[KO_LANG_FI] = " Vakioimattomat estimaatit on laskettu kaikista, "
			"joiden vaste ja altiste tunnetaan; ne näytetään, kun nämä ovat "
			"mallin henkilöt.",
		[KO_LANG_SV] = " De ojusterade skattningarna gäller alla med utfall "
			"och exponering kända; de visas där dessa är personerna i modellen.",
	},

	[KO_MSG_FOREST_AXIS] = {
		[KO_LANG_EN] = "Adjusted odds ratio (log scale)",
		[KO_LANG_FI] = "Vakioitu vetosuhde (logaritminen asteikko)",
		[KO_LANG_SV] = "Justerad oddskvot (logaritmisk skala)",
	},
	[KO_MSG_FOREST_SEPARATED] = {
		[KO_LANG_EN] = "%s not estimable: separation (the odds "
			"ratio runs off to 0 or infinity)",
		[KO_LANG_FI] = "%s ei estimoitavissa: separaatio "
			"(vetosuhde karkaa nollaan tai äärettömään)",
		[KO_LANG_SV] = "%s ej skattbar: separation (oddskvoten "
			"går mot 0 eller oändligheten)",
	},
	[KO_MSG_FOREST_ALIASED] = {
		[KO_LANG_EN] = "%s not estimable: aliased (linearly "
			"dependent on other terms)",
		[KO_LANG_FI] = "%s ei estimoitavissa: kollineaarinen "
			"(lineaarisesti riippuvainen muista termeistä)",
		[KO_LANG_SV] = "%s ej skattbar: aliaserad (linjärt beroende "
			"av andra termer)",
	},
	[KO_MSG_FOREST_BOTH] = {
		[KO_LANG_EN] = "%s not estimable: separation; %s not "
			"estimable: aliased",
		[KO_LANG_FI] = "%s ei estimoitavissa: separaatio; %s ei "
			"estimoitavissa: kollineaarinen",
		[KO_LANG_SV] = "%s ej skattbar: separation; %s ej skattbar: "
			"aliaserad",
	},

	[KO_MSG_HTML_STUDY] = {
		[KO_LANG_EN] = "Study",
		[KO_LANG_FI] = "Tutkimus",
		[KO_LANG_SV] = "Studie",
	},
	[KO_MSG_HTML_THRESHOLD] = {
		[KO_LANG_EN] = "disclosure threshold %d",
		[KO_LANG_FI] = "tietosuojan kynnysarvo %d",
		[KO_LANG_SV] = "tröskelvärde för röjandekontroll %d",
	},
	[KO_MSG_HTML_TABLE1] = {
		[KO_LANG_EN] = "Table 1: characteristics",
		[KO_LANG_FI] = "Taulukko 1: taustatiedot",
		[KO_LANG_SV] = "Tabell 1: egenskaper",
	},
	[KO_MSG_HTML_T1_EXPOSURE] = {
		[KO_LANG_EN] = "Characteristics by exposure",
		[KO_LANG_FI] = "Taustatiedot altisteen mukaan",
		[KO_LANG_SV] = "Egenskaper efter exponering",
	},
	[KO_MSG_HTML_MODELS] = {
		[KO_LANG_EN] = "Models",
		[KO_LANG_FI] = "Mallit",
		[KO_LANG_SV] = "Modeller",
	},
	[KO_MSG_HTML_REGIONAL] = {
		[KO_LANG_EN] = "Regional table",
		[KO_LANG_FI] = "Alueittainen taulukko",
		[KO_LANG_SV] = "Regional tabell",
	},
	[KO_MSG_HTML_WARNINGS] = {
		[KO_LANG_EN] = "Warnings",
		[KO_LANG_FI] = "Varoitukset",
		[KO_LANG_SV] = "Varningar",
	},
	[KO_MSG_HTML_METHODS] = {
		[KO_LANG_EN] = "Methods",
		[KO_LANG_FI] = "Menetelmät",
		[KO_LANG_SV] = "Metoder",
	},
	[KO_MSG_HTML_FLOW_CAPTION] = {
		[KO_LANG_EN] = "Figure 1. Cohort flow: persons remaining "
			"after each rule and persons excluded by it.",
		[KO_LANG_FI] = "Kuvio 1. Kohortin muodostuminen: kunkin "
			"ehdon jälkeen jäljelle jääneet ja sen perusteella poissuljetut "
			"henkilöt.",
		[KO_LANG_SV] = "Figur 1. Kohortens flödesschema: personer "
			"som återstår efter varje regel och personer som exkluderas av "
			"den.",
	},
	[KO_MSG_HTML_FOREST_CAPTION] = {
		[KO_LANG_EN] = "Adjusted odds ratios with %s%% "
			"confidence intervals (log scale); suppressed levels are not "
			"drawn.",
		[KO_LANG_FI] = "Vakioidut vetosuhteet ja niiden %s %%:n "
			"luottamusvälit (logaritminen asteikko); peitettyjä luokkia ei "
			"ole piirretty.",
		[KO_LANG_SV] = "Justerade oddskvoter med %s %% "
			"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	},
	[KO_MSG_FOOT_MODEL_RR] = {
		[KO_LANG_EN] = "Crude: one model per exposure. Adjusted: all "
			"terms together. RR: risk ratio with %s%% confidence interval; ",
		[KO_LANG_FI] = "Vakioimaton: kukin altiste omassa mallissaan. "
			"Vakioitu: kaikki termit samassa mallissa. RR: riskisuhde ja sen "
			"%s %%:n luottamusväli; ",
		[KO_LANG_SV] = "Ojusterad: en modell per exponering. Justerad: "
			"alla termer i samma modell. RR: riskkvot med %s %% "
			"konfidensintervall; ",
	},
	[KO_MSG_FOOT_MODEL_HR] = {
		[KO_LANG_EN] = "Crude: one model per exposure. Adjusted: all "
			"terms together. HR: hazard ratio with %s%% confidence interval; ",
		[KO_LANG_FI] = "Vakioimaton: kukin altiste omassa mallissaan. "
			"Vakioitu: kaikki termit samassa mallissa. HR: hasardisuhde ja "
			"sen %s %%:n luottamusväli; ",
		[KO_LANG_SV] = "Ojusterad: en modell per exponering. Justerad: "
			"alla termer i samma modell. HR: hasardkvot med %s %% "
			"konfidensintervall; ",
	},
	[KO_MSG_FOOT_MODEL_IRR] = {
		[KO_LANG_EN] = "Crude: one model per exposure. Adjusted: all "
			"terms together. IRR: incidence rate ratio with %s%% confidence "
			"interval; ",
		[KO_LANG_FI] = "Vakioimaton: kukin altiste omassa mallissaan. "
			"Vakioitu: kaikki termit samassa mallissa. IRR: "
			"ilmaantuvuustiheyksien suhde ja sen %s %%:n luottamusväli; ",
		[KO_LANG_SV] = "Ojusterad: en modell per exponering. Justerad: "
			"alla termer i samma modell. IRR: incidenskvot med %s %% "
			"konfidensintervall; ",
	},
	[KO_MSG_FOREST_AXIS_RR] = {
		[KO_LANG_EN] = "Adjusted risk ratio (log scale)",
		[KO_LANG_FI] = "Vakioitu riskisuhde (logaritminen asteikko)",
		[KO_LANG_SV] = "Justerad riskkvot (logaritmisk skala)",
	},
	[KO_MSG_FOREST_AXIS_HR] = {
		[KO_LANG_EN] = "Adjusted hazard ratio (log scale)",
		[KO_LANG_FI] = "Vakioitu hasardisuhde (logaritminen asteikko)",
		[KO_LANG_SV] = "Justerad hasardkvot (logaritmisk skala)",
	},
	[KO_MSG_FOREST_AXIS_IRR] = {
		[KO_LANG_EN] = "Adjusted incidence rate ratio (log scale)",
		[KO_LANG_FI] = "Vakioitu ilmaantuvuustiheyksien suhde "
			"(logaritminen asteikko)",
		[KO_LANG_SV] = "Justerad incidenskvot (logaritmisk skala)",
	},
	[KO_MSG_HTML_FOREST_CAPTION_RR] = {
		[KO_LANG_EN] = "Adjusted risk ratios with %s%% "
			"confidence intervals (log scale); suppressed levels are not "
			"drawn.",
		[KO_LANG_FI] = "Vakioidut riskisuhteet ja niiden %s "
			"%%:n luottamusvälit (logaritminen asteikko); peitettyjä luokkia "
			"ei ole piirretty.",
		[KO_LANG_SV] = "Justerade riskkvoter med %s %% "
			"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	},
	[KO_MSG_HTML_FOREST_CAPTION_HR] = {
		[KO_LANG_EN] = "Adjusted hazard ratios with %s%% "
			"confidence intervals (log scale); suppressed levels are not "
			"drawn.",
		[KO_LANG_FI] = "Vakioidut hasardisuhteet ja niiden %s "
			"%%:n luottamusvälit (logaritminen asteikko); peitettyjä luokkia "
			"ei ole piirretty.",
		[KO_LANG_SV] = "Justerade hasardkvoter med %s %% "
			"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	},
	[KO_MSG_HTML_FOREST_CAPTION_IRR] = {
		[KO_LANG_EN] = "Adjusted incidence rate ratios with "
			"%s%% confidence intervals (log scale); suppressed levels are "
			"not drawn.",
		[KO_LANG_FI] = "Vakioidut ilmaantuvuustiheyksien "
			"suhteet ja niiden %s %%:n luottamusvälit (logaritminen "
			"asteikko); peitettyjä luokkia ei ole piirretty.",
		[KO_LANG_SV] = "Justerade incidenskvoter med %s %% "
			"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	},

	[KO_MSG_FU_TITLE] = {
		[KO_LANG_EN] = "Follow-up: how it ended",
		[KO_LANG_FI] = "Seurannan päättyminen",
		[KO_LANG_SV] = "Uppföljningens slut",
	},
	[KO_MSG_FU_STUB] = {
		[KO_LANG_EN] = "End of follow-up",
		[KO_LANG_FI] = "Seurannan päättymisen syy",
		[KO_LANG_SV] = "Orsak till uppföljningens slut",
	},
	[KO_MSG_FU_CHILDREN] = {
		[KO_LANG_EN] = "Children",
		[KO_LANG_FI] = "Lapsia",
		[KO_LANG_SV] = "Barn",
	},
	[KO_MSG_FU_PERSON_YEARS] = {
		[KO_LANG_EN] = "Person-years",
		[KO_LANG_FI] = "Henkilövuosia",
		[KO_LANG_SV] = "Personår",
	},
	[KO_MSG_FU_EVENT] = {
		[KO_LANG_EN] = "Event: %s",
		[KO_LANG_FI] = "Tapahtuma: %s",
		[KO_LANG_SV] = "Händelse: %s",
	},
	[KO_MSG_FU_EVENT_NONE] = {
		[KO_LANG_EN] = "none defined",
		[KO_LANG_FI] = "ei määritelty",
		[KO_LANG_SV] = "ingen definierad",
	},
	[KO_MSG_FU_DEATH] = {
		[KO_LANG_EN] = "Death",
		[KO_LANG_FI] = "Kuolema",
		[KO_LANG_SV] = "Död",
	},
	[KO_MSG_FU_EMIGRATION] = {
		[KO_LANG_EN] = "Emigration",
		[KO_LANG_FI] = "Maastamuutto",
		[KO_LANG_SV] = "Utvandring",
	},
	[KO_MSG_FU_END_AGE] = {
		[KO_LANG_EN] = "Censored: age %d",
		[KO_LANG_FI] = "Sensuroitu: ikä %d",
		[KO_LANG_SV] = "Censurerad: ålder %d",
	},
	[KO_MSG_FU_END_DATA] = {
		[KO_LANG_EN] = "Censored: end of data",
		[KO_LANG_FI] = "Sensuroitu: aineiston loppu",
		[KO_LANG_SV] = "Censurerad: slutet av data",
	},
	[KO_MSG_FU_TOTAL] = {
		[KO_LANG_EN] = "Total",
		[KO_LANG_FI] = "Yhteensä",
		[KO_LANG_SV] = "Totalt",
	},
	[KO_MSG_FU_FOOTNOTE] = {
		[KO_LANG_EN] = "Person-years: days from entry to exit / 365.25. "
			"Each child exits at the first of the event, death, emigration, "
			"the end age and the end of data.",
		[KO_LANG_FI] = "Henkilövuodet: päivät seurannan alusta sen "
			"loppuun / 365,25. Kunkin lapsen seuranta päättyy ensimmäiseen "
			"seuraavista: tapahtuma, kuolema, maastamuutto, seurannan "
			"yläikäraja ja aineiston loppu.",
		[KO_LANG_SV] = "Personår: dagar från uppföljningens början till "
			"dess slut / 365,25. Varje barns uppföljning slutar vid det första "
			"av händelsen, död, utvandring, slutåldern och slutet av data.",
	},

	[KO_MSG_W_MODEL] = {
		[KO_LANG_EN] = "Model ",
		[KO_LANG_FI] = "Malli ",
		[KO_LANG_SV] = "Modell ",
	},
	[KO_MSG_W_NOT_FITTED] = {
		[KO_LANG_EN] = ": the adjusted model could not be fitted",
		[KO_LANG_FI] = ": vakioitua mallia ei voitu sovittaa",
		[KO_LANG_SV] = ": den justerade modellen kunde inte skattas",
	},
	[KO_MSG_W_NO_TABLE] = {
		[KO_LANG_EN] = "; no table.",
		[KO_LANG_FI] = "; ei taulukkoa.",
		[KO_LANG_SV] = "; ingen tabell.",
	},
	[KO_MSG_W_TOO_FEW] = {
		[KO_LANG_EN] = ": no table: too few persons or events to publish "
			"under the disclosure rule.",
		[KO_LANG_FI] = ": ei taulukkoa: henkilöitä tai tapauksia on liian "
			"vähän julkaistavaksi tietosuojasäännön mukaan.",
		[KO_LANG_SV] = ": ingen tabell: för få personer eller fall för att "
			"publiceras enligt röjanderegeln.",
	},
	[KO_MSG_W_SEPARATION] = {
		[KO_LANG_EN] = "separation (the odds ratio runs off to 0 or "
			"infinity)",
		[KO_LANG_FI] = "separaatio (vetosuhde karkaa nollaan tai "
			"äärettömään)",
		[KO_LANG_SV] = "separation (oddskvoten går mot 0 eller "
			"oändligheten)",
	},
	[KO_MSG_W_ALIASED] = {
		[KO_LANG_EN] = "aliased (linearly dependent on other terms)",
		[KO_LANG_FI] = "kollineaarinen (lineaarisesti riippuvainen muista "
			"termeistä)",
		[KO_LANG_SV] = "aliaserad (linjärt beroende av andra termer)",
	},
	[KO_MSG_W_NOT_ESTIMABLE] = {
		[KO_LANG_EN] = ": not estimable, ",
		[KO_LANG_FI] = ": ei estimoitavissa, ",
		[KO_LANG_SV] = ": ej skattbar, ",
	},
	[KO_MSG_W_DASH_TERM] = {
		[KO_LANG_EN] = "; shown as a dash, as is its term's joint test.",
		[KO_LANG_FI] = "; näytetään viivana, samoin muuttujan yhteinen "
			"testi.",
		[KO_LANG_SV] = "; visas som ett streck, liksom termens "
			"gemensamma test.",
	},
	[KO_MSG_W_DASH] = {
		[KO_LANG_EN] = "; shown as a dash.",
		[KO_LANG_FI] = "; näytetään viivana.",
		[KO_LANG_SV] = "; visas som ett streck.",
	},

	[KO_MSG_CI_TITLE] = {
		[KO_LANG_EN] = "Cumulative incidence of %s by %s",
		[KO_LANG_FI] = "%s: kumulatiivinen ilmaantuvuus (%s)",
		[KO_LANG_SV] = "Kumulativ incidens av %s efter %s",
	},
	[KO_MSG_CI_STEPS_TITLE] = {
		[KO_LANG_EN] = "Cumulative incidence of %s by %s: the steps of the figure",
		[KO_LANG_FI] = "%s: kumulatiivinen ilmaantuvuus (%s), kuvan portaat",
		[KO_LANG_SV] = "Kumulativ incidens av %s efter %s: figurens steg",
	},
	[KO_MSG_CI_X] = {
		[KO_LANG_EN] = "Age, years",
		[KO_LANG_FI] = "Ik\xc3\xa4, vuotta",
		[KO_LANG_SV] = "\xc3\x85lder, \xc3\xa5r",
	},
	[KO_MSG_CI_Y] = {
		[KO_LANG_EN] = "Cumulative incidence, %%",
		[KO_LANG_FI] = "Kumulatiivinen ilmaantuvuus, %%",
		[KO_LANG_SV] = "Kumulativ incidens, %%",
	},
	[KO_MSG_CI_AT_RISK] = {
		[KO_LANG_EN] = "Number at risk",
		[KO_LANG_FI] = "Riskiss\xc3\xa4, n",
		[KO_LANG_SV] = "Antal i risk",
	},
	[KO_MSG_CI_COL] = {
		[KO_LANG_EN] = "Cumulative incidence, %% (95%% CI)",
		[KO_LANG_FI] = "Kumulatiivinen ilmaantuvuus, %% (95 %%:n lv)",
		[KO_LANG_SV] = "Kumulativ incidens, %% (95 %% KI)",
	},
	[KO_MSG_CI_COL_RISK] = {
		[KO_LANG_EN] = "At risk, n",
		[KO_LANG_FI] = "Riskiss\xc3\xa4, n",
		[KO_LANG_SV] = "I risk, n",
	},
	[KO_MSG_CI_AGE] = {
		[KO_LANG_EN] = "Age %s",
		[KO_LANG_FI] = "Ik\xc3\xa4 %s",
		[KO_LANG_SV] = "\xc3\x85lder %s",
	},
	[KO_MSG_CI_COL_AGE] = {
		[KO_LANG_EN] = "Age, years",
		[KO_LANG_FI] = "Ik\xc3\xa4, vuotta",
		[KO_LANG_SV] = "\xc3\x85lder, \xc3\xa5r",
	},
	[KO_MSG_CI_AJ] = {
		[KO_LANG_EN] = "Aalen\xe2\x80\x93Johansen estimate with death as a competing event, 95%% CI",
		[KO_LANG_FI] = "Aalen\xe2\x80\x93Johansen-estimaatti, kuolema kilpailevana tapahtumana, 95 %%:n lv",
		[KO_LANG_SV] = "Aalen\xe2\x80\x93Johansen-skattning med d\xc3\xb6" "d som konkurrerande h\xc3\xa4ndelse, 95 %% KI",
	},
	[KO_MSG_CI_KM] = {
		[KO_LANG_EN] = "1 \xe2\x88\x92 Kaplan\xe2\x80\x93Meier estimate, 95%% CI",
		[KO_LANG_FI] = "1 \xe2\x88\x92 Kaplan\xe2\x80\x93Meier-estimaatti, 95 %%:n lv",
		[KO_LANG_SV] = "1 \xe2\x88\x92 Kaplan\xe2\x80\x93Meier-skattning, 95 %% KI",
	},
	[KO_MSG_CI_GRAY] = {
		[KO_LANG_EN] = "Gray's test between the levels: p %s",
		[KO_LANG_FI] = "Grayn testi tasojen v\xc3\xa4lill\xc3\xa4: p %s",
		[KO_LANG_SV] = "Grays test mellan niv\xc3\xa5" "erna: p %s",
	},
	[KO_MSG_CI_LOGRANK] = {
		[KO_LANG_EN] = "log-rank test between the levels: p %s",
		[KO_LANG_FI] = "log-rank-testi tasojen v\xc3\xa4lill\xc3\xa4: p %s",
		[KO_LANG_SV] = "log-rank-test mellan niv\xc3\xa5" "erna: p %s",
	},
	[KO_MSG_CI_NO_TEST] = {
		[KO_LANG_EN] = "no test between the levels (follow-up starts after birth)",
		[KO_LANG_FI] = "ei testi\xc3\xa4 tasojen v\xc3\xa4lill\xc3\xa4 (seuranta alkaa syntym\xc3\xa4n j\xc3\xa4lkeen)",
		[KO_LANG_SV] = "inget test mellan niv\xc3\xa5" "erna (uppf\xc3\xb6ljningen b\xc3\xb6rjar efter f\xc3\xb6" "delsen)",
	},
	[KO_MSG_CI_PROTECT] = {
		[KO_LANG_EN] = "The curves step only on a %s-year age grid, once at least %d events have occurred since the last step; the last step holds every later event, and a level is drawn only where Table 1 shows its events; numbers at risk are rounded to the nearest 10.",
		[KO_LANG_FI] = "K\xc3\xa4yr\xc3\xa4t nousevat vain %s vuoden ik\xc3\xa4v\xc3\xa4lein ja vasta, kun edellisest\xc3\xa4 portaasta on kertynyt v\xc3\xa4hint\xc3\xa4\xc3\xa4n %d tapahtumaa; viimeinen porras sis\xc3\xa4lt\xc3\xa4\xc3\xa4 kaikki my\xc3\xb6hemm\xc3\xa4t tapahtumat, ja ryhm\xc3\xa4n k\xc3\xa4yr\xc3\xa4 piirret\xc3\xa4\xc3\xa4n vain, jos taulukko 1 n\xc3\xa4ytt\xc3\xa4\xc3\xa4 sen tapahtumat; riskiss\xc3\xa4 olevien m\xc3\xa4\xc3\xa4r\xc3\xa4t on py\xc3\xb6ristetty l\xc3\xa4himpiin kymmeniin.",
		[KO_LANG_SV] = "Kurvorna stiger endast p\xc3\xa5 ett \xc3\xa5ldersrutn\xc3\xa4t om %s \xc3\xa5r och f\xc3\xb6rst n\xc3\xa4r minst %d h\xc3\xa4ndelser har intr\xc3\xa4" "ffat sedan f\xc3\xb6reg\xc3\xa5" "ende steg; det sista steget rymmer alla senare h\xc3\xa4ndelser, och en niv\xc3\xa5 ritas bara d\xc3\xa4r tabell 1 visar dess h\xc3\xa4ndelser; antal i risk \xc3\xa4r avrundade till n\xc3\xa4rmaste tiotal.",
	},

	[KO_MSG_RATE_HEAD] = {
		[KO_LANG_EN] = "Rate per 1,000 person-years (%s)",
		[KO_LANG_FI] = "Ilmaantuvuus 1 000 henkilövuotta kohden (%s)",
		[KO_LANG_SV] = "Incidens per 1 000 personår (%s)",
	},
	[KO_MSG_FOOT_RATE] = {
		[KO_LANG_EN] = " Person-years: the follow-up of the level's persons (years); rate: its events per 1,000 person-years with the exact Poisson CI. Person-years are hidden where the persons are, the rate where the persons or events are.",
		[KO_LANG_FI] = " Henkilövuodet: luokan henkilöiden seuranta-aika (vuotta); ilmaantuvuus: sen tapahtumat 1 000 henkilövuotta kohden tarkalla Poisson-luottamusvälillä. Henkilövuodet piilotetaan, missä henkilömäärä on piilotettu, ilmaantuvuus, missä henkilö- tai tapahtumamäärä on.",
		[KO_LANG_SV] = " Personår: nivåns personers uppföljningstid (år); incidens: dess händelser per 1 000 personår med exakt Poissonkonfidensintervall. Personår döljs där antalet personer är dolt, incidensen där personer eller händelser är det.",
	},
	[KO_MSG_TERM_AGE_BAND] = {
		[KO_LANG_EN] = "Age band (from age, years)",
		[KO_LANG_FI] = "Ikäryhmä (iästä alkaen, vuotta)",
		[KO_LANG_SV] = "Åldersband (från ålder, år)",
	},
	[KO_MSG_TERM_PERIOD] = {
		[KO_LANG_EN] = "Calendar period (from)",
		[KO_LANG_FI] = "Kalenterijakso (alkaen)",
		[KO_LANG_SV] = "Kalenderperiod (från)",
	},
	[KO_MSG_FOOT_LINKAGE] = {
		[KO_LANG_EN] = "A link that fails a rule is dropped; the child keeps its other parent.",
		[KO_LANG_FI] = "Jos linkki ei täytä jotakin ehtoa, se hylätään; lapsen linkki toiseen vanhempaan säilyy.",
		[KO_LANG_SV] = "En länk som inte uppfyller ett villkor tas bort; barnets länk till den andra föräldern behålls.",
	},
	[KO_MSG_FOOT_TIME_VARYING] = {
		[KO_LANG_EN] = " A time-varying term's levels: its persons are those followed at the level at some age (a person passes through several levels, so they do not sum to the model's persons, and events have no percentage); its events and person-years are those of the time spent at the level.",
		[KO_LANG_FI] = " Aikariippuvan muuttujan luokat: henkilöt ovat ne, joita seurattiin luokassa jossakin iässä (henkilö kulkee usean luokan läpi, joten luokkien henkilömäärät eivät summaudu mallin henkilömäärään eikä tapahtumilla ole prosenttia); tapahtumat ja henkilövuodet ovat luokassa vietetyn ajan.",
		[KO_LANG_SV] = " En tidsberoende variabels nivåer: personerna är de som följdes upp på nivån vid någon ålder (en person passerar flera nivåer, så de summeras inte till modellens personer, och händelserna har ingen procentandel); händelser och personår är tidens på nivån.",
	},
};
