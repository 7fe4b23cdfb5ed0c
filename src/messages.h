/* messages — the catalog: every message planpress prints, one line each, with its
 * level, its id (stable: --diagnostics=json and editors key on it) and its text.
 * Code reports a message by name, pp_msg(d, at, EMPTY_UNIT, who), and the
 * compiler checks the arguments against the text. PP_MESSAGES lists every name,
 * so that the table can be walked (msg_catalog in diag.c, `planpress help
 * messages`) and a test can check that ids are unique and each one is used.
 *
 * Wording: what is wrong, where, and how to fix it, in plain words. Values the
 * user typed are quoted '...'; Chinese names 「...」. */
#ifndef PP_MESSAGES_H
#define PP_MESSAGES_H

/* ---- the command line ----------------------------------------------------- */
#define PP_MSG_USAGE                 PP_USAGE,   "usage",              "%s%s%s (try 'planpress help%s%s')"
#define PP_MSG_OUTPUT_EXTENSION      PP_WARNING, "output-extension",   "the output name ends in neither .pdf nor .odt: %s is written to it all the same, but it will not open with a double click (name it %s)"
#define PP_MSG_WATCH_FAILED          PP_SYS,     "watch-failed",       "cannot watch the folder %s: %s"
#define PP_MSG_WATCH_SOURCE_GONE     PP_WARNING, "watch-source-gone",  "the source was deleted or moved away: waiting for it to come back (Ctrl-C to stop)"
#define PP_MSG_USAGE_NO_VALUE        PP_USAGE,   "usage-no-value",     "option %s needs a value (try 'planpress help %s')"

