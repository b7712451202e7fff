/** The HTTP port: router, request ids and log, the one error handler, health endpoints. */
package io.loupe.ops.http;
