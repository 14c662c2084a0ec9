/**
 * Times `layoutDefinition` on the generated 60-state definition (nested Parallel and Map) with
 * `elk.bundled.js` in this process. Run with `npx tsx bench/layout.bench.ts`; prints the median
 * and p95 in ms, then one JSON line for tools. Target: median under 300 ms.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutDefinition } from '../src/lib/layout/layout.js';
import { generateDefinition } from '../tests/layout/fixtures.js';

const RUNS = 20;
const WARMUP = 3;

const elk = new ELK();
const definition = generateDefinition(60);

for (let i = 0; i < WARMUP; i++) await layoutDefinition(definition, elk);

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
	const start = performance.now();
	await layoutDefinition(definition, elk);
	times.push(performance.now() - start);
}
times.sort((a, b) => a - b);

const percentile = (p: number) =>
	times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;
const median = round((times[(RUNS - 1) >> 1] + times[RUNS >> 1]) / 2);
const p95 = round(percentile(0.95));

console.log(`layout-60-states: median ${median} ms, p95 ${p95} ms over ${RUNS} runs`);
console.log(JSON.stringify({ name: 'layout-60-states', unit: 'ms', median, p95, runs: RUNS }));
