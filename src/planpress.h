/* planpress.h — the front door: what the program is made of, in which order the
 * stages run, and who owns what. A front end (the command line, the batch
 * workers, the fuzzer, a test, a service) includes this header and drives one
 * document through render.h; the stage headers are for the stages themselves.
 *
 * THE PIPELINE, one way, each arrow one module:
 *
 *   source bytes --input/decode--> UTF-8 text              input.c, decode.c
 *     --xml_parse--> libxml2 tree with positions           xml_parse.c (no DTD, no entities)
 *     --xml_read--> pp_doc (model.h)                        xml_read.c, validated by document.rng
 *     --resolve--> numbered model (labels, depths)          resolve.c + numbering.c, from the template
 *     --rules--> messages (the document rules)              rules.c, roc_dates.c, names.c, plan_match.c
 *     --lower--> pp_blocks (blocks.h)                       lower.c: paragraphs with labels, table grids
 *     --layout--> pp_pages (pages.h)                        layout.c, flow.c, table.c, linefill.c, linebreak.c
 *     --pdf_write--> PDF bytes (pp_buf)                     pdf_*.c: libharu, own CID fonts, tags, packing
 *     --output--> the file, atomically                      output.c, atomic.c
 *
 * Beside it: template.c (the look and the column sets, read once per render),
 * fonts.c (which face draws which character), diag.c + messages.h (every
 * message: one catalog, levels decide the exit status), dump.c (--dump of each
 * stage), batch*.c (many documents in worker processes), cli*.c (the commands).
 *
 * OWNERSHIP
 * - A pp_render (render.h) owns everything made for its document: the model,
 *   the template, the blocks, the pages; pp_render_free releases all of it. The
 *   PDF bytes go to a pp_buf the caller owns. Options and the pp_diag are
 *   borrowed and must outlive the context.
 * - Later stages borrow from earlier ones: blocks point into the model (their
 *   source nodes), pages into the blocks (paragraph, cell, table of each run),
 *   for tagging and messages. So the model outlives the blocks, the blocks the
 *   pages; the context frees them in the reverse order.
 * - Fonts are opened per render, or kept across renders of one template in a
 *   batch worker (keep_fonts); the template is immutable once loaded.
 * - Nothing downstream of xml_read holds libxml2 memory; nothing upstream of
 *   layout knows about points or pages; only pdf_*.c sees libharu.
 * - Naming: `_free(obj)` frees an object, `_release(obj)` what a caller-owned
 *   struct holds. Library functions return 0 / -1 (NULL) after reporting to the
 *   pp_diag; only the command line turns the worst level into an exit status.
 *
 * ERRORS: every message has an id, a level and a text in messages.h, and
 * points at file:line:col (positions are recorded while parsing). Bad input is
 * always a message and a non-zero exit, never a crash or a partial file. Debug
 * builds check the model's and the pages' invariants after every stage. */
#ifndef PP_PLANPRESS_H
#define PP_PLANPRESS_H
#include "buf.h"
#include "diag.h"
#include "render.h"

/* The program's version, "0.1.0". */
const char *pp_version(void);
#endif
