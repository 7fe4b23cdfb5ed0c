/* import_zip — the parts of a Word (.docx) or ODF (.odt) package, read with
 * libzip from the file's bytes in memory. Refused with a message, never read
 * past a limit: a file that is not a zip archive or is damaged or truncated, an
 * encrypted entry, more than PP_ZIP_MAX_ENTRIES entries, a part that inflates
 * to more than PP_ZIP_MAX_PART bytes (a zip bomb declares, or turns out to
 * hold, far more than it weighs: the inflated bytes are counted as they come,
 * whatever the archive claims), more than PP_ZIP_MAX_TOTAL bytes inflated in
 * all, a part whose checksum fails. */
#ifndef PP_IMPORT_ZIP_H
#define PP_IMPORT_ZIP_H
#include "buf.h"
#include "diag.h"
#include <stdbool.h>
#include <stddef.h>

#define PP_ZIP_MAX_ENTRIES 10000
#define PP_ZIP_MAX_PART ((size_t)32 << 20)
#define PP_ZIP_MAX_TOTAL ((size_t)96 << 20)

typedef struct pp_zip pp_zip;

/* True when data starts like a zip archive (a local file header, or an empty archive). */
bool pp_zip_magic(const char *data, size_t len);
/* Opens the archive held in data[0..len) (borrowed: it must outlive the pp_zip);
 * name is the file, for messages. Returns NULL after a message. */
pp_zip *pp_zip_open(const char *data, size_t len, const char *name, pp_diag *d);
/* True when the archive holds the part (exact name). */
bool pp_zip_has(const pp_zip *z, const char *part);
/* Appends the inflated part to *out. Returns 0, 1 when there is no such part
 * (nothing reported), or -1 after a message. */
int pp_zip_read(pp_zip *z, const char *part, pp_buf *out, pp_diag *d);
/* Frees the handle (not the data). NULL does nothing. */
void pp_zip_close(pp_zip *z);
#endif