/* ---- reading a source --------------------------------------------------- */
#define PP_MSG_CANNOT_OPEN           PP_ERROR,    "cannot-open",        "cannot open the file: %s"
#define PP_MSG_CANNOT_READ           PP_ERROR,    "cannot-read",        "cannot read the file: %s"
#define PP_MSG_FILE_TOO_LARGE        PP_ERROR,   "file-too-large",     "the file is larger than %zu MB, the most a source may be"
#define PP_MSG_NOT_REGULAR           PP_ERROR,   "not-a-file",         "not a regular file (%s): give the path of a file"
#define PP_MSG_NOT_UTF8              PP_ERROR,   "not-utf8",           "byte 0x%02X is not UTF-8: save %s as UTF-8, or name its encoding in the first line (<?xml version=\"1.0\" encoding=\"…\"?>); to convert: iconv -f ENCODING -t UTF-8 %s > new.xml"
#define PP_MSG_NOT_UTF8_BIG5         PP_ERROR,   "not-utf8-big5",         "byte 0x%02X is not UTF-8; the file looks like Big5: save %s as UTF-8, or write encoding=\"Big5\" in its first line; to convert: iconv -f CP950 -t UTF-8 %s > new.xml"
#define PP_MSG_UNKNOWN_ENCODING      PP_ERROR,   "unknown-encoding",   "unknown encoding '%s' in the XML declaration: save %s as UTF-8 (iconv -f ENCODING -t UTF-8 %s > new.xml)"
#define PP_MSG_BAD_ENCODING          PP_ERROR,   "bad-encoding",       "the file is not valid %s (byte 0x%02X here): save %s as UTF-8 or fix its declared encoding (iconv -f ENCODING -t UTF-8 %s > new.xml)"
#define PP_MSG_DOCTYPE_REFUSED       PP_ERROR,   "doctype-refused",    "<!DOCTYPE %s> with %s is refused: a planpress source declares no entities and loads no DTD (delete the DOCTYPE; write & as &amp;)"
#define PP_MSG_OUT_OF_MEMORY         PP_SYS,     "out-of-memory",      "out of memory"
#define PP_MSG_XML_SYNTAX            PP_ERROR,   "xml-syntax",         "%s"
#define PP_MSG_XML_WARNING           PP_WARNING, "xml-warning",        "%s"
#define PP_MSG_NOT_XML               PP_ERROR,   "not-xml",            "cannot parse the file as XML"
#define PP_MSG_SCHEMA                PP_ERROR,   "schema",             "schema: %s"
#define PP_MSG_SCHEMA_FAILED         PP_ERROR,   "schema-failed",      "schema: the document does not follow the source schema"
#define PP_MSG_SCHEMA_UNLOADABLE     PP_ENV,     "schema-unloadable",  "cannot load the source schema"
#define PP_MSG_SCHEMA_PARSE          PP_ENV,     "schema-parse",       "%s"
#define PP_MSG_BARE_AMPERSAND       PP_ERROR,   "bare-ampersand",     "a bare '&': write it as &amp; (XML reads '&' as the start of a reference such as &amp; or &#169;)"
#define PP_MSG_ENTITY_SEMICOLON      PP_ERROR,   "entity-semicolon",   "'&%s' lacks its ';': write &%s; (and a '&' that stands for itself as &amp;)"
#define PP_MSG_UNKNOWN_ENTITY        PP_ERROR,   "unknown-entity",     "unknown entity &%s;: a source knows only &amp; &lt; &gt; &quot; &apos; (a '&' that stands for itself is written &amp;; other characters are typed as they are)"
#define PP_MSG_BARE_LESS_THAN        PP_ERROR,   "bare-less-than",     "a '<' that starts no tag: write it as &lt;"
#define PP_MSG_TAG_MISMATCH          PP_ERROR,   "tag-mismatch",       "</%s> does not close <%s> (opened on line %d): close <%s> first with </%s>"
#define PP_MSG_SCHEMA_ROOT           PP_ERROR,   "schema-root",        "the root element is <%s>, but it must be %s"
#define PP_MSG_SCHEMA_UNKNOWN_ELEMENT PP_ERROR,  "schema-unknown-element", "<%s> is not an element of %s%s (here <%s> may contain %s)"
#define PP_MSG_SCHEMA_MISPLACED      PP_ERROR,   "schema-misplaced-element", "<%s> is not allowed here in <%s>%s (here <%s> may contain %s)"
#define PP_MSG_SCHEMA_MISSING_ELEMENT PP_ERROR,  "schema-missing-element", "<%s> must contain %s%s"
#define PP_MSG_SCHEMA_STRAY_TEXT     PP_ERROR,   "schema-stray-text",  "text 「%s」 is not allowed directly in <%s>%s (here <%s> may contain %s)"
#define PP_MSG_SCHEMA_UNKNOWN_ATTRIBUTE PP_ERROR, "schema-unknown-attribute", "<%s> has no attribute '%s'%s (%s)"
#define PP_MSG_SCHEMA_BAD_VALUE      PP_ERROR,   "schema-bad-value",   "%s='%s' is not allowed on <%s>%s (%s takes %s%s)"
#define PP_MSG_SCHEMA_MISSING_ATTRIBUTE PP_ERROR, "schema-missing-attribute", "<%s> needs the attribute %s=\"…\" (%s takes %s%s)"
#define PP_MSG_SCHEMA_BAD_CONTENT    PP_ERROR,   "schema-bad-content", "<%s> holds '%s': it must hold %s%s"
#define PP_MSG_SCHEMA_EMPTY_CONTENT  PP_ERROR,   "schema-empty-content", "<%s> is empty: it must hold %s%s"
#define PP_MSG_TOO_MANY_ATTRIBUTES   PP_ERROR,   "too-many-attributes", "more than %d attributes on one element: a planpress source has a few"
#define PP_MSG_TOO_MANY_INLINE       PP_ERROR,   "too-many-inline",    "<%s> holds more than %d <em> and <br/>: divide its text into paragraphs"
#define PP_MSG_TOO_DEEP              PP_ERROR,   "too-deep",           "elements nested deeper than %d levels"
#define PP_MSG_ROOT_NOT_DOCUMENT     PP_ERROR,   "root-not-document",  "the root element must be <document>"
#define PP_MSG_UNKNOWN_KIND          PP_ERROR,   "unknown-kind",       "unknown document kind '%s'%s%s%s (the template '%s' knows %s)"
#define PP_MSG_UNKNOWN_ROLE          PP_ERROR,   "unknown-role",       "unknown section role '%s'%s%s%s (the roles are %s)"
#define PP_MSG_EMPTY_META            PP_ERROR,   "empty-meta",         "<%s> is empty"
#define PP_MSG_BAD_YEAR              PP_ERROR,   "bad-year",           "<year> must be an ROC year such as 114, not '%s'"
#define PP_MSG_ISSUED_OUT_OF_RANGE   PP_ERROR,   "issued-out-of-range", "issued date '%s' is outside the ROC calendar's years (1912 to 2911)"
#define PP_MSG_BAD_NUMBER            PP_ERROR,   "bad-number",         "%s='%s' must be a whole number from %ld to %ld"
#define PP_MSG_BAD_FRACTION          PP_ERROR,   "bad-fraction",       "%s='%s' must be a fraction of the text width, above 0 and at most 1 (e.g. 0.25)"
#define PP_MSG_ISSUED_NO_SUCH_DATE   PP_ERROR,   "issued-no-such-date", "issued date '%s' does not exist"
#define PP_MSG_ISSUED_NOT_A_DATE     PP_ERROR,   "issued-not-a-date",  "issued date '%s' is not a date (expected YYYY-MM-DD, e.g. 2025-01-06)"

