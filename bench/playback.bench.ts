/**
 * Playback benchmark: `npx tsx bench/playback.bench.ts`. What the page does with a big history
 * while it plays: a Map of 5,800 task iterations (about 40,000 events, 100 ms per task).
 *
 * - status fold: the worst time of one `StatusFold.statusesAt` call when playback reveals 250
 *   more events per frame, ms (a frame is 16 ms);
 * - history rows: the worst time of one `historyRows` call when 2,000 more events arrive, ms;
 * - visits: `stateVisits` over the whole history, ms.
 *
 * Prints a readable line per figure, then one JSON line per figure:
 * `{"name":"playback-status-fold-frame","unit":"ms","value":…}`.
 */
import { startExecution, type HistoryEvent } from '../engine/index.js';
import { historyRows } from '../src/lib/run/history-rows.js';
import { StatusFold } from '../src/lib/run/status-fold.js';
import { stateVisits } from '../src/lib/run/visits.js';

const ITEMS = 5800;

async function bigHistory(): Promise<readonly HistoryEvent[]> {
	const execution = startExecution(
		{
			StartAt: 'Each',
			States: {
				Each: {
					Type: 'Map',
					MaxConcurrency: 50,
					ItemProcessor: {
						StartAt: 'Work',
						States: {
							Work: {
								Type: 'Task',
								Resource: 'arn:aws:lambda:us-east-1:111111111111:function:work',
								End: true
							}
						}
					},
					End: true
				}
			}
		},
		Array.from({ length: ITEMS }, (_, i) => i),
		{
			maxEvents: 50_000,
			recordStages: false,
			taskLatencyMs: () => 100,
			invokeTask: async (r) => ({ ok: true, output: r.payload })
		}
	);
	await execution.runToEnd();
	return execution.events;
}

const events = await bigHistory();

/** Worst of three rounds of `round`, each returning its own worst step in ms. */
function worstOf(round: () => number): number {
	return Math.min(round(), round(), round());
}

const fold = worstOf(() => {
	const f = new StatusFold();
	let worst = 0;
	for (let n = 0; n <= events.length; n += 250) {
		const t = performance.now();
		f.statusesAt(events, n);
		worst = Math.max(worst, performance.now() - t);
	}
	return worst;
});

const rows = worstOf(() => {
	let r = historyRows([]);
	let worst = 0;
	for (let n = 2000; n <= events.length + 2000; n += 2000) {
		const t = performance.now();
		r = historyRows(events.slice(0, n), r);
		worst = Math.max(worst, performance.now() - t);
	}
	return worst;
});

const visits = worstOf(() => {
	const copy = events.slice(); // a fresh array: nothing cached from an earlier round
	const t = performance.now();
	stateVisits(copy);
	return performance.now() - t;
});

const round = (ms: number) => Math.round(ms * 100) / 100;
const figures = [
	{ name: 'playback-status-fold-frame', unit: 'ms', value: round(fold), about: 'per frame' },
	{ name: 'playback-history-rows-batch', unit: 'ms', value: round(rows), about: 'per batch' },
	{ name: 'playback-state-visits', unit: 'ms', value: round(visits), about: 'whole history' }
];
for (const f of figures) {
	console.log(`${f.name}: ${f.value} ms ${f.about}, ${events.length} events`);
}
for (const { name, unit, value } of figures) console.log(JSON.stringify({ name, unit, value }));
