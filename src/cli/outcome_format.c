/*
 * cli/outcome_format.c — an outcome of an outcome space as text (see
 * outcome_format.h).
 */
#include "outcome_format.h"

#include <stdio.h>
#include <string.h>

/* Room kept at the end of buf for the cut mark ", ... +NNNNN more". */
enum { MARK_ROOM = 24 };

const char *cli_outcome_text(const parley_space *sp, const uint32_t *o, char *buf, size_t n)
{
    size_t used = 0, ni = parley_space_issue_count(sp);
    if (n == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < ni; i++) {
        /* The last issue may use the room of the mark: nothing follows it. */
        size_t room = n - used, keep = i + 1 < ni ? MARK_ROOM : 0;
        int k = room > keep ? snprintf(buf + used, room - keep, "%s%s=%s", i ? ", " : "",
                                       parley_space_issue_name(sp, i),
                                       parley_space_value_label(sp, i, o[i]))
                            : -1;
        if (k < 0 || (size_t)k >= room - keep) {
            buf[used] = '\0';
            snprintf(buf + used, n - used, "%s... +%zu more", i ? ", " : "", ni - i);
            break;
        }
        used += (size_t)k;
    }
    return buf;
}
