#include "pdf_zpool.h"
#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>

/* Enough for two threads using two levels at once. */
enum { SLOTS = 4 };
static struct { struct libdeflate_compressor *z; int level; } pool[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void drain(void)
{
    pthread_mutex_lock(&mu);
    for (int i = 0; i < SLOTS; i++) {
        libdeflate_free_compressor(pool[i].z);
        pool[i].z = NULL;
    }
    pthread_mutex_unlock(&mu);
}

static void at_exit(void) { atexit(drain); }

struct libdeflate_compressor *pp_zpool_get(int level)
{
    struct libdeflate_compressor *z = NULL;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < SLOTS && !z; i++)
        if (pool[i].z && pool[i].level == level) { z = pool[i].z; pool[i].z = NULL; }
    pthread_mutex_unlock(&mu);
    return z ? z : libdeflate_alloc_compressor(level);
}

void pp_zpool_put(struct libdeflate_compressor *z, int level)
{
    if (!z) return;
    pthread_once(&once, at_exit);
    pthread_mutex_lock(&mu);
    for (int i = 0; i < SLOTS && z; i++)
        if (!pool[i].z) { pool[i].z = z; pool[i].level = level; z = NULL; }
    pthread_mutex_unlock(&mu);
    libdeflate_free_compressor(z);   /* the pool was full */
}
