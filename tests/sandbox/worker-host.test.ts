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
});
