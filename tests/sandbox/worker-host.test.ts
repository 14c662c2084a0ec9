import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../src/lib/sandbox/messages.js';
import { serveSandbox, type SandboxPort } from '../../src/lib/sandbox/worker-host.js';
import { request } from './helpers.js';

class FakePort implements SandboxPort {
	readonly posted: FromWorker[] = [];
	#listener: ((event: { readonly data: ToWorker }) => void) | undefined;
	#waiters: (() => void)[] = [];

	postMessage(message: FromWorker): void {
		this.posted.push(message);
		for (const wake of this.#waiters.splice(0)) wake();
	}

	addEventListener(_type: 'message', listener: (event: { readonly data: ToWorker }) => void): void {
		this.#listener = listener;
	}

	send(data: ToWorker): void {
		this.#listener?.({ data });
	}

	async results(count: number): Promise<FromWorker[]> {
		while (this.posted.length < count) await new Promise<void>((wake) => this.#waiters.push(wake));
		return this.posted;
	}
}

describe('serveSandbox', () => {
	it('answers each invoke with one result, using the latest configuration', async () => {
		const port = new FakePort();
		serveSandbox(port);
		port.send({ type: 'invoke', id: 1, request: request('double', { n: 2 }) });
		port.send({
			type: 'configure',
			handlers: { double: 'export const handler = (e) => e.n * 2;' }
		});
		port.send({ type: 'invoke', id: 2, request: request('double', { n: 21 }) });
		const results = await port.results(2);
		const byId = new Map(results.map((m) => [m.id, m.result]));
		expect(byId.get(1)).toMatchObject({ ok: false, Error: 'Lambda.ResourceNotFoundException' });
		expect(byId.get(2)).toMatchObject({ ok: true, output: 42 });
	});

	it('starts every configuration cold, with the previous warm state gone', async () => {
		const port = new FakePort();
		serveSandbox(port);
		const handlers = { count: 'let n = 0; export const handler = () => ++n;' };
		port.send({ type: 'configure', handlers });
		port.send({ type: 'invoke', id: 1, request: request('count') });
		port.send({ type: 'invoke', id: 2, request: request('count') });
		await port.results(2);
		port.send({ type: 'configure', handlers });
		port.send({ type: 'invoke', id: 3, request: request('count') });
		const results = await port.results(3);
		const byId = new Map(results.map((m) => [m.id, m.result]));
		expect([1, 2, 3].map((id) => byId.get(id))).toMatchObject([
			{ ok: true, output: 1 },
			{ ok: true, output: 2 },
			{ ok: true, output: 1 }
		]);
	});
});
