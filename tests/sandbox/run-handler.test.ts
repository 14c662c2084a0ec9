import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRUNCATION_MESSAGE } from '../../src/lib/sandbox/log-recorder.js';
import { DEFAULT_LIMITS } from '../../src/lib/sandbox/outcome.js';
import { loadQuickJS } from '../../src/lib/sandbox/quickjs.js';
import { runHandler } from '../../src/lib/sandbox/run-handler.js';
import { CONTEXT, failure, run, testModule, TrackingModule } from './helpers.js';

let module: TrackingModule;

beforeAll(async () => {
	module = await testModule();
});

afterEach(() => {
	module.assertAllFreed();
});

describe('results', () => {
	it('runs a sync handler and returns its JSON result', async () => {
		const outcome = await run(
			module,
			'export function handler(event) { return { ok: event.x + 1 }; }',
			{ x: 41 }
		);
		expect(outcome).toEqual({ ok: true, output: { ok: 42 }, elapsedMs: 0, logs: [] });
	});

	it('runs an async arrow handler and gives it the context', async () => {
		const source = `export const handler = async (event, context) =>
			({ id: context.awsRequestId, name: context.functionName, n: event.n * 2 });`;
		const outcome = await run(module, source, { n: 21 });
		expect(outcome).toMatchObject({
			ok: true,
			output: { id: CONTEXT.awsRequestId, name: 'fn', n: 42 }
		});
	});

	it('returns null for undefined, like Lambda', async () => {
		const outcome = await run(module, 'export const handler = async () => {};');
		expect(outcome).toMatchObject({ ok: true, output: null });
	});

	it('waits for top-level await before calling the handler', async () => {
		const source = `const base = await new Promise((r) => setTimeout(() => r(40), 10));
			export const handler = () => base + 2;`;
		const outcome = await run(module, source);
		expect(outcome).toMatchObject({ ok: true, output: 42, elapsedMs: 10 });
	});

	it('starts every invocation from a fresh global scope', async () => {
		const source = `export const handler = () => {
			const seen = typeof globalThis.marker;
			globalThis.marker = 1;
			return seen;
		};`;
		expect(await run(module, source)).toMatchObject({ output: 'undefined' });
		expect(await run(module, source)).toMatchObject({ output: 'undefined' });
	});
});

describe('console', () => {
	it('records each level with Node-like formatting and the virtual time', async () => {
		const source = `export const handler = async () => {
			console.log('hello', 42, { a: [1, 'x'] }, null, undefined);
			console.info('%s is %d years, %j', 'Ann', 41.5, { k: true });
			await new Promise((r) => setTimeout(r, 250));
			console.warn(new TypeError('bad'));
			console.error(1n, Symbol('s'), function named() {});
			console.debug();
		};`;
		const outcome = await run(module, source);
		expect(outcome.logs).toEqual([
			{ level: 'log', message: 'hello 42 {"a":[1,"x"]} null undefined', atMs: 0 },
			{ level: 'info', message: 'Ann is 41.5 years, {"k":true}', atMs: 0 },
			{
				level: 'warn',
				message: 'TypeError: bad\n    at handler (handler.mjs:5:30)',
				atMs: 250
			},
			{ level: 'error', message: '1n Symbol(s) [Function: named]', atMs: 250 },
			{ level: 'debug', message: '', atMs: 250 }
		]);
	});

	it('keeps the logs of a failed invocation', async () => {
		const source = `export const handler = () => { console.log('before'); throw new Error('x'); };`;
		const outcome = failure(await run(module, source));
		expect(outcome.logs.map((line) => line.message)).toEqual(['before']);
	});

	it('caps the captured output and ends it with one truncation line', async () => {
		const source = `export const handler = () => {
			for (let i = 0; i < 100; i++) console.log('x'.repeat(100));
		};`;
		const outcome = await run(module, source, {}, { logChars: 1050 });
		const messages = outcome.logs.map((line) => line.message);
		expect(messages).toHaveLength(12);
		expect(messages.slice(0, 10).every((m) => m.length === 100)).toBe(true);
		expect(messages[10]).toBe('x'.repeat(50));
		expect(messages[11]).toBe(TRUNCATION_MESSAGE);
	});
});

