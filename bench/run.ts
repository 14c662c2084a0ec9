/**
 * `npm run bench [-- --json FILE]`: prints every benchmark figure; `--json FILE` also writes
 * `{"scenarios": [{name, unit, ours, peer, ratio}]}` (ratio > 1 means we are better).
 *
 * The engine is measured as the site ships it (bundled, no dev-time transforms), and every
 * figure comes from a fresh Node process, so one engine's garbage never skews the other's.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineName, ScenarioName } from './engine.bench.js';
import { siteFigures } from './site.bench.js';

interface Scenario {
	readonly name: string;
	readonly unit: string;
	readonly ours: number;
	readonly peer: number | null;
	/** > 1 means we are better. */
	readonly ratio: number | null;
	/** The figure the product aims for, where there is one. */
	readonly target?: string;
}

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const here = fileURLToPath(new URL('.', import.meta.url));

const bundle = join(mkdtempSync(join(tmpdir(), 'asl-bench-')), 'engine.mjs');
await build({
	entryPoints: [join(here, '../engine/index.ts')],
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'es2022',
	outfile: bundle,
	logLevel: 'warning'
});

function figure(scenario: ScenarioName, engine: EngineName): number {
	const out = execFileSync(
		process.execPath,
		['--expose-gc', '--import', 'tsx', join(here, 'measure.ts'), scenario, engine, bundle],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
	);
	return Number(JSON.parse(out.trim().split('\n').pop()!));
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const scenarios: Scenario[] = [];
function compare(
	name: string,
	unit: string,
	scenario: ScenarioName,
	higherIsBetter: boolean,
	digits: number
) {
	const ours = figure(scenario, 'ours');
	const peer = figure(scenario, 'peer');
	const ratio = higherIsBetter ? ours / peer : peer / ours;
	scenarios.push({
		name,
		unit,
		ours: round(ours, digits),
		peer: round(peer, digits),
		ratio: round(ratio, 2)
	});
	console.log(
		`${name}: ours ${round(ours, digits)} ${unit}, peer ${round(peer, digits)} ${unit}, ratio ${round(ratio, 2)}`
	);
}

compare('parallel-3x5-pass', 'executions/s', 'parallel', true, 0);
compare('map-1000-items', 'items/s', 'map', true, 0);
compare('parse-validate-16-states', 'ms', 'parse', false, 4);
const heap = figure('heap', 'ours');
scenarios.push({
	name: 'heap-growth-100k-executions',
	unit: 'MB',
	ours: round(heap, 2),
	peer: null,
	ratio: null,
	target: '≈ 0'
});
console.log(`heap-growth-100k-executions: ${round(heap, 2)} MB after 100,000 executions`);

/** JSON lines `{"name", "unit", …}` printed by a bench script run with tsx. */
function jsonLines(script: string): Record<string, unknown>[] {
	const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, script)], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return out
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

for (const f of jsonLines('layout.bench.ts')) {
	scenarios.push({
		name: String(f.name),
		unit: String(f.unit),
		ours: Number(f.median),
		peer: null,
		ratio: null,
		target: '< 300'
	});
	console.log(`${f.name}: median ${f.median} ms, p95 ${f.p95} ms`);
}
for (const f of [...jsonLines('sandbox.bench.ts'), ...jsonLines('playback.bench.ts')]) {
	scenarios.push({
		name: String(f.name),
		unit: String(f.unit),
		ours: Number(f.value),
		peer: null,
		ratio: null
	});
	console.log(`${f.name}: ${f.value} ${f.unit}`);
}
for (const f of await siteFigures(() => {})) {
	scenarios.push({
		name: f.name,
		unit: f.unit,
		ours: f.value,
		peer: null,
		ratio: null,
		target: f.target
	});
	console.log(`${f.name}: ${f.value} ${f.unit} (target ${f.target})`);
}

if (jsonFile) {
	writeFileSync(jsonFile, JSON.stringify({ scenarios }, null, 2) + '\n');
	console.log(`wrote ${jsonFile}`);
}
