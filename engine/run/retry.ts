import type { Catcher, Retrier } from '../asl/types.js';
import { StatesErrors } from '../errors.js';
import type { Random } from '../random.js';

/**
 * Retry and Catch matching (ASL spec "Error handling"; AWS Step Functions error handling).
 */

/** The errors `States.TaskFailed` leaves to `States.Timeout` and `States.ALL`. */
const TIMEOUTS: ReadonlySet<string> = new Set([
	StatesErrors.Timeout,
	StatesErrors.HeartbeatTimeout
]);

/**
 * Whether an `ErrorEquals` list matches an error name.
 * - `States.ALL` matches every error except `States.Runtime`, which is never retried or caught.
 * - `States.TaskFailed` matches every error but the timeouts: AWS guide, "Error handling in Step
 *   Functions": it "acts as a wildcard that matches any known error name except for
 *   States.Timeout" (a missed heartbeat is a States.Timeout too). The corpus has no recording
 *   either way.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
	if (error === StatesErrors.Runtime) return false;
	for (const name of errorEquals) {
		if (name === error) return true;
		if (name === StatesErrors.ALL) return true;
		// "States.Timeout: a Task state either ran longer than the TimeoutSeconds value, or failed
		// to send a heartbeat for a period longer than the HeartbeatSeconds value" (AWS guide).
		if (name === StatesErrors.Timeout && error === StatesErrors.HeartbeatTimeout) return true;
		if (name === StatesErrors.TaskFailed && !TIMEOUTS.has(error)) return true;
	}
	return false;
}

/** Index of the first retrier or catcher whose `ErrorEquals` matches, or -1. */
export function firstMatch(
	handlers: readonly (Retrier | Catcher)[] | undefined,
	error: string
): number {
	if (!handlers) return -1;
	for (let i = 0; i < handlers.length; i++)
		if (errorMatches(handlers[i].ErrorEquals, error)) return i;
	return -1;
}

/**
 * Delay before retry number `attempt` (1 for the first retry) of a retrier, in ms:
 * `IntervalSeconds × BackoffRate^(attempt−1)`, capped by `MaxDelaySeconds`, then with FULL jitter
 * a uniform draw in [0, delay] from the execution's PRNG.
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: Random): number {
	const interval = retrier.IntervalSeconds ?? 1;
	const rate = retrier.BackoffRate ?? 2;
	let seconds = interval * Math.pow(rate, attempt - 1);
	if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
	let ms = Math.round(seconds * 1000);
	if (retrier.JitterStrategy === 'FULL') ms = Math.round(random.next() * ms);
	return ms;
}

/** `MaxAttempts`, default 3. */
export function maxAttempts(retrier: Retrier): number {
	return retrier.MaxAttempts ?? 3;
}
