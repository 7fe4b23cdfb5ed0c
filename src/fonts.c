#include "fonts.h"
#include "input.h"
#include "cpset.h"
#include "linebreak.h"
#include "xalloc.h"
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include <hb.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct pp_face {
    char *path, *family, *psname;
    int index;
    FT_Face ft;
    hb_blob_t *file;     /* the font file, mapped once: FreeType reads it from memory */
    hb_face_t *hb;
    double upem, ascent, descent;
    /* BMP advances in em, in blocks of 256 code points made on first use (a document
     * touches a few dozen): NAN = not yet looked up, < 0 = not covered */
    float *adv[256];
};

struct pp_fonts {
    FT_Library lib;
    FcConfig *fc;
    pp_face *faces[PP_MAX_FACES];
    int nfaces;
    int latin;           /* index of the Latin face, or -1 */
    int nchain;          /* faces 0..nchain-1 come from the template; later ones were found */
    int style_han[PP_TS__COUNT], style_latin[PP_TS__COUNT];   /* per text style, -1 = document's */
    bool is_chain[PP_MAX_FACES];   /* the document's Han face and its fallbacks */
    pp_cpset misses;     /* characters already searched for in vain */
    FcCharSet *installed; /* every installed outline face's characters, listed on the first search */
    void *attachment;     /* pp_fonts_set_attachment's */
    void (*attachment_free)(void *);
};

/* Debian packages that provide the families a template is likely to name. */
static const char *package_for(const char *family)
{
    if (strncmp(family, "TW-Kai", 6) == 0 || strncmp(family, "TW-Sung", 7) == 0) return "fonts-cns11643-kai (or fonts-cns11643-sung)";
    if (strncmp(family, "Liberation", 10) == 0) return "fonts-liberation2";
    if (strncmp(family, "Noto", 4) == 0) return "fonts-noto-cjk";
    if (strncmp(family, "AR PL", 5) == 0) return "fonts-arphic-ukai";
    return "the package that provides it (apt-cache search font)";
}

static pp_face *face_open(pp_fonts *f, const char *path, int index, const char *family)
{
    /* one mapping of the file for FreeType (coverage, advances) and HarfBuzz (the
     * subsetter): half the page faults and page-table teardown of two */
    hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
    pp_input_note(path);   /* never to be overwritten by an output */
    unsigned len = 0;
    const char *data = file ? hb_blob_get_data(file, &len) : NULL;
    FT_Face ft;
    if (!data || FT_New_Memory_Face(f->lib, (const FT_Byte *)data, (FT_Long)len, index, &ft) != 0) {
        hb_blob_destroy(file);
        return NULL;
    }
    pp_face *face = pp_xcalloc(1, sizeof *face);
    face->ft = ft;
    face->file = file;
    face->path = pp_xstrdup(path);
    face->index = index;
    face->family = pp_xstrdup(family);
    const char *ps = FT_Get_Postscript_Name(ft);
    face->psname = pp_xstrdup(ps ? ps : family);
    face->upem = ft->units_per_EM ? ft->units_per_EM : 1000;
    face->ascent = ft->ascender / face->upem;
    face->descent = ft->descender / face->upem;
    face->hb = hb_face_create(file, (unsigned)index);
    return face;
}

static void face_free(pp_face *face)
{
    if (!face) return;
    FT_Done_Face(face->ft);
    hb_face_destroy(face->hb);
    hb_blob_destroy(face->file);
    for (int i = 0; i < 256; i++) free(face->adv[i]);
    free(face->path);
    free(face->family);
    free(face->psname);
    free(face);
}

static float lookup_advance(pp_face *face, uint32_t cp)
{
    FT_UInt g = FT_Get_Char_Index(face->ft, cp);
    if (!g) return -1;
    FT_Fixed a = 0;
    if (FT_Get_Advance(face->ft, g, FT_LOAD_NO_SCALE, &a) != 0) return -1;
    return (float)(a / face->upem);
}

/* The cached advance of BMP character cp (looked up on first use). */
static float bmp_advance(pp_face *face, uint32_t cp)
{
    float *blk = face->adv[cp >> 8];
    if (!blk) {
        blk = face->adv[cp >> 8] = pp_xmalloc(256 * sizeof *blk);
        for (int i = 0; i < 256; i++) blk[i] = NAN;
    }
    float *a = &blk[cp & 0xFF];
    if (isnan(*a)) *a = lookup_advance(face, cp);
    return *a;
}

double pp_face_advance(pp_face *face, uint32_t cp)
{
    float a;
    if (cp < 65536) {
        a = bmp_advance(face, cp);
    } else {
        a = lookup_advance(face, cp);
    }
    if (a < 0) {
        FT_Fixed n = 0;
        FT_Get_Advance(face->ft, 0, FT_LOAD_NO_SCALE, &n);
        return n / face->upem;
    }
    return a;
}

