import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { describe, expect, it } from 'vitest';
import { GraphLayoutService, type ElkInstance } from '../../src/lib/layout/elk.js';
import { seedDefinition } from './fixtures.js';

// An ELK whose answers are released by hand, in any order.
function manualElk() {
	const pending: { graph: ElkNode; release: () => void; fail: (e: Error) => void }[] = [];
	const real = new ELK();
	let terminated = 0;
	const elk: ElkInstance = {
		layout: (graph) =>
			new Promise((resolve, reject) => {
				pending.push({
					graph,
					release: () => void real.layout(graph).then(resolve, reject),
					fail: reject
				});
			}) as ReturnType<ElkInstance['layout']>,
		terminateWorker: () => {
			terminated++;
		}
	};
	return { elk, pending, terminated: () => terminated };
}

describe('GraphLayoutService', () => {
	it('lays out a definition with the ELK it is given', async () => {
		const service = new GraphLayoutService(() => new ELK());
		const layout = await service.layout(seedDefinition);
		expect(layout?.nodes.some((n) => n.stateName === 'CompleteWorkflow')).toBe(true);
	});

	it('drops a result that arrives after a newer request (latest wins)', async () => {
		const { elk, pending } = manualElk();
		const service = new GraphLayoutService(() => elk);
		const first = service.layout({ StartAt: 'Old', States: { Old: { Type: 'Succeed' } } });
		const second = service.layout(seedDefinition);
		pending[1].release();
		pending[0].release();
		expect(await second).toBeDefined();
		expect(await first).toBeUndefined();
	});

	it('creates ELK once, lazily', async () => {
		let created = 0;
		const service = new GraphLayoutService(() => (created++, new ELK()));
		expect(created).toBe(0);
		await service.layout(seedDefinition);
		await service.layout(seedDefinition);
		expect(created).toBe(1);
	});

	it('rejects when ELK fails on the latest request, but not on a stale one', async () => {
		const { elk, pending } = manualElk();
		const service = new GraphLayoutService(() => elk);
		const stale = service.layout(seedDefinition);
		const latest = service.layout(seedDefinition);
		pending[0].fail(new Error('boom'));
		pending[1].fail(new Error('bang'));
		expect(await stale).toBeUndefined();
		await expect(latest).rejects.toThrow('bang');
	});

	it('resolves pending calls with undefined on dispose, and terminates the worker', async () => {
		const manual = manualElk();
		const service = new GraphLayoutService(() => manual.elk);
		const pendingCall = service.layout(seedDefinition);
		service.dispose();
		expect(await pendingCall).toBeUndefined();
		expect(manual.terminated()).toBe(1);
	});
});
