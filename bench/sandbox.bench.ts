/**
 * Sandbox benchmark: `npx tsx bench/sandbox.bench.ts [COUNT]`.
 *
 * - warm: one invoker calls a trivial async handler COUNT times (default 10,000), one after the
 *   other, as a Map state's iterations would; best of three rounds, in invocations/s.
 * - cold: the first invocation of a fresh invoker (new QuickJS runtime and context, prelude and
 *   module evaluation; the WebAssembly module itself is already loaded), median ms.
 * - load: loading the QuickJS WebAssembly module once, ms (the very first invocation pays it).
 * - map: a whole execution through the engine of a distributed Map over COUNT items whose iterations
 *   each invoke the handler, ms of wall-clock time (the product needs 10,000 items under 2 s).
 *
 * Prints a readable line per figure, then one JSON line per figure:
 * `{"name":"sandbox-warm-invocations","unit":"invocations/s","value":…}`.
 */
import { startExecution, type JsonValue, type StateMachineDefinition } from '../engine/index.js';
import type { TaskRequest } from '../engine/run/task.js';
import { createLambdaInvoker } from '../src/lib/sandbox/lambda-invoker.js';
import { loadQuickJS } from '../src/lib/sandbox/quickjs.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const COLD_SAMPLES = 200;

const HANDLERS = {
	work: 'export const handler = async (event) => ({ n: event.n + 1, at: Date.now() });'
};

function request(n: number): TaskRequest {
	return {
		resource: 'arn:aws:states:::lambda:invoke',
		functionName: 'work',
		payload: { n },
		context: {
			functionName: 'work',
			invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:work',
			awsRequestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
			functionVersion: '$LATEST',
			memoryLimitInMB: '128'
		},
		stateName: 'Work',
		attempt: 0
	};
}

type Invoker = ReturnType<typeof createLambdaInvoker>;

/** Frees an invoker's warm contexts, if this version of the invoker keeps any. */
function dispose(invoke: Invoker): void {
	(invoke as { dispose?: () => void }).dispose?.();
}

async function checked(invoke: Invoker, n: number): Promise<void> {
	const result = await invoke(request(n));
	if (!result.ok || (result.output as { n: number }).n !== n + 1) {
		throw new Error(`invocation ${n} failed: ${JSON.stringify(result)}`);
	}
}

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

const loadStarted = performance.now();
await loadQuickJS();
const loadMs = performance.now() - loadStarted;

// Cold: a fresh invoker per sample, so every call builds its runtime, context and module.
const coldMs: number[] = [];
for (let i = 0; i < COLD_SAMPLES + 20; i++) {
	const invoke = createLambdaInvoker(HANDLERS);
	const started = performance.now();
	await checked(invoke, i);
	const ms = performance.now() - started;
	if (i >= 20) coldMs.push(ms);
	dispose(invoke);
}

// Warm: one invoker, COUNT invocations in a row, best of three rounds after a warm-up.
const invoke = createLambdaInvoker(HANDLERS);
for (let i = 0; i < 500; i++) await checked(invoke, i);
let best = 0;
for (let round = 0; round < 3; round++) {
	const started = performance.now();
	for (let i = 0; i < COUNT; i++) await checked(invoke, i);
	const seconds = (performance.now() - started) / 1000;
	best = Math.max(best, COUNT / seconds);
}
dispose(invoke);

// Map: the engine runs a distributed Map state (an inline one would pass the 25,000 history
// events limit) over COUNT items, each iteration a Lambda task.
const mapDefinition = {
	StartAt: 'Each',
	States: {
		Each: {
			Type: 'Map',
			ItemProcessor: {
				ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
				StartAt: 'Work',
				States: {
					Work: {
						Type: 'Task',
						Resource: 'arn:aws:states:::lambda:invoke',
						Parameters: { FunctionName: 'work', 'Payload.$': '$' },
						OutputPath: '$.Payload',
						End: true
					}
				}
			},
			ResultPath: null,
			End: true
		}
	}
} as unknown as StateMachineDefinition;
const items: JsonValue = Array.from({ length: COUNT }, (_, n) => ({ n }));
let mapMs = Infinity;
for (let round = 0; round < 3; round++) {
	const mapInvoke = createLambdaInvoker(HANDLERS);
	let succeeded = 0;
	const started = performance.now();
	const execution = startExecution(mapDefinition, items, {
		invokeTask: async (request) => {
			const result = await mapInvoke(request);
			if (result.ok) succeeded++;
			return result;
		}
	});
	const outcome = await execution.runToEnd();
	mapMs = Math.min(mapMs, performance.now() - started);
	dispose(mapInvoke);
	if (outcome.status !== 'SUCCEEDED' || succeeded !== COUNT) {
		throw new Error(`the Map execution failed: ${JSON.stringify(outcome).slice(0, 500)}`);
	}
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const figures = [
	{ name: 'sandbox-warm-invocations', unit: 'invocations/s', value: round(best, 0) },
	{ name: 'sandbox-cold-invocation', unit: 'ms', value: round(median(coldMs), 3) },
	{ name: 'sandbox-load-quickjs', unit: 'ms', value: round(loadMs, 1) },
	{ name: `sandbox-map-${COUNT}-items`, unit: 'ms', value: round(mapMs, 0) }
];
console.log(
	`warm: ${figures[0].value} invocations/s (${COUNT} calls, ` +
		`${round((COUNT / best) * 1000, 0)} ms for ${COUNT})`
);
console.log(`cold: ${figures[1].value} ms median for the first invocation of a fresh invoker`);
console.log(`load: ${figures[2].value} ms to load the QuickJS WebAssembly module`);
console.log(`map: ${figures[3].value} ms for an execution with a Map of ${COUNT} Lambda tasks`);
for (const figure of figures) console.log(JSON.stringify(figure));
