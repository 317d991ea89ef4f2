/*
 * plot/render.c — a parleyp_chart through PLplot into the bytes of an SVG,
 * PNG or PDF file. PLplot keeps global state and is not thread-safe, so one
 * mutex serializes every rendering; each chart gets a new stream
 * (plmkstrm), ended with plend1, so nothing carries from one chart to the
 * next. PLplot writes only to files: the chart goes to a temporary file
 * (mkstemp in $TMPDIR or /tmp; we open it, so PLplot never prompts for a
 * name) that is read back and removed. PLplot's warnings (plabort) are kept
 * instead of printed, and its fatal errors (plexit) jump back here instead
 * of exiting; the layout is checked before PLplot sees anything, so input
 * errors never reach it.
 */
#include "plot/draw.h"
#include "core/error.h"
#include "core/file.h"

#include <plplot.h>

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t plot_lock = PTHREAD_MUTEX_INITIALIZER;
static jmp_buf *plot_jump; /* set while a chart is drawn */
static char plot_msg[256]; /* PLplot's last warning or error */

static int on_plexit(PLCHAR_VECTOR msg)
{
    snprintf(plot_msg, sizeof plot_msg, "%s", msg ? msg : "");
    if (plot_jump)
        longjmp(*plot_jump, 1);
    return 1;
}

static void on_plabort(PLCHAR_VECTOR msg)
{
    snprintf(plot_msg, sizeof plot_msg, "%s", msg ? msg : "");
}

/* Whether PLplot has the device (its driver files are a separate package). */
static bool have_device(const char *name)
{
    const char *menu[128], *devs[128];
    const char **m = menu, **d = devs;
    int n = 128;
    plgDevs(&m, &d, &n);
    for (int i = 0; i < n; i++)
        if (devs[i] && !strcmp(devs[i], name))
            return true;
    return false;
}

typedef struct device {
    const char *name;
    double dpi;
    double line_scale;
} device;

static device device_of(parleyp_chart_format fmt)
{
    switch (fmt) {
    case PARLEYP_CHART_PNG:
        return (device){"pngcairo", 200.0, 2.0};
    case PARLEYP_CHART_PDF:
        return (device){"pdfcairo", 72.0, 0.75};
    default:
        return (device){"svg", 72.0, 1.0};
    }
}

/* Draws c into the file at tmp (the lock held). */
static parley_status draw_to(const parleyp_chart *c, const device *dv, const char *tmp,
                             const parleyp_draw_layout *lay, double w_in, double h_in,
                             parley_error *err)
{
    if (!have_device(dv->name))
        return parley_error_set(err, PARLEY_ERR_IO, NULL, 0, 0, NULL,
                                "PLplot has no '%s' device (install plplot-driver-cairo)",
                                dv->name);
    jmp_buf jump;
    volatile bool started = false;
    plot_msg[0] = '\0';
    plsexit(on_plexit);
    plsabort(on_plabort);
    if (setjmp(jump)) {
        plot_jump = NULL;
        if (started)
            plend1();
        return parley_error_set(err, PARLEY_ERR_INTERNAL, NULL, 0, 0, NULL, "PLplot: %s",
                                plot_msg[0] ? plot_msg : "failed");
    }
    plot_jump = &jump;
    PLINT strm;
    plmkstrm(&strm);
    started = true;
    plsdev(dv->name);
    plsfnam(tmp);
    plspage(dv->dpi, dv->dpi, (PLINT)(w_in * dv->dpi + 0.5), (PLINT)(h_in * dv->dpi + 0.5), 0, 0);
    parleyp_draw_colours();
    plinit();
    parleyp_draw_chart(c, lay, dv->line_scale);
    plend1();
    started = false;
    plot_jump = NULL;
    return PARLEY_OK;
}

unsigned char *parleyp_chart_bytes(const parleyp_chart *c, parleyp_chart_format fmt, size_t *len,
                                   parley_error *err)
{
    double w_in = c && c->width > 0 ? c->width : 7.0, h_in = c && c->height > 0 ? c->height : 4.5;
    parleyp_draw_layout lay;
    if (fmt != PARLEYP_CHART_SVG && fmt != PARLEYP_CHART_PNG && fmt != PARLEYP_CHART_PDF) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL, "unknown chart format");
        return NULL;
    }
    if (parleyp_draw_layout_make(c, w_in * 25.4, h_in * 25.4, &lay, err))
        return NULL;
    const char *dir = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/parley-chart-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        parley_error_set(err, PARLEY_ERR_IO, tmp, 0, 0, NULL, "cannot create a temporary file: %s",
                         strerror(errno));
        parleyp_draw_layout_free(&lay);
        return NULL;
    }
    close(fd);
    device dv = device_of(fmt);
    pthread_mutex_lock(&plot_lock);
    parley_status st = draw_to(c, &dv, tmp, &lay, w_in, h_in, err);
    pthread_mutex_unlock(&plot_lock);
    parleyp_draw_layout_free(&lay);
    unsigned char *bytes = NULL;
    if (!st) {
        bytes = (unsigned char *)parleyp_pc_read_file(tmp, (size_t)1 << 30, "charts", len, err);
        if (bytes && !*len) {
            parley_error_set(err, PARLEY_ERR_INTERNAL, NULL, 0, 0, NULL,
                             "PLplot wrote an empty %s file", dv.name);
            free(bytes);
            bytes = NULL;
        } else if (bytes && fmt == PARLEYP_CHART_SVG) {
            if (!(bytes = parleyp_svg_finish(bytes, len, c->title, c->caption)))
                parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                                 "out of memory reading the chart");
        }
    }
    unlink(tmp);
    return bytes;
}

char *parleyp_chart_svg(const parleyp_chart *c, size_t *len, parley_error *err)
{
    /* parleyp_pc_read_file NUL-terminates what it reads */
    return (char *)parleyp_chart_bytes(c, PARLEYP_CHART_SVG, len, err);
}

parley_status parleyp_chart_render(const parleyp_chart *c, parleyp_chart_format fmt,
                                   const char *path, parley_error *err)
{
    size_t len = 0;
    unsigned char *bytes = parleyp_chart_bytes(c, fmt, &len, err);
    if (!bytes)
        return err ? err->code : PARLEY_ERR_INTERNAL;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(bytes);
        return parley_error_set(err, PARLEY_ERR_IO, path, 0, 0, NULL, "cannot create: %s",
                                strerror(errno));
    }
    struct stat old;
    fchmod(fd, stat(path, &old) == 0 ? (old.st_mode & 07777) : 0644);
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, bytes + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    int saved = done < len ? (errno ? errno : EIO) : 0;
    free(bytes);
    if (!saved && fsync(fd))
        saved = errno;
    if (close(fd) && !saved)
        saved = errno;
    if (!saved && rename(tmp, path))
        saved = errno;
    if (saved) {
        unlink(tmp);
        return parley_error_set(err, PARLEY_ERR_IO, path, 0, 0, NULL, "write error: %s",
                                strerror(saved));
    }
    return PARLEY_OK;
}
