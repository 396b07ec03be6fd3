/* Messages to stderr without stdio. */
#ifndef SS_ERRMSG_H
#define SS_ERRMSG_H

/* Writes the strings (up to a null pointer) and a newline to stderr in one write. */
void errs(const char *s, ...);

#endif