/* ---- templates ------------------------------------------------------------ */
#define PP_MSG_TEMPLATES_NOT_FOUND   PP_ENV,     "templates-not-found", "cannot find planpress's templates and schemas (document.rng); looked in: %s. Set PLANPRESS_TEMPLATES to the folder that holds them"
#define PP_MSG_TEMPLATE_NOT_FOUND    PP_ENV,     "template-not-found", "template '%s' not found (looked for %s)"
#define PP_MSG_TEMPLATE_XML          PP_ENV,     "template-xml",       "%s"
#define PP_MSG_TEMPLATE_INVALID      PP_ENV,     "template-invalid",   "%s"
#define PP_MSG_TEMPLATE_SCHEMA       PP_ENV,     "template-schema",    "the template does not follow templates/template.rng"
#define PP_MSG_TEMPLATE_SCHEMA_MISSING PP_ENV,   "template-schema-missing", "cannot load the template schema %s"
#define PP_MSG_TEMPLATE_EXTENDS_LOOP PP_ENV,     "template-extends-loop", "the template extends '%s', which leads back to itself"
#define PP_MSG_TEMPLATE_EXTENDS_DEEP PP_ENV,     "template-extends-deep", "templates extend each other more than %d deep"
#define PP_MSG_TEMPLATE_NO_COLUMNS   PP_ENV,     "template-no-columns", "template: the template defines no <columns> set"

/* ---- fonts ------------------------------------------------------------------ */
#define PP_MSG_FONT_INIT             PP_SYS,     "font-init",          "cannot initialise FreeType or fontconfig"
#define PP_MSG_FONT_MISSING          PP_ENV,     "font-missing",       "font family '%s' is not installed: install %s"
#define PP_MSG_FALLBACK_MISSING      PP_WARNING, "fallback-missing",   "fallback font family '%s' is not installed (%s); characters only it has will fall back further"
#define PP_MSG_GLYPH_MISSING         PP_WARNING, "glyph-missing",      "U+%04X '%s' is in no installed font; it prints as a box"
#define PP_MSG_PDFA_MISSING_GLYPHS   PP_ERROR,   "pdfa-missing-glyphs", "PDF/A cannot hold the %d character%s no installed font has (listed above); install a font that covers %s, or render without --pdfa"

