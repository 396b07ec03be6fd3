/* Names for numbers: services, IP protocols, interfaces, hosts. */
#ifndef SS_NAMES_H
#define SS_NAMES_H
#include <stddef.h>
#include <stdint.h>

/* First /etc/services name of port for "udp" (udp != 0) or "tcp"; NULL if none. */
const char *service_name(unsigned port, int udp);
/* /etc/protocols name of an IP protocol number, its length to print in *len
 * (cut to 127 bytes as 6.1 cuts it); NULL if none. */
const char *protocol_name(unsigned proto, size_t *len);
/* Whether port lies in ip_local_port_range (read once). */
int port_ephemeral(unsigned port);
/* Interface name of ifindex, escaped (fmt_esc()), into dst (>= IF_NAME_MAX
 * bytes), "if<N>" if unknown; returns length. */
#define IF_NAME_MAX (4 * 15)
size_t if_name(char *dst, unsigned ifindex);
/* Reverse-resolved name of an address into dst (size n); 0 if none. */
size_t host_name(char *dst, size_t n, int family, const uint8_t *addr);

#endif
