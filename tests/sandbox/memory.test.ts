import { describe, expect, it } from 'vitest';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { loadQuickJS } from '../../src/lib/sandbox/quickjs.js';
import { runHandlerSync } from '../../src/lib/sandbox/run-handler.js';
import { CONTEXT, request, TrackingModule } from './helpers.js';

interface NodeProcess {
	memoryUsage(): { heapUsed: number };
}

const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process;

/** A full garbage collection, via V8's `--expose-gc` switched on at run time. */
async function collectGarbage(): Promise<void> {
	const v8 = (await import('node:v8' as string)) as { setFlagsFromString(flags: string): void };
	const vm = (await import('node:vm' as string)) as { runInNewContext(code: string): unknown };
	v8.setFlagsFromString('--expose-gc');
	(vm.runInNewContext('gc') as () => void)();
}

const SOURCES = [
	`export const handler = async (event) => {
		const items = Array.from({ length: 2000 }, (_, i) => ({ i, name: 'item ' + i }));
		console.log('items', items.length);
		await new Promise((resolve) => setTimeout(resolve, 10));
		return { count: items.length, first: items[0], echo: event };
	};`,
	`export const handler = () => { throw new TypeError('nope'); };`,
	`export const handler = () => ({ bad: 1n });`,
	'export const handler = () => {\n  return {;\n};'
];

describe('memory', () => {
	it('does not grow the host heap or the WebAssembly memory over 2,000 invocations', async () => {
		const quickjs = await loadQuickJS();
		const module = new TrackingModule(quickjs);
		const event = { payload: 'x'.repeat(1000) };
		const runMany = (count: number): void => {
			for (let i = 0; i < count; i++) {
				const outcome = runHandlerSync(module, {
					source: SOURCES[i % SOURCES.length],
					event,
					context: CONTEXT
				});
				if (outcome.discardModule) throw new Error(`invocation ${i} could not be freed`);
			}
		};
		runMany(200);
		await collectGarbage();
		const heapBefore = nodeProcess.memoryUsage().heapUsed;
		const wasmBefore = quickjs.getWasmMemory().buffer.byteLength;

		runMany(2000);
		await collectGarbage();
		const heapGrowth = nodeProcess.memoryUsage().heapUsed - heapBefore;
		expect(module.created).toBe(2200);
		module.assertAllFreed();
		expect(quickjs.getWasmMemory().buffer.byteLength).toBe(wasmBefore);
		expect(heapGrowth).toBeLessThan(4 * 1024 * 1024);
	});

	it('keeps the heap and the WebAssembly memory flat over 10,000 warm invocations', async () => {
		const quickjs = await loadQuickJS();
		const module = new TrackingModule(quickjs);
		const handlers = Object.fromEntries(SOURCES.map((source, i) => [`fn${i}`, source]));
		const invoke = createLambdaInvoker(handlers, { loadModule: async () => module });
		const event = { payload: 'x'.repeat(1000) };
		const runMany = async (count: number): Promise<void> => {
			for (let i = 0; i < count; i++) {
				const result = await invoke(request(`fn${i % SOURCES.length}`, event));
				if (result.ok !== (i % SOURCES.length === 0)) throw new Error(`invocation ${i}`);
			}
		};
		await runMany(400);
		await collectGarbage();
		const heapBefore = nodeProcess.memoryUsage().heapUsed;
		const wasmBefore = quickjs.getWasmMemory().buffer.byteLength;

		await runMany(10_000);
		await collectGarbage();
		const heapGrowth = nodeProcess.memoryUsage().heapUsed - heapBefore;
		// One context per function that has a handler (the syntax error is remembered).
		expect(module.created).toBe(4);
		expect(module.alive).toBe(3);
		invoke.dispose();
		module.assertAllFreed();
		expect(quickjs.getWasmMemory().buffer.byteLength).toBe(wasmBefore);
		expect(heapGrowth).toBeLessThan(4 * 1024 * 1024);
	});
});
