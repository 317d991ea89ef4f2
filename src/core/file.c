/*
 * core/file.c — a whole input file into memory, with a size limit (see
 * file.h).
 */
#include "core/file.h"

#include "core/error.h"
#include "core/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *fail(int fd, char *buf, parley_error *err, parley_status code, const char *path,
                  const char *msg)
{
    free(buf);
    close(fd);
    parley_error_set(err, code, path, 0, 0, NULL, "%s", msg);
    return NULL;
}

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m)    ? "a directory"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
                         : "not a plain file";
}

char *parleyp_pc_read_file(const char *path, size_t max_bytes, const char *what, size_t *len,
                           parley_error *err)
{
    /* O_NONBLOCK: opening a FIFO that has no writer must not wait for one. */
    const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        parley_error_set(err, PARLEY_ERR_IO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    char msg[160];
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(fd, NULL, err, PARLEY_ERR_IO, path, "read error");
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        snprintf(msg, sizeof msg, "cannot read %s: not a regular file or pipe",
                 kind_of(st.st_mode));
        return fail(fd, NULL, err, PARLEY_ERR_IO, path, msg);
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
        snprintf(msg, sizeof msg, "file is %lld bytes; %s are limited to %zu bytes",
                 (long long)st.st_size, what, max_bytes);
        return fail(fd, NULL, err, PARLEY_ERR_LIMIT, path, msg);
    }
    /* From here on reads wait for data as usual (a pipe's writer may be slow). */
    const int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
        return fail(fd, NULL, err, PARLEY_ERR_IO, path, "read error");
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf)
            return fail(fd, NULL, err, PARLEY_ERR_LIMIT, path, "out of memory reading file");
        const ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(fd, buf, err, PARLEY_ERR_IO, path, "read error");
        n += (size_t)got;
        if (n > max_bytes) {
            snprintf(msg, sizeof msg, "file is over %zu bytes; %s are limited to %zu bytes",
                     max_bytes, what, max_bytes);
            return fail(fd, buf, err, PARLEY_ERR_LIMIT, path, msg);
        }
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb)
                free(buf);
            buf = nb;
            cap *= 2;
        }
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *parleyp_pc_read_text(const char *path, size_t max_bytes, const char *what, size_t *len,
                           parley_error *err)
{
    char *buf = parleyp_pc_read_file(path, max_bytes, what, len, err);
    if (buf && parleyp_pt_check_text(buf, *len, path, err) != PARLEY_OK) {
        free(buf);
        return NULL;
    }
    if (buf)
        parleyp_pt_lone_cr_to_lf(buf, *len);
    return buf;
}
