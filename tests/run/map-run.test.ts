import { describe, expect, it } from 'vitest';
import { progressText, progressTitle } from '../../src/lib/components/graph/shape.js';
import { mapRunProgress } from '../../src/lib/run/map-run.js';
import { history, invoker, lambda } from './histories.js';

/** A Map `Each` over the input, in `mode`, whose one task `T` returns its item. */
function eachItem(mode: 'INLINE' | 'DISTRIBUTED') {
	return {
		StartAt: 'Each',
		States: {
			Each: {
				Type: 'Map',
				ItemProcessor: {
					ProcessorConfig:
						mode === 'DISTRIBUTED' ? { Mode: mode, ExecutionType: 'STANDARD' } : { Mode: mode },
					StartAt: 'T',
					States: { T: { Type: 'Task', Resource: lambda('t'), End: true } }
				},
				End: true
			}
		}
	};
}
const echo = { invokeTask: invoker({ t: (n) => ({ ok: true, output: n }) }) };

describe('mapRunProgress', () => {
	it('counts the iterations of an inline Map', async () => {
		const events = await history(eachItem('INLINE'), [1, 2, 3], echo);
		const p = mapRunProgress(events, 'Each');
		expect(p).toMatchObject({ total: 3, succeeded: 3, distributed: false });
		expect(progressText(p!)).toBe('3/3');
	});

	it('marks a Distributed Map, whose items are child executions outside the history', async () => {
		const events = await history(eachItem('DISTRIBUTED'), [1, 2, 3], echo);
		const p = mapRunProgress(events, 'Each');
		expect(p).toMatchObject({ total: 3, succeeded: 0, distributed: true });
		// Not "0/3" on a Map that succeeded.
		expect(progressText(p!)).toBe('3 items');
		expect(progressTitle(p!)).toMatch(/^Distributed Map: 3 items, each run as a child execution/);
	});

	it('is undefined before the Map starts', async () => {
		const events = await history(eachItem('DISTRIBUTED'), [1], echo);
		expect(mapRunProgress(events.slice(0, 1), 'Each')).toBeUndefined();
	});
});