bool pp_face_covers(pp_face *face, uint32_t cp)
{
    if (cp < 65536) return bmp_advance(face, cp) >= 0;
    return FT_Get_Char_Index(face->ft, cp) != 0;
}

const char *pp_face_path(const pp_face *face) { return face->path; }
const char *pp_face_family(const pp_face *face) { return face->family; }
const char *pp_face_psname(const pp_face *face) { return face->psname; }
int pp_face_index(const pp_face *face) { return face->index; }
void *pp_face_hb(pp_face *face) { return face->hb; }
double pp_face_ascent(const pp_face *face) { return face->ascent; }
double pp_face_descent(const pp_face *face) { return face->descent; }

static int strcasecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a, y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
        if (x != y || !x) return x - y;
    }
}

static FcConfig *shared_fc;

/* What fontconfig answered per family, kept while its configuration is the process's
 * shared one (a batch worker asks once per family, not once per document). */
typedef struct answer { char *family, *file; int index; } answer;
static answer *answers;
static size_t nanswers, capanswers;
static pthread_mutex_t answers_mu = PTHREAD_MUTEX_INITIALIZER;

static void forget_answers(void)
{
    pthread_mutex_lock(&answers_mu);
    for (size_t i = 0; i < nanswers; i++) { free(answers[i].family); free(answers[i].file); }
    free(answers);
    answers = NULL;
    nanswers = capanswers = 0;
    pthread_mutex_unlock(&answers_mu);
}

/* The file and face index fontconfig gives `family` (file NULL: another family
 * answered), from the kept answers when the configuration is the shared one.
 * Returns false when fontconfig has no match at all. *file is the caller's to free. */
static bool ask(pp_fonts *f, const char *family, char **file, int *index);

/* Resolves `family` through fontconfig; NULL when the installed match is another family. */
static pp_face *resolve(pp_fonts *f, const char *family)
{
    char *file = NULL;
    int index = 0;
    pp_face *face = NULL;
    if (ask(f, family, &file, &index) && file) face = face_open(f, file, index, family);
    free(file);
    return face;
}

