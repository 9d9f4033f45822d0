/**
 * The recommendation service: the durable ratings store ({@link org.cinerec.server.store}), and the HTTP API
 * that answers through core's serving path.
 */
package org.cinerec.server;
