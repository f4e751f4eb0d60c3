/* The report's fixed texts (lang.h): report.html's methods text
 * (KO_MSG_M_*).  Each message id has its texts side by side: English first
 * (the reference: every other language has the same printf conversions),
 * then Finnish (suomi) and Swedish (svenska).  Every other text is in lang_text.c. */
#include "lang.h"

const char *const ko_lang_methods[KO_MSG_COUNT][KO_LANG_COUNT] = {
	[KO_MSG_M_FU_NONE] = {
		[KO_LANG_EN] = "No follow-up time was computed: each outcome counts "
			"the events within its variable's own window, whether or not the "
			"child could be followed for all of it. ",
		[KO_LANG_FI] = "Seuranta-aikaa ei laskettu: kunkin vasteen "
			"tapahtumat laskettiin sen muuttujan omalta aikaväliltä riippumatta "
			"siitä, voitiinko lasta seurata koko välin ajan. ",
		[KO_LANG_SV] = "Ingen uppföljningstid beräknades: varje utfall "
			"räknar händelserna inom den egna variabelns tidsfönster, oavsett "
			"om barnet kunde följas under hela fönstret. ",
	},
	[KO_MSG_M_FU_START] = {
		[KO_LANG_EN] = "Follow-up started at ",
		[KO_LANG_FI] = "Seurannan alku: ",
		[KO_LANG_SV] = "Uppföljningen började vid ",
	},
	[KO_MSG_M_FU_BIRTHDAY] = {
		[KO_LANG_EN] = "the %d%s birthday",
		[KO_LANG_FI] = "%d-vuotispäivä%s",
		[KO_LANG_SV] = "%d-årsdagen%s",
	},
	[KO_MSG_M_FU_BIRTH] = {
		[KO_LANG_EN] = "birth",
		[KO_LANG_FI] = "syntymä",
		[KO_LANG_SV] = "födelsen",
	},
	[KO_MSG_M_FU_ENDED] = {
		[KO_LANG_EN] = " and ended at the first of ",
		[KO_LANG_FI] = "; seuranta päättyi ensimmäiseen seuraavista: ",
		[KO_LANG_SV] = " och slutade vid det första av ",
	},
	[KO_MSG_M_FU_EVENT] = {
		[KO_LANG_EN] = "the event",
		[KO_LANG_FI] = "tapahtuma",
		[KO_LANG_SV] = "händelsen",
	},
	[KO_MSG_M_FU_DEATH] = {
		[KO_LANG_EN] = "death, ",
		[KO_LANG_FI] = "kuolema, ",
		[KO_LANG_SV] = "död, ",
	},
	[KO_MSG_M_FU_EMIGRATION] = {
		[KO_LANG_EN] = "emigration, ",
		[KO_LANG_FI] = "maastamuutto, ",
		[KO_LANG_SV] = "utvandring, ",
	},
	[KO_MSG_M_FU_END_DATA] = {
		[KO_LANG_EN] = " and the end of the data (%s)",
		[KO_LANG_FI] = " ja aineiston loppu (%s)",
		[KO_LANG_SV] = " och slutet av data (%s)",
	},
	[KO_MSG_M_FU_TAIL] = {
		[KO_LANG_EN] = "; children who reached the birthday or the end of "
			"the data were censored there. Children whose dates give no "
			"follow-up (no start date, an exit before entry, an event after "
			"death or emigration) were excluded and are counted in the cohort "
			"flow; the follow-up table gives the exit reasons. ",
		[KO_LANG_FI] = ". Lapset, jotka saavuttivat yläikärajan tai "
			"aineiston lopun, sensuroitiin siihen. Lapset, joiden "
			"päivämääristä ei saada seuranta-aikaa (alkupäivä puuttuu, "
			"seuranta päättyy ennen alkuaan tai tapahtuma on kuoleman tai "
			"maastamuuton jälkeen), suljettiin pois, ja heidät on laskettu "
			"kohortin muodostumiseen; seurantataulukko antaa seurannan "
			"päättymisen syyt. ",
		[KO_LANG_SV] = "; barn som nådde slutåldern eller slutet av data "
			"censurerades där. Barn vars datum inte ger någon uppföljning "
			"(inget startdatum, slut före början, en händelse efter död eller "
			"utvandring) exkluderades och räknas i kohortens flödesschema; "
			"uppföljningstabellen ger orsakerna till uppföljningens slut. ",
	},

	[KO_MSG_M_AGG_VALUE] = {
		[KO_LANG_EN] = "the recorded value of",
		[KO_LANG_FI] = "kirjattu arvo:",
		[KO_LANG_SV] = "det registrerade värdet av",
	},
	[KO_MSG_M_AGG_ANY] = {
		[KO_LANG_EN] = "whether there is any record in",
		[KO_LANG_FI] = "onko kirjauksia:",
		[KO_LANG_SV] = "om det finns någon post i",
	},
	[KO_MSG_M_AGG_COUNT] = {
		[KO_LANG_EN] = "the number of records in",
		[KO_LANG_FI] = "kirjausten määrä:",
		[KO_LANG_SV] = "antalet poster i",
	},
	[KO_MSG_M_AGG_YEARS] = {
		[KO_LANG_EN] = "the number of calendar years with a record in",
		[KO_LANG_FI] = "niiden kalenterivuosien määrä, joina on "
			"kirjaus:",
		[KO_LANG_SV] = "antalet kalenderår med en post i",
	},
	[KO_MSG_M_AGG_FIRST] = {
		[KO_LANG_EN] = "the date of the first record in",
		[KO_LANG_FI] = "ensimmäisen kirjauksen päivämäärä:",
		[KO_LANG_SV] = "datumet för den första posten i",
	},
	[KO_MSG_M_AGG_LAST] = {
		[KO_LANG_EN] = "the date of the last record in",
		[KO_LANG_FI] = "viimeisen kirjauksen päivämäärä:",
		[KO_LANG_SV] = "datumet för den sista posten i",
	},
	[KO_MSG_M_AGG_SUM] = {
		[KO_LANG_EN] = "the sum of",
		[KO_LANG_FI] = "summa:",
		[KO_LANG_SV] = "summan av",
	},
	[KO_MSG_M_AGG_MIN] = {
		[KO_LANG_EN] = "the smallest value of",
		[KO_LANG_FI] = "pienin arvo:",
		[KO_LANG_SV] = "det minsta värdet av",
	},
	[KO_MSG_M_AGG_MAX] = {
		[KO_LANG_EN] = "the largest value of",
		[KO_LANG_FI] = "suurin arvo:",
		[KO_LANG_SV] = "det största värdet av",
	},
	[KO_MSG_M_AGG_MONTHS] = {
		[KO_LANG_EN] = "the number of months flagged in",
		[KO_LANG_FI] = "merkittyjen kuukausien määrä:",
		[KO_LANG_SV] = "antalet flaggade månader i",
	},
	[KO_MSG_M_AGG_YEARS_WITH] = {
		[KO_LANG_EN] = "the number of years with enough months "
			"flagged in",
		[KO_LANG_FI] = "niiden vuosien määrä, joina on riittävästi "
			"merkittyjä kuukausia:",
		[KO_LANG_SV] = "antalet år med tillräckligt många flaggade "
			"månader i",
	},
	[KO_MSG_M_OF_MOTHER] = {
		[KO_LANG_EN] = " of the mother",
		[KO_LANG_FI] = ", äidin tiedot",
		[KO_LANG_SV] = " för modern",
	},
	[KO_MSG_M_OF_FATHER] = {
		[KO_LANG_EN] = " of the father",
		[KO_LANG_FI] = ", isän tiedot",
		[KO_LANG_SV] = " för fadern",
	},
	[KO_MSG_M_OF_PARENTS] = {
		[KO_LANG_EN] = " of either parent",
		[KO_LANG_FI] = ", kumman tahansa vanhemman tiedot",
		[KO_LANG_SV] = " för någondera föräldern",
	},
	[KO_MSG_M_WIN_AGE] = {
		[KO_LANG_EN] = "at ages %d to %d years",
		[KO_LANG_FI] = "%d–%d vuoden iässä",
		[KO_LANG_SV] = "vid %d till %d års ålder",
	},
	[KO_MSG_M_WIN_DAYS] = {
		[KO_LANG_EN] = "%d to %d days after birth",
		[KO_LANG_FI] = "%d–%d päivää syntymän jälkeen",
		[KO_LANG_SV] = "%d till %d dagar efter födelsen",
	},
	[KO_MSG_M_WIN_DATES] = {
		[KO_LANG_EN] = "from %s to %s",
		[KO_LANG_FI] = "%s–%s",
		[KO_LANG_SV] = "från %s till %s",
	},
	[KO_MSG_M_WIN_BEFORE] = {
		[KO_LANG_EN] = "before ",
		[KO_LANG_FI] = "ennen ajankohtaa: ",
		[KO_LANG_SV] = "före ",
	},
	[KO_MSG_M_WIN_AFTER] = {
		[KO_LANG_EN] = "after ",
		[KO_LANG_FI] = "jälkeen ajankohdan: ",
		[KO_LANG_SV] = "efter ",
	},
	[KO_MSG_M_COMPUTED_AS] = {
		[KO_LANG_EN] = "computed as ",
		[KO_LANG_FI] = "laskettu kaavalla ",
		[KO_LANG_SV] = "beräknad som ",
	},
	[KO_MSG_M_IN] = {
		[KO_LANG_EN] = " in ",
		[KO_LANG_FI] = ", ",
		[KO_LANG_SV] = " i ",
	},
	[KO_MSG_M_EXTRACT] = {
		[KO_LANG_EN] = "the register extract ",
		[KO_LANG_FI] = "rekisteripoiminta ",
		[KO_LANG_SV] = "registeruttaget ",
	},
	[KO_MSG_M_WITH_CODE] = {
		[KO_LANG_EN] = " with a code ",
		[KO_LANG_FI] = ", kun koodi on ",
		[KO_LANG_SV] = " med en kod ",
	},
	[KO_MSG_M_IN_COLS] = {
		[KO_LANG_EN] = " in ",
		[KO_LANG_FI] = " jossakin sarakkeista ",
		[KO_LANG_SV] = " i någon av kolumnerna ",
	},
	[KO_MSG_M_OP_IN] = {
		[KO_LANG_EN] = "in",
		[KO_LANG_FI] = "on jokin arvoista",
		[KO_LANG_SV] = "är något av",
	},
	[KO_MSG_M_OP_NOT_IN] = {
		[KO_LANG_EN] = "not in",
		[KO_LANG_FI] = "ei ole mikään arvoista",
		[KO_LANG_SV] = "är inget av",
	},
	[KO_MSG_M_OP_MISSING] = {
		[KO_LANG_EN] = "missing",
		[KO_LANG_FI] = "puuttuu",
		[KO_LANG_SV] = "saknas",
	},
	[KO_MSG_M_OP_PRESENT] = {
		[KO_LANG_EN] = "present",
		[KO_LANG_FI] = "on annettu",
		[KO_LANG_SV] = "finns",
	},
	[KO_MSG_M_AND] = {
		[KO_LANG_EN] = " and ",
		[KO_LANG_FI] = " ja ",
		[KO_LANG_SV] = " och ",
	},
	[KO_MSG_M_WHERE] = {
		[KO_LANG_EN] = " where ",
		[KO_LANG_FI] = ", kun ",
		[KO_LANG_SV] = " där ",
	},
	[KO_MSG_M_GROUPED_AS] = {
		[KO_LANG_EN] = "; grouped as ",
		[KO_LANG_FI] = "; luokat: ",
		[KO_LANG_SV] = "; grupperad som ",
	},
	[KO_MSG_M_REFERENCE] = {
		[KO_LANG_EN] = " (reference ",
		[KO_LANG_FI] = " (vertailuluokka ",
		[KO_LANG_SV] = " (referens ",
	},
	[KO_MSG_M_SHOWN_AS] = {
		[KO_LANG_EN] = "; shown as ",
		[KO_LANG_FI] = "; näytetään: ",
		[KO_LANG_SV] = "; visas som ",
	},
	[KO_MSG_M_NO_TABLE_FOR] = {
		[KO_LANG_EN] = "No table for ",
		[KO_LANG_FI] = "Ei taulukkoa ositteelle ",
		[KO_LANG_SV] = "Ingen tabell för ",
	},
	[KO_MSG_M_NO_TABLE_WHY] = {
		[KO_LANG_EN] = ": the adjusted model was not fitted (see "
			"models/ and the run log), or its counts could not be published "
			"under the disclosure rule. ",
		[KO_LANG_FI] = ": vakioitua mallia ei sovitettu (ks. models/ "
			"ja ajoloki), tai sen lukumääriä ei voitu julkaista "
			"tietosuojasäännön mukaan. ",
		[KO_LANG_SV] = ": den justerade modellen skattades inte (se "
			"models/ och körloggen), eller dess antal kunde inte publiceras "
			"enligt röjanderegeln. ",
	},
	[KO_MSG_M_EFFECT_RR] = {
		[KO_LANG_EN] = "; risk ratios by modified Poisson regression (log "
			"link, sandwich SE: robust, or clustered as the model's)",
		[KO_LANG_FI] = "; riskisuhteet modifioidulla Poisson-"
			"regressiolla (log-linkki, sandwich-keskivirhe: robusti tai "
			"klusteroitu kuten mallissa)",
		[KO_LANG_SV] = "; riskkvoter med modifierad Poissonregression "
			"(log-länk, sandwich-SE: robust, eller klustrad som modellens)",
	},
	[KO_MSG_M_STD_RISKS] = {
		[KO_LANG_EN] = "; standardised risks of ",
		[KO_LANG_FI] = "; vakioidut riskit muuttujan ",
		[KO_LANG_SV] = "; standardiserade risker för ",
	},
	[KO_MSG_M_STD_BY] = {
		[KO_LANG_EN] = " by marginal standardisation of the logistic model",
		[KO_LANG_FI] = " luokille logistisen mallin marginaalisella "
			"standardoinnilla",
		[KO_LANG_SV] = " genom marginell standardisering av den logistiska "
			"modellen",
	},
	[KO_MSG_M_STD_RD] = {
		[KO_LANG_EN] = ", with risk differences in percentage points",
		[KO_LANG_FI] = ", riskierot prosenttiyksikköinä",
		[KO_LANG_SV] = ", med riskskillnader i procentenheter",
	},
	[KO_MSG_M_STD_PAF] = {
		[KO_LANG_EN] = ", and the population attributable fraction "
			"(everyone at the reference level) with the attributable cases",
		[KO_LANG_FI] = " sekä väestösyyosuus (kaikki vertailuluokassa) ja "
			"altisteeseen liitettävät tapaukset",
		[KO_LANG_SV] = ", samt den populationsattributabla andelen (alla "
			"på referensnivån) med de attributabla fallen",
	},
	[KO_MSG_M_STD_DELTA] = {
		[KO_LANG_EN] = " (delta-method CIs)",
		[KO_LANG_FI] = " (luottamusvälit delta-menetelmällä)",
		[KO_LANG_SV] = " (KI med deltametoden)",
	},
	[KO_MSG_M_NO_MODELS] = {
		[KO_LANG_EN] = "No models are specified in this study's config. ",
		[KO_LANG_FI] = "Tutkimuksen asetuksissa ei ole malleja. ",
		[KO_LANG_SV] = "Inga modeller anges i studiens konfiguration. ",
	},
	[KO_MSG_M_MODELS] = {
		[KO_LANG_EN] = "Models: logistic regression by maximum likelihood "
			"(iteratively reweighted least squares, as R's glm) unless stated; "
			"odds ratios with confidence intervals; p on a term's row is the "
			"joint Wald test of all its levels. ",
		[KO_LANG_FI] = "Mallit: logistinen regressio suurimman "
			"uskottavuuden menetelmällä (iteratiivisesti uudelleenpainotettu "
			"pienimmän neliösumman menetelmä, kuten R:n glm), ellei toisin "
			"mainita; vetosuhteet luottamusväleineen; muuttujan rivin p on sen "
			"kaikkien luokkien yhteinen Waldin testi. ",
		[KO_LANG_SV] = "Modeller: logistisk regression med maximal "
			"likelihood (iterativt omviktade minsta kvadrater, som R:s glm) om "
			"inget annat anges; oddskvoter med konfidensintervall; p på en terms "
			"rad är det gemensamma Waldtestet för alla dess nivåer. ",
	},
	[KO_MSG_M_MODEL] = {
		[KO_LANG_EN] = "Model ",
		[KO_LANG_FI] = "Malli ",
		[KO_LANG_SV] = "Modell ",
	},
	[KO_MSG_M_ON] = {
		[KO_LANG_EN] = " on ",
		[KO_LANG_FI] = "; selittäjät: ",
		[KO_LANG_SV] = " på ",
	},
	[KO_MSG_M_ADJUSTED_FOR] = {
		[KO_LANG_EN] = ", adjusted also for ",
		[KO_LANG_FI] = "; vakioitu lisäksi muuttujilla ",
		[KO_LANG_SV] = ", justerad även för ",
	},
	[KO_MSG_M_INTERACTION] = {
		[KO_LANG_EN] = ", with %zu interaction term",
		[KO_LANG_FI] = ", %zu yhdysvaikutustermi",
		[KO_LANG_SV] = ", med %zu interaktionsterm",
	},
	[KO_MSG_M_INTERACTIONS] = {
		[KO_LANG_EN] = ", with %zu interaction terms",
		[KO_LANG_FI] = ", %zu yhdysvaikutustermiä",
		[KO_LANG_SV] = ", med %zu interaktionstermer",
	},
	[KO_MSG_M_AMONG] = {
		[KO_LANG_EN] = ", among children with ",
		[KO_LANG_FI] = "; lapset, joilla ",
		[KO_LANG_SV] = ", bland barn med ",
	},
	[KO_MSG_M_IN_STRATA] = {
		[KO_LANG_EN] = ", in strata of ",
		[KO_LANG_FI] = "; ositteittain muuttujan mukaan: ",
		[KO_LANG_SV] = ", i strata efter ",
	},
	[KO_MSG_M_CRUDE_AND_ADJUSTED] = {
		[KO_LANG_EN] = "; crude models with one exposure each "
			"and the adjusted model with all terms",
		[KO_LANG_FI] = "; vakioimattomat mallit kullekin "
			"altisteelle erikseen ja vakioitu malli kaikilla termeillä",
		[KO_LANG_SV] = "; ojusterade modeller med en exponering "
			"var och den justerade modellen med alla termer",
	},
	[KO_MSG_M_ADJUSTED_ONLY] = {
		[KO_LANG_EN] = "; the adjusted model only",
		[KO_LANG_FI] = "; vain vakioitu malli",
		[KO_LANG_SV] = "; endast den justerade modellen",
	},
	[KO_MSG_M_SE] = {
		[KO_LANG_EN] = "; standard errors: ",
		[KO_LANG_FI] = "; keskivirheet: ",
		[KO_LANG_SV] = "; standardfel: ",
	},
	[KO_MSG_M_CI] = {
		[KO_LANG_EN] = "; %g%% confidence intervals: ",
		[KO_LANG_FI] = "; %g %%:n luottamusvälit: ",
		[KO_LANG_SV] = "; %g %% konfidensintervall: ",
	},
	[KO_MSG_M_COMPLETE_CASES] = {
		[KO_LANG_EN] = "; complete cases (crude and adjusted models "
			"on the same children). ",
		[KO_LANG_FI] = "; täydelliset havainnot (vakioimattomat ja "
			"vakioidut mallit samoilla lapsilla). ",
		[KO_LANG_SV] = "; kompletta fall (ojusterade och justerade "
			"modeller på samma barn). ",
	},
	[KO_MSG_M_AUC] = {
		[KO_LANG_EN] = "The C-statistic (AUC) has a DeLong confidence interval. ",
		[KO_LANG_FI] = "C-indeksin (AUC) luottamusväli on laskettu DeLongin "
			"menetelmällä. ",
		[KO_LANG_SV] = "C-statistikan (AUC) har ett konfidensintervall enligt "
			"DeLong. ",
	},
	[KO_MSG_M_DRAWN_FROM] = {
		[KO_LANG_EN] = "The cohort was drawn from the register extract ",
		[KO_LANG_FI] = "Kohortti poimittiin rekisteripoiminnasta ",
		[KO_LANG_SV] = "Kohorten togs ur registeruttaget ",
	},
	[KO_MSG_M_RULES] = {
		[KO_LANG_EN] = "The rules were applied in this order: ",
		[KO_LANG_FI] = "Ehtoja sovellettiin tässä järjestyksessä: ",
		[KO_LANG_SV] = "Reglerna tillämpades i denna ordning: ",
	},
	[KO_MSG_M_EXCLUDED] = {
		[KO_LANG_EN] = "excluded:",
		[KO_LANG_FI] = "poissuljettu:",
		[KO_LANG_SV] = "exkluderade:",
	},
	[KO_MSG_M_INCLUDED] = {
		[KO_LANG_EN] = "included:",
		[KO_LANG_FI] = "mukaan otettu:",
		[KO_LANG_SV] = "inkluderade:",
	},
	[KO_MSG_M_FINAL_COHORT] = {
		[KO_LANG_EN] = "The final cohort has %s persons; the cohort "
			"flow figure and table give the count at every step. ",
		[KO_LANG_FI] = "Lopullisessa kohortissa on %s henkilöä; "
			"kohortin muodostumisen kuvio ja taulukko antavat lukumäärän "
			"jokaisen vaiheen jälkeen. ",
		[KO_LANG_SV] = "Den slutliga kohorten har %s personer; "
			"kohortens flödesschema och tabell ger antalet i varje steg. ",
	},
	[KO_MSG_M_LINKED] = {
		[KO_LANG_EN] = "Children were linked to their parents through the "
			"parents' ids in the birth record and the population register ",
		[KO_LANG_FI] = "Lapset linkitettiin vanhempiinsa syntymätietojen "
			"vanhempien tunnusten avulla väestörekisterin poimintaan ",
		[KO_LANG_SV] = "Barnen länkades till sina föräldrar via "
			"föräldrarnas id i födelseuppgifterna och befolkningsregistret ",
	},
	[KO_MSG_M_LINK_DROPPED] = {
		[KO_LANG_EN] = "; a link was dropped when the id matched no "
			"one there, when the parent was younger than %d or older than %d at "
			"the birth, or when the mother had died more than %d or the father "
			"more than %d days before the birth (parent linkage table).",
		[KO_LANG_FI] = "; linkki hylättiin, jos tunnusta ei löytynyt "
			"sieltä, jos vanhempi oli lapsen syntyessä alle %d- tai yli "
			"%d-vuotias tai jos äiti oli kuollut yli %d tai isä yli %d päivää "
			"ennen lapsen syntymää (vanhempien linkitystaulukko).",
		[KO_LANG_SV] = "; en länk togs bort när id:t inte matchade "
			"någon där, när föräldern var yngre än %d eller äldre än %d år vid "
			"födelsen, eller när modern hade avlidit mer än %d eller fadern mer "
			"än %d dagar före födelsen (tabellen över länkning till föräldrar).",
	},
	[KO_MSG_M_VARIABLES] = {
		[KO_LANG_EN] = "Variables:",
		[KO_LANG_FI] = "Muuttujat:",
		[KO_LANG_SV] = "Variabler:",
	},
	[KO_MSG_M_TABLE1] = {
		[KO_LANG_EN] = "Table 1 shows categories as n (%) of the column, "
			"missing values included, and numbers as mean (SD) and median "
			"(interquartile range). ",
		[KO_LANG_FI] = "Taulukossa 1 luokitellut muuttujat esitetään n (%) "
			"sarakkeen henkilöistä puuttuvat mukaan lukien ja jatkuvat "
			"muuttujat keskiarvona (SD) ja mediaanina (kvartiiliväli). ",
		[KO_LANG_SV] = "Tabell 1 visar kategorier som n (%) av kolumnen, "
			"saknade värden medräknade, och tal som medelvärde (SD) och median "
			"(kvartilintervall). ",
	},
	[KO_MSG_M_PRODUCED_BY] = {
		[KO_LANG_EN] = "Produced by kohort %s from the study config ",
		[KO_LANG_FI] = "Tuotettu kohort-ohjelman versiolla %s "
			"tutkimuksen asetustiedostosta ",
		[KO_LANG_SV] = "Framställd med kohort %s från studiens "
			"konfiguration ",
	},
	[KO_MSG_M_MANIFEST] = {
		[KO_LANG_EN] = "; every input and output file is listed with its "
			"SHA-256 in manifest.json.",
		[KO_LANG_FI] = "; jokainen syöte- ja tulostiedosto on lueteltu "
			"SHA-256-tiivisteineen tiedostossa manifest.json.",
		[KO_LANG_SV] = "; varje in- och utdatafil listas med sin SHA-256 "
			"i manifest.json.",
	},
	[KO_MSG_M_DISCLOSURE] = {
		[KO_LANG_EN] = "Disclosure control: every count from 1 to %d "
			"is suppressed and shown &lt;%d; further cells (shown x) are "
			"suppressed so that no hidden count can be recomputed from the "
			"totals and other cells a table publishes, choosing the smallest "
			"such cells, and each table is audited with linear programs for the "
			"least and greatest value an attacker could infer. Percentages, "
			"means, medians, SMDs and p-values of a group with a hidden count "
			"are hidden too, and a mean or median of fewer than %d persons is "
			"not shown. In the cohort flow, a small exclusion is merged with a "
			"neighbouring step. Across tables: a count hidden in Table 1 is "
			"hidden in Table 1 by exposure, the regional and the model tables "
			"too; a model table shows the persons and events of the cohort "
			"(its subgroup or stratum) at each level as Table 1 counts them, "
			"whatever their other values, and those left out of the model for a "
			"missing value in one row (not in the model), hidden like any "
			"count; a subgroup's or stratum's count of a level (or of the whole "
			"model) is hidden where it differs from the cohort's count in Table "
			"1 by 1 to %d persons (those in the other strata), and complements "
			"are chosen around it; a crude estimate is shown only where "
			"everyone whose value of its term is known is in the model; statistics that are functions of "
			"counts only (percentages, crude odds ratios and their p-values, "
			"Table 1's SMDs and chi-square p-values of categories, attributable "
			"cases) are hidden with their counts and exported with the digits "
			"shown, and a model's attributable cases are hidden with its events. "
			"The file tables/suppression.csv lists %s "
			"suppressed cells and the rule behind each.",
		[KO_LANG_FI] = "Tietosuoja: jokainen lukumäärä väliltä 1–%d "
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
		[KO_LANG_SV] = "Röjandekontroll: varje antal från 1 till %d "
			"döljs och visas som &lt;%d; ytterligare celler (visade som x) döljs "
			"så att inget dolt antal kan räknas ut ur de summor och andra celler "
			"som en tabell publicerar, med de minsta sådana cellerna valda, och "
			"varje tabell granskas med linjärprogrammering för det minsta och "
			"största värde en angripare kan härleda. Procentandelar, "
			"medelvärden, medianer, SMD och p-värden för en grupp med ett dolt "
			"antal döljs också, och ett medelvärde eller en median av färre än "
			"%d personer visas inte. I kohortens flödesschema slås ett litet "
			"antal exkluderade ihop med ett angränsande steg. Mellan tabeller: "
			"ett antal som döljs i tabell 1 döljs även i tabell 1 efter "
			"exponering, i den regionala tabellen och i modelltabellerna; en "
			"modelltabell visar personerna och fallen i kohorten (undergruppen "
			"eller stratumet) på varje nivå, räknade som i tabell 1 oavsett "
			"deras övriga värden, och de som utelämnats ur modellen för ett "
			"saknat värde på en rad (inte i modellen), som döljs som alla "
			"antal; en undergrupps eller ett stratums antal för en nivå (eller "
			"för hela modellen) döljs där det skiljer sig från kohortens antal "
			"i tabell 1 med 1 till %d personer (de som hör till andra strata), "
			"och kompletterande celler väljs runt det; en ojusterad skattning "
			"visas bara där alla vars värde på variabeln är känt ingår i "
			"modellen; statistik som "
			"enbart är funktioner av antal (procentandelar, ojusterade "
			"oddskvoter och deras p-värden, SMD och chi2-testens p-värden för "
			"kategorier i tabell 1, attributabla fall) döljs med sina antal och "
			"exporteras med de visade decimalerna, och en modells attributabla "
			"fall döljs när dess antal händelser döljs. Filen "
			"tables/suppression.csv listar %s dolda celler och regeln bakom "
			"var och en.",
	},
	[KO_MSG_M_AUDIT] = {
		[KO_LANG_EN] = "Whole-export audit: before any file was written, every "
			"published count of every table was put into one system of "
			"linear relations (each table's totals, the same groups in "
			"different tables, each model's counts as part of the cohort's "
			"with the persons not in the model as an unknown count, the "
			"strata of a model as parts of the cohort), and the least and "
			"greatest value of every hidden count and of every such "
			"difference was computed by linear programming. Where these "
			"bounds showed a count to be below %d without leaving every "
			"value from 1 to %d possible (what &lt;%d says), or gave a "
			"hidden count exactly, further cells were hidden (a &lt;%d "
			"shown as x, else the smallest related count) and the audit "
			"repeated until none did.",
		[KO_LANG_FI] = "Koko julkaisun tarkastus: ennen kuin yhtään tiedostoa "
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
		[KO_LANG_SV] = "Granskning av hela exporten: innan någon fil skrevs ställdes "
			"varje publicerat antal i varje tabell upp i ett enda system av "
			"linjära samband (varje tabells summor, samma grupper i olika "
			"tabeller, varje modells antal som del av kohortens med "
			"personerna utanför modellen som ett okänt antal, en modells "
			"strata som delar av kohorten), och det minsta och största "
			"värdet av varje dolt antal och varje sådan skillnad beräknades "
			"med linjärprogrammering. Där dessa gränser visade att ett "
			"antal var under %d utan att lämna varje värde från 1 till %d "
			"möjligt (vad &lt;%d säger), eller gav ett dolt antal exakt, "
			"doldes ytterligare celler (ett &lt;%d visat som x, annars det "
			"minsta relaterade antalet) och granskningen upprepades tills "
			"inget sådant återstod.",
	},
	[KO_MSG_M_AUDIT_FOLLOWUP] = {
		[KO_LANG_EN] = "The follow-up table's exit counts are part of it: they sum to "
			"the cohort, and its events are taken to be the outcome's "
			"events in Table 1 (the same children, or the one set within "
			"the other, as the definitions allow), so the event count is "
			"never hidden as a complement. Its person-years are given in "
			"whole years and are all hidden, the total's too, once any exit "
			"count is: a sum of follow-up times next to a hidden count "
			"bounds it (those censored at the end age each add the same "
			"years).",
		[KO_LANG_FI] = "Seurantataulukon päättymissyiden lukumäärät ovat mukana "
			"tarkastuksessa: niiden summa on kohortin koko, ja sen "
			"tapahtumien määrän katsotaan olevan taulukon 1 vastemuuttujan "
			"tapahtumien määrä (samat lapset tai toinen joukko toisen "
			"osana, määritelmien mukaan), joten tapahtumien määrää ei "
			"koskaan peitetä toissijaisesti. Henkilövuodet annetaan "
			"kokonaisina vuosina, ja ne kaikki, myös yhteensä-rivin, "
			"peitetään, jos yksikin päättymissyyn lukumäärä on peitetty: "
			"seuranta-aikojen summa peitetyn lukumäärän vieressä rajaa sitä "
			"(jokainen loppuikään asti seurattu lisää saman määrän vuosia).",
		[KO_LANG_SV] = "Uppföljningstabellens antal per avslutsorsak ingår: de "
			"summerar till kohorten, och dess händelser antas vara "
			"utfallets händelser i tabell 1 (samma barn, eller den ena "
			"mängden inom den andra, som definitionerna tillåter), så "
			"antalet händelser döljs aldrig som komplement. Personår anges "
			"i hela år och döljs alla, även totalens, så snart något antal "
			"avslut är dolt: en summa av uppföljningstider bredvid ett dolt "
			"antal begränsar det (de som följs till slutåldern bidrar var "
			"och en med lika många år).",
	},
	[KO_MSG_M_AVAILABLE_CASES] = {
		[KO_LANG_EN] = "; the adjusted model on its complete cases, each crude "
			"model on everyone with its outcome and exposure known (available "
			"cases). ",
		[KO_LANG_FI] = "; vakioitu malli täydellisillä havainnoilla, kukin "
			"vakioimaton malli kaikilla, joiden vaste ja altiste tunnetaan "
			"(käytettävissä olevat havainnot). ",
		[KO_LANG_SV] = "; den justerade modellen på kompletta fall, varje "
			"ojusterad modell på alla med utfall och exponering kända "
			"(tillgängliga fall). ",
	},
	[KO_MSG_M_TABLE1_KNOWN] = {
		[KO_LANG_EN] = "Table 1 shows categories as n (%) of the column's persons whose value is "
			"known (those missing as a count), and numbers as mean (SD) and median "
			"(interquartile range). ",
		[KO_LANG_FI] = "Taulukossa 1 luokitellut muuttujat esitetään n (%) "
			"sarakkeen henkilöistä, joiden arvo tiedetään (puuttuvat "
			"lukumääränä), ja jatkuvat muuttujat keskiarvona (SD) ja mediaanina "
			"(kvartiiliväli). ",
		[KO_LANG_SV] = "Tabell 1 visar kategorier som n (%) av kolumnens personer "
			"med känt värde (de saknade som antal), och tal som medelvärde (SD) "
			"och median (kvartilintervall). ",
	},
	/* after KO_MSG_M_TABLE1 or KO_MSG_M_TABLE1_KNOWN, whichever applies */
	[KO_MSG_M_TABLE1_TESTS] = {
		[KO_LANG_EN] = "Groups are compared with standardised mean "
			"differences (SMD; for a categorical variable the multivariate SMD "
			"of Yang and Dalton, for more than two groups the mean of the "
			"pairwise SMDs), Pearson's chi-square test without continuity "
			"correction and Welch's test of means; missing values are left out "
			"of SMDs and tests. ",
		[KO_LANG_FI] = "Ryhmiä verrataan vakioiduilla keskiarvojen erotuksilla "
			"(SMD; luokitellulle muuttujalle Yangin ja Daltonin "
			"monimuuttuja-SMD, yli kahdelle ryhmälle parittaisten SMD-arvojen "
			"keskiarvo), Pearsonin khiin neliö -testillä ilman "
			"jatkuvuuskorjausta ja Welchin testillä keskiarvoille; puuttuvat "
			"arvot eivät ole mukana SMD-arvoissa eivätkä testeissä. ",
		[KO_LANG_SV] = "Grupperna jämförs med standardiserade "
			"medelvärdesskillnader (SMD; för en kategorisk variabel Yangs och "
			"Daltons multivariata SMD, för fler än två grupper medelvärdet av "
			"de parvisa SMD-värdena), Pearsons chi2-test utan "
			"kontinuitetskorrektion och Welchs test av medelvärden; saknade "
			"värden ingår inte i SMD eller test. ",
	},
	[KO_MSG_M_METHOD_LOGISTIC] = {
		[KO_LANG_EN] = "maximum likelihood",
		[KO_LANG_FI] = "suurimman uskottavuuden menetelmä",
		[KO_LANG_SV] = "maximal likelihood",
	},
	[KO_MSG_M_METHOD_FIRTH] = {
		[KO_LANG_EN] = "Firth's penalized likelihood (as logistf)",
		[KO_LANG_FI] = "Firthin penalisoitu uskottavuus (kuten logistf)",
		[KO_LANG_SV] = "Firths penaliserade likelihood (som logistf)",
	},
	[KO_MSG_M_METHOD_POISSON] = {
		[KO_LANG_EN] = "modified Poisson regression by maximum likelihood (log link, as R's glm(family = poisson)), risk ratios",
		[KO_LANG_FI] = "muunnettu Poisson-regressio suurimman uskottavuuden menetelmällä (log-linkki, kuten R:n glm(family = poisson)), riskisuhteet",
		[KO_LANG_SV] = "modifierad Poissonregression med maximal likelihood (log-länk, som R:s glm(family = poisson)), riskkvoter",
	},
	[KO_MSG_M_METHOD_POISSON_RATE] = {
		[KO_LANG_EN] = "Poisson regression of event counts with log person-years as offset (as R's glm(family = poisson, offset = log(pyears))), incidence rate ratios",
		[KO_LANG_FI] = "Poisson-regressio tapahtumien lukumäärille, siirtoterminä henkilövuosien logaritmi (kuten R:n glm(family = poisson, offset = log(pyears))), ilmaantuvuustiheyksien suhteet",
		[KO_LANG_SV] = "Poissonregression av antal händelser med log personår som offset (som R:s glm(family = poisson, offset = log(pyears))), incidenskvoter",
	},
	[KO_MSG_M_METHOD_COX] = {
		[KO_LANG_EN] = "Cox proportional-hazards regression by maximum partial likelihood (as R's survival::coxph), hazard ratios",
		[KO_LANG_FI] = "Coxin suhteellisten vaarojen regressio suurimman osittaisuskottavuuden menetelmällä (kuten R:n survival::coxph), vaarasuhteet",
		[KO_LANG_SV] = "Coxregression (proportionella risker) med maximal partiell likelihood (som R:s survival::coxph), hazardkvoter",
	},
	[KO_MSG_M_SE_MODEL] = {
		[KO_LANG_EN] = "model",
		[KO_LANG_FI] = "mallin mukaiset",
		[KO_LANG_SV] = "modellbaserade",
	},
	[KO_MSG_M_SE_ROBUST] = {
		[KO_LANG_EN] = "robust HC0",
		[KO_LANG_FI] = "robusti HC0",
		[KO_LANG_SV] = "robusta HC0",
	},
	[KO_MSG_M_SE_CLUSTER_MOTHER] = {
		[KO_LANG_EN] = "cluster HC0 (mother)",
		[KO_LANG_FI] = "klusteroitu HC0 (äiti)",
		[KO_LANG_SV] = "klustrade HC0 (mor)",
	},
	[KO_MSG_M_SE_CLUSTER_FATHER] = {
		[KO_LANG_EN] = "cluster HC0 (father)",
		[KO_LANG_FI] = "klusteroitu HC0 (isä)",
		[KO_LANG_SV] = "klustrade HC0 (far)",
	},
	[KO_MSG_M_CI_WALD] = {
		[KO_LANG_EN] = "wald",
		[KO_LANG_FI] = "Waldin menetelmä",
		[KO_LANG_SV] = "Wald",
	},
	[KO_MSG_M_CI_WALD_ROBUST] = {
		[KO_LANG_EN] = "wald (robust SE)",
		[KO_LANG_FI] = "Waldin menetelmä (robusti keskivirhe)",
		[KO_LANG_SV] = "Wald (robusta SE)",
	},
	[KO_MSG_M_CI_PROFILE] = {
		[KO_LANG_EN] = "profile likelihood",
		[KO_LANG_FI] = "profiiliuskottavuus",
		[KO_LANG_SV] = "profillikelihood",
	},
	[KO_MSG_M_CI_PROFILE_PEN] = {
		[KO_LANG_EN] = "profile penalized likelihood",
		[KO_LANG_FI] = "penalisoitu profiiliuskottavuus",
		[KO_LANG_SV] = "penaliserad profillikelihood",
	},

	[KO_MSG_M_TTE_SCALE] = {
		[KO_LANG_EN] = "; time scale: age in days, each child at risk from the start to the end of its follow-up",
		[KO_LANG_FI] = "; aikaskaalana ikä päivinä, kukin lapsi riskissä seurantansa alusta sen loppuun",
		[KO_LANG_SV] = "; tidsskala: ålder i dagar, varje barn i risk från uppföljningens början till dess slut",
	},
	[KO_MSG_M_TTE_CENSORED] = {
		[KO_LANG_EN] = "; censored at ",
		[KO_LANG_FI] = "; sensurointi: ",
		[KO_LANG_SV] = "; censurering vid ",
	},
	[KO_MSG_M_TTE_CAUSE_SPECIFIC] = {
		[KO_LANG_EN] = " (a death or emigration before the event censors follow-up: the cause-specific hazard)",
		[KO_LANG_FI] = " (ennen tapahtumaa sattunut kuolema tai maastamuutto sensuroi seurannan: syykohtainen vaara)",
		[KO_LANG_SV] = " (död eller utvandring före händelsen censurerar uppföljningen: orsaksspecifik hazard)",
	},
	[KO_MSG_M_TTE_TIES_EFRON] = {
		[KO_LANG_EN] = "; tied event times handled by Efron's method",
		[KO_LANG_FI] = "; samanaikaiset tapahtuma-ajat käsitelty Efronin menetelmällä",
		[KO_LANG_SV] = "; samtidiga händelsetider hanterade med Efrons metod",
	},
	[KO_MSG_M_TTE_TIES_BRESLOW] = {
		[KO_LANG_EN] = "; tied event times handled by Breslow's method",
		[KO_LANG_FI] = "; samanaikaiset tapahtuma-ajat käsitelty Breslow'n menetelmällä",
		[KO_LANG_SV] = "; samtidiga händelsetider hanterade med Breslows metod",
	},
	[KO_MSG_M_TTE_PH_TEST] = {
		[KO_LANG_EN] = "; the proportional-hazards assumption tested for each term and globally on the scaled Schoenfeld residuals (as survival::cox.zph, Kaplan-Meier time transform)",
		[KO_LANG_FI] = "; suhteellisten vaarojen oletus testattu selittäjittäin ja kokonaisuutena skaalatuilla Schoenfeldin residuaaleilla (kuten survival::cox.zph, Kaplan-Meier-aikamuunnos)",
		[KO_LANG_SV] = "; antagandet om proportionella risker testat per term och globalt med skalade Schoenfeldresidualer (som survival::cox.zph, Kaplan-Meier-tidstransform)",
	},
	[KO_MSG_M_TTE_TV] = {
		[KO_LANG_EN] = "; time-varying (follow-up split where the value changes, as survival::tmerge does, so that exposure after the event never counts): ",
		[KO_LANG_FI] = "; ajassa muuttuvat selittäjät (seuranta jaettu arvon muuttuessa kuten survival::tmerge, joten tapahtuman jälkeinen altistus ei vaikuta): ",
		[KO_LANG_SV] = "; tidsberoende variabler (uppföljningen delad där värdet ändras, som i survival::tmerge, så att exponering efter händelsen aldrig räknas): ",
	},
	[KO_MSG_M_TTE_TV_DATE] = {
		[KO_LANG_EN] = " (0 before, 1 from ",
		[KO_LANG_FI] = " (0 ennen ja 1 alkaen päivämäärästä ",
		[KO_LANG_SV] = " (0 före, 1 från och med ",
	},
	[KO_MSG_M_TTE_TV_CUM] = {
		[KO_LANG_EN] = " (the number of years with records up to the current age, each year counted from 1 January after it)",
		[KO_LANG_FI] = " (niiden vuosien määrä, joilta on merkintöjä, kulloiseenkin ikään asti; kukin vuosi lasketaan sitä seuraavan vuoden 1. tammikuuta alkaen)",
		[KO_LANG_SV] = " (antalet år med uppgifter fram till aktuell ålder, varje år räknat från den 1 januari året efter)",
	},
	[KO_MSG_M_TTE_SPLIT_AGE] = {
		[KO_LANG_EN] = "; person-years split into age bands at the birthdays of ages %s (the age band a term of the adjusted model)",
		[KO_LANG_FI] = "; henkilövuodet jaettu ikäryhmiin ikävuosien %s syntymäpäivinä (ikäryhmä vakioidun mallin selittäjänä)",
		[KO_LANG_SV] = "; personår uppdelade i åldersband vid födelsedagarna för åldrarna %s (åldersbandet en term i den justerade modellen)",
	},
	[KO_MSG_M_TTE_SPLIT_PERIOD] = {
		[KO_LANG_EN] = "; person-years split into calendar periods starting %s (the period a term of the adjusted model)",
		[KO_LANG_FI] = "; henkilövuodet jaettu kalenterijaksoihin, jotka alkavat %s (jakso vakioidun mallin selittäjänä)",
		[KO_LANG_SV] = "; personår uppdelade i kalenderperioder som börjar %s (perioden en term i den justerade modellen)",
	},
	[KO_MSG_M_TTE_COX_STRATA] = {
		[KO_LANG_EN] = "; a baseline hazard of its own for each level of ",
		[KO_LANG_FI] = "; oma perusvaara kullekin luokalle muuttujan mukaan: ",
		[KO_LANG_SV] = "; en egen bashazard för varje nivå av ",
	},
	[KO_MSG_M_TTE_SPLIT_PERIOD_COX] = {
		[KO_LANG_EN] = "; follow-up split at the calendar dates %s (the calendar period a time-varying term of the adjusted model, as survival::tmerge does)",
		[KO_LANG_FI] = "; seuranta jaettu kalenteripäivinä %s (kalenterijakso ajassa muuttuvana selittäjänä vakioidussa mallissa, kuten survival::tmerge)",
		[KO_LANG_SV] = "; uppföljningen uppdelad vid kalenderdatumen %s (kalenderperioden en tidsberoende term i den justerade modellen, som survival::tmerge gör)",
	},
};