static bool ask(pp_fonts *f, const char *family, char **file_out, int *index_out)
{
    bool keep = f->fc == shared_fc;
    *file_out = NULL;
    *index_out = 0;
    if (keep) {
        pthread_mutex_lock(&answers_mu);
        for (size_t i = 0; i < nanswers; i++) {
            if (strcmp(answers[i].family, family) != 0) continue;
            *file_out = answers[i].file ? pp_xstrdup(answers[i].file) : NULL;
            *index_out = answers[i].index;
            pthread_mutex_unlock(&answers_mu);
            return true;
        }
        pthread_mutex_unlock(&answers_mu);
    }
    FcPattern *p = FcPatternCreate();
    FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddBool(p, FC_OUTLINE, FcTrue);
    FcConfigSubstitute(f->fc, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *m = FcFontMatch(f->fc, p, &res);
    FcPatternDestroy(p);
    if (!m) return false;
    bool same = false;
    FcChar8 *fam, *file;
    for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
        if (strcasecmp_ascii((const char *)fam, family) == 0) same = true;
    if (same && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(m, FC_INDEX, 0, index_out);
        *file_out = pp_xstrdup((const char *)file);
    }
    FcPatternDestroy(m);
    if (keep) {
        pthread_mutex_lock(&answers_mu);
        PP_GROW(answers, capanswers, nanswers + 1);
        answers[nanswers++] = (answer){ pp_xstrdup(family), *file_out ? pp_xstrdup(*file_out) : NULL, *index_out };
        pthread_mutex_unlock(&answers_mu);
    }
    return true;
}

static int face_of_family(const pp_fonts *f, const char *family)
{
    for (int i = 0; i < f->nfaces; i++) if (strcmp(f->faces[i]->family, family) == 0) return i;
    return -1;
}

static int add_face(pp_fonts *f, pp_face *face)
{
    if (f->nfaces == PP_MAX_FACES) { face_free(face); return -1; }
    f->faces[f->nfaces] = face;
    return f->nfaces++;
}

/* shared_fc: fontconfig's configuration, when pp_fonts_share_config kept one for the
 * process; loading on pp_fonts_preload's thread while `preloading` */
static pthread_t preloader;
static bool preloading;

static void preload_wait(void)
{
    if (preloading) pthread_join(preloader, NULL);
    preloading = false;
}

void pp_fonts_share_config(void)
{
    preload_wait();
    if (!shared_fc) shared_fc = FcInitLoadConfigAndFonts();
}

void pp_fonts_unshare_config(void)
{
    preload_wait();
    if (shared_fc) FcConfigDestroy(shared_fc);
    shared_fc = NULL;
    forget_answers();   /* they were that configuration's */
}

static void *preload_main(void *arg)
{
    (void)arg;
    shared_fc = FcInitLoadConfigAndFonts();
    return NULL;
}

void pp_fonts_preload(void)
{
    if (shared_fc || preloading) return;
    preloading = pthread_create(&preloader, NULL, preload_main, NULL) == 0;
}

pp_fonts *pp_fonts_open(const pp_template *t, pp_diag *d)
{
    preload_wait();
    pp_fonts *f = pp_xcalloc(1, sizeof *f);
    f->latin = -1;
    if (FT_Init_FreeType(&f->lib) != 0 || !(f->fc = shared_fc ? FcConfigReference(shared_fc) : FcInitLoadConfigAndFonts())) {
        pp_msg(d, PP_NOWHERE, FONT_INIT);
        pp_fonts_free(f);
        return NULL;
    }
    pp_face *han = resolve(f, t->han_family);
    if (!han) {
        pp_msg(d, PP_LOC(t->path, 0, 0), FONT_MISSING, t->han_family, package_for(t->han_family));
        pp_fonts_free(f);
        return NULL;
    }
    f->is_chain[add_face(f, han)] = true;
    for (int i = 0; i < t->nfallback; i++) {
        pp_face *fb = resolve(f, t->fallback[i]);
        if (fb) { int k = add_face(f, fb); if (k >= 0) f->is_chain[k] = true; }
        else pp_msg(d, PP_LOC(t->path, 0, 0), FALLBACK_MISSING, t->fallback[i], package_for(t->fallback[i]));
    }
    if (t->latin_family) {
        pp_face *lat = resolve(f, t->latin_family);
        if (!lat) {
            pp_msg(d, PP_LOC(t->path, 0, 0), FONT_MISSING, t->latin_family, package_for(t->latin_family));
            pp_fonts_free(f);
            return NULL;
        }
        f->latin = add_face(f, lat);
    }
    for (int st = 0; st < PP_TS__COUNT; st++) {
        f->style_han[st] = f->style_latin[st] = -1;
        const char *fam[2] = { t->styles[st].han_family, t->styles[st].latin_family };
        for (int k = 0; k < 2; k++) {
            if (!fam[k]) continue;
            int idx = face_of_family(f, fam[k]);
            if (idx < 0) {
                pp_face *face = resolve(f, fam[k]);
                if (!face) {
                    pp_msg(d, PP_LOC(t->path, 0, 0), FONT_MISSING, fam[k], package_for(fam[k]));
                    pp_fonts_free(f);
                    return NULL;
                }
                idx = add_face(f, face);
            }
            if (k == 0) f->style_han[st] = idx; else f->style_latin[st] = idx;
        }
    }
    f->nchain = f->nfaces;
    return f;
}

void pp_fonts_set_attachment(pp_fonts *f, void *p, void (*free_fn)(void *))
{
    if (f->attachment && f->attachment_free) f->attachment_free(f->attachment);
    f->attachment = p;
    f->attachment_free = free_fn;
}

void *pp_fonts_attachment(const pp_fonts *f) { return f->attachment; }

void pp_fonts_free(pp_fonts *f)
{
    if (!f) return;
    pp_fonts_set_attachment(f, NULL, NULL);   /* before the faces it may refer to */
    for (int i = 0; i < f->nfaces; i++) face_free(f->faces[i]);
    if (f->lib) FT_Done_FreeType(f->lib);
    if (f->fc) FcConfigDestroy(f->fc);
    pp_cpset_release(&f->misses);
    if (f->installed) FcCharSetDestroy(f->installed);
    free(f);
}

int pp_fonts_count(const pp_fonts *f) { return f->nfaces; }
pp_face *pp_fonts_face(pp_fonts *f, int i) { return f->faces[i]; }

/* The union of every installed outline face's charset, listed once: a character
 * outside it is in no font, and asking fontconfig to match it (a walk over every
 * installed face, per character) would find nothing. */
static FcCharSet *installed_chars(pp_fonts *f)
{
    if (f->installed) return f->installed;
    f->installed = FcCharSetCreate();
    FcPattern *p = FcPatternBuild(NULL, FC_OUTLINE, FcTypeBool, FcTrue, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, (char *)NULL);
    FcFontSet *fs = p && os ? FcFontList(f->fc, p, os) : NULL;
    for (int i = 0; fs && i < fs->nfont; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch) FcCharSetMerge(f->installed, cs, NULL);
    }
    if (fs) FcFontSetDestroy(fs);
    if (os) FcObjectSetDestroy(os);
    if (p) FcPatternDestroy(p);
    return f->installed;
}

