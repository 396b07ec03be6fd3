#ifndef SS_SUMMARY_H
#define SS_SUMMARY_H

/* -s (spec §3): the summary from $PROC_NET_SOCKSTAT, $PROC_NET_SOCKSTAT6
 * and $PROC_NET_SNMP (else $PROC_ROOT/net/..., /proc/net/...) into the
 * output buffer; read errors to stderr as 6.1 words them (SS_ERRTEXT; else
 * silent), zeros printed. */
void summary_print(void);

#endif
