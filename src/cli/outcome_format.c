/*
 * cli/outcome_format.c — an outcome of an outcome space as text (see
 * outcome_format.h).
 */
#include "outcome_format.h"

#include <stdio.h>
#include <string.h>

const char *cli_outcome_text(const parley_space *sp, const uint32_t *o, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < parley_space_issue_count(sp) && used + 4 < n; i++) {
        int k = snprintf(buf + used, n - used, "%s%s=%s", i ? ", " : "",
                         parley_space_issue_name(sp, i), parley_space_value_label(sp, i, o[i]));
        if (k < 0 || (size_t)k >= n - used) {
            if (n > 4)
                memcpy(buf + n - 4, "...", 4);
            break;
        }
        used += (size_t)k;
    }
    return buf;
}
