/** One YAML file plus {@code LOUPE_*} environment variables and flags, read into each module's config record. */
package io.loupe.ops.config;
