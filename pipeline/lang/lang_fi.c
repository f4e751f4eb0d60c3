/* Finnish (suomi): the report's fixed texts (lang.h, lang_en.c). */
#include "lang.h"

const char *const ko_lang_fi[KO_MSG_COUNT] = {
	[KO_MSG_NO] = "Ei",
	[KO_MSG_YES] = "Kyllä",
	[KO_MSG_MISSING] = "Puuttuu",
	[KO_MSG_MEAN_SD] = "Keskiarvo (SD)",
	[KO_MSG_MEDIAN_IQR] = "Mediaani (kvartiiliväli)",
	[KO_MSG_CHARACTERISTIC] = "Muuttuja",
	[KO_MSG_OVERALL] = "Kaikki",
	[KO_MSG_PERSONS_N] = "Henkilöitä, n",
	[KO_MSG_T1_TITLE_BY] = "Kohortin taustatiedot muuttujan %s mukaan",
	[KO_MSG_T1_TITLE] = "Kohortin taustatiedot",
	[KO_MSG_T1_FOOTNOTE] = "n (%) sarakkeen henkilöistä (puuttuvat mukaan lukien); keskiarvo "
		"(SD); mediaani (kvartiiliväli: alakvartiilista yläkvartiiliin).",
	[KO_MSG_T1_FOOT_TESTS] = " SMD: vakioitu keskiarvojen erotus (yli kahden ryhmän "
		"kohdalla parittaisten SMD-arvojen keskiarvo). p: Pearsonin "
		"khiin neliö -testi (luokitellut muuttujat) tai Welchin testi "
		"(jatkuvat muuttujat); puuttuvat arvot eivät ole mukana "
		"SMD-arvoissa eivätkä testeissä.",
	[KO_MSG_T1_FOOT_HIDDEN] = " Sarakkeita muuttujan %s mukaan ei näytetä: jonkin "
		"ryhmän koko pitäisi peittää.",

	[KO_MSG_REF] = " (vertailu)",
	[KO_MSG_RANGE_TO] = "…",
	[KO_MSG_SUPP_NOTE] = "<%d: alle %d henkilöä; %s: peitetty, jotta pientä lukua ei voi "
		"päätellä muista.",

	[KO_MSG_COHORT_FLOW] = "Kohortin muodostuminen",
	[KO_MSG_FLOW_BASE] = "lapset aineistossa %s",
	[KO_MSG_STEP] = "Vaihe",
	[KO_MSG_REMAINING] = "Jäljellä",
	[KO_MSG_EXCLUDED] = "Poissuljetut",
	[KO_MSG_N_SUPPRESSED] = "n peitetty",
	[KO_MSG_NOT_RULE] = "Ei täytä ehtoa: %s",
	[KO_MSG_FLOW_FOOTNOTE] = "Kutakin ehtoa sovelletaan henkilöihin, jotka "
		"ovat jäljellä sitä edeltävien ehtojen jälkeen. Jos pieni "
		"poissuljettujen määrä on peitetty, myös sen ja viereisen vaiheen "
		"väliset luvut on peitetty, jotta peitettyä lukua ei voi päätellä "
		"muista.",

	[KO_MSG_PARENT_LINKAGE] = "Vanhempien linkitys",
	[KO_MSG_LINK] = "Linkitys",
	[KO_MSG_MOTHER] = "Äiti",
	[KO_MSG_FATHER] = "Isä",
	[KO_MSG_CHILDREN_BASE] = "Lapsia perusaineistossa",
	[KO_MSG_CHILDREN_COHORT] = "Lapsia kohortissa",
	[KO_MSG_LINK_OK] = "Linkitetty",
	[KO_MSG_LINK_NO_ID] = "Vanhemman tunnus puuttuu syntymätiedoista",
	[KO_MSG_LINK_NOT_IN_POPULATION] = "Tunnusta ei löydy väestöaineistosta",
	[KO_MSG_LINK_TOO_YOUNG] = "Vanhempi liian nuori lapsen syntyessä",
	[KO_MSG_LINK_TOO_OLD] = "Vanhempi liian vanha lapsen syntyessä",
	[KO_MSG_LINK_DEAD_BEFORE_BIRTH] = "Vanhempi kuollut ennen lapsen "
		"syntymää",

	[KO_MSG_REGIONAL_TITLE] = "Kohortti muuttujan %s mukaan",
	[KO_MSG_PERSONS] = "Henkilöitä",
	[KO_MSG_EXPOSED] = "Altistuneita",
	[KO_MSG_EVENTS] = "Tapauksia",
	[KO_MSG_ALL] = "Yhteensä",
	[KO_MSG_REGIONAL_FOOTNOTE] = "Altistuneet ja tapaukset: n (%) rivin "
		"henkilöistä.",

	[KO_MSG_MODEL] = "malli",
	[KO_MSG_CI] = "%s %%:n lv",
	[KO_MSG_EVENTS_N_PCT] = "Tapauksia, n (%)",
	[KO_MSG_CRUDE] = "Vakioimaton",
	[KO_MSG_ADJUSTED] = "Vakioitu",
	[KO_MSG_ADJUSTED_RR] = "Vakioitu RR",
	[KO_MSG_ADJUSTED_RD] = "Vakioitu RD",
	[KO_MSG_OR_HEAD] = "OR (%s)",
	[KO_MSG_RR_HEAD] = "RR (%s)",
	[KO_MSG_RD_HEAD] = "RD, prosenttiyksikköä (%s)",
	[KO_MSG_PERSONS_IN_MODEL] = "Henkilöitä mallissa",
	[KO_MSG_AUC] = "AUC (%s)",
	[KO_MSG_PAF] = "Väestösyyosuus, %% (%s)",
	[KO_MSG_ATTRIBUTABLE_CASES] = "Altisteeseen liitettäviä tapauksia, "
		"n (%s)",
	[KO_MSG_FOOT_MODEL] = "Vakioimaton: kukin altiste omassa mallissaan. "
		"Vakioitu: kaikki termit samassa mallissa. OR: vetosuhde ja sen "
		"%s %%:n luottamusväli; ",
	[KO_MSG_FOOT_RR] = "RR: vakioitu riskisuhde modifioidulla "
		"Poisson-regressiolla (log-linkki, robusti keskivirhe; Zou 2004); ",
	[KO_MSG_FOOT_RD] = "RD: vakioitu riskiero prosenttiyksikköinä muuttujan "
		"%s luokille (vakioidun mallin marginaalinen standardointi: "
		"keskimääräinen ennustettu riski, kun kaikki ovat kyseisessä "
		"luokassa, vähennettynä riskillä, kun kaikki ovat "
		"vertailuluokassa; luottamusväli delta-menetelmällä); ",
	[KO_MSG_FOOT_P_EVENTS] = "p muuttujan rivillä: kaikkien sen luokkien "
		"yhteinen Waldin testi. Tapauksia: n (%%) luokan henkilöistä.",
	[KO_MSG_FOOT_SEPARATED] = " %s: ei estimoitavissa, separaatio: vaste "
		"ennustuu tässä luokassa (lähes) täydellisesti, joten suurimman "
		"uskottavuuden vetosuhde karkaa nollaan tai äärettömään, eikä sen "
		"luottamusväli ja p-arvo tai muuttujan yhteinen testi ole "
		"tulkittavissa (harkitse asetusta estimator = firth tai luokkien "
		"yhdistämistä).",
	[KO_MSG_FOOT_ALIASED] = " %s: ei estimoitavissa, kollineaarinen: "
		"lineaarisesti riippuvainen mallin muista termeistä (R:n NA).",
	[KO_MSG_FOOT_PAF] = " Väestösyyosuus: se osuus tapauksista, jota ei "
		"syntyisi, jos kaikki olisivat muuttujan %s vertailuluokassa (1 "
		"miinus vertailuluokan vakioidun riskin ja havaitun riskin suhde), "
		"luottamusväli delta-menetelmällä log(1 - PAF):n asteikolla; "
		"altisteeseen liitettävät tapaukset: osuus kerrottuna mallin "
		"tapausten määrällä.",

	[KO_MSG_FOREST_AXIS] = "Vakioitu vetosuhde (logaritminen asteikko)",
	[KO_MSG_FOREST_SEPARATED] = "%s ei estimoitavissa: separaatio "
		"(vetosuhde karkaa nollaan tai äärettömään)",
	[KO_MSG_FOREST_ALIASED] = "%s ei estimoitavissa: kollineaarinen "
		"(lineaarisesti riippuvainen muista termeistä)",
	[KO_MSG_FOREST_BOTH] = "%s ei estimoitavissa: separaatio; %s ei "
		"estimoitavissa: kollineaarinen",

	[KO_MSG_HTML_STUDY] = "Tutkimus",
	[KO_MSG_HTML_THRESHOLD] = "tietosuojan kynnysarvo %d",
	[KO_MSG_HTML_TABLE1] = "Taulukko 1: taustatiedot",
	[KO_MSG_HTML_T1_EXPOSURE] = "Taustatiedot altisteen mukaan",
	[KO_MSG_HTML_MODELS] = "Mallit",
	[KO_MSG_HTML_REGIONAL] = "Alueittainen taulukko",
	[KO_MSG_HTML_WARNINGS] = "Varoitukset",
	[KO_MSG_HTML_METHODS] = "Menetelmät",
	[KO_MSG_HTML_FLOW_CAPTION] = "Kuvio 1. Kohortin muodostuminen: kunkin "
		"ehdon jälkeen jäljelle jääneet ja sen perusteella poissuljetut "
		"henkilöt.",
	[KO_MSG_HTML_FOREST_CAPTION] = "Vakioidut vetosuhteet ja niiden %s %%:n "
		"luottamusvälit (logaritminen asteikko); peitettyjä luokkia ei "
		"ole piirretty.",
	[KO_MSG_FOOT_MODEL_RR] = "Vakioimaton: kukin altiste omassa mallissaan. "
		"Vakioitu: kaikki termit samassa mallissa. RR: riskisuhde ja sen "
		"%s %%:n luottamusväli; ",
	[KO_MSG_FOOT_MODEL_HR] = "Vakioimaton: kukin altiste omassa mallissaan. "
		"Vakioitu: kaikki termit samassa mallissa. HR: hasardisuhde ja "
		"sen %s %%:n luottamusväli; ",
	[KO_MSG_FOOT_MODEL_IRR] = "Vakioimaton: kukin altiste omassa mallissaan. "
		"Vakioitu: kaikki termit samassa mallissa. IRR: "
		"ilmaantuvuustiheyksien suhde ja sen %s %%:n luottamusväli; ",
	[KO_MSG_FOREST_AXIS_RR] = "Vakioitu riskisuhde (logaritminen asteikko)",
	[KO_MSG_FOREST_AXIS_HR] = "Vakioitu hasardisuhde (logaritminen asteikko)",
	[KO_MSG_FOREST_AXIS_IRR] = "Vakioitu ilmaantuvuustiheyksien suhde "
		"(logaritminen asteikko)",
	[KO_MSG_HTML_FOREST_CAPTION_RR] = "Vakioidut riskisuhteet ja niiden %s "
		"%%:n luottamusvälit (logaritminen asteikko); peitettyjä luokkia "
		"ei ole piirretty.",
	[KO_MSG_HTML_FOREST_CAPTION_HR] = "Vakioidut hasardisuhteet ja niiden %s "
		"%%:n luottamusvälit (logaritminen asteikko); peitettyjä luokkia "
		"ei ole piirretty.",
	[KO_MSG_HTML_FOREST_CAPTION_IRR] = "Vakioidut ilmaantuvuustiheyksien "
		"suhteet ja niiden %s %%:n luottamusvälit (logaritminen "
		"asteikko); peitettyjä luokkia ei ole piirretty.",
};