/* ---- document rules ----------------------------------------------------------- */
#define PP_MSG_TYPED_LABEL           PP_WARNING, "typed-label",        "the text starts with 「%s」, but planpress prints 「%s」 itself (it would read 「%s%s」): delete the typed label"
#define PP_MSG_SECTION_MISSING       PP_ERROR,   "section-missing",    "the %s lacks %s (no <section role=\"%s\">)"
#define PP_MSG_SECTION_MISSING_WARN  PP_WARNING, "section-missing-optional", "the %s lacks %s (no <section role=\"%s\">)"
#define PP_MSG_ISSUED_ORDER          PP_WARNING, "issued-order",       "this issuance line is dated before the one above it: list them oldest first"
#define PP_MSG_ISSUED_YEAR           PP_ERROR,   "issued-year",        "issued %04d-%02d-%02d, in ROC year %d, which does not fit the document year %d (a %s is issued in ROC year %d or %d)"
#define PP_MSG_TEXT_DATE             PP_ERROR,   "text-date",          "date %s does not exist%s"
#define PP_MSG_NO_COLUMN_SET         PP_ERROR,   "no-column-set",      "the template '%s' has no column set '%s'"
#define PP_MSG_NO_COLUMN_SET_NAMED   PP_ERROR,   "no-column-set-named", "columns='%s': the template '%s' has no such column set%s%s%s (its sets are %s; or declare <columns> in <strategies>)"
#define PP_MSG_TOTAL_NO_DIMENSIONS   PP_ERROR,   "total-no-dimensions", "the table declares a total of %ld but has no dimensions to score"
#define PP_MSG_NO_PLACE              PP_ERROR,   "no-place",           "<%s%s> has no column in this table's columns (%s): it would not be printed; declare a column with content=\"%s\" (<columns> in <strategies>) or choose another column set"
#define PP_MSG_COLUMN_UNFILLED       PP_WARNING, "column-unfilled",    "the %s column is filled by no row and not declared blank: give the rows its %s, or write blank=\"yes\" on the column if it is left empty on purpose"
#define PP_MSG_NO_SCORE_COLUMN       PP_ERROR,   "no-score-column",    "score-column=\"%s\" names no column of the table's header (give its header text or its number, 1 for the first)"
#define PP_MSG_NO_TOTAL              PP_ERROR,   "no-total",           "the %s column has no total to add up to: give total=\"…\" on the table or mark the total row total=\"yes\""
#define PP_MSG_TOTAL_ROW_DIFFERS     PP_ERROR,   "total-row-differs",  "the total row says %g, but the table's total is %g"
#define PP_MSG_SCORE_OUT_OF_RANGE    PP_ERROR,   "score-out-of-range", "the score %g is out of range: a score cell holds points below 1,000,000,000"
#define PP_MSG_SCORE_COLUMN_SUM      PP_ERROR,   "score-column-sum",   "the %s column adds up to %g, not the total %g"
#define PP_MSG_PARTS_SUM             PP_ERROR,   "parts-sum",          "the scores inside add up to %ld, but %s is given %ld"
#define PP_MSG_SCORES_SUM            PP_ERROR,   "scores-sum",         "the dimension scores add up to %ld, not the declared total %ld"
#define PP_MSG_DIMENSION_NO_SCORE    PP_ERROR,   "dimension-no-score", "%s has no score, but the table declares a total of %ld"
#define PP_MSG_EMPTY_UNIT            PP_ERROR,   "empty-unit",         "%s has an empty <unit>"
#define PP_MSG_UNITS_TWICE           PP_ERROR,   "units-twice",        "%s has its own <units>, but the strategy's <units> are printed for all its sub-items"
#define PP_MSG_NO_UNITS              PP_ERROR,   "no-units",           "%s has no units"
#define PP_MSG_NO_OUTCOME            PP_ERROR,   "no-outcome",         "%s has no %s"
#define PP_MSG_EMPTY_NAME            PP_ERROR,   "empty-name",         "a strategy has an empty <name>"
#define PP_MSG_DUPLICATE             PP_ERROR,   "duplicate",          "%s appears twice (first at %ld:%ld)"
#define PP_MSG_OUTCOME_LOST          PP_ERROR,   "outcome-lost",       "%s has sub-items, so its own <%s> are not printed (give them to the sub-items)"
#define PP_MSG_EMPTY_OUTCOME         PP_ERROR,   "empty-outcome",      "the %s of %s are empty"
#define PP_MSG_OUTCOME_KIND          PP_WARNING, "outcome-kind",       "%s has <%s> in a %s, where <%s> are expected"
#define PP_MSG_EMPTY_CELL            PP_WARNING, "empty-cell",         "cell %d of %s row %d is empty"
#define PP_MSG_EMPTY_DESC            PP_ERROR,   "empty-description",  "%s has an empty description"
#define PP_MSG_PLAN_NOT_REPORT       PP_ERROR,   "plan-not-report",    "--plan checks a report against its plan, but this is a %s"
#define PP_MSG_PLAN_IS_REPORT        PP_ERROR,   "plan-is-report",     "the --plan file is a report, not a plan"
#define PP_MSG_PLAN_EXTRA            PP_ERROR,   "plan-extra",         "%s 「%s」 has results, but the plan %s has no such strategy"
#define PP_MSG_PLAN_MISSING          PP_ERROR,   "plan-missing",       "the plan's %s 「%s」 (%s:%ld:%ld) has no results in the report"
#define PP_MSG_HALFWIDTH_PUNCT       PP_WARNING, "halfwidth-punctuation", "half-width '%s' between Chinese characters (%s): Taiwan sets the full-width, centred %s; printed as written"
#define PP_MSG_PLAN_RENAMED          PP_ERROR,   "plan-renamed",       "renamed? plan line %ld 「%s」 ↔ report line %ld 「%s」: if they are one %s, give the report the plan's words (%s)"
#define PP_MSG_PLAN_SUB_MISSING      PP_ERROR,   "plan-sub-missing",   "the plan's sub-item %d of strategy 「%s」, 「%s」 (%s:%ld:%ld), has no results in the report"
#define PP_MSG_PLAN_SUB_EXTRA        PP_ERROR,   "plan-sub-extra",     "sub-item %d of strategy 「%s」, 「%s」, has results, but the plan's strategy has no such sub-item (%s)"

