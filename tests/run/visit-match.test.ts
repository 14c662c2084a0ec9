import { describe, expect, it } from 'vitest';
import {
	compareSchedules,
	type HistoryEvent,
	type StateMachineDefinition
} from '../../engine/index.js';
import { laneLabels } from '../../src/lib/run/lanes.js';
import { matchingVisitId } from '../../src/lib/run/visit-match.js';
import { echo, history, MAP_IN_BRANCH } from '../timeline/histories.js';

/** Passes through `Inc` `$.limit` times. */
const LOOP = {
	StartAt: 'Init',
	States: {
		Init: { Type: 'Pass', Parameters: { n: 0, 'limit.$': '$.limit' }, Next: 'Inc' },
		Inc: {
			Type: 'Pass',
			Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'limit.$': '$.limit' },
			Next: 'Done?'
		},
		'Done?': {
			Type: 'Choice',
			Choices: [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.limit', Next: 'End' }],
			Default: 'Inc'
		},
		End: { Type: 'Succeed' }
	}
};

/** `lane/state` of the visit entered by this event. */
const place = (events: readonly HistoryEvent[], id: number | undefined) => {
	const e = events.find((x) => x.id === id);
	return e && `${laneLabels(events)(e)}/${e.stateEnteredEventDetails?.name}`;
};

describe('matchingVisitId', () => {
	it('finds a Map iteration of the sequentialised run in the run as written', async () => {
		const { asWritten, sequential } = await compareSchedules(
			MAP_IN_BRANCH as StateMachineDefinition,
			{ items: [1, 2, 3, 4] },
			{ invokeTask: echo, taskLatencyMs: () => 1000 }
		);
		const from = sequential.events;
		const to = asWritten.events;
		const works = from.filter((e) => e.stateEnteredEventDetails?.name === 'Work');
		expect(works).toHaveLength(4);
		for (const w of works) {
			const id = matchingVisitId(from, w.id, to);
			// Run one at a time, the iterations are entered at other points of the history.
			expect(place(to, id)).toBe(place(from, w.id));
		}
		expect(works.map((w) => matchingVisitId(from, w.id, to))).not.toEqual(works.map((w) => w.id));
	});

	it('matches the n-th visit of a state in a loop, and nothing past the other run', async () => {
		const long = await history(LOOP, { limit: 3 });
		const short = await history(LOOP, { limit: 2 });
		const entered = (events: typeof long) =>
			events.filter((e) => e.stateEnteredEventDetails?.name === 'Inc').map((e) => e.id);
		const longIds = entered(long);
		const shortIds = entered(short);
		expect([longIds.length, shortIds.length]).toEqual([3, 2]);
		expect(matchingVisitId(long, longIds[0], short)).toBe(shortIds[0]);
		expect(matchingVisitId(long, longIds[1], short)).toBe(shortIds[1]);
		expect(matchingVisitId(long, longIds.at(-1)!, short)).toBeUndefined();
		expect(matchingVisitId(long, longIds[1], long)).toBe(longIds[1]);
		// Not a visit: not an entered event.
		expect(matchingVisitId(long, 1, short)).toBeUndefined();
	});
});
