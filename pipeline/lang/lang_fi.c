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
	[KO_MSG_T1_FOOT_SMD_ONLY] = " SMD: vakioitu keskiarvojen erotus (yli kahden "
		"ryhmän kohdalla parittaisten SMD-arvojen keskiarvo); puuttuvat arvot "
		"eivät ole mukana SMD-arvoissa.",
	[KO_MSG_T1_FOOT_P_ONLY] = " p: Pearsonin khiin neliö -testi (luokitellut "
		"muuttujat) tai Welchin testi (jatkuvat muuttujat); puuttuvat arvot "
		"eivät ole mukana testeissä.",
	[KO_MSG_T1_FOOT_HIDDEN] = " Sarakkeita muuttujan %s mukaan ei näytetä: jonkin "
		"ryhmän koko pitäisi peittää.",
	[KO_MSG_T1_FOOTNOTE_KNOWN] = "n (%) sarakkeen henkilöistä, joiden arvo "
		"tiedetään (Puuttuu: n); keskiarvo (SD); mediaani (kvartiiliväli: "
		"alakvartiilista yläkvartiiliin).",
	[KO_MSG_T1_FOOT_NOPCT] = " Prosenttia ei näytetä, kun sarakkeen puuttuvien "
		"määrä on peitetty.",
	[KO_MSG_T1_OR_MISSING] = "%s tai puuttuu",
	[KO_MSG_T1_FOOT_MERGED] = " \"%s\": ryhmä yhdessä niiden henkilöiden kanssa, joilta "
		"muuttuja %s puuttuu; heitä on liian vähän näytettäväksi erikseen.",
	[KO_MSG_T1_HEADER_N] = "%s, N = %s",

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
	[KO_MSG_MODEL_ALL_PERSONS] = "Kaikki henkilöt",
	[KO_MSG_NOT_IN_MODEL] = "Ei mallissa (puuttuvia tietoja)",
	[KO_MSG_FOOT_POPULATION] = " Henkilöt ja tapaukset: kaikki kohortin "
		"(osaryhmän, ositteen) henkilöt luokassa kuten taulukossa 1, muista "
		"tiedoista riippumatta; estimaatit on laskettu henkilöistä, joiden "
		"kaikki mallin muuttujat tunnetaan. Ei mallissa: puuttuvan tiedon "
		"vuoksi pois jääneet. Vakioimaton estimaatti näytetään vain, kun "
		"kaikki, joiden muuttujan arvo tunnetaan, ovat mallissa.",
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
	[KO_MSG_FOOT_POPULATION_AVAILABLE] = " Henkilöt ja tapaukset: kaikki kohortin "
		"(osaryhmän, ositteen) henkilöt luokassa kuten taulukossa 1, muista "
		"tiedoista riippumatta. Vakioidut estimaatit on laskettu "
		"henkilöistä, joiden kaikki mallin muuttujat tunnetaan, "
		"vakioimattomat kaikista, joiden vaste ja altiste tunnetaan "
		"(näytetyt henkilöt ja tapaukset). Ei mallissa: puuttuvan tiedon "
		"vuoksi vakioidusta mallista pois jääneet.",
	[KO_MSG_FOOT_CRUDE_AVAILABLE] = " Vakioimattomat estimaatit on laskettu kaikista, "
		"joiden vaste ja altiste tunnetaan; ne näytetään, kun nämä ovat "
		"mallin henkilöt.",

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

	[KO_MSG_FU_TITLE] = "Seurannan päättyminen",
	[KO_MSG_FU_STUB] = "Seurannan päättymisen syy",
	[KO_MSG_FU_CHILDREN] = "Lapsia",
	[KO_MSG_FU_PERSON_YEARS] = "Henkilövuosia",
	[KO_MSG_FU_EVENT] = "Tapahtuma: %s",
	[KO_MSG_FU_EVENT_NONE] = "ei määritelty",
	[KO_MSG_FU_DEATH] = "Kuolema",
	[KO_MSG_FU_EMIGRATION] = "Maastamuutto",
	[KO_MSG_FU_END_AGE] = "Sensuroitu: ikä %d",
	[KO_MSG_FU_END_DATA] = "Sensuroitu: aineiston loppu",
	[KO_MSG_FU_TOTAL] = "Yhteensä",
	[KO_MSG_FU_FOOTNOTE] = "Henkilövuodet: päivät seurannan alusta sen "
		"loppuun / 365,25. Kunkin lapsen seuranta päättyy ensimmäiseen "
		"seuraavista: tapahtuma, kuolema, maastamuutto, seurannan "
		"yläikäraja ja aineiston loppu.",

	[KO_MSG_W_MODEL] = "Malli ",
	[KO_MSG_W_NOT_FITTED] = ": vakioitua mallia ei voitu sovittaa",
	[KO_MSG_W_NO_TABLE] = "; ei taulukkoa.",
	[KO_MSG_W_TOO_FEW] = ": ei taulukkoa: henkilöitä tai tapauksia on liian "
		"vähän julkaistavaksi tietosuojasäännön mukaan.",
	[KO_MSG_W_SEPARATION] = "separaatio (vetosuhde karkaa nollaan tai "
		"äärettömään)",
	[KO_MSG_W_ALIASED] = "kollineaarinen (lineaarisesti riippuvainen muista "
		"termeistä)",
	[KO_MSG_W_NOT_ESTIMABLE] = ": ei estimoitavissa, ",
	[KO_MSG_W_DASH_TERM] = "; näytetään viivana, samoin muuttujan yhteinen "
		"testi.",
	[KO_MSG_W_DASH] = "; näytetään viivana.",

	[KO_MSG_M_FU_NONE] = "Seuranta-aikaa ei laskettu: kunkin vasteen "
		"tapahtumat laskettiin sen muuttujan omalta aikaväliltä riippumatta "
		"siitä, voitiinko lasta seurata koko välin ajan. ",
	[KO_MSG_M_FU_START] = "Seurannan alku: ",
	[KO_MSG_M_FU_BIRTHDAY] = "%d-vuotispäivä%s",
	[KO_MSG_M_FU_BIRTH] = "syntymä",
	[KO_MSG_M_FU_ENDED] = "; seuranta päättyi ensimmäiseen seuraavista: ",
	[KO_MSG_M_FU_EVENT] = "tapahtuma",
	[KO_MSG_M_FU_DEATH] = "kuolema, ",
	[KO_MSG_M_FU_EMIGRATION] = "maastamuutto, ",
	[KO_MSG_M_FU_END_DATA] = " ja aineiston loppu (%s)",
	[KO_MSG_M_FU_TAIL] = ". Lapset, jotka saavuttivat yläikärajan tai "
		"aineiston lopun, sensuroitiin siihen. Lapset, joiden "
		"päivämääristä ei saada seuranta-aikaa (alkupäivä puuttuu, "
		"seuranta päättyy ennen alkuaan tai tapahtuma on kuoleman tai "
		"maastamuuton jälkeen), suljettiin pois, ja heidät on laskettu "
		"kohortin muodostumiseen; seurantataulukko antaa seurannan "
		"päättymisen syyt. ",

	[KO_MSG_M_AGG_VALUE] = "kirjattu arvo:",
	[KO_MSG_M_AGG_ANY] = "onko kirjauksia:",
	[KO_MSG_M_AGG_COUNT] = "kirjausten määrä:",
	[KO_MSG_M_AGG_YEARS] = "niiden kalenterivuosien määrä, joina on "
		"kirjaus:",
	[KO_MSG_M_AGG_FIRST] = "ensimmäisen kirjauksen päivämäärä:",
	[KO_MSG_M_AGG_LAST] = "viimeisen kirjauksen päivämäärä:",
	[KO_MSG_M_AGG_SUM] = "summa:",
	[KO_MSG_M_AGG_MIN] = "pienin arvo:",
	[KO_MSG_M_AGG_MAX] = "suurin arvo:",
	[KO_MSG_M_AGG_MONTHS] = "merkittyjen kuukausien määrä:",
	[KO_MSG_M_AGG_YEARS_WITH] = "niiden vuosien määrä, joina on riittävästi "
		"merkittyjä kuukausia:",
	[KO_MSG_M_OF_MOTHER] = ", äidin tiedot",
	[KO_MSG_M_OF_FATHER] = ", isän tiedot",
	[KO_MSG_M_OF_PARENTS] = ", kumman tahansa vanhemman tiedot",
	[KO_MSG_M_WIN_AGE] = "%d–%d vuoden iässä",
	[KO_MSG_M_WIN_DAYS] = "%d–%d päivää syntymän jälkeen",
	[KO_MSG_M_WIN_DATES] = "%s–%s",
	[KO_MSG_M_WIN_BEFORE] = "ennen ajankohtaa: ",
	[KO_MSG_M_WIN_AFTER] = "jälkeen ajankohdan: ",
	[KO_MSG_M_COMPUTED_AS] = "laskettu kaavalla ",
	[KO_MSG_M_IN] = ", ",
	[KO_MSG_M_EXTRACT] = "rekisteripoiminta ",
	[KO_MSG_M_WITH_CODE] = ", kun koodi on ",
	[KO_MSG_M_IN_COLS] = " jossakin sarakkeista ",
	[KO_MSG_M_OP_IN] = "on jokin arvoista",
	[KO_MSG_M_OP_NOT_IN] = "ei ole mikään arvoista",
	[KO_MSG_M_OP_MISSING] = "puuttuu",
	[KO_MSG_M_OP_PRESENT] = "on annettu",
	[KO_MSG_M_AND] = " ja ",
	[KO_MSG_M_WHERE] = ", kun ",
	[KO_MSG_M_GROUPED_AS] = "; luokat: ",
	[KO_MSG_M_REFERENCE] = " (vertailuluokka ",
	[KO_MSG_M_SHOWN_AS] = "; näytetään: ",
	[KO_MSG_M_NO_TABLE_FOR] = "Ei taulukkoa ositteelle ",
	[KO_MSG_M_NO_TABLE_WHY] = ": vakioitua mallia ei sovitettu (ks. models/ "
		"ja ajoloki), tai sen lukumääriä ei voitu julkaista "
		"tietosuojasäännön mukaan. ",
	[KO_MSG_M_EFFECT_RR] = "; riskisuhteet modifioidulla Poisson-"
		"regressiolla (log-linkki, sandwich-keskivirhe: robusti tai "
		"klusteroitu kuten mallissa)",
	[KO_MSG_M_STD_RISKS] = "; vakioidut riskit muuttujan ",
	[KO_MSG_M_STD_BY] = " luokille logistisen mallin marginaalisella "
		"standardoinnilla",
	[KO_MSG_M_STD_RD] = ", riskierot prosenttiyksikköinä",
	[KO_MSG_M_STD_PAF] = " sekä väestösyyosuus (kaikki vertailuluokassa) ja "
		"altisteeseen liitettävät tapaukset",
	[KO_MSG_M_STD_DELTA] = " (luottamusvälit delta-menetelmällä)",
	[KO_MSG_M_NO_MODELS] = "Tutkimuksen asetuksissa ei ole malleja. ",
	[KO_MSG_M_MODELS] = "Mallit: logistinen regressio suurimman "
		"uskottavuuden menetelmällä (iteratiivisesti uudelleenpainotettu "
		"pienimmän neliösumman menetelmä, kuten R:n glm), ellei toisin "
		"mainita; vetosuhteet luottamusväleineen; muuttujan rivin p on sen "
		"kaikkien luokkien yhteinen Waldin testi. ",
	[KO_MSG_M_MODEL] = "Malli ",
	[KO_MSG_M_ON] = "; selittäjät: ",
	[KO_MSG_M_ADJUSTED_FOR] = "; vakioitu lisäksi muuttujilla ",
	[KO_MSG_M_INTERACTION] = ", %zu yhdysvaikutustermi",
	[KO_MSG_M_INTERACTIONS] = ", %zu yhdysvaikutustermiä",
	[KO_MSG_M_AMONG] = "; lapset, joilla ",
	[KO_MSG_M_IN_STRATA] = "; ositteittain muuttujan mukaan: ",
	[KO_MSG_M_CRUDE_AND_ADJUSTED] = "; vakioimattomat mallit kullekin "
		"altisteelle erikseen ja vakioitu malli kaikilla termeillä",
	[KO_MSG_M_ADJUSTED_ONLY] = "; vain vakioitu malli",
	[KO_MSG_M_SE] = "; keskivirheet: ",
	[KO_MSG_M_CI] = "; %g %%:n luottamusvälit: ",
	[KO_MSG_M_COMPLETE_CASES] = "; täydelliset havainnot (vakioimattomat ja "
		"vakioidut mallit samoilla lapsilla). ",
	[KO_MSG_M_AUC] = "C-indeksin (AUC) luottamusväli on laskettu DeLongin "
		"menetelmällä. ",
	[KO_MSG_M_DRAWN_FROM] = "Kohortti poimittiin rekisteripoiminnasta ",
	[KO_MSG_M_RULES] = "Ehtoja sovellettiin tässä järjestyksessä: ",
	[KO_MSG_M_EXCLUDED] = "poissuljettu:",
	[KO_MSG_M_INCLUDED] = "mukaan otettu:",
	[KO_MSG_M_FINAL_COHORT] = "Lopullisessa kohortissa on %s henkilöä; "
		"kohortin muodostumisen kuvio ja taulukko antavat lukumäärän "
		"jokaisen vaiheen jälkeen. ",
	[KO_MSG_M_LINKED] = "Lapset linkitettiin vanhempiinsa syntymätietojen "
		"vanhempien tunnusten avulla väestörekisterin poimintaan ",
	[KO_MSG_M_LINK_DROPPED] = "; linkki hylättiin, jos tunnusta ei löytynyt "
		"sieltä, jos vanhempi oli lapsen syntyessä alle %d- tai yli "
		"%d-vuotias tai jos äiti oli kuollut yli %d tai isä yli %d päivää "
		"ennen lapsen syntymää (vanhempien linkitystaulukko).",
	[KO_MSG_M_VARIABLES] = "Muuttujat:",
	[KO_MSG_M_TABLE1] = "Taulukossa 1 luokitellut muuttujat esitetään n (%) "
		"sarakkeen henkilöistä puuttuvat mukaan lukien ja jatkuvat "
		"muuttujat keskiarvona (SD) ja mediaanina (kvartiiliväli). Ryhmiä "
		"verrataan vakioiduilla keskiarvojen erotuksilla (SMD; luokitellulle "
		"muuttujalle Yangin ja Daltonin monimuuttuja-SMD, yli kahdelle "
		"ryhmälle parittaisten SMD-arvojen keskiarvo), Pearsonin khiin "
		"neliö -testillä ilman jatkuvuuskorjausta ja Welchin testillä "
		"keskiarvoille; puuttuvat arvot eivät ole mukana SMD-arvoissa "
		"eivätkä testeissä. ",
	[KO_MSG_M_PRODUCED_BY] = "Tuotettu kohort-ohjelman versiolla %s "
		"tutkimuksen asetustiedostosta ",
	[KO_MSG_M_MANIFEST] = "; jokainen syöte- ja tulostiedosto on lueteltu "
		"SHA-256-tiivisteineen tiedostossa manifest.json.",
	[KO_MSG_M_DISCLOSURE] = "Tietosuoja: jokainen lukumäärä väliltä 1–%d "
		"on peitetty ja näytetään muodossa &lt;%d; lisäksi soluja (merkitty "
		"x) on peitetty niin, ettei mitään peitettyä lukua voi laskea "
		"taulukon julkaisemista summista ja muista soluista, valiten "
		"pienimmät tällaiset solut, ja jokainen taulukko on tarkastettu "
		"lineaarisella optimoinnilla: pienin ja suurin arvo, jonka "
		"hyökkääjä voisi päätellä. Ryhmän, jonka lukumäärä on peitetty, "
		"prosenttiosuudet, keskiarvot, mediaanit, SMD-arvot ja p-arvot on "
		"peitetty myös, eikä alle %d henkilön keskiarvoa tai mediaania "
		"näytetä. Kohortin muodostumisessa pieni poissuljettujen joukko "
		"yhdistetään viereiseen vaiheeseen. Taulukoiden välillä: "
		"taulukossa 1 peitetty lukumäärä on peitetty myös altisteen "
		"mukaisessa taulukossa 1, alueittaisessa taulukossa ja "
		"mallitaulukoissa; mallitaulukko näyttää kunkin luokan kohortin "
		"(osaryhmän tai ositteen) henkilöt ja tapaukset kuten taulukko 1, "
		"muista tiedoista riippumatta, ja puuttuvan tiedon vuoksi mallista "
		"pois jääneet yhdellä rivillä (ei mallissa), joka peitetään kuten "
		"muutkin lukumäärät; osaryhmän tai ositteen luokan (tai koko "
		"mallin) lukumäärä on peitetty, jos se eroaa kohortin "
		"lukumäärästä taulukossa 1 vähintään yhdellä ja enintään %d "
		"henkilöllä (muihin ositteisiin kuuluvat), ja täydentävät solut "
		"valitaan sen ympäriltä; vakioimaton estimaatti näytetään vain, "
		"kun kaikki, joiden muuttujan arvo tunnetaan, ovat mallissa; pelkästään "
		"lukumääristä lasketut tunnusluvut (prosenttiosuudet, "
		"vakioimattomat vetosuhteet ja niiden p-arvot, taulukon 1 "
		"luokkien SMD-arvot ja khiin neliö -testin p-arvot, altisteeseen "
		"liitettävät tapaukset) peitetään lukumääriensä mukana ja viedään "
		"tiedostoihin näytetyllä tarkkuudella, ja mallin altisteeseen "
		"liitettävät tapaukset peitetään, kun sen tapahtumien lukumäärä on "
		"peitetty. Tiedosto "
		"tables/suppression.csv luettelee %s peitettyä solua ja kunkin "
		"peittämisen perusteen.",
	[KO_MSG_M_AUDIT] = "Koko julkaisun tarkastus: ennen kuin yhtään tiedostoa "
		"kirjoitettiin, jokaisen taulukon jokainen julkaistu lukumäärä "
		"koottiin yhdeksi lineaaristen yhtälöiden järjestelmäksi "
		"(kunkin taulukon summat, samat ryhmät eri taulukoissa, kunkin "
		"mallin lukumäärät kohortin osana, mallin ulkopuolisten "
		"henkilöiden määrä tuntemattomana, ja mallin ositteet kohortin "
		"osina), ja jokaisen peitetyn lukumäärän ja jokaisen tällaisen "
		"erotuksen pienin ja suurin arvo laskettiin lineaarisella "
		"optimoinnilla. Jos nämä rajat osoittivat lukumäärän olevan "
		"alle %d jättämättä mahdolliseksi jokaista arvoa 1–%d (mitä "
		"merkintä &lt;%d tarkoittaa) tai paljastivat peitetyn "
		"lukumäärän täsmälleen, soluja peitettiin lisää (&lt;%d "
		"merkittiin x:llä, muuten peitettiin pienin siihen liittyvä "
		"lukumäärä) ja tarkastus toistettiin, kunnes yhtään tällaista "
		"ei ollut.",
	[KO_MSG_M_AUDIT_FOLLOWUP] = "Seurantataulukon päättymissyiden lukumäärät ovat mukana "
		"tarkastuksessa: niiden summa on kohortin koko, ja sen "
		"tapahtumien määrän katsotaan olevan taulukon 1 vastemuuttujan "
		"tapahtumien määrä (samat lapset tai toinen joukko toisen "
		"osana, määritelmien mukaan), joten tapahtumien määrää ei "
		"koskaan peitetä toissijaisesti. Henkilövuodet annetaan "
		"kokonaisina vuosina, ja ne kaikki, myös yhteensä-rivin, "
		"peitetään, jos yksikin päättymissyyn lukumäärä on peitetty: "
		"seuranta-aikojen summa peitetyn lukumäärän vieressä rajaa sitä "
		"(jokainen loppuikään asti seurattu lisää saman määrän vuosia).",
	[KO_MSG_M_AVAILABLE_CASES] = "; vakioitu malli täydellisillä havainnoilla, kukin "
		"vakioimaton malli kaikilla, joiden vaste ja altiste tunnetaan "
		"(käytettävissä olevat havainnot). ",
	[KO_MSG_CI_TITLE] = "%s: kumulatiivinen ilmaantuvuus (%s)",
	[KO_MSG_CI_STEPS_TITLE] = "%s: kumulatiivinen ilmaantuvuus (%s), kuvan portaat",
	[KO_MSG_CI_X] = "Ik\xc3\xa4, vuotta",
	[KO_MSG_CI_Y] = "Kumulatiivinen ilmaantuvuus, %%",
	[KO_MSG_CI_AT_RISK] = "Riskiss\xc3\xa4, n",
	[KO_MSG_CI_COL] = "Kumulatiivinen ilmaantuvuus, %% (95 %%:n lv)",
	[KO_MSG_CI_COL_RISK] = "Riskiss\xc3\xa4, n",
	[KO_MSG_CI_AGE] = "Ik\xc3\xa4 %s",
	[KO_MSG_CI_COL_AGE] = "Ik\xc3\xa4, vuotta",
	[KO_MSG_CI_AJ] = "Aalen\xe2\x80\x93Johansen-estimaatti, kuolema kilpailevana tapahtumana, 95 %%:n lv",
	[KO_MSG_CI_KM] = "1 \xe2\x88\x92 Kaplan\xe2\x80\x93Meier-estimaatti, 95 %%:n lv",
	[KO_MSG_CI_GRAY] = "Grayn testi tasojen v\xc3\xa4lill\xc3\xa4: p %s",
	[KO_MSG_CI_LOGRANK] = "log-rank-testi tasojen v\xc3\xa4lill\xc3\xa4: p %s",
	[KO_MSG_CI_NO_TEST] = "ei testi\xc3\xa4 tasojen v\xc3\xa4lill\xc3\xa4 (seuranta alkaa syntym\xc3\xa4n j\xc3\xa4lkeen)",
	[KO_MSG_CI_PROTECT] = "K\xc3\xa4yr\xc3\xa4t nousevat vain %s vuoden ik\xc3\xa4v\xc3\xa4lein ja vasta, kun edellisest\xc3\xa4 portaasta on kertynyt v\xc3\xa4hint\xc3\xa4\xc3\xa4n %d tapahtumaa; riskiss\xc3\xa4 olevien m\xc3\xa4\xc3\xa4r\xc3\xa4t on py\xc3\xb6ristetty l\xc3\xa4himpiin kymmeniin.",
	[KO_MSG_M_TABLE1_KNOWN] = "Taulukossa 1 luokitellut muuttujat esitetään n (%) "
		"sarakkeen henkilöistä, joiden arvo tiedetään (puuttuvat "
		"lukumääränä), ja jatkuvat muuttujat keskiarvona (SD) ja mediaanina "
		"(kvartiiliväli). Ryhmiä verrataan vakioiduilla keskiarvojen "
		"erotuksilla (SMD; luokitellulle muuttujalle Yangin ja Daltonin "
		"monimuuttuja-SMD, yli kahdelle ryhmälle parittaisten SMD-arvojen "
		"keskiarvo), Pearsonin khiin neliö -testillä ilman "
		"jatkuvuuskorjausta ja Welchin testillä keskiarvoille; puuttuvat "
		"arvot eivät ole mukana SMD-arvoissa eivätkä testeissä. ",
	[KO_MSG_M_METHOD_LOGISTIC] = "suurimman uskottavuuden menetelmä",
	[KO_MSG_M_METHOD_FIRTH] = "Firthin penalisoitu uskottavuus (kuten logistf)",
	[KO_MSG_M_METHOD_POISSON] = "muunnettu Poisson-regressio suurimman uskottavuuden menetelmällä (log-linkki, kuten R:n glm(family = poisson)), riskisuhteet",
	[KO_MSG_M_METHOD_POISSON_RATE] = "Poisson-regressio tapahtumien lukumäärille, siirtoterminä henkilövuosien logaritmi (kuten R:n glm(family = poisson, offset = log(pyears))), ilmaantuvuustiheyksien suhteet",
	[KO_MSG_M_METHOD_COX] = "Coxin suhteellisten vaarojen regressio suurimman osittaisuskottavuuden menetelmällä (kuten R:n survival::coxph), vaarasuhteet",
	[KO_MSG_M_SE_MODEL] = "mallin mukaiset",
	[KO_MSG_M_SE_ROBUST] = "robusti HC0",
	[KO_MSG_M_SE_CLUSTER_MOTHER] = "klusteroitu HC0 (äiti)",
	[KO_MSG_M_SE_CLUSTER_FATHER] = "klusteroitu HC0 (isä)",
	[KO_MSG_M_CI_WALD] = "Waldin menetelmä",
	[KO_MSG_M_CI_WALD_ROBUST] = "Waldin menetelmä (robusti keskivirhe)",
	[KO_MSG_M_CI_PROFILE] = "profiiliuskottavuus",
	[KO_MSG_M_CI_PROFILE_PEN] = "penalisoitu profiiliuskottavuus",

	[KO_MSG_RATE_HEAD] = "Ilmaantuvuus 1 000 henkilövuotta kohden (%s)",
	[KO_MSG_FOOT_RATE] = " Henkilövuodet: luokan henkilöiden seuranta-aika (vuotta); ilmaantuvuus: sen tapahtumat 1 000 henkilövuotta kohden tarkalla Poisson-luottamusvälillä. Henkilövuodet piilotetaan, missä henkilömäärä on piilotettu, ilmaantuvuus, missä henkilö- tai tapahtumamäärä on.",
	[KO_MSG_TERM_AGE_BAND] = "Ikäryhmä (iästä alkaen, vuotta)",
	[KO_MSG_TERM_PERIOD] = "Kalenterijakso (alkaen)",
	[KO_MSG_M_TTE_SCALE] = "; aikaskaalana ikä päivinä, kukin lapsi riskissä seurantansa alusta sen loppuun",
	[KO_MSG_M_TTE_CENSORED] = "; sensurointi: ",
	[KO_MSG_M_TTE_CAUSE_SPECIFIC] = " (ennen tapahtumaa sattunut kuolema tai maastamuutto sensuroi seurannan: syykohtainen vaara)",
	[KO_MSG_M_TTE_TIES_EFRON] = "; samanaikaiset tapahtuma-ajat käsitelty Efronin menetelmällä",
	[KO_MSG_M_TTE_TIES_BRESLOW] = "; samanaikaiset tapahtuma-ajat käsitelty Breslow'n menetelmällä",
	[KO_MSG_M_TTE_TV] = "; ajassa muuttuvat selittäjät (seuranta jaettu arvon muuttuessa kuten survival::tmerge, joten tapahtuman jälkeinen altistus ei vaikuta): ",
	[KO_MSG_M_TTE_TV_DATE] = " (0 ennen ja 1 alkaen päivämäärästä ",
	[KO_MSG_M_TTE_TV_CUM] = " (niiden vuosien määrä, joilta on merkintöjä, kulloiseenkin ikään asti; kukin vuosi lasketaan sitä seuraavan vuoden 1. tammikuuta alkaen)",
	[KO_MSG_M_TTE_SPLIT_AGE] = "; henkilövuodet jaettu ikäryhmiin ikävuosien %s syntymäpäivinä (ikäryhmä vakioidun mallin selittäjänä)",
	[KO_MSG_M_TTE_SPLIT_PERIOD] = "; henkilövuodet jaettu kalenterijaksoihin, jotka alkavat %s (jakso vakioidun mallin selittäjänä)",
	[KO_MSG_M_TTE_COX_STRATA] = "; oma perusvaara kullekin luokalle muuttujan mukaan: ",
	[KO_MSG_M_TTE_SPLIT_PERIOD_COX] = "; seuranta jaettu kalenteripäivinä %s (kalenterijakso ajassa muuttuvana selittäjänä vakioidussa mallissa, kuten survival::tmerge)",
	[KO_MSG_FOOT_LINKAGE] = "Jos linkki ei täytä jotakin ehtoa, se hylätään; lapsen linkki toiseen vanhempaan säilyy.",
	[KO_MSG_FOOT_TIME_VARYING] = " Aikariippuvan muuttujan luokat: henkilöt ovat ne, joita seurattiin luokassa jossakin iässä (henkilö kulkee usean luokan läpi, joten luokkien henkilömäärät eivät summaudu mallin henkilömäärään eikä tapahtumilla ole prosenttia); tapahtumat ja henkilövuodet ovat luokassa vietetyn ajan.",
};
