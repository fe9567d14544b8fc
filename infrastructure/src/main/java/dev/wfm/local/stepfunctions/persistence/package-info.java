/**
 * Persistence: a {@code Store} keeps state machines, executions and their history events across
 * restarts, nowhere (in memory) or as files.
 *
 * <p>Depends on {@code definition}, {@code history} and {@code execution} (the records it stores).
 */
package dev.wfm.local.stepfunctions.persistence;
