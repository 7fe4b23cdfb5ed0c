#include "batch_job.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdlib.h>

void pp_job_reset(pp_job *j)
{
    for (size_t i = 0; i < j->nmessages; i++) {
        free(j->messages[i]);
        free(j->json[i]);
    }
    free(j->messages);
    free(j->json);
    free(j->levels);
    j->json = NULL;
    j->levels = NULL;
    free(j->agency);
    free(j->title);
    free(j->kind);
    free(j->kind_label);
    free(j->parent);
    free(j->issued);
    free(j->template_name);
    j->messages = NULL;
    j->nmessages = 0;
    j->agency = j->title = j->kind = j->kind_label = j->parent = j->issued = j->template_name = NULL;
    j->has_profile = false;
    j->status = PP_JOB_PENDING;
    j->exit_code = 0;
    j->pages = j->bytes = j->odt_bytes = 0;
    j->mtime = j->odt_mtime = 0;
    j->ms = 0;
    j->warnings = j->errors = 0;
    j->year = 0;
}

void pp_job_release(pp_job *j)
{
    pp_job_reset(j);
    free(j->source);
    free(j->output);
    free(j->rel);
    free(j->odt);
    free(j->odt_rel);
    j->source = j->output = j->rel = j->odt = j->odt_rel = NULL;
}

void pp_job_add_message(pp_job *j, const char *line, const char *json, int level)
{
    j->messages = pp_xrealloc(j->messages, (j->nmessages + 2) * sizeof *j->messages);
    j->json = pp_xrealloc(j->json, (j->nmessages + 2) * sizeof *j->json);
    j->levels = pp_xrealloc(j->levels, (j->nmessages + 2) * sizeof *j->levels);
    j->messages[j->nmessages] = pp_xstrdup(line);
    j->json[j->nmessages] = pp_xstrdup(json);
    j->levels[j->nmessages++] = (unsigned char)level;
    j->messages[j->nmessages] = NULL;
    j->json[j->nmessages] = NULL;
}

void pp_job_vreport(pp_job *j, pp_loc at, pp_level lvl, const char *id, const char *fmt, ...)
{
    pp_diag d;
    pp_diag_init(&d, NULL);
    pp_diag_capture(&d);
    va_list ap;
    va_start(ap, fmt);
    pp_diag_vreport(&d, at, lvl, id, fmt, ap);
    va_end(ap);
    for (size_t k = 0; k < d.nlines; k++) pp_job_add_message(j, d.lines[k], d.other[k], d.levels[k]);
    j->errors += d.errors;
    j->warnings += d.warnings;
    pp_diag_release(&d);
}
