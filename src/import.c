#define _POSIX_C_SOURCE 200809L
#include "import.h"
#include "import_doc.h"
#include "import_docx.h"
#include "import_odf.h"
#include "import_struct.h"
#include "import_table.h"
#include "import_zip.h"
#include "input.h"
#include "output.h"
#include "render.h"
#include "source_write.h"
#include "template.h"
#include "xalloc.h"
#include "xml_read.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Is the UTF-16LE text of `word` in data? (names in an OLE compound file's directory) */
static bool has_utf16(const char *data, size_t len, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + 2 * wl <= len; i++) {
        size_t k = 0;
        while (k < wl && data[i + 2 * k] == word[k] && data[i + 2 * k + 1] == 0) k++;
        if (k == wl) return true;
    }
    return false;
}

static bool starts(const char *data, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(data, magic, n) == 0;
}

/* The document's flat form, by what its bytes are. */
static int read_any(const char *data, size_t len, const char *name, pp_imp_doc *doc, pp_diag *d)
{
    if (starts(data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        /* an OLE compound file: Word 97-2003, or an encrypted Office document */
        if (has_utf16(data, len, "EncryptionInfo") || has_utf16(data, len, "EncryptedPackage"))
            pp_msg(d, PP_LOC(name, 0, 0), IMPORT_ENCRYPTED, "the whole file");
        else if (has_utf16(data, len, "WordDocument"))
            pp_msg(d, PP_LOC(name, 0, 0), IMPORT_DOC, name);
        else
            pp_msg(d, PP_LOC(name, 0, 0), IMPORT_NOT_DOCUMENT, "an OLE compound file (an older Office format?)");
        return -1;
    }
    if (pp_zip_magic(data, len)) {
        pp_zip *z = pp_zip_open(data, len, name, d);
        if (!z) return -1;
        int rc = -1;
        char *mime = NULL;
        int errors0 = d->errors;
        if (pp_import_is_odt(z, &mime, d)) {
            if (pp_import_odt_encrypted(z, name, d)) pp_msg(d, PP_LOC(name, 0, 0), IMPORT_ENCRYPTED, "content.xml");
            else rc = pp_import_odt(z, name, doc, d);
        } else if (d->errors == errors0 && mime) {
            char what[160];
            snprintf(what, sizeof what, "an ODF package of type %.100s", mime);
            pp_msg(d, PP_LOC(name, 0, 0), IMPORT_NOT_DOCUMENT, what);
        } else if (d->errors == errors0 && pp_import_is_docx(z, name, d)) {
            rc = pp_import_docx(z, name, doc, d);
        } else if (d->errors == errors0) {
            pp_msg(d, PP_LOC(name, 0, 0), IMPORT_NOT_DOCUMENT, "a zip archive with no Word or ODF document in it");
        }
        free(mime);
        pp_zip_close(z);
        return rc;
    }
    size_t i = starts(data, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    if (i < len && data[i] == '<') return pp_import_fodt(data, len, name, doc, d);
    const char *what = starts(data, len, "{\\rtf", 5) ? "an RTF file: save it as .docx or .odt"
                     : starts(data, len, "%PDF", 4) ? "a PDF: import the Word or ODF file it was made from"
                     : "its bytes are neither a zip package nor XML";
    pp_msg(d, PP_LOC(name, 0, 0), IMPORT_NOT_DOCUMENT, what);
    return -1;
}

pp_doc *pp_import_memory(const char *data, size_t len, const char *name, const pp_import_opts *o, pp_diag *d)
{
    pp_imp_doc *flat = pp_xcalloc(1, sizeof *flat);
    pp_doc *doc = NULL;
    int errors0 = d->errors;
    if (read_any(data, len, name, flat, d) == 0 && d->errors == errors0)
        {
        if (o && o->template_spec) {
            free(flat->template_path);
            flat->template_path = pp_xstrdup(o->template_spec);
            flat->template_given = true;
        }
        static const pp_imp_tables tables = { pp_imp_table_node, pp_imp_table_merge };
        doc = pp_import_structure(flat, name, o ? o->kind : NULL, &tables, d);
    }
    pp_imp_doc_free(flat);
    return doc;
}

static const char *schema_path(void)
{
    static char path[PATH_MAX];
    const char *dir = pp_template_dir(NULL);
    snprintf(path, sizeof path, "%s/document.rng", dir ? dir : ".");
    return path;
}

int pp_import_text(const char *data, size_t len, const char *name, const char *out_name,
                   const pp_import_opts *o, pp_buf *out, pp_diag *d)
{
    pp_doc *doc = pp_import_memory(data, len, name, o, d);
    if (!doc) return -1;
    pp_source_opts so = { .schema_href = schema_path() };
    pp_buf text = PP_BUF_INIT;
    pp_source_write(doc, &so, &text);
    pp_doc_free(doc);
    /* what was written must read back: the schema is the contract */
    pp_diag quiet;
    pp_diag_init(&quiet, NULL);
    pp_diag_capture(&quiet);
    pp_doc *back = pp_xml_read_memory(text.data, text.len, out_name, schema_path(), &quiet);
    int rc = 0;
    if (!back) {
        pp_msg(d, PP_NOWHERE, IMPORT_WRITER, quiet.nlines ? quiet.lines[0] : "no message");
        rc = -1;
    } else {
        pp_buf_put(out, text.data, text.len);
    }
    pp_doc_free(back);
    pp_diag_release(&quiet);
    pp_buf_release(&text);
    return rc;
}

/* check on the written source, its messages where check prints them. */
static int check_written(const char *text, size_t len, const char *name, FILE *out)
{
    pp_diag cd;
    pp_diag_init(&cd, out);
    pp_render_opts ro = { .check_only = true };
    pp_render *r = pp_render_new(&ro, &cd);
    if (pp_render_read_memory(r, text, len, name) == 0) pp_render_check(r);
    pp_render_free(r);
    return cd.errors;
}

int pp_import_file(const char *in, const char *out, const pp_import_opts *o, pp_diag *d)
{
    struct stat st;
    if (strcmp(out, "-") != 0 && !(o && o->force) && stat(out, &st) == 0) {
        pp_msg(d, PP_LOC(out, 0, 0), OUTPUT_EXISTS, out);
        return -1;
    }
    const char *inputs[] = { in };
    if (pp_output_check(out, inputs, 1, d) != 0) return -1;
    pp_buf raw = PP_BUF_INIT, text = PP_BUF_INIT;
    int rc = -1;
    if (pp_input_read(in, PP_INPUT_MAX, &raw, d) == 0 &&
        pp_import_text(raw.data ? raw.data : "", raw.len, in, strcmp(out, "-") ? out : "(standard output)", o, &text, d) == 0 &&
        pp_output_write(out, text.data, text.len, d) == 0) {
        rc = 0;
        if (o && o->check_out) {
            const char *shown = strcmp(out, "-") ? out : "(standard output)";
            int errors = check_written(text.data, text.len, shown, o->check_out);
            if (errors) pp_msg(d, PP_LOC(in, 0, 0), IMPORT_NOT_CHECKED, shown, errors, errors == 1 ? "" : "s", shown);
        }
    }
    pp_buf_release(&raw);
    pp_buf_release(&text);
    return rc;
}
