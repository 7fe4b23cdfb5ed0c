/* columns — the columns a strategy table is printed with: the template's preset
 * (named by the table, else the kind's profile, else the template's default),
 * overridden by columns declared in the source (<columns> inside <strategies>:
 * its column list replaces the preset's, its caption, levels and sub-rules
 * replace the preset's one by one). The result is the table's own copy. */
#ifndef PP_COLUMNS_H
#define PP_COLUMNS_H
#include "model.h"
#include "template.h"

/* Fills *out with the columns of strategies node st. Returns 0, or -1 when
 * there is neither a preset of that name nor a declaration (nothing to free). */
int pp_resolve_columns(const pp_node *st, const pp_template *t, const pp_profile *prof, pp_columnset *out);
/* The preset's name that applies to st (for messages), or NULL. */
const char *pp_columns_preset_name(const pp_node *st, const pp_template *t, const pp_profile *prof);
/* Frees what a resolved column set holds. */
void pp_columnset_release(pp_columnset *cs);
/* Index of the first column of kind k (for PP_COL_EXTRA, with `key`), or -1. */
int pp_columns_find(const pp_columnset *cs, pp_colkind k, const char *key);
#endif