describe('virtual time', () => {
	it('finishes a 60 s sleep instantly with elapsedMs 60000', async () => {
		const source = `export const handler = async () => {
			const before = Date.now();
			await new Promise((resolve) => setTimeout(resolve, 60000));
			return Date.now() - before;
		};`;
		const started = performance.now();
		const outcome = await run(module, source);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(outcome).toMatchObject({ ok: true, output: 60000, elapsedMs: 60000 });
	});

	it('stops at the virtual timeout', async () => {
		const source = `export const handler = async () => {
			await new Promise((resolve) => setTimeout(resolve, 60000));
			return 'late';
		};`;
		const outcome = failure(await run(module, source, {}, { virtualTimeoutMs: 5000 }));
		expect(outcome).toMatchObject({ kind: 'virtual-timeout', elapsedMs: 5000, limit: 5000 });
	});

	it('fires timers by due time, then creation order, and honours clearTimeout', async () => {
		const source = `export const handler = () => new Promise((resolve) => {
			const order = [];
			setTimeout(() => order.push('b@20'), 20);
			setTimeout((tag) => order.push(tag), 10, 'a@10');
			const cancelled = setTimeout(() => order.push('never'), 15);
			setTimeout(() => order.push('c@20'), 20);
			setImmediate(() => order.push('now'));
			clearTimeout(cancelled);
			setTimeout(() => resolve(order), 30);
		});`;
		const outcome = await run(module, source);
		expect(outcome).toMatchObject({ output: ['now', 'a@10', 'b@20', 'c@20'], elapsedMs: 30 });
	});

	it('repeats intervals until cleared', async () => {
		const source = `export const handler = () => new Promise((resolve) => {
			const ticks = [];
			const id = setInterval(() => {
				ticks.push(Date.now() - ${DEFAULT_LIMITS.epochMs});
				if (ticks.length === 3) { clearInterval(id); resolve(ticks); }
			}, 100);
		});`;
		const outcome = await run(module, source);
		expect(outcome).toMatchObject({ output: [100, 200, 300], elapsedMs: 300 });
	});

	it('derives Date and getRemainingTimeInMillis from the virtual clock', async () => {
		const source = `export const handler = async (event, context) => {
			await new Promise((r) => setTimeout(r, 1500));
			return [new Date().toISOString(), Date(), context.getRemainingTimeInMillis(),
				new Date(0).toISOString(), new Date() instanceof Date];
		};`;
		const outcome = await run(
			module,
			source,
			{},
			{
				epochMs: Date.UTC(2030, 0, 1),
				virtualTimeoutMs: 5000
			}
		);
		expect(outcome.ok && outcome.output).toEqual([
			'2030-01-01T00:00:01.500Z',
			expect.stringContaining('2030'),
			3500,
			'1970-01-01T00:00:00.000Z',
			true
		]);
	});

	it('reports a promise that can never settle', async () => {
		const source = 'export const handler = () => new Promise(() => {});';
		const stuck = failure(await run(module, source));
		expect(stuck).toMatchObject({ kind: 'thrown', errorType: 'Sandbox.PromiseNeverSettled' });
		const timedOut = failure(await run(module, source, {}, { virtualTimeoutMs: 3000 }));
		expect(timedOut).toMatchObject({ kind: 'virtual-timeout', elapsedMs: 3000 });
		// A Lambda function's runtime gives up at once, whatever the task's timeout.
		const limits = { virtualTimeoutMs: 3000, functionTimeoutMs: 900_000 };
		const exited = failure(await run(module, source, {}, limits));
		expect(exited).toMatchObject({ kind: 'thrown', errorType: 'Runtime.NodeJsExit', elapsedMs: 0 });
	});

	it('does not wait for unref-ed timers, like Node', async () => {
		const source = `export const handler = () => new Promise((resolve) => {
			setTimeout(resolve, 10).unref();
		});`;
		expect(failure(await run(module, source)).errorType).toBe('Sandbox.PromiseNeverSettled');
	});

	it('rejects a timer callback that is not a function', async () => {
		const source = "export const handler = () => setTimeout('1+1', 5);";
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({ kind: 'thrown', errorType: 'TypeError' });
		expect(outcome.errorMessage).toContain('"callback" argument must be of type function');
	});

	it('fails the invocation when a timer callback throws', async () => {
		const source = `export const handler = () => new Promise(() => {
			setTimeout(() => { throw new RangeError('in timer'); }, 5);
		});`;
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({
			kind: 'thrown',
			errorType: 'RangeError',
			errorMessage: 'in timer',
			elapsedMs: 5
		});
	});
});

