/** The {@code cinerec} command line: one class per subcommand, thin over cinerec-core. */
package org.cinerec.cli;
