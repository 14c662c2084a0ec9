import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskResult } from '../../engine/run/task.js';
import { SandboxClient, type WorkerLike } from '../../src/lib/sandbox/client.js';
import type { FromWorker, ToWorker } from '../../src/lib/sandbox/messages.js';
import { request } from './helpers.js';

type MessageListener = (event: { readonly data: FromWorker }) => void;
type ErrorListener = (event: unknown) => void;

class FakeWorker implements WorkerLike {
	readonly posted: ToWorker[] = [];
	terminated = false;
	readonly #message: MessageListener[] = [];
	readonly #error: ErrorListener[] = [];

	postMessage(message: ToWorker): void {
		this.posted.push(message);
	}

	terminate(): void {
		this.terminated = true;
	}

	addEventListener(type: 'message', listener: MessageListener): void;
	addEventListener(type: 'error', listener: ErrorListener): void;
	addEventListener(type: 'message' | 'error', listener: MessageListener | ErrorListener): void {
		if (type === 'message') this.#message.push(listener as MessageListener);
		else this.#error.push(listener as ErrorListener);
	}

	/** Answers the `index`-th invoke this worker received with `result`. */
	answer(index: number, result: TaskResult): void {
		const invokes = this.posted.filter((m) => m.type === 'invoke');
		const message = invokes[index];
		if (message?.type !== 'invoke') throw new Error(`no invoke #${index}`);
		const data: FromWorker = { type: 'result', id: message.id, result };
		for (const listener of this.#message) listener({ data });
	}

	crash(): void {
		for (const listener of this.#error) listener(new Event('error'));
	}
}

const OK: TaskResult = { ok: true, output: 1 };
const HANDLERS = { fn: 'export const handler = () => 1;' };

let workers: FakeWorker[];
let client: SandboxClient;

beforeEach(() => {
	vi.useFakeTimers();
	workers = [];
	client = new SandboxClient(HANDLERS, {
		silenceMs: 1000,
		createWorker: () => {
			const worker = new FakeWorker();
			workers.push(worker);
			return worker;
		}
	});
});

afterEach(() => {
	vi.useRealTimers();
});

describe('SandboxClient', () => {
	it('starts the worker lazily and configures it before the first call', async () => {
		expect(workers).toHaveLength(0);
		const pending = client.invoke(request('fn'));
		expect(workers).toHaveLength(1);
		expect(workers[0].posted.map((m) => m.type)).toEqual(['configure', 'invoke']);
		expect(workers[0].posted[0]).toMatchObject({ type: 'configure', handlers: HANDLERS });
		workers[0].answer(0, OK);
		expect(await pending).toEqual(OK);
	});

	it('matches results to calls by request id', async () => {
		const first = client.invoke(request('fn', { n: 1 }));
		const second = client.invoke(request('fn', { n: 2 }));
		const [a, b] = workers[0].posted.filter((m) => m.type === 'invoke');
		expect(a.type === 'invoke' && b.type === 'invoke' && a.id !== b.id).toBe(true);
		workers[0].answer(1, { ok: true, output: 'second' });
		workers[0].answer(0, { ok: true, output: 'first' });
		expect(await first).toEqual({ ok: true, output: 'first' });
		expect(await second).toEqual({ ok: true, output: 'second' });
	});

	it('kills a silent worker, fails its calls with States.Timeout and restarts lazily', async () => {
		const pending = client.invoke(request('fn'));
		vi.advanceTimersByTime(1000);
		expect(await pending).toEqual({
			ok: false,
			Error: 'States.Timeout',
			Cause: 'The sandbox worker was silent for 1000 ms and was restarted'
		});
		expect(workers[0].terminated).toBe(true);
		client.setHandlers({ other: 'export const handler = () => 2;' });
		const next = client.invoke(request('other'));
		expect(workers).toHaveLength(2);
		expect(workers[1].posted[0]).toMatchObject({
			type: 'configure',
			handlers: { other: expect.any(String) }
		});
		workers[1].answer(0, OK);
		expect(await next).toEqual(OK);
	});

	it('restarts the silence budget whenever a result arrives', async () => {
		const first = client.invoke(request('fn'));
		const second = client.invoke(request('fn'));
		vi.advanceTimersByTime(800);
		workers[0].answer(0, OK);
		vi.advanceTimersByTime(800);
		workers[0].answer(1, OK);
		expect(await first).toEqual(OK);
		expect(await second).toEqual(OK);
		expect(workers[0].terminated).toBe(false);
	});

	it('sends new handlers to a running worker', () => {
		void client.invoke(request('fn'));
		client.setHandlers({ g: 'export const handler = () => 3;' });
		expect(workers[0].posted.at(-1)).toMatchObject({
			type: 'configure',
			handlers: { g: expect.any(String) }
		});
	});

	it('cancels pending calls, ignoring late results from the killed worker', async () => {
		const pending = client.invoke(request('fn'));
		client.cancelPending();
		expect(await pending).toMatchObject({ ok: false, Error: 'Sandbox.Cancelled' });
		expect(workers[0].terminated).toBe(true);
		workers[0].answer(0, OK);
		const next = client.invoke(request('fn'));
		workers[1].answer(0, { ok: true, output: 'fresh' });
		expect(await next).toEqual({ ok: true, output: 'fresh' });
	});

	it('fails pending calls when the worker crashes', async () => {
		const pending = client.invoke(request('fn'));
		workers[0].crash();
		expect(await pending).toMatchObject({ ok: false, Error: 'Lambda.ServiceException' });
		expect(workers[0].terminated).toBe(true);
	});
});
