/** The composition root: {@link io.loupe.ops.Main} (command line) and {@link io.loupe.ops.LoupeServer} (wiring, graceful stop). */
package io.loupe.ops;