/* ---- lowering and layout -------------------------------------------------------- */
#define PP_MSG_NESTED_TABLE          PP_WARNING, "nested-table",       "a table inside a cell or list item is not supported; its text is printed as paragraphs"
#define PP_MSG_TOO_MANY_ROWS         PP_ERROR,   "too-many-rows",      "table has more than %d rows"
#define PP_MSG_TOO_MANY_COLUMNS      PP_ERROR,   "too-many-columns",   "table has more than %d columns"
#define PP_MSG_ROWSPAN_BEYOND        PP_ERROR,   "rowspan-beyond",     "rowspan=\"%d\" runs past the table, which has %d row(s) from here: make it smaller or add the rows"
#define PP_MSG_COLSPAN_BEYOND        PP_ERROR,   "colspan-beyond",     "this cell reaches column %d, but the table has %d columns (its first row): make the colspan smaller"
#define PP_MSG_BAD_WIDTHS            PP_WARNING, "bad-widths",         "widths '%s' do not give %d columns; the widths are set from the content instead"
#define PP_MSG_STRATEGY_ROWS         PP_ERROR,   "strategy-rows",      "strategy table has more than %d rows"
#define PP_MSG_WORD_TOO_WIDE         PP_WARNING, "word-too-wide",      "a word is wider than its %.0f pt measure and was broken to fit"
#define PP_MSG_TABLE_TOO_WIDE        PP_WARNING, "table-too-wide",     "the table's %d columns do not fit the page width even at their narrowest, so words are broken: set orientation=\"landscape\" on the table (or its section), or render with --template landscape"
#define PP_MSG_COLUMN_TOO_NARROW     PP_WARNING, "column-too-narrow",  "a table column is narrower than one character; widened to %.0f pt"

/* ---- writing ------------------------------------------------------------------------ */
#define PP_MSG_PDF_CREATE            PP_SYS,     "pdf-create",         "cannot create a PDF document (out of memory?)"
#define PP_MSG_PDF_LIBHARU           PP_SYS,     "pdf-libharu",        "PDF generation failed (libharu error 0x%04X, detail %u)"
#define PP_MSG_PDF_PACK              PP_SYS,     "pdf-pack",           "cannot pack the PDF libharu wrote: %s (a planpress bug)"
#define PP_MSG_PDF_STRUCT            PP_SYS,     "pdf-struct",         "cannot build the structure tree (out of memory?)"
#define PP_MSG_ICC_BAD               PP_ENV,     "icc-bad",            "PDF/A needs an sRGB ICC profile: PLANPRESS_ICC=%s %s"
#define PP_MSG_ICC_MISSING           PP_ENV,     "icc-missing",        "PDF/A needs an sRGB ICC profile and none was found (looked for %s and %s); install the Debian package icc-profiles-free, or name a profile in PLANPRESS_ICC"
#define PP_MSG_BAD_SOURCE_DATE_EPOCH PP_WARNING, "bad-source-date-epoch", "SOURCE_DATE_EPOCH=%s is not a number of seconds since 1970; ignored"
#define PP_MSG_PDFA_ENCRYPTED        PP_ERROR,   "pdfa-encrypted",     "PDF/A forbids encryption"
#define PP_MSG_ODF_XML               PP_SYS,     "odf-xml",            "cannot write %s of the ODF package (libxml2 failed: out of memory?)"
#define PP_MSG_ODF_ZIP               PP_SYS,     "odf-zip",            "cannot build the ODF package: %s"
#define PP_MSG_OUTPUT_CREATE         PP_SYS,     "output-create",      "cannot create a file in the output folder: %s"
#define PP_MSG_OUTPUT_WRITE          PP_SYS,     "output-write",       "cannot write the output: %s"
#define PP_MSG_OUTPUT_NOT_REGULAR    PP_ERROR,   "output-not-regular", "the output exists and is %s: name a file to write"
#define PP_MSG_OUTPUT_IS_INPUT       PP_ERROR,   "output-is-input",    "the output would overwrite the input %s: name another output file"

