/* profile_check — a document against its kind's profile (template.h): the kind
 * and every section role are ones the template knows (else an error that lists
 * them, with "did you mean"), the required sections are there (an error if
 * not) and the expected ones (a warning if not), and the issuance lines fit
 * the document year (the last line, the latest, within the profile's window;
 * the lines in date order). */
#ifndef PP_PROFILE_CHECK_H
#define PP_PROFILE_CHECK_H
#include "diag.h"
#include "model.h"
#include "template.h"

/* Reports every problem to d. Returns the profile, or NULL when the kind is unknown. */
const pp_profile *pp_profile_check(const pp_doc *doc, const pp_template *t, pp_diag *d);
#endif
