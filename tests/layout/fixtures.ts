import type { State, StateMachineBlock, StateMachineDefinition } from '../../engine/index.js';

/** The seed example: a three-branch Parallel, then Succeed. */
export const seedDefinition: StateMachineDefinition = {
	StartAt: 'RunTasksInParallel',
	States: {
		RunTasksInParallel: {
			Type: 'Parallel',
			Branches: [
				{
					StartAt: 'ResizeImage',
					States: {
						ResizeImage: {
							Type: 'Task',
							Resource: 'arn:aws:lambda:us-east-1:123456789:function:resize-image',
							End: true
						}
					}
				},
				{
					StartAt: 'GenerateThumbnail',
					States: {
						GenerateThumbnail: {
							Type: 'Task',
							Resource: 'arn:aws:lambda:us-east-1:123456789:function:thumbnail-generator',
							End: true
						}
					}
				},
				{
					StartAt: 'ExtractMetadata',
					States: {
						ExtractMetadata: {
							Type: 'Task',
							Resource: 'arn:aws:lambda:us-east-1:123456789:function:extract-metadata',
							End: true
						}
					}
				}
			],
			Next: 'CompleteWorkflow'
		},
		CompleteWorkflow: { Type: 'Succeed' }
	}
};

type Kind = 'Task' | 'Choice' | 'Wait' | 'Pass' | 'Parallel' | 'Map';

// The order kinds are tried in; a container that does not fit the budget becomes a Task.
const PATTERN: readonly Kind[] = ['Task', 'Choice', 'Parallel', 'Wait', 'Task', 'Map', 'Pass'];
const NAMES: Readonly<Record<Kind, string>> = {
	Task: 'Process',
	Choice: 'Route',
	Wait: 'Pause',
	Pass: 'Shape',
	Parallel: 'FanOut',
	Map: 'ForEach'
};
const BRANCH_SIZE = 3;
// The middle branch of a top-level Parallel is longer so it can hold a Map.
const NESTING_BRANCH_SIZE = 6;
const MAX_DEPTH = 2;

interface Counter {
	made: number;
	turn: number;
}

/**
 * A deterministic definition with exactly `stateCount` states (counting states inside Parallel
 * branches and Map processors), cycling through Task, Choice (two rules, a Default and a loop
 * back), Wait, Pass, Parallel and Map, nested two deep: Parallels hold Maps and Maps hold
 * Parallels. Tasks catch `States.ALL` into a later state. The top level ends in a Succeed.
 */
export function generateDefinition(stateCount = 60): StateMachineDefinition {
	return block({ made: 0, turn: 0 }, stateCount, 0);
}

function costOf(kind: Kind, depth: number): number {
	if (depth >= MAX_DEPTH) return Infinity;
	if (kind === 'Parallel') return 1 + branchSizes(depth).reduce((a, b) => a + b, 0);
	if (kind === 'Map') return 1 + processorSize(depth);
	return 1;
}
const branchSizes = (depth: number) =>
	depth === 0 ? [BRANCH_SIZE, NESTING_BRANCH_SIZE, BRANCH_SIZE] : [BRANCH_SIZE, BRANCH_SIZE];
const processorSize = (depth: number) => (depth === 0 ? 10 : 4);

/** A block with exactly `budget` states (at least 1), starting with `first` if it fits. */
function block(counter: Counter, budget: number, depth: number, first?: Kind): StateMachineBlock {
	const kinds: Kind[] = [];
	let remaining = budget;
	while (remaining > 1) {
		let kind = first ?? PATTERN[counter.turn++ % PATTERN.length];
		first = undefined;
		if (costOf(kind, depth) > remaining - 1) kind = 'Task';
		kinds.push(kind);
		remaining -= costOf(kind, depth) === Infinity ? 1 : costOf(kind, depth);
	}
	const names = kinds.map((kind) => `${NAMES[kind]}${String(++counter.made).padStart(2, '0')}`);
	const last = `${depth === 0 ? 'Done' : 'Finish'}${String(++counter.made).padStart(2, '0')}`;
	const all = [...names, last];
	const states: Record<string, State> = {};
	kinds.forEach((kind, i) => {
		const next = all[i + 1];
		const later = all[Math.min(i + 2, all.length - 1)];
		states[names[i]] = makeState(counter, kind, next, later, all[Math.max(0, i - 1)], depth);
	});
	states[last] = depth === 0 ? { Type: 'Succeed' } : { Type: 'Pass', End: true };
	return { StartAt: all[0], States: states };
}

function makeState(
	counter: Counter,
	kind: Kind,
	next: string,
	later: string,
	previous: string,
	depth: number
): State {
	switch (kind) {
		case 'Choice':
			return {
				Type: 'Choice',
				Choices: [
					{ Variable: '$.kind', StringEquals: 'skip', Next: later },
					{ Variable: '$.attempts', NumericLessThan: 3, Next: previous }
				],
				Default: next
			};
		case 'Wait':
			return { Type: 'Wait', Seconds: 5, Next: next };
		case 'Pass':
			return { Type: 'Pass', Next: next };
		case 'Parallel': {
			const branches = branchSizes(depth).map((size) =>
				block(counter, size, depth + 1, size > BRANCH_SIZE ? 'Map' : undefined)
			);
			return { Type: 'Parallel', Branches: branches, Next: next };
		}
		case 'Map':
			return {
				Type: 'Map',
				ItemsPath: '$.items',
				ItemProcessor: block(counter, processorSize(depth), depth + 1, 'Parallel'),
				Next: next
			};
		default:
			return {
				Type: 'Task',
				Resource: 'arn:aws:lambda:us-east-1:123456789012:function:process',
				Catch: later !== next ? [{ ErrorEquals: ['States.ALL'], Next: later }] : undefined,
				Next: next
			};
	}
}

/** Every state name in a definition, at every depth. */
export function allStateNames(block: StateMachineBlock): string[] {
	const names: string[] = [];
	for (const [name, state] of Object.entries(block.States)) {
		names.push(name);
		if (state.Type === 'Parallel') for (const b of state.Branches) names.push(...allStateNames(b));
		if (state.Type === 'Map' && state.ItemProcessor) {
			names.push(...allStateNames(state.ItemProcessor));
		}
	}
	return names;
}
