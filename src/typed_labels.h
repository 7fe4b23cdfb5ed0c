/* typed_labels — a label the author typed at the start of a text (「一、」
 * 「壹、」 「（一）」 「(1)」 「1.」 「1、」 「A.」 「□」), which planpress would print
 * a second time next to the one it generates (「一、一、」). Recognises every
 * form the numbering styles print, with either kind of parenthesis and digit. */
#ifndef PP_TYPED_LABELS_H
#define PP_TYPED_LABELS_H
#include <stdbool.h>
#include <stddef.h>

/* The length in bytes of a label at the start of text (after blanks), with its
 * number in *n (a □ is number 0); 0 when the text starts with none. */
size_t pp_typed_label(const char *text, int *n);
/* The same, and the label's form with its number left out in form[0..cap):
 * 「參、」 and 「肆、」 are both 「壹、」, 「(12)」 is 「(0)」; "" when there is none. */
size_t pp_typed_label_form(const char *text, int *n, char *form, size_t cap);
#endif
