/**
 * The language: {@code DefinitionParser} compiles an Amazon States Language definition in JSONata
 * mode into {@code StateGraph}s of {@code State}s whose fields are {@code Template}s, every
 * {@code {% %}} expression parsed once into a {@code JsonataExpression} that evaluates
 * concurrently with per-evaluation {@code Bindings} (AWS's functions added, the clock pinned per
 * evaluation). Also what every layer above shares: JSON values as plain Java objects
 * ({@code JsonValues}) and the States errors that Retry and Catch match ({@code StatesError}).
 *
 * <p>Depends on no other package of the service.
 */
package dev.wfm.local.stepfunctions.definition;
