import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stateStatuses, type HistoryEvent } from '../../engine/index.js';
import { runCase } from '../../scripts/conformance/run-case.js';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { StatusFold } from '../../src/lib/run/status-fold.js';
import { historyRows } from '../../src/lib/run/history-rows.js';
import { failureExplanation, stateVisits } from '../../src/lib/run/visits.js';
import { CORPUS_DIR, OWN_CASES_DIR, loadCases } from '../engine/load-cases.js';
import { history, invoker, lambda, latency, MIXED, mixedInvoker, thrown } from './histories.js';

const invokerFor = (h: Readonly<Record<string, string>>) => createLambdaInvoker(h);
const mixed = await history(MIXED, {}, { invokeTask: mixedInvoker, taskLatencyMs: latency });

/** Histories of every runnable engine case and, when it is checked out, the AWS-recorded corpus. */
async function caseHistories(): Promise<{ id: string; events: HistoryEvent[] }[]> {
	const cases = [
		...loadCases(OWN_CASES_DIR),
		...(existsSync(CORPUS_DIR) ? loadCases(CORPUS_DIR) : [])
	];
	const out: { id: string; events: HistoryEvent[] }[] = [];
	for (const c of cases) {
		if (c.data.diagnostics) continue;
		// A few corpus cases are known engine gaps (tests/engine/known-gaps.txt); some throw.
		const run = await runCase(c.file, c.data, { invokerFor }).catch(() => undefined);
		if (!run) continue;
		out.push({ id: c.id, events: JSON.parse(JSON.stringify(run.eventsFull)) as HistoryEvent[] });
	}
	return out;
}

describe('StatusFold', () => {
	it('equals stateStatuses of every prefix, growing and shrinking', () => {
		const fold = new StatusFold();
		for (let n = 0; n <= mixed.length; n++)
			expect(fold.statusesAt(mixed, n)).toEqual(stateStatuses(mixed, n));
		for (const n of [30, 12, 12, 44, 0, 46, 5])
			expect(fold.statusesAt(mixed, n)).toEqual(stateStatuses(mixed, n));
	});

	it('returns the same map while no status changes', () => {
		const fold = new StatusFold();
		const a = fold.statusesAt(mixed, 4); // Fetch running
		const b = fold.statusesAt(mixed, 5); // LambdaFunctionFailed, then a retry: retrying
		const c = fold.statusesAt(mixed, 6); // scheduled again: no change
		const d = fold.statusesAt(mixed, 7); // LambdaFunctionStarted: no change
		expect(a.get('Fetch')).toBe('running');
		expect(b.get('Fetch')).toBe('retrying');
		expect(c).toBe(b);
		expect(d).toBe(b);
	});

	it('starts again when the history is replaced by another run', async () => {
		const other = await history({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });
		const fold = new StatusFold();
		fold.statusesAt(mixed, 4);
		expect(fold.statusesAt(other, 4)).toEqual(stateStatuses(other));
	});

	it('follows batches appended to the history', () => {
		const fold = new StatusFold();
		let events: HistoryEvent[] = [];
		for (let i = 0; i < mixed.length; i += 7) {
			events = events.concat(mixed.slice(i, i + 7));
			expect(fold.statusesAt(events, events.length)).toEqual(stateStatuses(events));
		}
	});

	it('matches stateStatuses on every prefix of every engine and corpus case', async () => {
		const histories = await caseHistories();
		expect(histories.length).toBeGreaterThan(100);
		for (const { id, events } of histories) {
			for (let n = 1; n < events.length; n++) {
				expect(events[n].id, id).toBe(n + 1);
				expect(events[n].timestamp, `${id}: timestamps never decrease`).toBeGreaterThanOrEqual(
					events[n - 1].timestamp
				);
			}
			// Every prefix, except in the few histories of thousands of events (a history-limit
			// run, up to 200,000 events for Express): there, a sample of about 200 of them (40 past
			// 50,000 events) and the last three, or the test would take minutes.
			const whole = new StatusFold();
			const streamed = new StatusFold();
			for (const n of prefixSizes(events.length)) {
				// Playback: the whole history is known, a prefix of it is shown.
				expect(whole.statusesAt(events, n), `${id} @${n}`).toEqual(stateStatuses(events, n));
				// A run still streaming: only the prefix is known.
				const prefix = events.slice(0, n);
				expect(streamed.statusesAt(prefix, n), `${id} @${n} streaming`).toEqual(
					stateStatuses(prefix)
				);
			}
			// The other derivations take every history without throwing.
			expect(historyRows(events)).toHaveLength(events.length);
			const visits = stateVisits(events);
			const last = events.at(-1)!.type;
			if (last === 'ExecutionFailed' || last === 'ExecutionTimedOut') {
				const x = failureExplanation(events);
				expect(x?.title, id).toBeTruthy();
				expect(x?.explanation, id).toBeTruthy();
			}
			for (const v of visits) expect(v.statusChanges[0].eventId, id).toBe(v.enteredId);
		}
	}, 120_000);
});

