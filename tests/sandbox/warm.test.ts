import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskResult } from '../../engine/run/task.js';
import {
	createLambdaInvoker,
	type LambdaInvoker,
	type LambdaInvokerOptions
} from '../../src/lib/sandbox/lambda-invoker.js';
import { DEFAULT_LIMITS } from '../../src/lib/sandbox/outcome.js';
import { loadQuickJS } from '../../src/lib/sandbox/quickjs.js';
import { MAX_WARM_CONTEXTS_PER_MODULE, WarmHandler } from '../../src/lib/sandbox/run-handler.js';
import { CONTEXT, request, testModule, TrackingModule } from './helpers.js';

/** A module-level counter: the output says how many calls this context has served. */
const COUNTER = `let calls = 0;
	export const handler = async (event) => {
		calls++;
		if (event.spin) for (;;) {}
		if (event.throw) throw new Error('thrown on call ' + calls);
		if (event.sleep) await new Promise((resolve) => setTimeout(resolve, event.sleep));
		if (event.hang) await new Promise(() => {});
		if (event.hungry) { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }
		if (event.recurse) { const f = (n) => f(n + 1) + 1; f(0); }
		return calls;
	};`;

const HANDLERS = {
	counter: COUNTER,
	other: COUNTER,
	third: COUNTER,
	syntax: 'export const handler = () => {\n  return {;\n};',
	missing: 'console.log("loaded"); export const notTheHandler = () => 1;'
};

let module: TrackingModule;
const invokers: LambdaInvoker[] = [];

/** An invoker on the leak-checking module; disposed after each test. */
function invoker(
	options: LambdaInvokerOptions = {},
	handlers: Readonly<Record<string, string>> = HANDLERS
): LambdaInvoker {
	const invoke = createLambdaInvoker(handlers, { loadModule: async () => module, ...options });
	invokers.push(invoke);
	return invoke;
}

function output(result: TaskResult): unknown {
	if (!result.ok) throw new Error(`expected a success, got ${result.Error}: ${result.Cause}`);
	return result.output;
}

beforeAll(async () => {
	module = await testModule();
});

afterEach(() => {
	for (const invoke of invokers.splice(0)) invoke.dispose();
	module.assertAllFreed();
});

