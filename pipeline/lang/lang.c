#include "lang.h"

#include <string.h>

static const char *const *const tables[KO_LANG_COUNT] = {
	ko_lang_en, ko_lang_fi, ko_lang_sv,
};
static const char *const codes[KO_LANG_COUNT] = { "en", "fi", "sv" };

const char *ko_lang_text(enum ko_lang lang, enum ko_msg id)
{
	const char *s;

	if ((unsigned)id >= KO_MSG_COUNT)
		return "";
	if ((unsigned)lang >= KO_LANG_COUNT)
		lang = KO_LANG_EN;
	s = tables[lang][id];
	return s ? s : ko_lang_en[id] ? ko_lang_en[id] : "";
}

int ko_lang_find(const char *name)
{
	int k;

	for (k = 0; k < KO_LANG_COUNT; k++)
		if (!strcmp(name, codes[k]))
			return k;
	return -1;
}

const char *ko_lang_code(enum ko_lang lang)
{
	return (unsigned)lang < KO_LANG_COUNT ? codes[lang] : codes[0];
}
