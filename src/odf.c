/* odf — pp_odf_write: the parts written (content, styles, meta, the manifest)
 * and zipped with libzip into one .odt package in memory. `mimetype` is the
 * first entry, stored uncompressed with no extra field (ODF 1.3 Part 2,
 * Packages: the MIME type stream), so that the type can be read at a fixed
 * offset of the file; the rest is deflated. Every entry carries the document's
 * date (see odf_ctx.c), so two runs give the same bytes. */
#include "odf.h"
#include "odf_content.h"
#include "odf_ctx.h"
#include "odf_meta.h"
#include "odf_styles.h"
#include <stdio.h>
#include <string.h>
#include <zip.h>

static const char mimetype[] = "application/vnd.oasis.opendocument.text";

/* The date as MS-DOS time and date, the zip entries' clock (1980 at the earliest). */
static void dos_time(const pp_odf_date *t, zip_uint16_t *tm, zip_uint16_t *dt)
{
    if (!t->set || t->y < 1980) { *tm = 0; *dt = (1 << 5) | 1; return; }
    int y = t->y > 2107 ? 2107 : t->y;
    *tm = (zip_uint16_t)((t->h << 11) | (t->mi << 5) | (t->s / 2));
    *dt = (zip_uint16_t)(((y - 1980) << 9) | (t->mo << 5) | t->d);
}

typedef struct part { const char *name; const pp_buf *data; bool store; } part;

static int zip_parts(const part *parts, size_t n, const pp_odf_date *date, pp_buf *out, pp_diag *d)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &ze) : NULL;
    if (!za) {
        pp_msg(d, PP_NOWHERE, ODF_ZIP, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        if (src) zip_source_free(src);
        return -1;
    }
    zip_source_keep(src);   /* the bytes are read back from it after zip_close */
    zip_uint16_t tm, dt;
    dos_time(date, &tm, &dt);
    const char *fail = NULL;
    for (size_t i = 0; i < n && !fail; i++) {
        zip_source_t *s = zip_source_buffer(za, parts[i].data->data ? parts[i].data->data : "", parts[i].data->len, 0);
        zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0) {
            if (s) zip_source_free(s);
            fail = zip_strerror(za);
            break;
        }
        if (zip_set_file_compression(za, (zip_uint64_t)idx, parts[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) != 0 ||
            zip_file_set_dostime(za, (zip_uint64_t)idx, tm, dt, 0) != 0)
            fail = zip_strerror(za);
    }
    if (fail) {
        pp_msg(d, PP_NOWHERE, ODF_ZIP, fail);
        zip_discard(za);
        zip_source_free(src);
        zip_error_fini(&ze);
        return -1;
    }
    if (zip_close(za) != 0) {
        pp_msg(d, PP_NOWHERE, ODF_ZIP, zip_strerror(za));
        zip_discard(za);
        zip_source_free(src);
        zip_error_fini(&ze);
        return -1;
    }
    int rc = -1;
    zip_stat_t st;
    if (zip_source_open(src) == 0) {
        if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            pp_buf_reserve(out, (size_t)st.size);
            zip_int64_t got = zip_source_read(src, out->data + out->len, st.size);
            if (got == (zip_int64_t)st.size) {
                out->len += (size_t)got;
                out->data[out->len] = 0;
                rc = 0;
            }
        }
        zip_source_close(src);
    }
    if (rc != 0) pp_msg(d, PP_NOWHERE, ODF_ZIP, zip_error_strerror(zip_source_error(src)));
    zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}

int pp_odf_write(const pp_blocks *b, const pp_template *t, const pp_doc *doc, const pp_odf_opts *o,
                 pp_buf *out, pp_diag *d)
{
    pp_odf c;
    pp_odf_init(&c, b, t, doc, d);
    if (o) {
        c.name = o->name;
        c.measure = o->measure;
        c.widths = o->widths;
        c.measure_ctx = o->measure_ctx;
    }

    pp_buf mime = PP_BUF_INIT, content = PP_BUF_INIT, styles = PP_BUF_INIT, meta = PP_BUF_INIT, manifest = PP_BUF_INIT;
    pp_buf_puts(&mime, mimetype);
    const char *failed = NULL;
    if (pp_odf_content(&c, &content) != 0) failed = "content.xml";
    else if (pp_odf_styles(&c, &styles) != 0) failed = "styles.xml";
    else if (pp_odf_meta(&c, &meta) != 0) failed = "meta.xml";
    else if (pp_odf_manifest(&manifest) != 0) failed = "META-INF/manifest.xml";
    int rc = -1;
    if (failed) {
        pp_msg(d, PP_LOC(c.name, 0, 0), ODF_XML, failed);
    } else {
        const part parts[] = {
            { "mimetype", &mime, true },
            { "content.xml", &content, false },
            { "styles.xml", &styles, false },
            { "meta.xml", &meta, false },
            { "META-INF/manifest.xml", &manifest, false },
        };
        rc = zip_parts(parts, sizeof parts / sizeof parts[0], &c.date, out, d);
    }
    pp_buf_release(&mime);
    pp_buf_release(&content);
    pp_buf_release(&styles);
    pp_buf_release(&meta);
    pp_buf_release(&manifest);
    return rc;
}
