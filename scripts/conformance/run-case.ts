import { parseDefinitionValue } from './definition.js';
import {
	parseDefinition,
	startExecution,
	validateDefinition,
	type InvokeTask,
	type JsonValue
} from '../../engine/index.js';
import type { ConformanceCase } from './case.js';
import type { Actual } from './compare.js';

/** What running one case produced, in the `--report` shape. */
export interface CaseRun extends Actual {
	readonly file: string;
	readonly eventsFull: readonly unknown[];
}

/** Options for running cases. */
export interface RunCaseOptions {
	/** Builds the task runner for a case's `handlers` (the QuickJS sandbox in the CLI and tests). */
	readonly invokerFor?: (
		handlers: Readonly<Record<string, string>>
	) => InvokeTask & { readonly handles?: (resource: string) => boolean };
}

/**
 * Runs one case through the engine and reports what happened. A case with `diagnostics` is a
 * static one: its definition text is parsed and validated, and nothing runs.
 */
export async function runCase(
	file: string,
	c: ConformanceCase,
	options: RunCaseOptions = {}
): Promise<CaseRun> {
	if (c.diagnostics) {
		const text =
			typeof c.definition === 'string' ? c.definition : JSON.stringify(c.definition, null, 2);
		const parsed = parseDefinition(text);
		const found = parsed.definition
			? [...parsed.diagnostics, ...validateDefinition(parsed.definition, parsed.sourceMap)]
			: parsed.diagnostics;
		return {
			file,
			status: 'NOT_RUN',
			events: [],
			eventsFull: [],
			diagnostics: found
				.filter((d) => d.severity === 'error')
				.map((d) => ({ code: d.code, path: d.path, from: d.from, to: d.to }))
		};
	}
	const definition = parseDefinitionValue(c.definition);
	const latency = c.latency_ms;
	const invoker = c.handlers && options.invokerFor ? options.invokerFor(c.handlers) : undefined;
	const execution = startExecution(definition, (c.input ?? {}) as JsonValue, {
		seed: c.seed ?? 0,
		sequential: c.sequential,
		faults: c.faults,
		stateMachineType: c.state_machine_type,
		invokeTask: invoker,
		handles: invoker?.handles,
		taskLatencyMs: latency ? (r) => latency[r.stateName] ?? latency['*'] ?? 0 : undefined
	});
	const outcome = await execution.runToEnd();
	return {
		file,
		status: outcome.status,
		output: outcome.output,
		error: outcome.error,
		cause: outcome.cause,
		durationMs: outcome.durationMs,
		events: execution.events.map((e) => e.type),
		timestamps: execution.events.map((e) => e.timestamp),
		eventsFull: execution.events
	};
}
