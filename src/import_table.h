/* import_table — one imported table as the model has it. A table whose header
 * words name a strategy table (the template's <column-words> and the headers
 * of its column sets: import_columns) becomes <strategies>, in the column set
 * its columns fit, else with its columns declared (<columns>, other columns
 * extra ones filled by each row's <extra>, a sub-item column one sub-item a
 * row): merged cells down a column are one dimension or group, a
 * strategy cell holds the strategy's label, name (and after its colon the
 * description) and its numbered sub-items, which either share the row (their
 * actions paired with them by label) or take a row each; units are split one
 * a line; the outcome's leading label, when it repeats its owner's, is left to
 * planpress (numbered). A dimension the column set prints as a caption comes
 * from the paragraph before the table (構面一:基礎服務（200 分）), read by the
 * template's caption format. Anything else is a generic <table> with its
 * header rows, spans and widths; so is a strategy table whose header row does
 * not head every column, with a warning. */
#ifndef PP_IMPORT_TABLE_H
#define PP_IMPORT_TABLE_H
#include "import_struct.h"

/* The node for table t (STRATEGIES or TABLE; caller owns it), or NULL for a
 * table with no rows. caption is the
 * paragraph right before the table, or NULL; *used tells whether it became
 * part of the table (a dimension's caption, or the table's <caption>). */
pp_node *pp_imp_table_node(pp_imp *c, const pp_imp_table *t, pp_itext *caption, bool *used);
/* Moves the dimensions (or groups, strategies) of `from` into `into`, two
 * strategy tables one after the other with the same column set, and frees
 * from. Returns false (nothing done) when they do not go together. */
bool pp_imp_table_merge(pp_node *into, pp_node *from);
#endif
