/* Messages to stderr without stdio. */
#ifndef SS_ERRMSG_H
#define SS_ERRMSG_H

/* Writes up to five strings and a newline to stderr in one write.  A fixed
 * arity is smaller than a variadic function; errs() pads the call. */
void err5(const char *a, const char *b, const char *c, const char *d, const char *e);
#define ERRS_(a, b, c, d, e, ...) err5(a, b, c, d, e)
#define errs(...) ERRS_(__VA_ARGS__, 0, 0, 0, 0, 0)

/* s alone, no newline.  Like err_errno, silent without SS_ERRTEXT. */
void err_raw(const char *s);

/* perror() as glibc words it: "what: strerror(e)". */
void err_errno(const char *what, int e);

#endif
