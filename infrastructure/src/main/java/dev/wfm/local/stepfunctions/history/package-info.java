/**
 * History and replay: {@code History} is both an execution's event list, as GetExecutionHistory
 * shows it, and its journal. Events carry deterministic keys (branch path, state, visit, attempt);
 * re-running an execution after a restart finds its recorded events by key instead of redoing
 * them.
 *
 * <p>Depends on {@code definition} (JSON values) only.
 */
package dev.wfm.local.stepfunctions.history;
