/* test_error.c — parley_error formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"

static void formats_all_parts(void **state)
{
    (void)state;
    parley_error e;
    char buf[256];
    parley_error_set(&e, PARLEY_ERR_INPUT, "a.yaml", 3, 7, "parties[0].power",
                     "must be >= 0, not %g", -1.0);
    assert_string_equal(parley_error_format(&e, buf, sizeof buf),
                        "a.yaml:3:7: parties[0].power: must be >= 0, not -1");
    assert_int_equal(e.code, PARLEY_ERR_INPUT);
}

static void leaves_out_unknown_parts(void **state)
{
    (void)state;
    parley_error e;
    char buf[256];
    parley_error_set(&e, PARLEY_ERR_IO, "x.xml", 0, 0, NULL, "cannot open");
    assert_string_equal(parley_error_format(&e, buf, sizeof buf), "x.xml: cannot open");
    parley_error_set(&e, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "too big");
    assert_string_equal(parley_error_format(&e, buf, sizeof buf), "too big");
    char tiny[8];
    parley_error_set(&e, PARLEY_ERR_LIMIT, "long-file-name.yaml", 10, 2, "f", "long message");
    assert_string_equal(parley_error_format(&e, tiny, sizeof tiny), "long-fi");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_all_parts),
        cmocka_unit_test(leaves_out_unknown_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
