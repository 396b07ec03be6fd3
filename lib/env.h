/* The environment, read without stdio or musl's strchrnul. */
#ifndef SS_ENV_H
#define SS_ENV_H

/* getenv(): the value of NAME, or NULL when unset. */
const char *env_get(const char *name);

#endif
