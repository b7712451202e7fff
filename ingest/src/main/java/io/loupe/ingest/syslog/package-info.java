/**
 * Syslog ingest: RFC 6587 TCP framing, RFC 5424 and RFC 3164 parsing onto the log schema, and the
 * TCP, UDP and TLS listeners that append what they read to the log store.
 */
package io.loupe.ingest.syslog;