describe('thrown errors', () => {
	it('uses the name, message and stack of a thrown Error', async () => {
		const source = `export const handler = async () => {
			const error = new Error('Something went wrong');
			error.name = 'Exception';
			throw error;
		};`;
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({
			kind: 'thrown',
			errorType: 'Exception',
			errorMessage: 'Something went wrong'
		});
		expect(outcome.stack[0]).toBe('Exception: Something went wrong');
		expect(outcome.stack[1]).toMatch(/^ {4}at handler \(handler\.mjs:2:\d+\)$/);
	});

	it('handles a class-based exception with an empty message', async () => {
		const source = `class CustomError extends Error {
			constructor() { super(); this.name = 'CustomError'; }
		}
		export const handler = () => { throw new CustomError(); };`;
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({ errorType: 'CustomError', errorMessage: '' });
		expect(outcome.stack[0]).toBe('CustomError');
	});

	it("uses Lambda's typeof convention for a thrown non-Error", async () => {
		const source = "export const handler = async () => { throw 'oops'; };";
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({ errorType: 'string', errorMessage: 'oops', stack: [] });
	});

	it('keeps at most 10 stack frames', async () => {
		const source = `const f = (n) => { if (n === 0) throw new Error('deep'); return f(n - 1) + 1; };
			export const handler = () => f(50);`;
		const outcome = failure(await run(module, source));
		expect(outcome.stack).toHaveLength(11);
	});
});

describe('module errors', () => {
	it('reports a syntax error with its line and column', async () => {
		const source = 'export const handler = async () => {\n  return 1 +;\n};';
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({ kind: 'syntax', errorType: 'SyntaxError' });
		expect(outcome.errorMessage).toBe("unexpected token in expression: ';' (line 2, column 13)");
		expect(outcome.stack).toEqual([
			"SyntaxError: unexpected token in expression: ';' (line 2, column 13)",
			'    at handler.mjs:2:13'
		]);
	});

	it('does not take a SyntaxError thrown at run time for a syntax error', async () => {
		const outcome = failure(await run(module, 'JSON.parse("{"); export const handler = 1;'));
		expect(outcome).toMatchObject({ kind: 'thrown', errorType: 'SyntaxError' });
	});

	it('reports a module without a handler export', async () => {
		for (const source of ['export const other = 1;', 'export const handler = 42;']) {
			const outcome = failure(await run(module, source));
			expect(outcome).toMatchObject({
				kind: 'no-handler',
				errorType: 'Runtime.HandlerNotFound',
				errorMessage: 'index.handler is undefined or not exported'
			});
		}
	});
});