/* ---- importing a Word or ODF document (import), new skeletons (new) ---------------- */
#define PP_MSG_IMPORT_ZIP            PP_ERROR,   "import-zip",         "cannot read the file as a Word (.docx) or ODF (.odt) document: %s"
#define PP_MSG_IMPORT_ZIP_ENTRIES    PP_ERROR,   "import-zip-entries", "the archive lists %ld entries, more than the %d a document may hold: refused"
#define PP_MSG_IMPORT_ZIP_PART       PP_ERROR,   "import-zip-part",    "cannot read the part %s of the document: %s"
#define PP_MSG_IMPORT_ENCRYPTED      PP_ERROR,   "import-encrypted",   "the document is password-protected (%s is encrypted): remove the password (Word: File > Info > Protect Document; Writer: File > Properties > Security), save, and import again"
#define PP_MSG_IMPORT_PART_TOO_LARGE PP_ERROR,   "import-part-too-large", "the part %s inflates to more than %zu MB, far more than a document holds (a damaged file or a zip bomb): refused"
#define PP_MSG_IMPORT_ZIP_TOO_LARGE  PP_ERROR,   "import-zip-too-large", "the document inflates to more than %zu MB in all, far more than a document holds (a zip bomb?): refused"
#define PP_MSG_IMPORT_DOCTYPE        PP_ERROR,   "import-doctype",     "<!DOCTYPE %s> with %s is refused: a Word or ODF document part declares no entities"
#define PP_MSG_IMPORT_NOT_DOCUMENT   PP_ERROR,   "import-not-document", "not a Word (.docx) or ODF text (.odt) document: %s"
#define PP_MSG_IMPORT_DOC            PP_ERROR,   "import-doc",         "this is a Word 97-2003 document (.doc), which planpress cannot read: save it as .docx (Word: File > Save As > Word Document; or soffice --headless --convert-to docx %s)"
#define PP_MSG_IMPORT_NO_BODY        PP_ERROR,   "import-no-body",     "the document has no body text (%s is missing or empty)"
#define PP_MSG_IMPORT_EMPTY          PP_ERROR,   "import-empty",       "the document holds no text to import"
#define PP_MSG_IMPORT_TEXT_BOX       PP_WARNING, "import-text-box",    "%s: the text of a text box is placed after the paragraph that holds it"
#define PP_MSG_IMPORT_FOOTNOTE       PP_WARNING, "import-footnote",    "%s: a footnote's text is placed after the paragraph that cites it"
#define PP_MSG_IMPORT_PICTURE        PP_WARNING, "import-picture",     "%s: pictures are not imported (this one and any after it)"
#define PP_MSG_IMPORT_ALT_CHUNK      PP_WARNING, "import-alt-chunk",   "the document embeds another document (altChunk), which is not imported: open it in Word and save it again so that its text becomes part of the document"
#define PP_MSG_IMPORT_TOC            PP_WARNING, "import-toc",         "an index (an alphabetical index, a list of figures, contents inside a table cell) is left out: planpress prints only the contents, where the source has <toc/>"
#define PP_MSG_IMPORT_NO_AGENCY      PP_WARNING, "import-no-agency",   "cannot tell the agency from the title 「%s」: <agency> holds a placeholder; write the agency's name there"
#define PP_MSG_IMPORT_PREAMBLE       PP_WARNING, "import-preamble",    "%s: text before the first section heading is placed at the start of the first section"
#define PP_MSG_IMPORT_NO_SECTIONS    PP_WARNING, "import-no-sections", "no section headings (壹、貳、… or heading styles) were found: the content is placed in the document itself; a %s has sections, divide it by hand"
#define PP_MSG_IMPORT_LABEL_KEPT     PP_WARNING, "import-label-kept",  "%s: the label '%s' is kept as typed (planpress would print '%s'); delete label=\"…\" in the source to have it numbered"
#define PP_MSG_IMPORT_LABEL_NONE     PP_WARNING, "import-label-none",  "%s: typed without the label '%s' planpress would print; kept without one (label=\"\")"
#define PP_MSG_IMPORT_ODD_STYLE      PP_WARNING, "import-odd-style",   "%s: labels typed as '%s' are printed as '%s' (planpress has no such numbering style)"
#define PP_MSG_IMPORT_STRATEGY_COLUMNS PP_WARNING, "import-strategy-columns", "table %d looks like a strategy table, but its columns (%s) fit none of the template's column sets (%s): imported with its columns declared in <columns>"
#define PP_MSG_IMPORT_HEADER_WORDS   PP_WARNING, "import-header-words", "table %d: the column header 「%s」 will be printed as the template's 「%s」 (column set '%s')"
#define PP_MSG_IMPORT_OUTCOME_SPLIT  PP_WARNING, "import-outcome-split", "%s: the %s cannot be paired with the sub-items by their labels: all of it goes with the last sub-item"
#define PP_MSG_IMPORT_UNPLACED       PP_WARNING, "import-unplaced",    "%s: cannot place this in the strategy table; kept as text of %s"
#define PP_MSG_IMPORT_NESTED_TABLE   PP_WARNING, "import-nested-table", "%s: a table inside a table cell is imported as the paragraphs of its cells"
#define PP_MSG_IMPORT_NOT_CHECKED    PP_WARNING, "import-not-checked", "%s was written but does not pass check yet (%d error%s above): fix %s by hand, then run planpress check"
#define PP_MSG_IMPORT_WRITER         PP_SYS,     "import-writer",      "the imported source does not read back (a planpress bug): %s"
#define PP_MSG_OUTPUT_EXISTS         PP_ERROR,   "output-exists",      "%s exists: name another output (-o) or give --force to replace it"
#define PP_MSG_NEW_UNKNOWN_KIND      PP_USAGE,   "new-unknown-kind",   "unknown kind '%s'%s%s%s: new makes %s (the kinds of the template '%s')"
#define PP_MSG_PLACEHOLDER           PP_WARNING, "placeholder",        "%s still holds the placeholder 「%s」: replace it with the document's own text"