/** The prefix lengths to check in a history of `length` events: all, or a sample and the end. */
function prefixSizes(length: number): number[] {
	if (length <= 2000) return Array.from({ length }, (_, i) => i + 1);
	const stride = Math.ceil(length / (length > 50_000 ? 40 : 200));
	const sizes = new Set<number>();
	for (let n = 1; n < length; n += stride) sizes.add(n);
	for (let n = Math.max(1, length - 2); n <= length; n++) sizes.add(n);
	return [...sizes];
}

/** `stateStatuses` of the first `count` events, after checking that the fold agrees. */
function statusesAt(events: readonly HistoryEvent[], count: number) {
	const expected = stateStatuses(events, count);
	expect(new StatusFold().statusesAt(events, count)).toEqual(expected);
	return expected;
}

/** The index of the first event of `type` (optionally of state `name`). */
function indexOf(events: readonly HistoryEvent[], type: string, name?: string, from = 0) {
	const i = events.findIndex(
		(e, k) => k >= from && e.type === type && (name === undefined || e.stateName === name)
	);
	expect(i, `${type} ${name ?? ''}`).toBeGreaterThanOrEqual(0);
	return i;
}

describe('statuses at the moments that matter', () => {
	it('a failure that the history shows retried is retrying from the failure on', () => {
		const failed = indexOf(mixed, 'LambdaFunctionFailed');
		expect(statusesAt(mixed, failed + 1).get('Fetch')).toBe('retrying');
		// The retry waits a second: the whole backoff shows retrying, never failed.
		expect(mixed[failed + 1].timestamp - mixed[failed].timestamp).toBe(1000);
		// Without the events after it (a run still streaming), it is failed until the retry.
		expect(stateStatuses(mixed.slice(0, failed + 1)).get('Fetch')).toBe('failed');
	});

	it('the last failure of a task that retries in vain is failed', async () => {
		const events = await history(
			{
				StartAt: 'Charge',
				States: {
					Charge: {
						Type: 'Task',
						Resource: lambda('charge'),
						Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 2 }],
						End: true
					}
				}
			},
			{},
			{ invokeTask: invoker({ charge: () => thrown('Declined', 'no') }) }
		);
		const failures = events.flatMap((e, i) => (e.type === 'LambdaFunctionFailed' ? [i] : []));
		expect(failures).toHaveLength(3);
		expect(failures.map((i) => statusesAt(events, i + 1).get('Charge'))).toEqual([
			'retrying',
			'retrying',
			'failed'
		]);
		expect(statusesAt(events, events.length).get('Charge')).toBe('failed');
	});

	it('a task retrying inside a Map iteration is retrying through its backoff', async () => {
		const events = await history(
			{
				StartAt: 'Each',
				States: {
					Each: {
						Type: 'Map',
						ItemProcessor: {
							StartAt: 'Call',
							States: {
								Call: {
									Type: 'Task',
									Resource: lambda('call'),
									Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 3 }],
									End: true
								}
							}
						},
						End: true
					}
				}
			},
			[1, 2],
			{
				taskLatencyMs: () => 500,
				invokeTask: invoker({
					call: (item, attempt) =>
						item === 2 && attempt === 0 ? thrown('Flaky', 'once') : { ok: true, output: item }
				})
			}
		);
		const failed = indexOf(events, 'LambdaFunctionFailed');
		expect(events[failed].iteration).toBe(1);
		const retried = events.findIndex(
			(e, i) => i > failed && e.type === 'LambdaFunctionScheduled' && e.iteration === 1
		);
		expect(events[retried].timestamp - events[failed].timestamp).toBe(3000);
		for (let n = failed + 1; n <= retried; n++)
			expect(statusesAt(events, n).get('Call'), `@${n}`).toBe('retrying');
		expect(statusesAt(events, events.length).get('Call')).toBe('succeeded');
	});

	// A Choice/Pass loop that never exits: the history limit refuses the next state's entry.
	const endless = {
		StartAt: 'Init',
		States: {
			Init: { Type: 'Pass', Result: { n: 0 }, Next: 'Loop' },
			Loop: {
				Type: 'Choice',
				Choices: [{ Variable: '$.n', NumericGreaterThan: 1e9, Next: 'Done' }],
				Default: 'Inc'
			},
			Inc: { Type: 'Pass', Next: 'Loop' },
			Done: { Type: 'Succeed' }
		}
	};

	it('a run that ends at the history limit between two states fails the last one', async () => {
		const events = await history(endless, {}, { maxEvents: 200 });
		expect(events.at(-2)?.type).toBe('PassStateExited');
		expect(events.at(-1)?.executionFailedEventDetails?.error).toBe('States.Runtime');
		const statuses = statusesAt(events, events.length);
		expect(Object.fromEntries(statuses)).toEqual({
			Init: 'succeeded',
			Loop: 'succeeded',
			Inc: 'failed'
		});
		expect(failureExplanation(events)?.stateName).toBe('Inc');
		// The visit shows it too, with the execution's error.
		const inc = stateVisits(events).findLast((v) => v.stateName === 'Inc')!;
		expect(inc.status).toBe('failed');
		expect(inc.error?.error).toBe('States.Runtime');
	});

	it('a timeout or abort between two states shows the last one aborted', async () => {
		const events = await history(endless, {}, { maxEvents: 200 });
		for (const type of ['ExecutionTimedOut', 'ExecutionAborted'] as const) {
			const last = events.at(-1)!;
			const ended: HistoryEvent[] = [...events.slice(0, -1), { ...last, type }];
			expect(statusesAt(ended, ended.length).get('Inc'), type).toBe('aborted');
			expect(stateVisits(ended).at(-1)?.status, type).toBe('aborted');
		}
	});

	it('an execution that fails in a state it has left open fails that state alone', async () => {
		const events = await history({
			StartAt: 'A',
			States: {
				A: { Type: 'Pass', Next: 'B' },
				B: { Type: 'Pass', InputPath: '$.missing', End: true }
			}
		});
		expect(Object.fromEntries(statusesAt(events, events.length))).toEqual({
			A: 'succeeded',
			B: 'failed'
		});
	});
});

