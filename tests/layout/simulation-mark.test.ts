import { describe, expect, it } from 'vitest';
import { simulationLabel, simulationMark } from '../../src/lib/components/graph/simulation-mark.js';

describe('simulationMark', () => {
	it('is undefined for a task the settings leave alone', () => {
		expect(simulationMark(undefined, undefined)).toBeUndefined();
	});

	it('says a simulated duration, fixed or ranged', () => {
		expect(simulationMark(3000, undefined)).toEqual({ duration: '3 s' });
		expect(simulationMark(700, undefined)).toEqual({ duration: '700 ms' });
		expect(simulationMark(1250, undefined)).toEqual({ duration: '1.25 s' });
		expect(simulationMark({ min: 500, max: 2000 }, undefined)).toEqual({ duration: '0.5–2 s' });
		expect(simulationMark({ min: 300, max: 100 }, undefined)).toEqual({ duration: '100–300 ms' });
		expect(simulationMark({ min: 800, max: 800 }, undefined)).toEqual({ duration: '800 ms' });
		expect(simulationMark(0, undefined)).toEqual({ duration: '0 ms' });
	});

	it('says an injected failure and which attempts it hits, counted from 1', () => {
		const fault = (attempts?: number[]) =>
			simulationMark(undefined, { error: 'States.TaskFailed', attempts })?.fault;
		expect(fault()).toBe('States.TaskFailed on every attempt');
		expect(fault([0])).toBe('States.TaskFailed on the first attempt');
		expect(fault([2])).toBe('States.TaskFailed on attempt 3');
		expect(fault([1, 0, 2])).toBe('States.TaskFailed on attempts 1, 2 and 3');
	});

	it('puts both in words for the node label', () => {
		const mark = simulationMark(3000, { error: 'Boom', attempts: [0] })!;
		expect(simulationLabel(mark)).toBe(
			'simulated duration 3 s, injected failure Boom on the first attempt'
		);
	});
});
