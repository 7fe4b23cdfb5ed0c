/* skeleton — new documents (planpress new): the skeleton of a document kind,
 * every section its kind's profile requires or expects, with placeholder text, a strategy
 * table of the template's default column set with one example row; or a new
 * document made from an existing one (--from): a plan's report (its
 * dimensions, groups, strategies, sub-items and units carried over in the
 * plan's numbering, their results to fill in), next year's plan from this
 * year's (year + 1, issuance cleared, everything else kept).
 *
 * Placeholders read 【請填寫：…】; check warns about every one left
 * (pp_skeleton_placeholders), so a skeleton passes check with warnings until
 * they are all replaced. */
#ifndef PP_SKELETON_H
#define PP_SKELETON_H
#include "buf.h"
#include "diag.h"
#include "model.h"
#include <stdbool.h>

/* What starts a placeholder. */
#define PP_PLACEHOLDER "【請填寫"

typedef struct pp_skeleton_opts {
    const char *from;        /* an existing source to start from, or NULL */
    int year;                /* ROC year for a skeleton without --from (0: this year's) */
} pp_skeleton_opts;

/* The source of a new document of `kind`, appended to *out. Returns 0, or -1
 * after a message. */
int pp_skeleton_write(const char *kind, const pp_skeleton_opts *o, pp_buf *out, pp_diag *d);
/* Warns about every placeholder left in doc (check runs this). */
void pp_skeleton_placeholders(const pp_doc *doc, pp_diag *d);
#endif
