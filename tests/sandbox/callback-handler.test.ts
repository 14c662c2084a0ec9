import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WarmHandler } from '../../src/lib/sandbox/run-handler.js';
import { CONTEXT, failure, run, testModule, TrackingModule } from './helpers.js';

// Callback-style handlers, as Lambda's Node.js runtimes up to nodejs22.x run them
// (aws-lambda-nodejs-runtime-interface-client: Runtime.js, CallbackContext.js).

let module: TrackingModule;

beforeAll(async () => {
	module = await testModule();
});

afterEach(() => {
	module.assertAllFreed();
});

describe('callback handlers', () => {
	it('succeed with callback(null, result)', async () => {
		const source =
			'export const handler = (event, context, callback) => callback(null, { n: event.n + 1 });';
		expect(await run(module, source, { n: 41 })).toMatchObject({ ok: true, output: { n: 42 } });
	});

	it('fail with callback(error), like a thrown error', async () => {
		const source = `export const handler = (event, context, callback) => {
			callback(new RangeError('too big'));
		};`;
		expect(failure(await run(module, source))).toMatchObject({
			kind: 'thrown',
			errorType: 'RangeError',
			errorMessage: 'too big'
		});
		const text = 'export const handler = (e, c, callback) => callback("declined");';
		expect(failure(await run(module, text))).toMatchObject({
			errorType: 'string',
			errorMessage: 'declined'
		});
	});

	it('may call back later, from a timer', async () => {
		const source = `export function handler(event, context, callback) {
			setTimeout(() => callback(null, 'late'), 250);
		}`;
		expect(await run(module, source)).toMatchObject({ ok: true, output: 'late', elapsedMs: 250 });
	});

	it('answer once the event loop is empty, unless callbackWaitsForEmptyEventLoop is false', async () => {
		const waits = `export const handler = (event, context, callback) => {
			setTimeout(() => console.log('flushed'), 500);
			callback(null, 'done');
		};`;
		expect(await run(module, waits)).toMatchObject({
			ok: true,
			output: 'done',
			elapsedMs: 500,
			logs: [expect.objectContaining({ message: 'flushed' })]
		});
		const hurries = `export const handler = (event, context, callback) => {
			context.callbackWaitsForEmptyEventLoop = false;
			setTimeout(() => console.log('never'), 500);
			callback(null, 'done');
		};`;
		expect(await run(module, hurries)).toMatchObject({
			ok: true,
			output: 'done',
			elapsedMs: 0,
			logs: []
		});
	});

	it('keep the first of callback, returned promise and thrown error', async () => {
		const callbackFirst = `export const handler = async (event, context, callback) => {
			setTimeout(() => callback(null, 'callback'), 10);
			await new Promise((r) => setTimeout(r, 20));
			return 'promise';
		};`;
		expect(await run(module, callbackFirst)).toMatchObject({ output: 'callback', elapsedMs: 20 });
		const promiseFirst = `export const handler = (event, context, callback) => {
			setTimeout(() => callback(new Error('too late')), 20);
			return new Promise((r) => setTimeout(() => r('promise'), 10));
		};`;
		expect(await run(module, promiseFirst)).toMatchObject({ ok: true, output: 'promise' });
		const thenThrows = `export const handler = (event, context, callback) => {
			callback(null, 'answered');
			throw new Error('ignored');
		};`;
		expect(await run(module, thenThrows)).toMatchObject({ ok: true, output: 'answered' });
		const twice = `export const handler = (event, context, callback) => {
			callback(null, 1);
			callback(null, 2);
		};`;
		expect(await run(module, twice)).toMatchObject({ ok: true, output: 1 });
	});

	it('answer null when the callback is never called, once the event loop is empty', async () => {
		const source = `export const handler = (event, context, callback) => {
			setTimeout(() => {}, 100);
			return 'ignored, as on Lambda';
		};`;
		expect(await run(module, source)).toMatchObject({ ok: true, output: null, elapsedMs: 100 });
	});

	it('offer context.succeed, context.fail and context.done', async () => {
		const succeed = 'export const handler = (e, context) => { context.succeed({ ok: 1 }); };';
		expect(await run(module, succeed)).toMatchObject({ ok: true, output: { ok: 1 } });
		const fail = "export const handler = (e, context) => { context.fail(new TypeError('no')); };";
		expect(failure(await run(module, fail))).toMatchObject({ errorType: 'TypeError' });
		const done =
			'export const handler = (e, context, cb) => { context.done(null, 7); cb(null, 8); };';
		expect(await run(module, done)).toMatchObject({ ok: true, output: 7 });
	});

	it('still time out on the virtual clock while waiting for the callback', async () => {
		const source = `export const handler = (event, context, callback) => {
			setTimeout(() => callback(null, 'too late'), 10_000);
		};`;
		const outcome = await run(module, source, {}, { virtualTimeoutMs: 3000 });
		expect(failure(outcome)).toMatchObject({ kind: 'virtual-timeout' });
	});

	it('start every warm invocation with a fresh callback', async () => {
		const warm = new WarmHandler(`let calls = 0;
			export const handler = (event, context, callback) => {
				calls++;
				if (calls === 1) setTimeout(() => callback(null, 'stale'), 50);
				else callback(null, calls);
			};`);
		try {
			expect(warm.invoke(module, { event: {}, context: CONTEXT })).toMatchObject({
				ok: true,
				output: 'stale'
			});
			expect(warm.invoke(module, { event: {}, context: CONTEXT })).toMatchObject({
				ok: true,
				output: 2,
				elapsedMs: 0
			});
		} finally {
			warm.dispose();
		}
	});
});
