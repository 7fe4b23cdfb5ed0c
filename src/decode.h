/* decode — a source's bytes as the UTF-8 text the parser reads. The encoding
 * comes from a byte-order mark (UTF-8, UTF-16) or the XML declaration's
 * encoding="…" (Big5, CP950, Latin-1, anything iconv knows), else UTF-8; other
 * encodings are converted with iconv. Every line end becomes LF (XML reads
 * them so anyway), so that a file with CR-only line ends gets right line
 * numbers. Bytes that are not in the encoding the file claims get one message
 * with their line and column and how to convert the file. */
#ifndef PP_DECODE_H
#define PP_DECODE_H
#include "buf.h"
#include "diag.h"

/* Appends the text of data[0..len) as UTF-8 to *out. Returns 0, or -1 after a message. */
int pp_decode_source(const char *data, size_t len, const char *name, pp_buf *out, pp_diag *d);
#endif