describe('40,000 events', async () => {
	// A Map of 5,800 task iterations: 7 events each.
	const items = Array.from({ length: 5800 }, (_, i) => i);
	const big = await history(
		{
			StartAt: 'Each',
			States: {
				Each: {
					Type: 'Map',
					MaxConcurrency: 50,
					ItemProcessor: {
						StartAt: 'Work',
						States: { Work: { Type: 'Task', Resource: lambda('work'), End: true } }
					},
					End: true
				}
			}
		},
		items,
		{
			maxEvents: 50_000,
			recordStages: false,
			taskLatencyMs: () => 100,
			invokeTask: async (r) => ({ ok: true, output: r.payload })
		}
	);

	it('is a big history', () => expect(big.length).toBeGreaterThan(40_000));

	// How long each step takes is the benchmark's to measure (npm run bench, playback-*).
	it('folds statuses frame by frame to the same result as one pass', () => {
		const fold = new StatusFold();
		for (let n = 0; n <= big.length; n += 250) fold.statusesAt(big, n);
		expect(fold.statusesAt(big, big.length)).toEqual(stateStatuses(big));
	});

	it('builds history rows batch by batch and visits in one pass', () => {
		let rows = historyRows([]);
		for (let n = 2000; n <= big.length + 2000; n += 2000) {
			rows = historyRows(big.slice(0, n), rows);
		}
		expect(rows).toHaveLength(big.length);
		expect(rows[big.length - 2].lane).toBe('');
		expect(
			rows.find((r) => r.type === 'TaskStateEntered' && r.lane === 'iteration 5799')
		).toBeTruthy();
		expect(stateVisits(big)).toHaveLength(5801);
	});
});
