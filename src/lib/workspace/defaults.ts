import { examples, type Example } from '../examples/index.js';
import type { WorkspaceData, WorkspaceSettings } from './types.js';

/** Settings of a fresh workspace: seed 0 and no simulated latency. */
export const DEFAULT_SETTINGS: WorkspaceSettings = { seed: 0 };

/** A fresh workspace holding a copy of `example`, with its latency profile and id. */
export function workspaceFromExample(example: Example): WorkspaceData {
	const settings: WorkspaceSettings =
		example.latency === undefined
			? DEFAULT_SETTINGS
			: { ...DEFAULT_SETTINGS, latency: example.latency };
	return {
		v: 1,
		definition: example.definition,
		input: example.input,
		handlers: { ...example.handlers },
		settings,
		exampleId: example.id
	};
}

/** The workspace a first visit (or an undecodable link) opens: the first example. */
export function defaultWorkspace(): WorkspaceData {
	return workspaceFromExample(examples[0]);
}
