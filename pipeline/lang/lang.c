#include "lang.h"
#include "names.h"

#include <string.h>

static const char *const codes[KO_LANG_COUNT] = { "en", "fi", "sv" };

const char *ko_lang_entry(enum ko_lang lang, enum ko_msg id)
{
	if ((unsigned)id >= KO_MSG_COUNT || (unsigned)lang >= KO_LANG_COUNT)
		return NULL;
	return ko_lang_texts[id][lang] ? ko_lang_texts[id][lang]
				       : ko_lang_methods[id][lang];
}

const char *ko_lang_text(enum ko_lang lang, enum ko_msg id)
{
	const char *s;

	if ((unsigned)lang >= KO_LANG_COUNT)
		lang = KO_LANG_EN;
	s = ko_lang_entry(lang, id);
	if (!s)
		s = ko_lang_entry(KO_LANG_EN, id);
	return s ? s : "";
}

enum ko_msg ko_lang_effect(enum ko_msg id, const char *effect)
{
	static const struct {
		enum ko_msg base;
		const char *abbrev;
		enum ko_msg msg;
	} map[] = {
		{ KO_MSG_FOOT_MODEL, "RR", KO_MSG_FOOT_MODEL_RR },
		{ KO_MSG_FOOT_MODEL, "HR", KO_MSG_FOOT_MODEL_HR },
		{ KO_MSG_FOOT_MODEL, "IRR", KO_MSG_FOOT_MODEL_IRR },
		{ KO_MSG_FOREST_AXIS, "RR", KO_MSG_FOREST_AXIS_RR },
		{ KO_MSG_FOREST_AXIS, "HR", KO_MSG_FOREST_AXIS_HR },
		{ KO_MSG_FOREST_AXIS, "IRR", KO_MSG_FOREST_AXIS_IRR },
		{ KO_MSG_HTML_FOREST_CAPTION, "RR", KO_MSG_HTML_FOREST_CAPTION_RR },
		{ KO_MSG_HTML_FOREST_CAPTION, "HR", KO_MSG_HTML_FOREST_CAPTION_HR },
		{ KO_MSG_HTML_FOREST_CAPTION, "IRR", KO_MSG_HTML_FOREST_CAPTION_IRR },
	};
	size_t k, n;

	for (k = 0; effect && k < sizeof(map) / sizeof(map[0]); k++) {
		n = strlen(map[k].abbrev);
		if (map[k].base == id && !strncmp(effect, map[k].abbrev, n) &&
		    (effect[n] == '\0' || effect[n] == ' '))
			return map[k].msg;
	}
	return id;
}

int ko_lang_find(const char *name)
{
	return (int)ko_name_index(codes, KO_LANG_COUNT, name);
}

const char *ko_lang_code(enum ko_lang lang)
{
	return (unsigned)lang < KO_LANG_COUNT ? codes[lang] : codes[0];
}
