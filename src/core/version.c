/*
 * core/version.c — parley_version(): the version the library was built as
 * (PARLEY_VERSION of the generated parley/version.h).
 */
#include "parley/core.h"

const char *parley_version(void)
{
    return PARLEY_VERSION;
}
