#define _POSIX_C_SOURCE 200809L
#include "batch_walk.h"
#include "xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *pp_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    char *p = pp_xmalloc(dl + strlen(name) + 2);
    sprintf(p, "%.*s/%s", (int)dl, dir, name);
    return p;
}

static bool is_xml(const char *name)
{
    size_t l = strlen(name);
    return l > 4 && strcmp(name + l - 4, ".xml") == 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void add(pp_source_list *out, char *path, const char *rel)
{
    if (out->n + 1 > out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        out->path = pp_xrealloc(out->path, cap * sizeof *out->path);
        out->rel = pp_xrealloc(out->rel, cap * sizeof *out->rel);
        out->cap = cap;
    }
    out->path[out->n] = path;
    out->rel[out->n++] = pp_xstrdup(rel);
}

static int walk(const char *dir, const char *rel, const struct stat *skip, pp_source_list *out, pp_diag *d)
{
    DIR *dp = opendir(dir);
    if (!dp) { pp_msg(d, PP_LOC(dir, 0, 0), CANNOT_READ_FOLDER, strerror(errno)); return -1; }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.') continue;
        PP_GROW(names, cap, n + 1);
        names[n++] = pp_xstrdup(e->d_name);
    }
    closedir(dp);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = pp_path_join(dir, names[i]);
        char *r = *rel ? pp_path_join(rel, names[i]) : pp_xstrdup(names[i]);
        struct stat ls, st;
        if (lstat(path, &ls) == 0 && S_ISDIR(ls.st_mode)) {
            if (!(skip && ls.st_dev == skip->st_dev && ls.st_ino == skip->st_ino))
                if (walk(path, r, skip, out, d) != 0) rc = -1;
            free(path);
        } else if (is_xml(names[i]) && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            add(out, path, r);
        } else {
            free(path);
        }
        free(r);
        free(names[i]);
    }
    free(names);
    return rc;
}

int pp_batch_walk(const char *dir, const struct stat *skip, pp_source_list *out, pp_diag *d)
{
    return walk(dir, "", skip, out, d);
}

void pp_source_list_release(pp_source_list *l)
{
    for (size_t i = 0; i < l->n; i++) { free(l->path[i]); free(l->rel[i]); }
    free(l->path);
    free(l->rel);
    l->path = l->rel = NULL;
    l->n = l->cap = 0;
}