/* ---- batch --------------------------------------------------------------------------- */
#define PP_MSG_RENDER_FAILED         PP_ERROR,   "render-failed",      "rendering failed (exit status %d)"
#define PP_MSG_CANNOT_READ_FOLDER    PP_ERROR,   "cannot-read-folder", "cannot read the folder: %s"
#define PP_MSG_SAME_OUTPUT           PP_ERROR,   "same-output",        "its output %s is also the output of %s; rename one of them"
#define PP_MSG_OUTDIR_CREATE         PP_SYS,     "outdir-create",      "cannot create the output folder: %s"
#define PP_MSG_NO_SOURCES            PP_WARNING, "no-sources",         "no sources (*.xml) here"
#define PP_MSG_NO_WORKERS            PP_SYS,     "no-workers",         "cannot start worker processes: %s"
#define PP_MSG_NOT_RENDERED          PP_SYS,     "not-rendered",       "not rendered: %s"
#define PP_MSG_WORKER_DIED           PP_ERROR,   "worker-died",        "%s"
#define PP_MSG_OUTDIR_UNWRITABLE     PP_SYS,     "outdir-unwritable",  "cannot write in the output folder: %s; nothing was rendered"
#define PP_MSG_OUTDIR_BUSY           PP_SYS,     "outdir-busy",        "another batch (%s) is writing into this output folder; nothing was done: run again when it has finished, or without --no-wait to wait for it"
#define PP_MSG_OUTDIR_LOCK           PP_SYS,     "outdir-lock",        "cannot lock the output folder for this batch (%s), so another batch could write into it at the same time; nothing was done"

