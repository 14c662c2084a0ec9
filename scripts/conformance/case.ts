/**
 * The case file format shared by the AWS-recorded corpus (`../shared/conformance/localstack`) and
 * our own engine cases (`tests/engine/cases`). See `tests/engine/cases/README.md`.
 */
export interface ConformanceCase {
	readonly name: string;
	readonly source?: string;
	readonly state_machine_type?: 'STANDARD' | 'EXPRESS';
	/** The definition as an object, or as text (our cases may hold text to test diagnostics). */
	readonly definition: unknown;
	readonly input?: unknown;
	readonly expected: {
		/** `NOT_RUN` for static cases (with `diagnostics`). */
		readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NOT_RUN';
		readonly output?: unknown;
		readonly error?: string;
		readonly cause?: unknown;
		readonly cause_parsed_from_json_text?: boolean;
		/** Our cases: virtual duration of the whole run, ms. */
		readonly duration_ms?: number;
	};
	readonly events?: readonly string[] | null;
	readonly handlers?: Readonly<Record<string, string>>;
	readonly normalise?: readonly string[];
	readonly notes?: readonly string[];
	readonly features?: readonly string[];
	/** Our cases: the execution seed. */
	readonly seed?: number | string;
	/** Our cases: fixed task latency in ms, per state name (`*` for every task). */
	readonly latency_ms?: Readonly<Record<string, number>>;
	/** Our cases: failures injected into Task states (engine `faults` option). */
	readonly faults?: Readonly<
		Record<string, { error: string; cause?: string; attempts?: number[] }>
	>;
	/** Our cases: run Parallel branches one after another and Map iterations one at a time. */
	readonly sequential?: boolean;
	/** Our cases: virtual timestamps (ms) of every event of a type, in order. */
	readonly event_times?: Readonly<Record<string, readonly number[]>>;
	/** Our cases: the number of history events, for runs too long to list in `events`. */
	readonly event_count?: number;
	/** Our cases: the types of the last history events, in order (with `event_count`). */
	readonly events_tail?: readonly string[];
	/** Our cases: expected `[{ code, path }]` from parse + validate instead of a run. */
	readonly diagnostics?: readonly { code: string; path: string }[];
}