describe('limits', () => {
	it('ends an endless synchronous loop via the CPU deadline', async () => {
		const started = performance.now();
		const outcome = failure(await run(module, 'export const handler = () => { while (true) {} };'));
		expect(performance.now() - started).toBeLessThan(3000);
		expect(outcome).toMatchObject({ kind: 'cpu-timeout', limit: DEFAULT_LIMITS.cpuMs });
	});

	it('ends an endless async loop via the CPU deadline', async () => {
		const started = performance.now();
		const outcome = failure(
			await run(module, 'export const handler = async () => { for (;;) await null; };')
		);
		expect(performance.now() - started).toBeLessThan(3000);
		expect(outcome.kind).toBe('cpu-timeout');
	});

	it('ends an endless loop at module top level and honours a smaller cpuMs', async () => {
		const started = performance.now();
		const outcome = failure(await run(module, 'for (;;) {}', {}, { cpuMs: 200 }));
		expect(performance.now() - started).toBeLessThan(900);
		expect(outcome).toMatchObject({ kind: 'cpu-timeout', limit: 200 });
	});

	it('ends an interval that keeps a never-settling handler busy', async () => {
		const source = 'export const handler = () => new Promise(() => setInterval(() => {}, 1000));';
		const outcome = failure(await run(module, source, {}, { cpuMs: 200 }));
		expect(outcome.kind).toBe('cpu-timeout');
		expect(outcome.elapsedMs).toBeGreaterThan(1000);
	});

	it('ends unbounded allocation as out of memory and stays usable', async () => {
		// A module of its own (24 MiB ceiling), so the shared one never fills up.
		const small = new TrackingModule(await loadQuickJS(undefined, 24 * 1024 * 1024));
		const source = `export const handler = () => {
			const a = [];
			for (;;) a.push(new Array(1e6).fill(1));
		};`;
		const outcome = failure(await run(small, source));
		expect(outcome).toMatchObject({
			kind: 'memory',
			errorType: 'InternalError',
			errorMessage: 'out of memory',
			limit: DEFAULT_LIMITS.memoryBytes,
			// WebAssembly memory never shrinks: the caller should replace the module.
			discardModule: true
		});
		expect(await run(small, 'export const handler = (e) => e.n + 1;', { n: 1 })).toMatchObject({
			ok: true,
			output: 2
		});
		small.assertAllFreed();
	});

	it('recognises out of memory when QuickJS can only throw null', async () => {
		// Many small objects fill the heap so completely that QuickJS cannot allocate its
		// InternalError and throws null instead.
		const small = new TrackingModule(await loadQuickJS(undefined, 20 * 1024 * 1024));
		const source = `const a = [];
			export const handler = () => { for (;;) a.push({ n: a.length }); };`;
		const outcome = failure(await run(small, source));
		expect(outcome).toMatchObject({
			kind: 'memory',
			errorType: 'InternalError',
			errorMessage: 'out of memory',
			discardModule: true
		});
		small.assertAllFreed();
	});

	it('does not take a handler that throws null for out of memory', async () => {
		const source =
			'export const handler = () => new Promise(() => setTimeout(() => { throw null; }, 1));';
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({ kind: 'thrown', errorType: 'object', errorMessage: 'null' });
	});

	it('turns deep recursion into a stack overflow error', async () => {
		const source = 'const f = (n) => f(n + 1) + 1; export const handler = () => f(0);';
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({
			kind: 'thrown',
			errorType: 'InternalError',
			errorMessage: 'stack overflow'
		});
		expect(outcome.discardModule).toBeUndefined();
	});

	it('lets a handler catch its own stack overflow', async () => {
		const source = `const f = (n) => f(n + 1) + 1;
			export const handler = () => { try { return f(0); } catch (e) { return e.message; } };`;
		expect(await run(module, source)).toMatchObject({ ok: true, output: 'stack overflow' });
	});

	it('asks to discard the module when the host stack overflows inside QuickJS', async () => {
		// QuickJS's JSON.stringify recurses in C without a stack check, so the host's own
		// stack overflows first; the module's C state is then unknown.
		const fresh = await newQuickJSWASMModuleFromVariant(releaseSync);
		const source = `export const handler = () => {
			let o = {};
			for (let i = 0; i < 200000; i++) o = { o };
			return o;
		};`;
		const outcome = failure(await runHandler(fresh, { source, event: {}, context: CONTEXT }));
		expect(outcome).toMatchObject({
			kind: 'thrown',
			errorType: 'InternalError',
			errorMessage: 'stack overflow',
			discardModule: true
		});
	});
});

describe('output', () => {
	it('rejects a BigInt result as bad output', async () => {
		const outcome = failure(await run(module, 'export const handler = () => ({ n: 1n });'));
		expect(outcome).toMatchObject({
			kind: 'bad-output',
			errorType: 'TypeError',
			errorMessage: 'Do not know how to serialize a BigInt'
		});
	});

	it('rejects a cyclic result as bad output', async () => {
		const source = 'export const handler = () => { const o = {}; o.self = o; return o; };';
		expect(failure(await run(module, source))).toMatchObject({
			kind: 'bad-output',
			errorMessage: 'circular reference'
		});
	});
});

describe('isolation', () => {
	it('exposes no host globals', async () => {
		const source = `export const handler = () => [typeof fetch, typeof require, typeof process,
			typeof window, typeof self, typeof XMLHttpRequest, typeof WebAssembly,
			typeof importScripts, typeof postMessage, typeof hostLog, typeof invoke,
			typeof Function('return this')().process];`;
		const outcome = await run(module, source);
		expect(outcome.ok && outcome.output).toEqual(Array(12).fill('undefined'));
	});

	it('fails a static import cleanly', async () => {
		const source = "import fs from 'fs'; export const handler = () => 1;";
		const outcome = failure(await run(module, source));
		expect(outcome).toMatchObject({ kind: 'thrown', errorType: 'Runtime.ImportModuleError' });
		expect(outcome.errorMessage).toMatch(/^Cannot find module 'fs'/);
	});

	it('rejects a dynamic import with an error the handler can catch', async () => {
		const source = `export const handler = async () => {
			try { await import('node:fs'); return 'imported'; } catch (e) { return e.message; }
		};`;
		const outcome = await run(module, source);
		expect(outcome.ok && outcome.output).toMatch(/^Cannot find module 'node:fs'/);
	});
});
