/*
 * fuzz/replay.c — runs a harness without libFuzzer: each argument is a file
 * (or a directory of files) given to LLVMFuzzerTestOneInput once. A crash
 * or a sanitizer report fails the run; the exit status is 0 otherwise. Used
 * by CTest to replay fuzz/corpus/ and fuzz/regressions/ in every build.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(fp);
    if (!buf) {
        fprintf(stderr, "replay: out of memory reading %s\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no such file or directory: %s\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return run_file(path);
    }
    DIR *d = opendir(path);
    if (!d)
        return 1;
    char **names = NULL;
    size_t n = 0;
    int bad = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn || !(nn[n] = malloc(strlen(path) + strlen(e->d_name) + 2))) {
            bad = 1;
            names = nn ? nn : names;
            break;
        }
        names = nn;
        sprintf(names[n++], "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, compare);
    for (size_t i = 0; i < n; i++) {
        if (!bad)
            bad = run_path(names[i], count);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    for (int i = 1; i < argc; i++)
        if (run_path(argv[i], &count))
            return 1;
    printf("replay: %zu inputs, no crash\n", count);
    return 0;
}