/* Any installed outline face covering cp, found by its charset. */
static int find_installed(pp_fonts *f, uint32_t cp)
{
    if (pp_cpset_has(&f->misses, cp)) return -1;
    if (!FcCharSetHasChar(installed_chars(f), cp)) {
        pp_cpset_add(&f->misses, cp);
        return -1;
    }
    FcPattern *p = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(p, FC_CHARSET, cs);
    FcPatternAddBool(p, FC_OUTLINE, FcTrue);
    FcConfigSubstitute(f->fc, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *m = FcFontMatch(f->fc, p, &res);
    int idx = -1;
    FcChar8 *file, *fam;
    int index = 0;
    FcCharSet *mcs;
    if (m && FcPatternGetCharSet(m, FC_CHARSET, 0, &mcs) == FcResultMatch && FcCharSetHasChar(mcs, cp)
        && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        if (FcPatternGetString(m, FC_FAMILY, 0, &fam) != FcResultMatch) fam = (FcChar8 *)"?";
        for (int i = 0; i < f->nfaces; i++)
            if (strcmp(f->faces[i]->path, (const char *)file) == 0 && f->faces[i]->index == index) idx = i;
        if (idx < 0) {
            pp_face *face = face_open(f, (const char *)file, index, (const char *)fam);
            if (face) idx = add_face(f, face);
        }
        if (idx >= 0 && !pp_face_covers(f->faces[idx], cp)) idx = -1;
    }
    if (m) FcPatternDestroy(m);
    FcPatternDestroy(p);
    FcCharSetDestroy(cs);
    if (idx < 0) pp_cpset_add(&f->misses, cp);
    return idx;
}

int pp_fonts_pick(pp_fonts *f, uint32_t cp, int style)
{
    bool in_style = style >= 0 && style < PP_TS__COUNT;
    int latin = in_style && f->style_latin[style] >= 0 ? f->style_latin[style] : f->latin;
    if (latin >= 0) {
        pp_script s = pp_lb_script(cp);
        if ((s == PP_SCRIPT_LATIN || s == PP_SCRIPT_DIGIT || s == PP_SCRIPT_SPACE) && cp < 0x2000
            && pp_face_covers(f->faces[latin], cp))
            return latin;
    }
    if (in_style && f->style_han[style] >= 0 && pp_face_covers(f->faces[f->style_han[style]], cp))
        return f->style_han[style];
    for (int i = 0; i < f->nfaces; i++) {
        if (i < f->nchain && !f->is_chain[i]) continue;   /* Latin and style faces only in their roles */
        if (pp_face_covers(f->faces[i], cp)) return i;
    }
    return find_installed(f, cp);
}

void pp_fonts_describe(pp_fonts *f, const pp_template *t, FILE *out)
{
    fprintf(out, "template: %s\n", t->path);
    fprintf(out, "han:      %-18s -> %s (face %d, %s)\n", t->han_family, f->faces[0]->path,
            f->faces[0]->index, f->faces[0]->psname);
    if (f->latin >= 0)
        fprintf(out, "latin:    %-18s -> %s (face %d, %s)\n", t->latin_family, f->faces[f->latin]->path,
                f->faces[f->latin]->index, f->faces[f->latin]->psname);
    else
        fprintf(out, "latin:    (none: the Han face draws Latin letters and digits)\n");
    static const char *const names[PP_TS__COUNT] = { "title", "issued", "heading", "subheading", "body", "note",
                                                     "caption", "table", "table-head", "footer" };
    for (int st = 0; st < PP_TS__COUNT; st++) {
        if (f->style_han[st] >= 0)
            fprintf(out, "style %s: han -> %s (%s)\n", names[st], f->faces[f->style_han[st]]->family, f->faces[f->style_han[st]]->path);
        if (f->style_latin[st] >= 0)
            fprintf(out, "style %s: latin -> %s (%s)\n", names[st], f->faces[f->style_latin[st]]->family, f->faces[f->style_latin[st]]->path);
    }
    fprintf(out, "fallback chain for characters the Han face lacks:\n");
    int n = 1;
    for (int i = 1; i < f->nchain; i++) {
        if (!f->is_chain[i]) continue;
        fprintf(out, "  %d. %-15s -> %s (face %d)\n", n++, f->faces[i]->family, f->faces[i]->path, f->faces[i]->index);
    }
    for (int i = 0; i < t->nfallback; i++) {
        bool found = false;
        for (int k = 1; k < f->nchain; k++) if (strcmp(f->faces[k]->family, t->fallback[i]) == 0) found = true;
        if (!found) fprintf(out, "  -  %-15s -> not installed (%s)\n", t->fallback[i], package_for(t->fallback[i]));
    }
    fprintf(out, "  %d. any installed outline font that covers the character (fontconfig charset match)\n", n);
    fprintf(out, "  then: %s's .notdef with a box drawn over it, and a warning naming the character\n", f->faces[0]->family);
}
