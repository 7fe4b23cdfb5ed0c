/* The schema explainer on valid documents: every sample and every stock
 * template follows its schema, so the explainer, walked over each, must find
 * nothing (a finding there would be a wrong message on a broken document). */
#include "decode.h"
#include "diag.h"
#include "input.h"
#include "rng_explain.h"
#include "xml_parse.h"
#include <glob.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static void count(void *ctx, const pp_rng_finding *f)
{
    (*(int *)ctx)++;
    fprintf(stderr, "  finding %d at <%s> in <%s>: %s %s %s\n", (int)f->what, f->node ? (const char *)f->node->name : "?",
            f->parent, f->name, f->attr, f->allowed);
}

static int walk(const char *pattern, const char *schema)
{
    xmlDocPtr s = xmlReadFile(schema, NULL, XML_PARSE_NONET);
    pp_rng *g = s ? pp_rng_build(s) : NULL;
    if (!g) { fprintf(stderr, "FAIL %s: no model\n", schema); if (s) xmlFreeDoc(s); return 1; }
    glob_t gl;
    int fails = 0;
    if (glob(pattern, 0, NULL, &gl) != 0 || gl.gl_pathc == 0) { fprintf(stderr, "FAIL no files for %s\n", pattern); fails++; }
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        pp_diag d;
        pp_diag_init(&d, stderr);
        pp_buf raw = PP_BUF_INIT, text = PP_BUF_INIT;
        pp_xml x;
        memset(&x, 0, sizeof x);
        int n = -2;
        if (pp_input_read(gl.gl_pathv[i], PP_INPUT_MAX, &raw, &d) == 0 &&
            pp_decode_source(raw.data, raw.len, gl.gl_pathv[i], &text, &d) == 0 &&
            pp_xml_parse(&x, pp_buf_str(&text), text.len, gl.gl_pathv[i], PP_XML_SOURCE, &d) == 0) {
            int found = 0;
            n = pp_rng_explain(g, x.doc, count, &found);
        }
        if (n != 0) { fprintf(stderr, "FAIL %s: %d findings\n", gl.gl_pathv[i], n); fails++; }
        else printf("ok %s\n", gl.gl_pathv[i]);
        pp_xml_release(&x);
        pp_buf_release(&raw);
        pp_buf_release(&text);
        pp_diag_release(&d);
    }
    globfree(&gl);
    pp_rng_free(g);
    xmlFreeDoc(s);
    return fails;
}

int main(void)
{
    int fails = walk("samples/*.xml", "templates/document.rng") + walk("tests/layout/*.xml", "templates/document.rng") +
                walk("templates/*.xml", "templates/template.rng");
    xmlCleanupParser();
    printf("%s\n", fails ? "FAILED" : "all valid documents explained without findings");
    return fails ? 1 : 0;
}
