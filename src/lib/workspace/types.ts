import type { FaultInjection, LatencyProfile } from '../../../engine/index.js';

/**
 * Everything a visitor writes: the unit that is saved locally, put in share links and restored.
 * Text stays text (as typed, even when invalid) so nothing is ever lost.
 */
export interface WorkspaceData {
	/** Format version, for migrations of saved workspaces and share links. */
	readonly v: 1;
	/** The ASL definition, JSON text. */
	readonly definition: string;
	/** The execution input, JSON text. */
	readonly input: string;
	/** Lambda function name → ES module source exporting `handler`. */
	readonly handlers: Readonly<Record<string, string>>;
	readonly settings: WorkspaceSettings;
	/** The example this workspace started from, if any (for "reset"). */
	readonly exampleId?: string;
}

/** Run settings that travel with the workspace. */
export interface WorkspaceSettings {
	/** Seed for jitter, UUIDs and random latencies. */
	readonly seed: number;
	/** Simulated task durations. */
	readonly latency?: LatencyProfile;
	/**
	 * History limit: a Standard run fails with `States.Runtime` past it. Default AWS's 25,000; raise
	 * it to simulate an inline Map larger than AWS would allow. Express runs have no history quota:
	 * for them it only stops an endless loop, which times out (default 200,000).
	 */
	readonly maxEvents?: number;
	/** Failures injected into Task states, by state name (what-if experiments). */
	readonly faults?: Readonly<Record<string, FaultInjection>>;
}
