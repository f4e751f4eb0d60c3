/* Swedish (svenska): the report's fixed texts (lang.h, lang_en.c). */
#include "lang.h"

const char *const ko_lang_sv[KO_MSG_COUNT] = {
	[KO_MSG_NO] = "Nej",
	[KO_MSG_YES] = "Ja",
	[KO_MSG_MISSING] = "Saknas",
	[KO_MSG_MEAN_SD] = "Medelvärde (SD)",
	[KO_MSG_MEDIAN_IQR] = "Median (kvartilintervall)",
	[KO_MSG_CHARACTERISTIC] = "Egenskap",
	[KO_MSG_OVERALL] = "Totalt",
	[KO_MSG_PERSONS_N] = "Personer, n",
	[KO_MSG_T1_TITLE_BY] = "Kohortens egenskaper efter %s",
	[KO_MSG_T1_TITLE] = "Kohortens egenskaper",
	[KO_MSG_T1_FOOTNOTE] = "n (%) av kolumnen (saknade värden medräknade); medelvärde (SD); "
		"median (kvartilintervall: nedre till övre kvartil).",
	[KO_MSG_T1_FOOT_TESTS] = " SMD: standardiserad medelvärdesskillnad (med fler än "
		"två grupper medelvärdet av de parvisa SMD-värdena). p: Pearsons "
		"chi2-test (kategoriska variabler) eller Welchs test (numeriska "
		"variabler); saknade värden ingår inte i SMD eller test.",
	[KO_MSG_T1_FOOT_SMD_ONLY] = " SMD: standardiserad medelvärdesskillnad (med "
		"fler än två grupper medelvärdet av de parvisa SMD-värdena); saknade "
		"värden ingår inte i SMD.",
	[KO_MSG_T1_FOOT_P_ONLY] = " p: Pearsons chi2-test (kategoriska variabler) "
		"eller Welchs test (numeriska variabler); saknade värden ingår inte "
		"i testen.",
	[KO_MSG_T1_FOOT_HIDDEN] = " Kolumner efter %s visas inte: en grupps storlek "
		"skulle behöva döljas.",
	[KO_MSG_T1_FOOTNOTE_KNOWN] = "n (%) av kolumnens personer med känt värde "
		"(Saknas: n); medelvärde (SD); median (kvartilintervall: nedre till "
		"övre kvartil).",
	[KO_MSG_T1_FOOT_NOPCT] = " Procent visas inte där kolumnens antal saknade "
		"värden är dolt.",
	[KO_MSG_T1_OR_MISSING] = "%s eller saknas",
	[KO_MSG_T1_FOOT_MERGED] = " \"%s\": dessa personer tillsammans med dem som "
		"saknar %s, som är för få för att visas separat.",
	[KO_MSG_T1_HEADER_N] = "%s, N = %s",

	[KO_MSG_REF] = " (referens)",
	[KO_MSG_RANGE_TO] = " till ",
	[KO_MSG_SUPP_NOTE] = "<%d: färre än %d personer; %s: dold så att ett litet antal inte "
		"kan härledas.",

	[KO_MSG_COHORT_FLOW] = "Kohortens flödesschema",
	[KO_MSG_FLOW_BASE] = "barn i uttaget %s",
	[KO_MSG_STEP] = "Steg",
	[KO_MSG_REMAINING] = "Kvar",
	[KO_MSG_EXCLUDED] = "Exkluderade",
	[KO_MSG_N_SUPPRESSED] = "n dolt",
	[KO_MSG_NOT_RULE] = "Uppfyller inte: %s",
	[KO_MSG_FLOW_FOOTNOTE] = "Varje regel tillämpas på de personer som "
		"återstår efter reglerna ovanför den. Där ett litet antal "
		"exkluderade är dolt döljs även antalen mellan det och ett "
		"angränsande steg, så att inget dolt antal kan härledas ur de "
		"övriga.",

	[KO_MSG_PARENT_LINKAGE] = "Länkning till föräldrar",
	[KO_MSG_LINK] = "Länkning",
	[KO_MSG_MOTHER] = "Mor",
	[KO_MSG_FATHER] = "Far",
	[KO_MSG_CHILDREN_BASE] = "Barn i grunduttaget",
	[KO_MSG_CHILDREN_COHORT] = "Barn i kohorten",
	[KO_MSG_LINK_OK] = "Länkad",
	[KO_MSG_LINK_NO_ID] = "Förälderns id saknas i födelseuppgifterna",
	[KO_MSG_LINK_NOT_IN_POPULATION] = "Id:t finns inte i "
		"befolkningsuttaget",
	[KO_MSG_LINK_TOO_YOUNG] = "Föräldern för ung vid födelsen",
	[KO_MSG_LINK_TOO_OLD] = "Föräldern för gammal vid födelsen",
	[KO_MSG_LINK_DEAD_BEFORE_BIRTH] = "Föräldern avled före födelsen",

	[KO_MSG_REGIONAL_TITLE] = "Kohorten efter %s",
	[KO_MSG_PERSONS] = "Personer",
	[KO_MSG_EXPOSED] = "Exponerade",
	[KO_MSG_EVENTS] = "Fall",
	[KO_MSG_ALL] = "Samtliga",
	[KO_MSG_REGIONAL_FOOTNOTE] = "Exponerade och fall: n (%) av personerna "
		"på raden.",

	[KO_MSG_MODEL] = "modell",
	[KO_MSG_CI] = "%s %% KI",
	[KO_MSG_EVENTS_N_PCT] = "Fall, n (%)",
	[KO_MSG_CRUDE] = "Ojusterad",
	[KO_MSG_ADJUSTED] = "Justerad",
	[KO_MSG_ADJUSTED_RR] = "Justerad RR",
	[KO_MSG_ADJUSTED_RD] = "Justerad RD",
	[KO_MSG_OR_HEAD] = "OR (%s)",
	[KO_MSG_RR_HEAD] = "RR (%s)",
	[KO_MSG_RD_HEAD] = "RD, procentenheter (%s)",
	[KO_MSG_PERSONS_IN_MODEL] = "Personer i modellen",
	[KO_MSG_MODEL_ALL_PERSONS] = "Alla personer",
	[KO_MSG_NOT_IN_MODEL] = "Inte i modellen (saknade värden)",
	[KO_MSG_FOOT_POPULATION] = " Personer och fall: alla i kohorten "
		"(undergruppen, stratumet) på nivån, räknade som i tabell 1, oavsett "
		"deras övriga värden; skattningarna gäller dem som har alla "
		"modellens variabler kända. Inte i modellen: de som utelämnats för "
		"ett saknat värde. En ojusterad skattning visas bara där alla vars "
		"värde på variabeln är känt ingår i modellen.",
	[KO_MSG_AUC] = "AUC (%s)",
	[KO_MSG_PAF] = "Populationsattributiv andel, %% (%s)",
	[KO_MSG_ATTRIBUTABLE_CASES] = "Attributiva fall, n (%s)",
	[KO_MSG_FOOT_MODEL] = "Ojusterad: en modell per exponering. Justerad: "
		"alla termer i samma modell. OR: oddskvot med %s %% "
		"konfidensintervall; ",
	[KO_MSG_FOOT_RR] = "RR: justerad riskkvot skattad med modifierad "
		"Poissonregression (log-länk, robust medelfel; Zou 2004); ",
	[KO_MSG_FOOT_RD] = "RD: justerad riskskillnad i procentenheter för "
		"nivåerna av %s (marginell standardisering av den justerade "
		"modellen: medelvärdet av den predicerade risken med alla på "
		"nivån minus med alla på referensnivån; KI med deltametoden); ",
	[KO_MSG_FOOT_P_EVENTS] = "p på en terms rad: gemensamt Waldtest av "
		"alla dess nivåer. Fall: n (%%) av personerna på nivån.",
	[KO_MSG_FOOT_SEPARATED] = " %s: ej skattbar, separation: utfallet "
		"förutsägs (nästan) perfekt på denna nivå, så att "
		"skattningen av oddskvoten med maximal likelihood går mot 0 eller "
		"oändligheten och dess KI och p, liksom termens gemensamma test, "
		"saknar mening (överväg estimator = firth eller att slå samman "
		"nivåer).",
	[KO_MSG_FOOT_ALIASED] = " %s: ej skattbar, aliaserad: linjärt beroende "
		"av modellens övriga termer (NA i R).",
	[KO_MSG_FOOT_PAF] = " Populationsattributiv andel: den andel av fallen "
		"som inte skulle inträffa om alla var på referensnivån av %s (1 "
		"minus kvoten mellan den standardiserade risken på referensnivån "
		"och den observerade risken), KI med deltametoden på "
		"log(1 - PAF); attributiva fall: andelen gånger modellens antal "
		"fall.",
	[KO_MSG_FOOT_POPULATION_AVAILABLE] = " Personer och fall: alla i kohorten "
		"(undergruppen, stratumet) på nivån, räknade som i tabell 1, oavsett "
		"deras övriga värden. De justerade skattningarna gäller dem som har "
		"alla modellens variabler kända, de ojusterade alla med utfall och "
		"exponering kända (de personer och fall som visas). Inte i "
		"modellen: de som utelämnats ur den justerade modellen för ett "
		"saknat värde.",
	[KO_MSG_FOOT_CRUDE_AVAILABLE] = " De ojusterade skattningarna gäller alla med utfall "
		"och exponering kända; de visas där dessa är personerna i modellen.",

	[KO_MSG_FOREST_AXIS] = "Justerad oddskvot (logaritmisk skala)",
	[KO_MSG_FOREST_SEPARATED] = "%s ej skattbar: separation (oddskvoten "
		"går mot 0 eller oändligheten)",
	[KO_MSG_FOREST_ALIASED] = "%s ej skattbar: aliaserad (linjärt beroende "
		"av andra termer)",
	[KO_MSG_FOREST_BOTH] = "%s ej skattbar: separation; %s ej skattbar: "
		"aliaserad",

	[KO_MSG_HTML_STUDY] = "Studie",
	[KO_MSG_HTML_THRESHOLD] = "tröskelvärde för röjandekontroll %d",
	[KO_MSG_HTML_TABLE1] = "Tabell 1: egenskaper",
	[KO_MSG_HTML_T1_EXPOSURE] = "Egenskaper efter exponering",
	[KO_MSG_HTML_MODELS] = "Modeller",
	[KO_MSG_HTML_REGIONAL] = "Regional tabell",
	[KO_MSG_HTML_WARNINGS] = "Varningar",
	[KO_MSG_HTML_METHODS] = "Metoder",
	[KO_MSG_HTML_FLOW_CAPTION] = "Figur 1. Kohortens flödesschema: personer "
		"som återstår efter varje regel och personer som exkluderas av "
		"den.",
	[KO_MSG_HTML_FOREST_CAPTION] = "Justerade oddskvoter med %s %% "
		"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	[KO_MSG_FOOT_MODEL_RR] = "Ojusterad: en modell per exponering. Justerad: "
		"alla termer i samma modell. RR: riskkvot med %s %% "
		"konfidensintervall; ",
	[KO_MSG_FOOT_MODEL_HR] = "Ojusterad: en modell per exponering. Justerad: "
		"alla termer i samma modell. HR: hasardkvot med %s %% "
		"konfidensintervall; ",
	[KO_MSG_FOOT_MODEL_IRR] = "Ojusterad: en modell per exponering. Justerad: "
		"alla termer i samma modell. IRR: incidenskvot med %s %% "
		"konfidensintervall; ",
	[KO_MSG_FOREST_AXIS_RR] = "Justerad riskkvot (logaritmisk skala)",
	[KO_MSG_FOREST_AXIS_HR] = "Justerad hasardkvot (logaritmisk skala)",
	[KO_MSG_FOREST_AXIS_IRR] = "Justerad incidenskvot (logaritmisk skala)",
	[KO_MSG_HTML_FOREST_CAPTION_RR] = "Justerade riskkvoter med %s %% "
		"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	[KO_MSG_HTML_FOREST_CAPTION_HR] = "Justerade hasardkvoter med %s %% "
		"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",
	[KO_MSG_HTML_FOREST_CAPTION_IRR] = "Justerade incidenskvoter med %s %% "
		"konfidensintervall (logaritmisk skala); dolda nivåer visas inte.",

	[KO_MSG_FU_TITLE] = "Uppföljningens slut",
	[KO_MSG_FU_STUB] = "Orsak till uppföljningens slut",
	[KO_MSG_FU_CHILDREN] = "Barn",
	[KO_MSG_FU_PERSON_YEARS] = "Personår",
	[KO_MSG_FU_EVENT] = "Händelse: %s",
	[KO_MSG_FU_EVENT_NONE] = "ingen definierad",
	[KO_MSG_FU_DEATH] = "Död",
	[KO_MSG_FU_EMIGRATION] = "Utvandring",
	[KO_MSG_FU_END_AGE] = "Censurerad: ålder %d",
	[KO_MSG_FU_END_DATA] = "Censurerad: slutet av data",
	[KO_MSG_FU_TOTAL] = "Totalt",
	[KO_MSG_FU_FOOTNOTE] = "Personår: dagar från uppföljningens början till "
		"dess slut / 365,25. Varje barns uppföljning slutar vid det första "
		"av händelsen, död, utvandring, slutåldern och slutet av data.",

	[KO_MSG_W_MODEL] = "Modell ",
	[KO_MSG_W_NOT_FITTED] = ": den justerade modellen kunde inte skattas",
	[KO_MSG_W_NO_TABLE] = "; ingen tabell.",
	[KO_MSG_W_TOO_FEW] = ": ingen tabell: för få personer eller fall för att "
		"publiceras enligt röjanderegeln.",
	[KO_MSG_W_SEPARATION] = "separation (oddskvoten går mot 0 eller "
		"oändligheten)",
	[KO_MSG_W_ALIASED] = "aliaserad (linjärt beroende av andra termer)",
	[KO_MSG_W_NOT_ESTIMABLE] = ": ej skattbar, ",
	[KO_MSG_W_DASH_TERM] = "; visas som ett streck, liksom termens "
		"gemensamma test.",
	[KO_MSG_W_DASH] = "; visas som ett streck.",

	[KO_MSG_M_FU_NONE] = "Ingen uppföljningstid beräknades: varje utfall "
		"räknar händelserna inom den egna variabelns tidsfönster, oavsett "
		"om barnet kunde följas under hela fönstret. ",
	[KO_MSG_M_FU_START] = "Uppföljningen började vid ",
	[KO_MSG_M_FU_BIRTHDAY] = "%d-årsdagen%s",
	[KO_MSG_M_FU_BIRTH] = "födelsen",
	[KO_MSG_M_FU_ENDED] = " och slutade vid det första av ",
	[KO_MSG_M_FU_EVENT] = "händelsen",
	[KO_MSG_M_FU_DEATH] = "död, ",
	[KO_MSG_M_FU_EMIGRATION] = "utvandring, ",
	[KO_MSG_M_FU_END_DATA] = " och slutet av data (%s)",
	[KO_MSG_M_FU_TAIL] = "; barn som nådde slutåldern eller slutet av data "
		"censurerades där. Barn vars datum inte ger någon uppföljning "
		"(inget startdatum, slut före början, en händelse efter död eller "
		"utvandring) exkluderades och räknas i kohortens flödesschema; "
		"uppföljningstabellen ger orsakerna till uppföljningens slut. ",

	[KO_MSG_M_AGG_VALUE] = "det registrerade värdet av",
	[KO_MSG_M_AGG_ANY] = "om det finns någon post i",
	[KO_MSG_M_AGG_COUNT] = "antalet poster i",
	[KO_MSG_M_AGG_YEARS] = "antalet kalenderår med en post i",
	[KO_MSG_M_AGG_FIRST] = "datumet för den första posten i",
	[KO_MSG_M_AGG_LAST] = "datumet för den sista posten i",
	[KO_MSG_M_AGG_SUM] = "summan av",
	[KO_MSG_M_AGG_MIN] = "det minsta värdet av",
	[KO_MSG_M_AGG_MAX] = "det största värdet av",
	[KO_MSG_M_AGG_MONTHS] = "antalet flaggade månader i",
	[KO_MSG_M_AGG_YEARS_WITH] = "antalet år med tillräckligt många flaggade "
		"månader i",
	[KO_MSG_M_OF_MOTHER] = " för modern",
	[KO_MSG_M_OF_FATHER] = " för fadern",
	[KO_MSG_M_OF_PARENTS] = " för någondera föräldern",
	[KO_MSG_M_WIN_AGE] = "vid %d till %d års ålder",
	[KO_MSG_M_WIN_DAYS] = "%d till %d dagar efter födelsen",
	[KO_MSG_M_WIN_DATES] = "från %s till %s",
	[KO_MSG_M_WIN_BEFORE] = "före ",
	[KO_MSG_M_WIN_AFTER] = "efter ",
	[KO_MSG_M_COMPUTED_AS] = "beräknad som ",
	[KO_MSG_M_IN] = " i ",
	[KO_MSG_M_EXTRACT] = "registeruttaget ",
	[KO_MSG_M_WITH_CODE] = " med en kod ",
	[KO_MSG_M_IN_COLS] = " i någon av kolumnerna ",
	[KO_MSG_M_OP_IN] = "är något av",
	[KO_MSG_M_OP_NOT_IN] = "är inget av",
	[KO_MSG_M_OP_MISSING] = "saknas",
	[KO_MSG_M_OP_PRESENT] = "finns",
	[KO_MSG_M_AND] = " och ",
	[KO_MSG_M_WHERE] = " där ",
	[KO_MSG_M_GROUPED_AS] = "; grupperad som ",
	[KO_MSG_M_REFERENCE] = " (referens ",
	[KO_MSG_M_SHOWN_AS] = "; visas som ",
	[KO_MSG_M_NO_TABLE_FOR] = "Ingen tabell för ",
	[KO_MSG_M_NO_TABLE_WHY] = ": den justerade modellen skattades inte (se "
		"models/ och körloggen), eller dess antal kunde inte publiceras "
		"enligt röjanderegeln. ",
	[KO_MSG_M_EFFECT_RR] = "; riskkvoter med modifierad Poissonregression "
		"(log-länk, sandwich-SE: robust, eller klustrad som modellens)",
	[KO_MSG_M_STD_RISKS] = "; standardiserade risker för ",
	[KO_MSG_M_STD_BY] = " genom marginell standardisering av den logistiska "
		"modellen",
	[KO_MSG_M_STD_RD] = ", med riskskillnader i procentenheter",
	[KO_MSG_M_STD_PAF] = ", samt den populationsattributabla andelen (alla "
		"på referensnivån) med de attributabla fallen",
	[KO_MSG_M_STD_DELTA] = " (KI med deltametoden)",
	[KO_MSG_M_NO_MODELS] = "Inga modeller anges i studiens konfiguration. ",
	[KO_MSG_M_MODELS] = "Modeller: logistisk regression med maximal "
		"likelihood (iterativt omviktade minsta kvadrater, som R:s glm) om "
		"inget annat anges; oddskvoter med konfidensintervall; p på en terms "
		"rad är det gemensamma Waldtestet för alla dess nivåer. ",
	[KO_MSG_M_MODEL] = "Modell ",
	[KO_MSG_M_ON] = " på ",
	[KO_MSG_M_ADJUSTED_FOR] = ", justerad även för ",
	[KO_MSG_M_INTERACTION] = ", med %zu interaktionsterm",
	[KO_MSG_M_INTERACTIONS] = ", med %zu interaktionstermer",
	[KO_MSG_M_AMONG] = ", bland barn med ",
	[KO_MSG_M_IN_STRATA] = ", i strata efter ",
	[KO_MSG_M_CRUDE_AND_ADJUSTED] = "; ojusterade modeller med en exponering "
		"var och den justerade modellen med alla termer",
	[KO_MSG_M_ADJUSTED_ONLY] = "; endast den justerade modellen",
	[KO_MSG_M_SE] = "; standardfel: ",
	[KO_MSG_M_CI] = "; %g %% konfidensintervall: ",
	[KO_MSG_M_COMPLETE_CASES] = "; kompletta fall (ojusterade och justerade "
		"modeller på samma barn). ",
	[KO_MSG_M_AUC] = "C-statistikan (AUC) har ett konfidensintervall enligt "
		"DeLong. ",
	[KO_MSG_M_DRAWN_FROM] = "Kohorten togs ur registeruttaget ",
	[KO_MSG_M_RULES] = "Reglerna tillämpades i denna ordning: ",
	[KO_MSG_M_EXCLUDED] = "exkluderade:",
	[KO_MSG_M_INCLUDED] = "inkluderade:",
	[KO_MSG_M_FINAL_COHORT] = "Den slutliga kohorten har %s personer; "
		"kohortens flödesschema och tabell ger antalet i varje steg. ",
	[KO_MSG_M_LINKED] = "Barnen länkades till sina föräldrar via "
		"föräldrarnas id i födelseuppgifterna och befolkningsregistret ",
	[KO_MSG_M_LINK_DROPPED] = "; en länk togs bort när id:t inte matchade "
		"någon där, när föräldern var yngre än %d eller äldre än %d år vid "
		"födelsen, eller när modern hade avlidit mer än %d eller fadern mer "
		"än %d dagar före födelsen (tabellen över länkning till föräldrar).",
	[KO_MSG_M_VARIABLES] = "Variabler:",
	[KO_MSG_M_TABLE1] = "Tabell 1 visar kategorier som n (%) av kolumnen, "
		"saknade värden medräknade, och tal som medelvärde (SD) och median "
		"(kvartilintervall). Grupperna jämförs med standardiserade "
		"medelvärdesskillnader (SMD; för en kategorisk variabel Yangs och "
		"Daltons multivariata SMD, för fler än två grupper medelvärdet av "
		"de parvisa SMD-värdena), Pearsons chi2-test utan "
		"kontinuitetskorrektion och Welchs test av medelvärden; saknade "
		"värden ingår inte i SMD eller test. ",
	[KO_MSG_M_PRODUCED_BY] = "Framställd med kohort %s från studiens "
		"konfiguration ",
	[KO_MSG_M_MANIFEST] = "; varje in- och utdatafil listas med sin SHA-256 "
		"i manifest.json.",
	[KO_MSG_M_DISCLOSURE] = "Röjandekontroll: varje antal från 1 till %d "
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
	[KO_MSG_M_AUDIT] = "Granskning av hela exporten: innan någon fil skrevs ställdes "
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
	[KO_MSG_M_AUDIT_FOLLOWUP] = "Uppföljningstabellens antal per avslutsorsak ingår: de "
		"summerar till kohorten, och dess händelser antas vara "
		"utfallets händelser i tabell 1 (samma barn, eller den ena "
		"mängden inom den andra, som definitionerna tillåter), så "
		"antalet händelser döljs aldrig som komplement. Personår anges "
		"i hela år och döljs alla, även totalens, så snart något antal "
		"avslut är dolt: en summa av uppföljningstider bredvid ett dolt "
		"antal begränsar det (de som följs till slutåldern bidrar var "
		"och en med lika många år).",
	[KO_MSG_M_AVAILABLE_CASES] = "; den justerade modellen på kompletta fall, varje "
		"ojusterad modell på alla med utfall och exponering kända "
		"(tillgängliga fall). ",
	[KO_MSG_CI_TITLE] = "Kumulativ incidens av %s efter %s",
	[KO_MSG_CI_STEPS_TITLE] = "Kumulativ incidens av %s efter %s: figurens steg",
	[KO_MSG_CI_X] = "\xc3\x85lder, \xc3\xa5r",
	[KO_MSG_CI_Y] = "Kumulativ incidens, %%",
	[KO_MSG_CI_AT_RISK] = "Antal i risk",
	[KO_MSG_CI_COL] = "Kumulativ incidens, %% (95 %% KI)",
	[KO_MSG_CI_COL_RISK] = "I risk, n",
	[KO_MSG_CI_AGE] = "\xc3\x85lder %s",
	[KO_MSG_CI_COL_AGE] = "\xc3\x85lder, \xc3\xa5r",
	[KO_MSG_CI_AJ] = "Aalen\xe2\x80\x93Johansen-skattning med d\xc3\xb6" "d som konkurrerande h\xc3\xa4ndelse, 95 %% KI",
	[KO_MSG_CI_KM] = "1 \xe2\x88\x92 Kaplan\xe2\x80\x93Meier-skattning, 95 %% KI",
	[KO_MSG_CI_GRAY] = "Grays test mellan niv\xc3\xa5" "erna: p %s",
	[KO_MSG_CI_LOGRANK] = "log-rank-test mellan niv\xc3\xa5" "erna: p %s",
	[KO_MSG_CI_NO_TEST] = "inget test mellan niv\xc3\xa5" "erna (uppf\xc3\xb6ljningen b\xc3\xb6rjar efter f\xc3\xb6" "delsen)",
	[KO_MSG_CI_PROTECT] = "Kurvorna stiger endast p\xc3\xa5 ett \xc3\xa5ldersrutn\xc3\xa4t om %s \xc3\xa5r och f\xc3\xb6rst n\xc3\xa4r minst %d h\xc3\xa4ndelser har intr\xc3\xa4" "ffat sedan f\xc3\xb6reg\xc3\xa5" "ende steg; antal i risk \xc3\xa4r avrundade till n\xc3\xa4rmaste tiotal.",
	[KO_MSG_M_TABLE1_KNOWN] = "Tabell 1 visar kategorier som n (%) av kolumnens personer "
		"med känt värde (de saknade som antal), och tal som medelvärde (SD) "
		"och median (kvartilintervall). Grupperna jämförs med "
		"standardiserade medelvärdesskillnader (SMD; för en kategorisk "
		"variabel Yangs och Daltons multivariata SMD, för fler än två "
		"grupper medelvärdet av de parvisa SMD-värdena), Pearsons chi2-test "
		"utan kontinuitetskorrektion och Welchs test av medelvärden; saknade "
		"värden ingår inte i SMD eller test. ",
	[KO_MSG_M_METHOD_LOGISTIC] = "maximal likelihood",
	[KO_MSG_M_METHOD_FIRTH] = "Firths penaliserade likelihood (som logistf)",
	[KO_MSG_M_METHOD_POISSON] = "modifierad Poissonregression med maximal likelihood (log-länk, som R:s glm(family = poisson)), riskkvoter",
	[KO_MSG_M_METHOD_POISSON_RATE] = "Poissonregression av antal händelser med log personår som offset (som R:s glm(family = poisson, offset = log(pyears))), incidenskvoter",
	[KO_MSG_M_METHOD_COX] = "Coxregression (proportionella risker) med maximal partiell likelihood (som R:s survival::coxph), hazardkvoter",
	[KO_MSG_M_SE_MODEL] = "modellbaserade",
	[KO_MSG_M_SE_ROBUST] = "robusta HC0",
	[KO_MSG_M_SE_CLUSTER_MOTHER] = "klustrade HC0 (mor)",
	[KO_MSG_M_SE_CLUSTER_FATHER] = "klustrade HC0 (far)",
	[KO_MSG_M_CI_WALD] = "Wald",
	[KO_MSG_M_CI_WALD_ROBUST] = "Wald (robusta SE)",
	[KO_MSG_M_CI_PROFILE] = "profillikelihood",
	[KO_MSG_M_CI_PROFILE_PEN] = "penaliserad profillikelihood",

	[KO_MSG_RATE_HEAD] = "Incidens per 1 000 personår (%s)",
	[KO_MSG_FOOT_RATE] = " Personår: nivåns personers uppföljningstid (år); incidens: dess händelser per 1 000 personår med exakt Poissonkonfidensintervall. Personår döljs där antalet personer är dolt, incidensen där personer eller händelser är det.",
	[KO_MSG_TERM_AGE_BAND] = "Åldersband (från ålder, år)",
	[KO_MSG_TERM_PERIOD] = "Kalenderperiod (från)",
	[KO_MSG_M_TTE_SCALE] = "; tidsskala: ålder i dagar, varje barn i risk från uppföljningens början till dess slut",
	[KO_MSG_M_TTE_CENSORED] = "; censurering vid ",
	[KO_MSG_M_TTE_CAUSE_SPECIFIC] = " (död eller utvandring före händelsen censurerar uppföljningen: orsaksspecifik hazard)",
	[KO_MSG_M_TTE_TIES_EFRON] = "; samtidiga händelsetider hanterade med Efrons metod",
	[KO_MSG_M_TTE_TIES_BRESLOW] = "; samtidiga händelsetider hanterade med Breslows metod",
	[KO_MSG_M_TTE_TV] = "; tidsberoende variabler (uppföljningen delad där värdet ändras, som i survival::tmerge, så att exponering efter händelsen aldrig räknas): ",
	[KO_MSG_M_TTE_TV_DATE] = " (0 före, 1 från och med ",
	[KO_MSG_M_TTE_TV_CUM] = " (antalet år med uppgifter fram till aktuell ålder, varje år räknat från den 1 januari året efter)",
	[KO_MSG_M_TTE_SPLIT_AGE] = "; personår uppdelade i åldersband vid födelsedagarna för åldrarna %s (åldersbandet en term i den justerade modellen)",
	[KO_MSG_M_TTE_SPLIT_PERIOD] = "; personår uppdelade i kalenderperioder som börjar %s (perioden en term i den justerade modellen)",
	[KO_MSG_M_TTE_COX_STRATA] = "; en egen bashazard för varje nivå av ",
	[KO_MSG_M_TTE_SPLIT_PERIOD_COX] = "; uppföljningen uppdelad vid kalenderdatumen %s (kalenderperioden en tidsberoende term i den justerade modellen, som survival::tmerge gör)",
	[KO_MSG_FOOT_LINKAGE] = "En länk som inte uppfyller ett villkor tas bort; barnets länk till den andra föräldern behålls.",
	[KO_MSG_FOOT_TIME_VARYING] = " En tidsberoende variabels nivåer: personerna är de som följdes upp på nivån vid någon ålder (en person passerar flera nivåer, så de summeras inte till modellens personer, och händelserna har ingen procentandel); händelser och personår är tidens på nivån.",
};
