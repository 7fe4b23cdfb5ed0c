/* import_columns — the columns of an imported table that may be a strategy
 * table: the grid its cells cover (merged cells fill every slot they span),
 * what each header cell names (the template's column sets' own headers, then
 * its <column-words>, in their order; a 執行策略 cell two grid columns wide
 * names the group column and the strategy column), the stock column set those
 * columns fit, and otherwise the <columns> declaration the source gets: each
 * header cell a column of the content its words name, with its caption as
 * printed, a second column of a content already taken and a header no word
 * names an extra column of its own (key col1, col2 … by position); with a
 * sub-item column, rules between the sub-items' rows (sub-rules="yes"). */
#ifndef PP_IMPORT_COLUMNS_H
#define PP_IMPORT_COLUMNS_H
#include "import_cells.h"
#include "template.h"

/* One grid slot: the cell covering it and the row the cell starts in. */
typedef struct pp_imp_slot { const pp_imp_cell *cell; size_t row0; } pp_imp_slot;

typedef struct pp_imp_grid {
    pp_imp_slot *s;
    size_t rows;
    int cols;
} pp_imp_grid;

/* Fills g from t; pp_imp_grid_release frees what it holds. */
void pp_imp_grid_build(pp_imp_grid *g, const pp_imp_table *t);
void pp_imp_grid_release(pp_imp_grid *g);
/* The slot at row r, grid column c, or NULL outside the grid. */
const pp_imp_slot *pp_imp_grid_at(const pp_imp_grid *g, size_t r, int c);

/* A logical column: what it holds, the grid columns [g0, g1) it covers, its
 * header as printed (malloc'd), and for PP_COL_EXTRA its key. */
enum { PP_IMP_COL_OTHER = 99 };   /* a header no word names (before declaring) */
typedef struct pp_imp_col {
    int kind;                 /* a pp_colkind, or PP_IMP_COL_OTHER */
    int g0, g1;
    char *header;             /* folded, for matching */
    char *shown;              /* as printed: '\n' where the cell breaks a line (or NULL: header) */
    char key[24];
} pp_imp_col;

typedef struct pp_imp_layout {
    pp_imp_col col[PP_MAX_COLUMNS];
    int n;
    size_t header_rows;       /* rows at the top that are headers */
    bool strategy_like;       /* names a strategy and an outcome */
    bool whole;               /* its columns cover the grid's, one after the other */
} pp_imp_layout;

/* Reads the header row of x's table into *l (always initialised; release with
 * pp_imp_layout_release). Returns whether it names a strategy table. */
bool pp_imp_layout_read(pp_imp_cells *x, const pp_imp_grid *g, pp_imp_layout *l);
void pp_imp_layout_release(pp_imp_layout *l);
/* The index of the first column holding kind k, or -1. */
int pp_imp_layout_find(const pp_imp_layout *l, int k);
/* The template's column set whose columns are l's, kind by kind, or NULL. */
const pp_columnset *pp_imp_layout_match(const pp_template *t, const pp_imp_layout *l);
/* Makes l declarable (others and repeated contents become extra columns with
 * keys) and returns its COLUMNS node (caller owns it). */
pp_node *pp_imp_layout_declare(pp_imp_layout *l);
/* "strategy | units | outcome" of l's columns into buf. */
void pp_imp_layout_describe(const pp_imp_layout *l, char *buf, size_t cap);
#endif
