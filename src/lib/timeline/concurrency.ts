import type { StateMachineBlock } from '../../../engine/index.js';

/** What in a workflow can run at once: Parallel branches, Map iterations, both or neither. */
export type Concurrency = 'parallel' | 'map' | 'both' | 'none';

/**
 * Whether a definition has Parallel states, Map states (inline or distributed), both or neither,
 * at any depth: what the parallel-vs-sequential comparison can sequentialise.
 */
export function concurrencyOf(definition: StateMachineBlock): Concurrency {
	let parallel = false;
	let map = false;
	const walk = (block: StateMachineBlock | undefined) => {
		for (const state of Object.values(block?.States ?? {})) {
			if (state.Type === 'Parallel') {
				parallel = true;
				for (const branch of state.Branches) walk(branch);
			} else if (state.Type === 'Map') {
				map = true;
				walk(state.ItemProcessor ?? state.Iterator);
			}
		}
	};
	walk(definition);
	return parallel && map ? 'both' : parallel ? 'parallel' : map ? 'map' : 'none';
}
