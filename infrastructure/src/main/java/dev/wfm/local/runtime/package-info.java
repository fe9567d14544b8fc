/**
 * Small process-level helpers every local service uses (daemon threads, loopback HTTP servers):
 * a leaf package, so the services depend on it and never on {@code dev.wfm.local}, which wires them.
 */
package dev.wfm.local.runtime;
