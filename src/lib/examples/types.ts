import type { LatencyProfile } from '../../../engine/index.js';

/** A ready-to-run workspace: definition, handlers and input, as text the editors show. */
export interface Example {
	readonly id: string;
	readonly title: string;
	/** One sentence on what it teaches. */
	readonly summary: string;
	/** ASL definition, pretty-printed JSON text. */
	readonly definition: string;
	/** Execution input, JSON text. */
	readonly input: string;
	/** Lambda function name → ES module source. */
	readonly handlers: Readonly<Record<string, string>>;
	/** Simulated task durations for the timeline. */
	readonly latency?: LatencyProfile;
}
