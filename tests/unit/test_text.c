/*
 * tests/unit/test_text.c — the readers' text checks (core/text.c): UTF-8
 * validation with positions, lone CRs, numbers (issue 15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/text.h"

#include <string.h>

static void expect_bad(const char *text, size_t len, int line, int column, const char *part)
{
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parleyp_pt_check_text(text, len, "t.txt", &err), PARLEY_ERR_INPUT);
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    assert_string_equal(err.file, "t.txt");
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    if (!strstr(err.message, part))
        fail_msg("message '%s' lacks '%s'", err.message, part);
}

static void expect_ok(const char *text, size_t len)
{
    parley_error err;
    if (parleyp_pt_check_text(text, len, "t.txt", &err) != PARLEY_OK)
        fail_msg("refused: %s", err.message);
}

static void test_utf8(void **state)
{
    (void)state;
    expect_ok("", 0);
    expect_ok("plain ASCII\n", 12);
    /* 2, 3 and 4 byte forms at their limits: U+0080, U+07FF, U+0800, U+FFFF,
     * U+D7FF (before the surrogates), U+E000, U+10000, U+10FFFF */
    static const char good[] = "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xED\x9F\xBF\xEE\x80\x80"
                               "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    expect_ok(good, sizeof good - 1);
    expect_ok("\xEF\xBB\xBF"
              "bom",
              6);
    expect_bad("ab\xFF", 3, 1, 3, "byte 0xFF");
    expect_bad("a\n\xC0\xAF", 4, 2, 1, "byte 0xC0");      /* overlong '/' */
    expect_bad("\xC1\xBF", 2, 1, 1, "byte 0xC1");         /* overlong */
    expect_bad("\xE0\x9F\xBF", 3, 1, 1, "byte 0xE0");     /* overlong 3-byte */
    expect_bad("\xF0\x8F\xBF\xBF", 4, 1, 1, "byte 0xF0"); /* overlong 4-byte */
    expect_bad("x\xED\xA0\x80", 4, 1, 2, "byte 0xED");    /* surrogate U+D800 */
    expect_bad("\xF4\x90\x80\x80", 4, 1, 1, "byte 0xF4"); /* above U+10FFFF */
    expect_bad("\xF5\x80\x80\x80", 4, 1, 1, "byte 0xF5");
    expect_bad("\x80", 1, 1, 1, "byte 0x80");       /* lone continuation */
    expect_bad("ok\xE2\x82", 4, 1, 3, "byte 0xE2"); /* cut short at the end */
    expect_bad("\xE2\x82"
               "a",
               3, 1, 1, "byte 0xE2"); /* cut short */
    /* the column counts characters, not bytes; lines end at LF, CRLF, CR */
    expect_bad("\xC3\xA9\xC3\xA9x\xFF", 6, 1, 4, "byte 0xFF");
    expect_bad("a\r\nb\rc\nd\xFF", 9, 4, 2, "byte 0xFF");
}

static void test_nul(void **state)
{
    (void)state;
    expect_bad("ab\ncd\0ef", 8, 2, 3, "a NUL byte");
    expect_bad("\xFF\xFE"
               "a\0",
               4, 1, 1, "UTF-16");
    expect_bad("a\0b\0", 4, 1, 2, "UTF-16");
}

static void test_lone_cr(void **state)
{
    (void)state;
    char a[] = "x\ry\r\nz\r";
    assert_true(parleyp_pt_has_lone_cr(a, strlen(a)));
    parleyp_pt_lone_cr_to_lf(a, strlen(a));
    assert_string_equal(a, "x\ny\r\nz\n");
    assert_false(parleyp_pt_has_lone_cr(a, strlen(a)));
    assert_false(parleyp_pt_has_lone_cr("a\r\nb\r\n", 6));
}

static void test_strtod(void **state)
{
    (void)state;
    bool finite;
    char *end;
    assert_true(parleyp_pt_strtod("4.9e-324", &end, &finite) > 0 && finite && !*end);
    assert_true(parleyp_pt_strtod("2.2250738585072014e-308", &end, &finite) > 0 && finite);
    assert_true(parleyp_pt_strtod("1e-400", &end, &finite) == 0 && finite); /* reads as 0 */
    assert_true(parleyp_pt_strtod("1.7976931348623157e308", &end, &finite) > 0 && finite);
    parleyp_pt_strtod("1e309", &end, &finite);
    assert_false(finite);
    parleyp_pt_strtod("-1e309", &end, &finite);
    assert_false(finite);
    parleyp_pt_strtod("inf", &end, &finite);
    assert_false(finite);
    parleyp_pt_strtod("nan", &end, &finite);
    assert_false(finite);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_lone_cr),
        cmocka_unit_test(test_strtod),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
