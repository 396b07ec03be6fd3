#ifndef SS_PROCMAP_H
#define SS_PROCMAP_H
#include <stddef.h>
#include <stdint.h>

/* -p / -T (spec §5.6): the " users:(...)" text for a socket inode, in 6.1's
 * order (the holder found last by the /proc scan first), names escaped
 * (README).  threads: -T, every thread with tid=.  The map is built by the
 * first call, so a run that prints no row never scans /proc.  Sets *text
 * (valid until the next call) and returns its length; 0 when no process
 * holds the inode, or for inode 0. */
size_t procmap_users(uint32_t inode, int threads, const char **text);

#endif
