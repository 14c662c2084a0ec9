import { describe, expect, it } from 'vitest';
import { clockText, elapsedText, roughDurationText } from '../../src/lib/run/format.js';
import {
	filterHistoryRows,
	historyRows,
	revealedRowCount
} from '../../src/lib/run/history-rows.js';
import { history, invoker, lambda, latency, MIXED, mixedInvoker, thrown } from './histories.js';

const mixed = await history(MIXED, {}, { invokeTask: mixedInvoker, taskLatencyMs: latency });
const rows = historyRows(mixed);

describe('history rows', () => {
	it('has one row per event, with state, elapsed time and lane', () => {
		expect(rows).toHaveLength(mixed.length);
		expect(rows[0]).toMatchObject({
			id: 1,
			index: 0,
			type: 'ExecutionStarted',
			stateName: '',
			lane: '',
			kind: 'execution',
			detail: '{}'
		});
		expect(rows[4]).toMatchObject({
			id: 5,
			type: 'LambdaFunctionFailed',
			stateName: 'Fetch',
			elapsedMs: 250,
			status: 'failure',
			kind: 'task'
		});
		expect(rows[4].detail).toBe('Flaky: try again');
		expect(rows[2].detail).toBe('fetch');
		expect(rows[7]).toMatchObject({
			type: 'LambdaFunctionSucceeded',
			detail: '{"items":[1,2,3]} · 1 log line',
			status: 'success'
		});
		expect(rows[15]).toMatchObject({
			type: 'MapStateStarted',
			detail: '3 items',
			lane: 'branch 1'
		});
		expect(rows[16]).toMatchObject({
			type: 'MapIterationStarted',
			detail: 'index 0',
			lane: 'branch 1 › iteration 0',
			stateName: 'Each'
		});
		expect(rows[17]).toMatchObject({
			type: 'TaskStateEntered',
			stateName: 'Double',
			lane: 'branch 1 › iteration 0',
			kind: 'state'
		});
		expect(rows.at(-1)).toMatchObject({
			type: 'ExecutionSucceeded',
			status: 'success',
			elapsedMs: 4760
		});
	});

	it('turns only new events into rows when a batch is appended', () => {
		const first = historyRows(mixed.slice(0, 20));
		const all = historyRows(mixed, first);
		expect(all).toEqual(rows);
		expect(all[3]).toBe(first[3]);
		// Another run's history is not mistaken for a continuation.
		const fresh = historyRows(
			mixed.map((e) => ({ ...e })),
			first
		);
		expect(fresh[3]).not.toBe(first[3]);
	});

	it('filters by words over type, state, detail and lane', () => {
		expect(filterHistoryRows(rows, {})).toBe(rows);
		expect(filterHistoryRows(rows, { text: 'double entered' }).map((r) => r.id)).toEqual([
			18, 22, 26
		]);
		const lane2 = filterHistoryRows(rows, { text: 'Double  ITERATION 2' });
		expect(lane2.map((r) => r.id)).toEqual([26, 27, 28, 31, 37, 38]); // 31: Double of iteration 0 returned 2
		expect(filterHistoryRows(rows, { text: '#22' }).map((r) => r.id)).toEqual([22]);
		expect(filterHistoryRows(rows, { text: 'flaky' }).map((r) => r.id)).toEqual([5]);
	});

	it('filters by kind', () => {
		const tasks = filterHistoryRows(rows, { kind: 'tasks' });
		expect(
			tasks.every((r) => /^(Lambda|Task(Scheduled|Started|Succeeded|Failed))/.test(r.type))
		).toBe(true);
		const states = filterHistoryRows(rows, { kind: 'states' });
		expect(states.some((r) => r.type === 'TaskStateEntered')).toBe(true);
		expect(states.some((r) => r.type.startsWith('Lambda') || r.type.startsWith('Execution'))).toBe(
			false
		);
		expect(filterHistoryRows(rows, { kind: 'errors' }).map((r) => r.type)).toEqual([
			'LambdaFunctionFailed'
		]);
		expect(filterHistoryRows(rows, { kind: 'errors', text: 'nothing like this' })).toEqual([]);
	});

	it('shows failures with the error and the message of the cause', async () => {
		const events = await history(
			{ StartAt: 'Pay', States: { Pay: { Type: 'Task', Resource: lambda('pay'), End: true } } },
			{},
			{ invokeTask: invoker({ pay: () => thrown('Declined', 'insufficient funds') }) }
		);
		const failed = historyRows(events).filter((r) => r.status === 'failure');
		expect(failed.map((r) => [r.type, r.detail])).toEqual([
			['LambdaFunctionFailed', 'Declined: insufficient funds'],
			['ExecutionFailed', 'Declined: insufficient funds']
		]);
	});

	it('counts the rows revealed by playback', () => {
		const errors = filterHistoryRows(rows, { kind: 'errors' });
		expect(revealedRowCount(errors, 4)).toBe(0);
		expect(revealedRowCount(errors, 5)).toBe(1);
		expect(revealedRowCount(rows, 17)).toBe(17);
		expect(revealedRowCount(rows, 0)).toBe(0);
	});
});

