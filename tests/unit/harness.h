/* Minimal unit-test harness (after cmark's api_test/harness.h): no framework,
 * each check prints where it failed, the program exits non-zero on any failure. */
#ifndef PP_TEST_HARNESS_H
#define PP_TEST_HARNESS_H
#include <stdio.h>
#include <string.h>

static int pp_test_failed, pp_test_passed;

#define OK(cond, ...) do { \
    if (cond) pp_test_passed++; \
    else { pp_test_failed++; fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
           fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)
#define INT_EQ(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
    OK(g_ == w_, "%s == %lld, want %lld", #got, g_, w_); } while (0)
#define STR_EQ(got, want) do { const char *g_ = (got), *w_ = (want); \
    OK(g_ && strcmp(g_, w_) == 0, "%s == \"%s\", want \"%s\"", #got, g_ ? g_ : "(null)", w_); } while (0)

/* Runs a shell command and returns its stdout (malloc'd, NUL-terminated; the caller
 * frees it); *status gets the exit code (-1 when it did not exit normally). Needs
 * popen: include this harness after defining _POSIX_C_SOURCE, and <sys/wait.h>. */
#ifdef WIFEXITED
#include <stdlib.h>
static inline char *pp_test_run(const char *cmd, int *status, size_t *out_len)
{
    FILE *p = popen(cmd, "r");
    if (!p) { *status = -1; return NULL; }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 4096 + 1 > cap) { cap *= 2; buf = realloc(buf, cap); }
        size_t n = fread(buf + len, 1, 4096, p);
        len += n;
        if (n == 0) break;
    }
    buf[len] = 0;
    int st = pclose(p);
    *status = (st != -1 && WIFEXITED(st)) ? WEXITSTATUS(st) : -1;
    if (out_len) *out_len = len;
    return buf;
}
#endif

/* Prints the plain closing line ("N passed, N failed") and returns the exit status. */
static inline int pp_test_summary(void) {
    printf("%d passed, %d failed\n", pp_test_passed, pp_test_failed);
    return pp_test_failed ? 1 : 0;
}
#endif
