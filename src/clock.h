/* clock — monotonic time for the stage timings (--stats, bench/, batch). */
#ifndef PP_CLOCK_H
#define PP_CLOCK_H
#include <time.h>

static inline double pp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
#endif
