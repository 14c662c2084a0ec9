/**
 * `npm run compare -- (DEFINITION.json | --example ID) [--input JSON|@FILE] [--latency State=ms,...]
 *   [--default-latency ms] [--seed N] [--handlers DIR] [--json]`
 *
 * Runs a workflow as written and sequentialised (Parallel branches one after another, Map
 * iterations one at a time) with the same simulated latencies and seed, and prints both totals,
 * the speedup and the critical path. Handlers come from an example, from `DIR/<function>.js`, or
 * are absent: then every task simply returns its input after its simulated latency.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	compareSchedules,
	latencyModel,
	parseDefinition,
	validateDefinition,
	type InvokeTask,
	type JsonValue,
	type LatencyProfile
} from '../engine/index.js';
import { examples } from '../src/lib/examples/index.js';
import { createLambdaInvoker } from '../src/lib/sandbox/lambda-invoker.js';

const usage =
	'usage: npm run compare -- (DEFINITION.json | --example ID) [--input JSON|@FILE] [--latency State=ms,...] [--default-latency ms] [--seed N] [--handlers DIR] [--json]';

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

const argv = process.argv.slice(2);
let definitionText: string | undefined;
let inputText = '{}';
let handlers: Record<string, string> | undefined;
let latency: { byState: Record<string, number>; default?: number } = { byState: {} };
let seed = 0;
let json = false;
for (let i = 0; i < argv.length; i++) {
	const a = argv[i];
	const value = () => argv[++i] ?? fail(`${a} needs a value\n${usage}`);
	if (a === '--example') {
		const id = value();
		const ex =
			examples.find((e) => e.id === id) ??
			fail(`No example '${id}'. Examples: ${examples.map((e) => e.id).join(', ')}`);
		definitionText = ex.definition;
		inputText = ex.input;
		handlers = { ...ex.handlers };
		latency = {
			byState: {
				...((ex.latency as LatencyProfile | undefined)?.byState as Record<string, number>)
			}
		};
	} else if (a === '--input') {
		const v = value();
		inputText = v.startsWith('@') ? readFileSync(v.slice(1), 'utf8') : v;
	} else if (a === '--latency') {
		for (const pair of value().split(',')) {
			const [state, ms] = pair.split('=');
			if (!state || !Number.isFinite(Number(ms)))
				fail(`--latency takes State=ms pairs, got '${pair}'`);
			latency.byState[state] = Number(ms);
		}
	} else if (a === '--default-latency') latency.default = Number(value());
	else if (a === '--seed') seed = Number(value());
	else if (a === '--handlers') {
		const dir = value();
		handlers = {};
		for (const f of readdirSync(dir))
			if (f.endsWith('.js') || f.endsWith('.mjs'))
				handlers[basename(f).replace(/\.m?js$/, '')] = readFileSync(join(dir, f), 'utf8');
	} else if (a === '--json') json = true;
	else if (a === '--help' || a === '-h') {
		console.log(usage);
		process.exit(0);
	} else if (!a.startsWith('--')) definitionText = readFileSync(a, 'utf8');
	else fail(`Unknown option ${a}\n${usage}`);
}
if (definitionText === undefined) fail(usage);

const parsed = parseDefinition(definitionText);
const problems = [
	...parsed.diagnostics,
	...(parsed.definition ? validateDefinition(parsed.definition, parsed.sourceMap) : [])
].filter((d) => d.severity === 'error');
if (!parsed.definition || problems.length) {
	fail(
		`The definition has errors:\n${problems.map((d) => `  ${d.path || '/'}: ${d.message} [${d.code}]`).join('\n')}`
	);
}
let input: JsonValue;
try {
	input = JSON.parse(inputText) as JsonValue;
} catch (e) {
	fail(`The input is not valid JSON: ${(e as Error).message}`);
}
const echo: InvokeTask = async (request) => ({ ok: true, output: request.payload });
// A fresh task runner per run: state a handler keeps between calls stays in its own run.
const comparison = await compareSchedules(parsed.definition, input, () => {
	const invoker = handlers ? createLambdaInvoker(handlers) : undefined;
	return {
		seed,
		invokeTask: invoker ?? echo,
		handles: invoker?.handles,
		taskLatencyMs: latencyModel(latency, seed)
	};
});
const a = comparison.asWritten;
const s = comparison.sequential;
if (json) {
	console.log(
		JSON.stringify(
			{
				asWritten: {
					status: a.outcome.status,
					totalMs: a.outcome.durationMs,
					criticalPath: a.criticalStates
				},
				sequential: {
					status: s.outcome.status,
					totalMs: s.outcome.durationMs,
					criticalPath: s.criticalStates
				},
				speedup: comparison.speedup
			},
			null,
			2
		)
	);
} else {
	const sec = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
	console.log(`As written:      ${sec(a.outcome.durationMs)}  (${a.outcome.status})`);
	console.log(`Sequentialised:  ${sec(s.outcome.durationMs)}  (${s.outcome.status})`);
	console.log(`Speedup:         ${comparison.speedup.toFixed(2)}×`);
	console.log(`Critical path:   ${a.criticalStates.join(' → ')}`);
}
