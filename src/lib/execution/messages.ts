import type {
	ExecutionOutcome,
	FaultInjection,
	JsonValue,
	LatencyProfile,
	StateMachineDefinition
} from '../../../engine/index.js';

/** What to run: everything an execution needs, as plain JSON (it crosses `postMessage`). */
export interface RunRequest {
	readonly definition: StateMachineDefinition;
	readonly input: JsonValue;
	/** Function name or ARN → ES module source exporting `handler`. */
	readonly handlers: Readonly<Record<string, string>>;
	readonly seed?: number | string;
	readonly latency?: LatencyProfile;
	/** Run Parallel branches one after another and Map iterations one at a time. */
	readonly sequential?: boolean;
	/** Epoch ms of the virtual start (the page passes the real time). */
	readonly startTime?: number;
	readonly maxEvents?: number;
	/** Record each state's processing stages for the inspector (see `ExecutionOptions`). */
	readonly recordStages?: boolean;
	/** Failures to inject into Task states, by state name. */
	readonly faults?: Readonly<Record<string, FaultInjection>>;
}

/** Page → worker. `compare` runs the request as written and sequentialised. */
export type ToExecutionWorker =
	| { readonly type: 'run'; readonly id: number; readonly request: RunRequest }
	| { readonly type: 'compare'; readonly id: number; readonly request: RunRequest };

/** Worker → page. Events arrive in order, in batches; `done` or `crashed` ends a run. */
export type FromExecutionWorker =
	/** `eventsJson`: a JSON array of events (their payload fields are serialised lazily in the engine). */
	| { readonly type: 'events'; readonly id: number; readonly eventsJson: string }
	| { readonly type: 'done'; readonly id: number; readonly outcome: ExecutionOutcome }
	/** The two histories of a `compare` (JSON arrays of events). */
	| {
			readonly type: 'compared';
			readonly id: number;
			readonly asWrittenJson: string;
			readonly sequentialJson: string;
	  }
	| { readonly type: 'crashed'; readonly id: number; readonly message: string };
