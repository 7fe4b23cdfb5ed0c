#include "import_zip.h"
#include "xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct pp_zip {
    zip_t *za;
    const char *name;
    size_t total;            /* bytes inflated so far */
};

bool pp_zip_magic(const char *data, size_t len)
{
    return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
           ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

/* libzip's reason, in the words a user can act on. */
static const char *zip_reason(int code)
{
    switch (code) {
    case ZIP_ER_NOZIP: return "it is not a zip archive";
    case ZIP_ER_INCONS: case ZIP_ER_EOF: case ZIP_ER_READ: case ZIP_ER_SEEK: case ZIP_ER_CRC:
    case ZIP_ER_COMPRESSED_DATA: case ZIP_ER_ZLIB:
        return "the archive is damaged or truncated";
    case ZIP_ER_MULTIDISK: return "it is one volume of a multi-volume archive";
    case ZIP_ER_COMPNOTSUPP: return "it uses a compression method planpress cannot read";
    case ZIP_ER_ENCRNOTSUPP: case ZIP_ER_NOPASSWD: case ZIP_ER_WRONGPASSWD: return "it is encrypted";
    case ZIP_ER_MEMORY: return "out of memory";
    default: return "the archive cannot be read";
    }
}

pp_zip *pp_zip_open(const char *data, size_t len, const char *name, pp_diag *d)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    if (!src) {
        pp_msg(d, PP_LOC(name, 0, 0), IMPORT_ZIP, zip_reason(zip_error_code_zip(&err)));
        zip_error_fini(&err);
        return NULL;
    }
    /* ZIP_CHECKCONS: the central directory must agree with the local headers */
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!za) {
        /* it starts as a zip does: its end (the central directory) is what is missing */
        int code = zip_error_code_zip(&err);
        pp_msg(d, PP_LOC(name, 0, 0), IMPORT_ZIP,
               code == ZIP_ER_NOZIP && pp_zip_magic(data, len) ? "the archive is damaged or truncated (its end is missing)" : zip_reason(code));
        zip_source_free(src);
        zip_error_fini(&err);
        return NULL;
    }
    zip_error_fini(&err);
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n < 0 || n > PP_ZIP_MAX_ENTRIES) {
        pp_msg(d, PP_LOC(name, 0, 0), IMPORT_ZIP_ENTRIES, (long)n, PP_ZIP_MAX_ENTRIES);
        zip_discard(za);
        return NULL;
    }
    pp_zip *z = pp_xcalloc(1, sizeof *z);
    z->za = za;
    z->name = name;
    return z;
}

bool pp_zip_has(const pp_zip *z, const char *part)
{
    return zip_name_locate(z->za, part, 0) >= 0;
}

int pp_zip_read(pp_zip *z, const char *part, pp_buf *out, pp_diag *d)
{
    zip_int64_t idx = zip_name_locate(z->za, part, 0);
    if (idx < 0) return 1;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0) {
        pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ZIP_PART, part, zip_strerror(z->za));
        return -1;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ENCRYPTED, part);
        return -1;
    }
    /* refuse what the archive itself admits is too big before inflating a byte */
    if ((st.valid & ZIP_STAT_SIZE) && st.size > PP_ZIP_MAX_PART) {
        pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_PART_TOO_LARGE, part, PP_ZIP_MAX_PART >> 20);
        return -1;
    }
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
    if (!f) {
        int code = zip_error_code_zip(zip_get_error(z->za));
        if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ENCRYPTED, part);
        else
            pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ZIP_PART, part, zip_reason(code));
        return -1;
    }
    size_t start = out->len, got = 0;
    int rc = 0;
    for (;;) {
        char chunk[65536];
        zip_int64_t k = zip_fread(f, chunk, sizeof chunk);
        if (k < 0) {
            pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ZIP_PART, part, zip_reason(zip_error_code_zip(zip_file_get_error(f))));
            rc = -1;
            break;
        }
        if (k == 0) break;
        got += (size_t)k;
        /* the count, not the header's claim, is what stops a bomb */
        if (got > PP_ZIP_MAX_PART) {
            pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_PART_TOO_LARGE, part, PP_ZIP_MAX_PART >> 20);
            rc = -1;
            break;
        }
        if (z->total + got > PP_ZIP_MAX_TOTAL) {
            pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ZIP_TOO_LARGE, PP_ZIP_MAX_TOTAL >> 20);
            rc = -1;
            break;
        }
        pp_buf_put(out, chunk, (size_t)k);
    }
    if (zip_fclose(f) != 0 && rc == 0) {
        pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ZIP_PART, part, "the archive is damaged or truncated");
        rc = -1;
    }
    if (rc == 0 && (st.valid & ZIP_STAT_SIZE) && got != st.size) {
        pp_msg(d, PP_LOC(z->name, 0, 0), IMPORT_ZIP_PART, part, "the archive is damaged or truncated");
        rc = -1;
    }
    if (rc != 0) {                 /* nothing half-read is handed on */
        out->len = start;
        if (out->data) out->data[start] = 0;
        return -1;
    }
    z->total += got;
    return 0;
}

void pp_zip_close(pp_zip *z)
{
    if (!z) return;
    zip_discard(z->za);
    free(z);
}
