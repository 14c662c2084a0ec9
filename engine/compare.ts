import type { JsonValue, StateMachineDefinition } from './asl/types.js';
import { criticalPath, stateVisits } from './analysis.js';
import { executionOutcome, type ExecutionOutcome, type HistoryEvent } from './history.js';
import { startExecution, type ExecutionOptions } from './run/execute.js';

/** One of the two runs of a comparison. */
export interface ScheduleRun {
	readonly events: readonly HistoryEvent[];
	readonly outcome: ExecutionOutcome;
	/** Ids of the visits (their `…StateEntered` events) on the critical path. */
	readonly criticalPath: ReadonlySet<number>;
	/** The names of the states on the critical path, in order of entry. */
	readonly criticalStates: readonly string[];
}

/** The workflow as written vs sequentialised, with the same latencies and seed. */
export interface ScheduleComparison {
	readonly asWritten: ScheduleRun;
	readonly sequential: ScheduleRun;
	/** Sequential total ÷ as-written total (1 when both are 0). */
	readonly speedup: number;
}

/**
 * Runs a definition twice — as written, and sequentialised (Parallel branches one after another,
 * Map iterations one at a time) — with the same options (latencies, seed, handlers), and reports
 * both histories, totals and critical paths. Everything happens on the virtual clock. Pass a
 * function to get fresh options (a fresh task runner) for each run, so that state a handler keeps
 * between calls cannot leak from one run into the other.
 */
export async function compareSchedules(
	definition: StateMachineDefinition,
	input: JsonValue,
	options: ExecutionOptions | (() => ExecutionOptions) = {}
): Promise<ScheduleComparison> {
	const run = async (sequential: boolean): Promise<ScheduleRun> => {
		const base = typeof options === 'function' ? options() : options;
		const execution = startExecution(definition, input, { ...base, sequential });
		await execution.runToEnd();
		const events = execution.events;
		const path = criticalPath(events);
		const criticalStates = stateVisits(events)
			.filter((v) => path.has(v.id))
			.map((v) => v.name);
		return { events, outcome: executionOutcome(events), criticalPath: path, criticalStates };
	};
	const asWritten = await run(false);
	const sequential = await run(true);
	const a = asWritten.outcome.durationMs;
	const s = sequential.outcome.durationMs;
	return { asWritten, sequential, speedup: a === 0 ? 1 : s / a };
}
