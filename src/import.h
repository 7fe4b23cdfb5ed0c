/* import — a Word or ODF document made a planpress source. The format is told
 * by the bytes, not the name: a zip package holding WordprocessingML or an ODF
 * text, or a flat ODF file; a Word 97-2003 .doc, a password-protected document
 * and anything else are refused with a message saying what it is. The reader
 * (import_docx, import_odf) hands a flat document on, import_struct makes the
 * model of it, source_write writes it, and the text is read back by the source
 * reader against the schema before anything is written: what import writes,
 * check reads. */
#ifndef PP_IMPORT_H
#define PP_IMPORT_H
#include "buf.h"
#include "diag.h"
#include "model.h"
#include <stdbool.h>
#include <stdio.h>

typedef struct pp_import_opts {
    const char *kind;        /* the document kind, or NULL to tell it from the title */
    const char *template_spec;   /* --template: the agency's template (name, or path from the
                                  * current folder) to read the document by and name in the
                                  * source; NULL: the one a planpress .odt names, else the kind's */
    bool force;              /* replace an existing output */
    FILE *check_out;         /* where check's messages on the result go (NULL: not checked) */
} pp_import_opts;

/* The model of the document data[0..len) (name for messages). Returns NULL
 * after a message. Caller frees. */
pp_doc *pp_import_memory(const char *data, size_t len, const char *name, const pp_import_opts *o, pp_diag *d);
/* The source text of data[0..len), read back and valid, appended to *out
 * (`out_name` names it in messages). Returns 0, or -1 after a message. */
int pp_import_text(const char *data, size_t len, const char *name, const char *out_name,
                   const pp_import_opts *o, pp_buf *out, pp_diag *d);
/* Imports file `in` into the source file `out` ("-": standard output), which
 * must not exist unless o->force; then checks it (check's messages to
 * o->check_out) and warns when it does not pass yet. Returns 0 or -1. */
int pp_import_file(const char *in, const char *out, const pp_import_opts *o, pp_diag *d);
#endif
