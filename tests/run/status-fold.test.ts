import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stateStatuses, type HistoryEvent } from '../../engine/index.js';
import { runCase } from '../../scripts/conformance/run-case.js';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { StatusFold } from '../../src/lib/run/status-fold.js';
import { historyRows } from '../../src/lib/run/history-rows.js';
import { failureExplanation, stateVisits } from '../../src/lib/run/visits.js';
import { CORPUS_DIR, OWN_CASES_DIR, loadCases } from '../engine/load-cases.js';
import { history, lambda, latency, MIXED, mixedInvoker } from './histories.js';

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
			expect(fold.statusesAt(mixed, n)).toEqual(stateStatuses(mixed.slice(0, n)));
		for (const n of [30, 12, 12, 44, 0, 46, 5])
			expect(fold.statusesAt(mixed, n)).toEqual(stateStatuses(mixed.slice(0, n)));
	});

	it('returns the same map while no status changes', () => {
		const fold = new StatusFold();
		const a = fold.statusesAt(mixed, 4); // Fetch running
		const b = fold.statusesAt(mixed, 5); // LambdaFunctionFailed: Fetch failed
		const c = fold.statusesAt(mixed, 6); // scheduled again: retrying
		const d = fold.statusesAt(mixed, 7); // LambdaFunctionStarted: no change
		expect(a.get('Fetch')).toBe('running');
		expect(b.get('Fetch')).toBe('failed');
		expect(c.get('Fetch')).toBe('retrying');
		expect(d).toBe(c);
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
			const fold = new StatusFold();
			for (let n = 1; n <= events.length; n++) {
				expect(events[n - 1].id, id).toBe(n);
				if (n > 1)
					expect(
						events[n - 1].timestamp,
						`${id}: timestamps never decrease`
					).toBeGreaterThanOrEqual(events[n - 2].timestamp);
				expect(fold.statusesAt(events, n), `${id} @${n}`).toEqual(
					stateStatuses(events.slice(0, n))
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

	it('folds statuses frame by frame in well under a frame', () => {
		const fold = new StatusFold();
		let worst = 0;
		for (let n = 0; n <= big.length; n += 250) {
			const t = performance.now();
			fold.statusesAt(big, n);
			worst = Math.max(worst, performance.now() - t);
		}
		expect(fold.statusesAt(big, big.length)).toEqual(stateStatuses(big));
		expect(worst).toBeLessThan(16);
	});

	it('builds history rows batch by batch and visits in one pass', () => {
		let rows = historyRows([]);
		let worst = 0;
		for (let n = 2000; n <= big.length + 2000; n += 2000) {
			const t = performance.now();
			rows = historyRows(big.slice(0, n), rows);
			worst = Math.max(worst, performance.now() - t);
		}
		expect(rows).toHaveLength(big.length);
		expect(rows[big.length - 2].lane).toBe('');
		expect(
			rows.find((r) => r.type === 'TaskStateEntered' && r.lane === 'iteration 5799')
		).toBeTruthy();
		expect(worst).toBeLessThan(50);
		const t = performance.now();
		expect(stateVisits(big)).toHaveLength(5801);
		expect(performance.now() - t).toBeLessThan(1000);
	});
});
