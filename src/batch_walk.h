/* batch_walk — the sources of a folder as `batch` and `check` find them: every
 * regular *.xml file under it (following symbolic links to files, not to folders,
 * so a link cannot make a cycle), hidden entries (".name") skipped, in byte
 * order of their names, one folder's files before the next folder's. */
#ifndef PP_BATCH_WALK_H
#define PP_BATCH_WALK_H
#include "diag.h"
#include <stddef.h>
#include <sys/stat.h>

/* The sources found: path[i] is dir/rel[i]. */
typedef struct pp_source_list {
    char **path;           /* as given (dir joined with the relative name) */
    char **rel;            /* relative to dir ("sub/a.xml") */
    size_t n, cap;
} pp_source_list;

/* Appends every source under dir to *out, leaving out the folder `skip` (the
 * output folder of a batch; NULL: none). Returns 0, or -1 after a message for
 * each folder that could not be read (what was found is still appended). */
int pp_batch_walk(const char *dir, const struct stat *skip, pp_source_list *out, pp_diag *d);
/* dir/name, without doubling a slash dir ends with (caller frees). */
char *pp_path_join(const char *dir, const char *name);
/* Frees what the list holds. */
void pp_source_list_release(pp_source_list *l);
#endif
