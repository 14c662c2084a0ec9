import { errorMatches } from '../../../engine/core.js';

/** The names of every Task state in a definition (any JSON), through branches and processors. */
export function taskStateNames(definition: unknown): Set<string> {
	return new Set(taskStates(definition).keys());
}

/**
 * Whether the Task state `stateName` in a definition (any JSON) retries `error`: the first of
 * its retriers whose `ErrorEquals` matches allows a retry (`MaxAttempts`, default 3, is above 0;
 * ASL spec "Retrying after an error").
 */
export function retriesError(definition: unknown, stateName: string, error: string): boolean {
	const retry = taskStates(definition).get(stateName)?.Retry;
	if (!Array.isArray(retry)) return false;
	const retrier = retry.find(
		(r: unknown): r is { ErrorEquals: string[]; MaxAttempts?: unknown } =>
			!!r &&
			typeof r === 'object' &&
			Array.isArray((r as { ErrorEquals?: unknown }).ErrorEquals) &&
			errorMatches((r as { ErrorEquals: string[] }).ErrorEquals, error)
	);
	if (!retrier) return false;
	return typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts > 0 : true;
}

/** Every Task state in a definition (any JSON) by name, through branches and processors. */
function taskStates(definition: unknown): Map<string, Record<string, unknown>> {
	const tasks = new Map<string, Record<string, unknown>>();
	const visit = (block: unknown, depth: number) => {
		if (depth > 50 || !block || typeof block !== 'object') return;
		const states = (block as { States?: unknown }).States;
		if (!states || typeof states !== 'object') return;
		for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
			if (!state || typeof state !== 'object') continue;
			const s = state as Record<string, unknown>;
			if (s.Type === 'Task') tasks.set(name, s);
			if (Array.isArray(s.Branches)) for (const b of s.Branches) visit(b, depth + 1);
			visit(s.ItemProcessor ?? s.Iterator, depth + 1);
		}
	};
	visit(definition, 0);
	return tasks;
}