/* Every message above, for walking the catalog. */
#define PP_MESSAGES(X) \
    X(USAGE) X(USAGE_NO_VALUE) X(OUTPUT_EXTENSION) X(WATCH_FAILED) X(WATCH_SOURCE_GONE) \
    X(CANNOT_OPEN) X(CANNOT_READ) X(FILE_TOO_LARGE) X(NOT_REGULAR) X(NOT_UTF8) X(NOT_UTF8_BIG5) \
    X(UNKNOWN_ENCODING) X(BAD_ENCODING) X(DOCTYPE_REFUSED) X(OUT_OF_MEMORY) X(XML_SYNTAX) X(XML_WARNING) \
    X(NOT_XML) X(BARE_AMPERSAND) X(ENTITY_SEMICOLON) X(UNKNOWN_ENTITY) X(BARE_LESS_THAN) X(TAG_MISMATCH) \
    X(SCHEMA_ROOT) X(SCHEMA_UNKNOWN_ELEMENT) X(SCHEMA_MISPLACED) X(SCHEMA_MISSING_ELEMENT) X(SCHEMA_STRAY_TEXT) \
    X(SCHEMA_UNKNOWN_ATTRIBUTE) X(SCHEMA_BAD_VALUE) X(SCHEMA_MISSING_ATTRIBUTE) X(SCHEMA_BAD_CONTENT) X(SCHEMA_EMPTY_CONTENT) \
    X(SCHEMA) X(SCHEMA_FAILED) X(SCHEMA_UNLOADABLE) X(SCHEMA_PARSE) X(TOO_MANY_ATTRIBUTES) X(TOO_MANY_INLINE) X(TOO_DEEP) \
    X(ROOT_NOT_DOCUMENT) X(UNKNOWN_KIND) X(UNKNOWN_ROLE) X(EMPTY_META) X(BAD_YEAR) X(ISSUED_NO_SUCH_DATE) \
    X(ISSUED_NOT_A_DATE) X(ISSUED_OUT_OF_RANGE) X(BAD_NUMBER) X(BAD_FRACTION) \
    X(TEMPLATES_NOT_FOUND) X(TEMPLATE_NOT_FOUND) X(TEMPLATE_XML) X(TEMPLATE_INVALID) X(TEMPLATE_SCHEMA) \
    X(TEMPLATE_SCHEMA_MISSING) X(TEMPLATE_EXTENDS_LOOP) X(TEMPLATE_EXTENDS_DEEP) X(TEMPLATE_NO_COLUMNS) \
    X(FONT_INIT) X(FONT_MISSING) X(FALLBACK_MISSING) X(GLYPH_MISSING) X(PDFA_MISSING_GLYPHS) \
    X(TYPED_LABEL) X(SECTION_MISSING) X(SECTION_MISSING_WARN) X(ISSUED_ORDER) X(ISSUED_YEAR) X(TEXT_DATE) X(NO_COLUMN_SET) X(NO_COLUMN_SET_NAMED) \
    X(TOTAL_NO_DIMENSIONS) X(NO_PLACE) X(COLUMN_UNFILLED) X(NO_SCORE_COLUMN) X(NO_TOTAL) X(TOTAL_ROW_DIFFERS) X(SCORE_OUT_OF_RANGE) X(SCORE_COLUMN_SUM) X(PARTS_SUM) X(SCORES_SUM) X(DIMENSION_NO_SCORE) X(EMPTY_UNIT) X(UNITS_TWICE) \
    X(NO_UNITS) X(NO_OUTCOME) X(EMPTY_NAME) X(DUPLICATE) X(OUTCOME_LOST) X(EMPTY_OUTCOME) \
    X(OUTCOME_KIND) X(EMPTY_CELL) X(EMPTY_DESC) X(PLAN_NOT_REPORT) X(PLAN_IS_REPORT) \
    X(PLAN_EXTRA) X(PLAN_MISSING) X(HALFWIDTH_PUNCT) X(PLAN_RENAMED) X(PLAN_SUB_MISSING) X(PLAN_SUB_EXTRA) \
    X(NESTED_TABLE) X(TOO_MANY_ROWS) X(TOO_MANY_COLUMNS) X(ROWSPAN_BEYOND) X(COLSPAN_BEYOND) X(BAD_WIDTHS) X(STRATEGY_ROWS) \
    X(WORD_TOO_WIDE) X(TABLE_TOO_WIDE) X(COLUMN_TOO_NARROW) \
    X(PDF_CREATE) X(PDF_LIBHARU) X(PDF_PACK) X(PDF_STRUCT) X(ICC_BAD) X(ICC_MISSING) \
    X(BAD_SOURCE_DATE_EPOCH) X(PDFA_ENCRYPTED) X(ODF_XML) X(ODF_ZIP) X(OUTPUT_CREATE) X(OUTPUT_WRITE) \
    X(OUTPUT_NOT_REGULAR) X(OUTPUT_IS_INPUT) \
    X(RENDER_FAILED) X(CANNOT_READ_FOLDER) X(SAME_OUTPUT) X(OUTDIR_CREATE) X(NO_SOURCES) X(NO_WORKERS) \
    X(NOT_RENDERED) X(WORKER_DIED) X(OUTDIR_UNWRITABLE) X(OUTDIR_BUSY) X(OUTDIR_LOCK) \
    X(IMPORT_ZIP) X(IMPORT_ZIP_ENTRIES) X(IMPORT_ZIP_PART) X(IMPORT_ENCRYPTED) X(IMPORT_PART_TOO_LARGE) \
    X(IMPORT_ZIP_TOO_LARGE) X(IMPORT_DOCTYPE) X(IMPORT_NOT_DOCUMENT) X(IMPORT_DOC) X(IMPORT_NO_BODY) \
    X(IMPORT_EMPTY) X(IMPORT_TEXT_BOX) X(IMPORT_FOOTNOTE) X(IMPORT_PICTURE) X(IMPORT_ALT_CHUNK) X(IMPORT_TOC) \
    X(IMPORT_NO_AGENCY) X(IMPORT_PREAMBLE) X(IMPORT_NO_SECTIONS) X(IMPORT_LABEL_KEPT) X(IMPORT_LABEL_NONE) \
    X(IMPORT_ODD_STYLE) X(IMPORT_STRATEGY_COLUMNS) X(IMPORT_HEADER_WORDS) X(IMPORT_OUTCOME_SPLIT) \
    X(IMPORT_UNPLACED) X(IMPORT_NESTED_TABLE) X(IMPORT_NOT_CHECKED) X(IMPORT_WRITER) X(OUTPUT_EXISTS) \
    X(NEW_UNKNOWN_KIND) X(PLACEHOLDER)
#endif
