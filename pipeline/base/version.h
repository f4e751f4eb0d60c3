/*
 * version.h - kohort's version, in one place: the command line prints it,
 * the run log and manifest record it, the report's footer shows it and the
 * caches key on it.  Nothing else belongs here, so any file may include it.
 */
#ifndef KO_VERSION_H
#define KO_VERSION_H

#define KO_VERSION "0.1.0"

#endif
