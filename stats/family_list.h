/*
 * family_list.h - the model-family registry: one line per family,
 * KO_FAMILY(name) for the struct ko_family ko_family_<name> that
 * stats/family_<name>.c defines.  family.h declares each one and family.c
 * lists them in this order in ko_families[], which both kohort fit
 * (--family NAME) and kohort run ([model] family = NAME) search by name
 * and list in their error for an unknown name.  No include guard: it is
 * included once per use with its own KO_FAMILY.
 */
KO_FAMILY(logistic)
KO_FAMILY(firth)
KO_FAMILY(poisson)
KO_FAMILY(poisson_rate)
KO_FAMILY(cox)