describe('time text', () => {
	it('formats elapsed and clock times', () => {
		expect(elapsedText(1250)).toBe('+1.250 s');
		expect(elapsedText(0)).toBe('+0.000 s');
		expect(clockText(1250)).toBe('1.25 s');
		expect(clockText(0)).toBe('0 s');
		expect(clockText(125_500)).toBe('2 min 5.5 s');
		expect(clockText(3 * 3600_000 + 20 * 60_000)).toBe('3 h 20 min');
		expect(clockText(86_400_000 * 12 + 4 * 3600_000)).toBe('12 d 4 h');
	});

	it('writes durations in the same format wherever they are shown, zero parts left out', () => {
		expect(clockText(3000)).toBe('3 s');
		expect(clockText(28_800)).toBe('28.8 s');
		expect(clockText(144_000)).toBe('2 min 24 s');
		expect(clockText(120_000)).toBe('2 min');
		expect(clockText(3_600_000)).toBe('1 h');
		expect(clockText(86_400_000)).toBe('1 d');
		// Rounding to hundredths never shows 60 s.
		expect(clockText(59_999)).toBe('1 min');
		expect(clockText(119_996)).toBe('2 min');
	});

	it('rounds a length of time to its largest unit', () => {
		expect(roughDurationText(365 * 86_400_000)).toBe('365 d');
		expect(roughDurationText(86_400_000)).toBe('1 d');
		expect(roughDurationText(90 * 60_000)).toBe('1.5 h');
		expect(roughDurationText(12 * 60_000 + 40_000)).toBe('13 min');
		expect(roughDurationText(45_000)).toBe('45 s');
		expect(roughDurationText(400)).toBe('0.4 s');
	});
});

describe('row window', async () => {
	const { rowAfterKey, rowWindow, scrollToRow } = await import('../../src/lib/run/row-window.js');
	it('renders only the rows in view, plus overscan', () => {
		expect(rowWindow(0, 280, 40_000, 28, 5)).toEqual({
			first: 0,
			end: 15,
			before: 0,
			after: (40_000 - 15) * 28
		});
		const w = rowWindow(28 * 20_000, 280, 40_000, 28, 5);
		expect(w).toEqual({
			first: 19_995,
			end: 20_015,
			before: 19_995 * 28,
			after: (40_000 - 20_015) * 28
		});
		expect(rowWindow(1e9, 280, 10, 28)).toEqual({ first: 10, end: 10, before: 280, after: 0 });
		expect(rowWindow(0, 280, 0, 28)).toEqual({ first: 0, end: 0, before: 0, after: 0 });
	});

	it('scrolls a row into view', () => {
		expect(scrollToRow(0, 280, 3, 28)).toBe(0);
		expect(scrollToRow(0, 280, 10, 28)).toBe(28);
		expect(scrollToRow(560, 280, 2, 28)).toBe(56);
	});

	it('moves the focus with arrow, page and home/end keys', () => {
		expect(rowAfterKey('ArrowDown', 3, 10, 5)).toBe(4);
		expect(rowAfterKey('ArrowUp', 0, 10, 5)).toBe(0);
		expect(rowAfterKey('PageDown', 7, 10, 5)).toBe(9);
		expect(rowAfterKey('Home', 7, 10, 5)).toBe(0);
		expect(rowAfterKey('End', 2, 10, 5)).toBe(9);
		expect(rowAfterKey('a', 2, 10, 5)).toBeUndefined();
		expect(rowAfterKey('End', 0, 0, 5)).toBeUndefined();
	});
});
