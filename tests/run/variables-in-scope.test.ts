import { describe, expect, it } from 'vitest';
import { variablesInScope } from '../../src/lib/run/variables-in-scope.js';
import { visitsOf } from '../../src/lib/run/visits.js';
import { history } from './histories.js';

// Variables set at the top, in each Map iteration (shadowing one outer name), and after the Map.
const SCOPED = {
	QueryLanguage: 'JSONata',
	StartAt: 'Setup',
	States: {
		Setup: { Type: 'Pass', Assign: { prefix: 'out/', count: 0 }, Next: 'Each' },
		Each: {
			Type: 'Map',
			Items: '{% [1, 2] %}',
			ItemProcessor: {
				StartAt: 'Name',
				States: {
					Name: {
						Type: 'Pass',
						Assign: { key: '{% $prefix & $states.input %}', count: '{% $states.input %}' },
						Next: 'Use'
					},
					Use: { Type: 'Pass', Output: '{% $key %}', End: true }
				}
			},
			Assign: { done: true },
			Next: 'Finish'
		},
		Finish: { Type: 'Pass', End: true }
	}
};

describe('variablesInScope', () => {
	it('gives what earlier states assigned, outer blocks first, inner ones shadowing', async () => {
		const events = await history(SCOPED);
		const entered = (name: string, i = 0) => visitsOf(events, name)[i].enteredId;
		expect(variablesInScope(events, entered('Setup'))).toEqual({});
		// An iteration reads the outer variables as they were when the Map started.
		expect(variablesInScope(events, entered('Name', 1))).toEqual({ prefix: 'out/', count: 0 });
		// Its own assignments shadow them, and stay in the iteration.
		expect(variablesInScope(events, entered('Use', 0))).toEqual({
			prefix: 'out/',
			count: 1,
			key: 'out/1'
		});
		expect(variablesInScope(events, entered('Use', 1))).toEqual({
			prefix: 'out/',
			count: 2,
			key: 'out/2'
		});
		// After the Map: its own Assign, not its iterations'.
		expect(variablesInScope(events, entered('Finish'))).toEqual({
			prefix: 'out/',
			count: 0,
			done: true
		});
	});

	it('knows only the events it is given: while playing back, later assignments are not there', async () => {
		const events = await history(SCOPED);
		const use = visitsOf(events, 'Use')[0];
		expect(variablesInScope(events.slice(0, use.enteredId), use.enteredId)).toMatchObject({
			key: 'out/1'
		});
	});
});
