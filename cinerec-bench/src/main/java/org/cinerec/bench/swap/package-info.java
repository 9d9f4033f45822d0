/**
 * Model swap under load: {@link org.cinerec.bench.swap.ModelSwap} swaps the served model file while the
 * open-loop load generator ({@link org.cinerec.bench.load}) runs against {@code cinerec serve}, and checks that
 * no request fails and that the model generation never goes backwards on a connection.
 */
package org.cinerec.bench.swap;
