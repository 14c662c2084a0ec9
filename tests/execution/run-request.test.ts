import { describe, expect, it } from 'vitest';
import type { HistoryEvent, InvokeTask } from '../../engine/index.js';
import { runRequest } from '../../src/lib/execution/run-request.js';
import type { RunRequest } from '../../src/lib/execution/messages.js';

/** Three Lambda tasks in a row. */
const request: RunRequest = {
	definition: {
		StartAt: 'A',
		States: {
			A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', Next: 'B' },
			B: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', Next: 'C' },
			C: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', End: true }
		}
	} as RunRequest['definition'],
	input: {},
	handlers: {}
};

/** A wall clock that each handler call moves on by `handlerMs`. */
function slowHandlers(handlerMs: number) {
	let clock = 0;
	const invoke: InvokeTask = async (task) => {
		clock += handlerMs;
		return { ok: true, output: task.payload };
	};
	return { invoke, now: () => clock };
}

describe('runRequest', () => {
	it('reports the events before the first handler runs, then every flushMs of handler time', async () => {
		const { invoke, now } = slowHandlers(500);
		const batches: (readonly HistoryEvent[])[] = [];
		const seenByHandler: number[] = [];
		const counting: InvokeTask = (task) => {
			seenByHandler.push(batches.flat().length);
			return invoke(task);
		};
		await runRequest(request, counting, (b) => batches.push(b), { flushMs: 100, now });
		// Each handler starts with the events up to its own call already reported.
		const all = batches.flat();
		expect(seenByHandler).toHaveLength(3);
		for (const [i, seen] of seenByHandler.entries()) {
			expect(all.slice(0, seen).filter((e) => e.type === 'TaskStateEntered')).toHaveLength(i + 1);
		}
		expect(batches.length).toBeGreaterThanOrEqual(4);
		expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
	});

	it('reports a run of fast handlers before the first handler and at its end only', async () => {
		const { invoke, now } = slowHandlers(0);
		const batches: (readonly HistoryEvent[])[] = [];
		await runRequest(request, invoke, (b) => batches.push(b), { flushMs: 100, now });
		// The first handler call reports what precedes it; the rest comes at the end.
		expect(batches).toHaveLength(2);
		expect(batches.at(-1)!.at(-1)!.type).toBe('ExecutionSucceeded');
	});
});
