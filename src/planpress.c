#include "planpress.h"

const char *pp_version(void) { return PP_VERSION; }
