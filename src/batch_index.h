/* batch_index — OUTDIR/index.html, the downloads page a citizen sees: the site's
 * name and the page's title, a list of the agencies to jump to, then per agency
 * (its branches in sections of their own under it, from <agency parent="…">) one
 * table of its documents — title with year and kind, issuance date, and links to
 * the PDF and the ODF file with their sizes, pages and the files' date. Every
 * table has the same three columns at the same widths; at phone width (under
 * 40 em) the columns narrow and the cells wrap, no column below 7 em. Dates are
 * ROC dates (113年9月5日) marked up with <time datetime>. Plain HTML with one
 * style sheet, no script; captions and scoped header cells; links relative to
 * OUTDIR; written atomically. */
#ifndef PP_BATCH_INDEX_H
#define PP_BATCH_INDEX_H
#include "batch_job.h"
#include <stdbool.h>

typedef struct pp_index_opts {
    const char *title;     /* the page's title (NULL: 文件下載) */
    const char *site;      /* the site's or agency's name, shown above it (NULL: none) */
    bool odt;              /* the documents have an .odt beside the PDF */
} pp_index_opts;

/* Lists the jobs whose output exists (ok or skipped). The page's own date is
 * SOURCE_DATE_EPOCH when set, else now. Returns 0, or -1 with errno set. */
int pp_batch_write_index(const char *path, const pp_job *jobs, size_t n, const pp_index_opts *o);
#endif
