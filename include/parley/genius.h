/*
 * parley/genius.h — GENIUS 10.4 XML domains and profiles read into an outcome
 * space (src/io/genius_*.c). Semantics: data/genius/README.md. Writing a
 * scenario as GENIUS XML is parley/convert.h.
 */
#ifndef PARLEY_GENIUS_H
#define PARLEY_GENIUS_H

#include "parley/space.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a GENIUS 10.4 domain file and one profile file per party (network
 * access and entity expansion disabled). Caller owns the space. */
PARLEY_API parley_space *parley_genius_load(const char *domain_path,
                                            const char *const *profile_paths, size_t n_profiles,
                                            parley_error *err);
/* Reads a GENIUS domain folder: the domain is the file whose root is
 * <negotiation_template> (or whose name contains "domain"), profiles are
 * the other <utility_space> files in name order (pareto.xml ignored). */
PARLEY_API parley_space *parley_genius_load_folder(const char *dir, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_GENIUS_H */