describe('warm contexts', () => {
	it('evaluates the module once and keeps its state across calls of one function', async () => {
		const invoke = invoker();
		for (let call = 1; call <= 5; call++) {
			expect(output(await invoke(request('counter')))).toBe(call);
		}
		expect(module.created).toBe(1);
		expect(module.alive).toBe(1);
	});

	it('keeps the global scope too, like a warm Lambda environment', async () => {
		const source = `export const handler = () => {
			const seen = typeof globalThis.marker;
			globalThis.marker = 1;
			return seen;
		};`;
		const invoke = invoker({}, { fn: source });
		expect(output(await invoke(request('fn')))).toBe('undefined');
		expect(output(await invoke(request('fn')))).toBe('number');
	});

	it('gives every function, and every invoker, a context of its own', async () => {
		const first = invoker();
		const second = invoker();
		expect(output(await first(request('counter')))).toBe(1);
		expect(output(await first(request('counter')))).toBe(2);
		expect(output(await first(request('other')))).toBe(1);
		expect(output(await second(request('counter')))).toBe(1);
		expect(output(await first(request('counter')))).toBe(3);
		expect(module.created).toBe(3);
	});

	it('resolves names and ARNs of one function to the same warm context', async () => {
		const invoke = invoker();
		expect(output(await invoke(request('counter')))).toBe(1);
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:counter';
		expect(output(await invoke(request(arn)))).toBe(2);
		expect(output(await invoke(request(`${arn}:$LATEST`)))).toBe(3);
	});

	it('keeps the context after a thrown error, as Lambda does', async () => {
		const invoke = invoker();
		expect(output(await invoke(request('counter')))).toBe(1);
		const thrown = await invoke(request('counter', { throw: true }));
		expect(thrown).toMatchObject({ ok: false, Error: 'Error' });
		expect(JSON.parse((thrown as { Cause: string }).Cause).errorMessage).toBe('thrown on call 2');
		expect(output(await invoke(request('counter')))).toBe(3);
		expect(module.created).toBe(1);
	});

	it('rebuilds a context that ran past the CPU limit', async () => {
		const invoke = invoker({ limits: { cpuMs: 100 } });
		expect(output(await invoke(request('counter')))).toBe(1);
		const result = await invoke(request('counter', { spin: true }));
		expect(result).toMatchObject({ ok: false, Error: 'States.Timeout' });
		expect(module.alive).toBe(0);
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(output(await invoke(request('counter')))).toBe(2);
	});

	it('gives every call a fresh CPU deadline', async () => {
		const source = `export const handler = () => {
			let n = 0;
			for (let i = 0; i < 1e4; i++) n += i;
			return n > 0;
		};`;
		// Each call takes about a millisecond, far under the limit even on a loaded machine;
		// together they run well past it, which only a per-call deadline allows.
		const invoke = invoker({ limits: { cpuMs: 400 } }, { fn: source });
		const started = performance.now();
		let calls = 0;
		while (performance.now() - started < 1000) {
			expect(output(await invoke(request('fn')))).toBe(true);
			calls++;
		}
		expect(calls).toBeGreaterThan(1);
		expect(module.created).toBe(1);
	});

	it('rebuilds a context whose promise never settled or timed out', async () => {
		const invoke = invoker();
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(await invoke(request('counter', { hang: true }))).toMatchObject({
			ok: false,
			Error: 'Runtime.NodeJsExit'
		});
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(await invoke(request('counter', { sleep: 60000 }, 5000))).toMatchObject({
			ok: false,
			Error: 'States.Timeout',
			Cause: 'Task timed out after 5.00 seconds'
		});
		expect(output(await invoke(request('counter')))).toBe(1);
	});

	it('rebuilds a context after a stack overflow', async () => {
		const invoke = invoker();
		expect(output(await invoke(request('counter')))).toBe(1);
		const result = await invoke(request('counter', { recurse: true }));
		expect(result).toMatchObject({ ok: false, Error: 'InternalError' });
		expect(output(await invoke(request('counter')))).toBe(1);
	});

	it('rebuilds a context that ran out of memory, on a fresh QuickJS module', async () => {
		// A module configuration of its own (24 MiB ceiling), so the shared one never fills up.
		const wasmMemoryBytes = 24 * 1024 * 1024;
		const invoke = createLambdaInvoker(HANDLERS, { wasmMemoryBytes });
		invokers.push(invoke);
		const before = await loadQuickJS(undefined, wasmMemoryBytes);
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(output(await invoke(request('other')))).toBe(1);
		const result = await invoke(request('counter', { hungry: true }));
		expect(result).toMatchObject({ ok: false, Error: 'Runtime.OutOfMemory' });
		expect(await loadQuickJS(undefined, wasmMemoryBytes)).not.toBe(before);
		// Both contexts were on the discarded module: both start again.
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(output(await invoke(request('other')))).toBe(1);
		expect(output(await invoke(request('counter')))).toBe(2);
	});

	it('rebuilds a context on the same module after running out of memory there', async () => {
		const small = new TrackingModule(await loadQuickJS(undefined, 20 * 1024 * 1024));
		const invoke = createLambdaInvoker(HANDLERS, { loadModule: async () => small });
		expect(output(await invoke(request('counter')))).toBe(1);
		const result = await invoke(request('counter', { hungry: true }));
		expect(result).toMatchObject({ ok: false, Error: 'Runtime.OutOfMemory' });
		expect(small.alive).toBe(0);
		expect(output(await invoke(request('counter')))).toBe(1);
		invoke.dispose();
		small.assertAllFreed();
	});

	it('drops the contexts on a module that trapped and rebuilds them on a fresh one', async () => {
		const deepJson = `export const handler = () => {
			let o = {};
			for (let i = 0; i < 200000; i++) o = { o };
			return o;
		};`;
		// A module configuration of its own, so the shared module never traps.
		const wasmMemoryBytes = 48 * 1024 * 1024;
		const invoke = createLambdaInvoker({ ...HANDLERS, deepJson }, { wasmMemoryBytes });
		invokers.push(invoke);
		const before = await loadQuickJS(undefined, wasmMemoryBytes);
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(output(await invoke(request('counter')))).toBe(2);
		const trapped = await invoke(request('deepJson'));
		expect(trapped).toMatchObject({ ok: false, Error: 'InternalError' });
		expect(await loadQuickJS(undefined, wasmMemoryBytes)).not.toBe(before);
		expect(output(await invoke(request('counter')))).toBe(1);
	});

	it('never fires a timer an earlier call left pending', async () => {
		const source = `let fired = [];
			export const handler = async (event) => {
				if (event.arm) {
					setTimeout(() => { fired.push('timeout'); console.log('late timeout'); }, 500);
					setInterval(() => { fired.push('interval'); console.log('late interval'); }, 100);
					return 'armed';
				}
				await new Promise((resolve) => setTimeout(resolve, 1000));
				return fired;
			};`;
		const invoke = invoker({}, { fn: source });
		expect(await invoke(request('fn', { arm: true }))).toMatchObject({
			ok: true,
			output: 'armed',
			elapsedMs: 0,
			logs: []
		});
		expect(await invoke(request('fn'))).toEqual({
			ok: true,
			output: [],
			elapsedMs: 1000,
			logs: []
		});
		expect(module.created).toBe(1);
	});

	it('never runs jobs an earlier call left queued', async () => {
		// `toJSON` runs while the result is serialised, after the handler's promise settled.
		const source = `let late = 0;
			export const handler = () => ({
				late,
				toJSON() { Promise.resolve().then(() => { late++; }); return { late }; }
			});`;
		const invoke = invoker({}, { fn: source });
		expect(output(await invoke(request('fn')))).toEqual({ late: 0 });
		// The queued job would have counted; the context was rebuilt instead.
		expect(output(await invoke(request('fn')))).toEqual({ late: 0 });
		expect(module.created).toBe(2);
	});

	it('keeps logs, elapsed time, Date.now() and the remaining time per call', async () => {
		const source = `let calls = 0;
			export const handler = async (event, context) => {
				calls++;
				console.log('call', calls, event.id);
				const start = Date.now();
				if (event.sleep) await new Promise((resolve) => setTimeout(resolve, event.sleep));
				console.log('done', calls);
				return { start, end: Date.now(), remaining: context.getRemainingTimeInMillis(),
					id: context.awsRequestId };
			};`;
		const invoke = invoker({}, { fn: source });
		const epoch = DEFAULT_LIMITS.epochMs;
		expect(await invoke(request('fn', { id: 'a', sleep: 2500 }, 10000))).toEqual({
			ok: true,
			output: { start: epoch, end: epoch + 2500, remaining: 7500, id: CONTEXT.awsRequestId },
			elapsedMs: 2500,
			logs: [
				{ level: 'log', message: 'call 1 a', atMs: 0 },
				{ level: 'log', message: 'done 1', atMs: 2500 }
			]
		});
		expect(await invoke(request('fn', { id: 'b' }, 3000))).toEqual({
			ok: true,
			output: { start: epoch, end: epoch, remaining: 3000, id: CONTEXT.awsRequestId },
			elapsedMs: 0,
			logs: [
				{ level: 'log', message: 'call 2 b', atMs: 0 },
				{ level: 'log', message: 'done 2', atMs: 0 }
			]
		});
		expect(await invoke(request('fn', { id: 'c' }))).toMatchObject({
			output: { remaining: 900000 }
		});
	});

	it('counts top-level await in the first call only', async () => {
		const source = `const base = await new Promise((r) => setTimeout(() => r(40), 10));
			export const handler = () => base + 2;`;
		const invoke = invoker({}, { fn: source });
		expect(await invoke(request('fn'))).toMatchObject({ ok: true, output: 42, elapsedMs: 10 });
		expect(await invoke(request('fn'))).toMatchObject({ ok: true, output: 42, elapsedMs: 0 });
	});

	it('remembers a syntax error or a missing handler instead of evaluating again', async () => {
		const invoke = invoker();
		for (let i = 0; i < 3; i++) {
			expect(await invoke(request('syntax'))).toMatchObject({
				ok: false,
				Error: 'Runtime.UserCodeSyntaxError'
			});
			expect(await invoke(request('missing'))).toMatchObject({
				ok: false,
				Error: 'Runtime.HandlerNotFound',
				logs: [{ level: 'log', message: 'loaded', atMs: 0 }]
			});
		}
		expect(module.created).toBe(2);
		expect(module.alive).toBe(0);
	});

	it('keeps at most maxWarmHandlers functions warm, least recently used out first', async () => {
		const invoke = invoker({ maxWarmHandlers: 2 });
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(output(await invoke(request('other')))).toBe(1);
		expect(output(await invoke(request('counter')))).toBe(2);
		expect(output(await invoke(request('third')))).toBe(1); // evicts 'other'
		expect(module.alive).toBe(2);
		expect(output(await invoke(request('counter')))).toBe(3);
		expect(output(await invoke(request('other')))).toBe(1);
		expect(output(await invoke(request('third')))).toBe(1); // 'other' evicted 'third'
	});

	it('frees every warm context on dispose, and runs later calls cold', async () => {
		const invoke = invoker();
		for (const name of ['counter', 'other', 'third', 'counter']) await invoke(request(name));
		expect(module.alive).toBe(3);
		invoke.dispose();
		expect(module.alive).toBe(0);
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(output(await invoke(request('counter')))).toBe(1);
		expect(module.alive).toBe(0);
		invoke.dispose();
	});

	it('bounds the warm contexts on one module across invokers', async () => {
		const count = MAX_WARM_CONTEXTS_PER_MODULE + 6;
		const handlers = Array.from({ length: count }, () => new WarmHandler(COUNTER));
		for (const handler of handlers) {
			expect(handler.invoke(module, { event: {}, context: CONTEXT })).toMatchObject({ output: 1 });
		}
		expect(module.alive).toBe(MAX_WARM_CONTEXTS_PER_MODULE);
		expect(handlers.slice(0, 6).some((handler) => handler.warm)).toBe(false);
		expect(handlers[count - 1].invoke(module, { event: {}, context: CONTEXT })).toMatchObject({
			output: 2
		});
		for (const handler of handlers) handler.dispose();
	});
});
