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
	[KO_MSG_T1_FOOT_HIDDEN] = " Kolumner efter %s visas inte: en grupps storlek "
		"skulle behöva döljas.",

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
		"maximum likelihood-skattningen av oddskvoten går mot 0 eller "
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
};
