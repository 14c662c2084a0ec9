/**
 * Engine benchmarks, ours vs `aws-local-stepfunctions` (the npm peer):
 *   (a) Parallel of 3 branches × 5 Pass states with Parameters and ResultPath: executions/s
 *   (b) Map over 1,000 items with a Pass inside: items/s
 *   (c) parse + validate of that 16-state definition: ms per call
 *   (d) heap after 100,000 executions of (a): growth in MB (should stay flat)
 * `run.ts` runs each measurement in a fresh Node process (`measure.ts`), so neither engine's
 * garbage or JIT state skews the other's figure.
 */
import type * as Engine from '../engine/index.js';
import type { StateMachineDefinition } from '../engine/index.js';

export type EngineName = 'ours' | 'peer';
export type ScenarioName = 'parallel' | 'map' | 'parse' | 'heap';

/** Scenario (a): 3 branches × 5 Pass states, each with Parameters and ResultPath. */
export function parallelDefinition(): StateMachineDefinition {
	const branch = (b: number) => {
		const States: Record<string, unknown> = {};
		for (let i = 0; i < 5; i++) {
			States[`B${b}S${i}`] = {
				Type: 'Pass',
				Parameters: { 'value.$': '$.value', step: i, branch: b },
				ResultPath: `$.step${i}`,
				...(i < 4 ? { Next: `B${b}S${i + 1}` } : { End: true })
			};
		}
		return { StartAt: `B${b}S0`, States };
	};
	return {
		StartAt: 'Fan',
		States: { Fan: { Type: 'Parallel', Branches: [0, 1, 2].map(branch), End: true } }
	} as unknown as StateMachineDefinition;
}

/** Scenario (b): a Map over its input array with one Pass inside. */
export function mapDefinition(): StateMachineDefinition {
	return {
		StartAt: 'Each',
		States: {
			Each: {
				Type: 'Map',
				ItemProcessor: { StartAt: 'Touch', States: { Touch: { Type: 'Pass', End: true } } },
				End: true
			}
		}
	} as unknown as StateMachineDefinition;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Calls per second: warm up, then the best of three rounds of `roundMs` each, with a garbage
 * collection before each round.
 */
export async function timeLoop(
	roundMs: number,
	once: () => Promise<unknown> | unknown
): Promise<number> {
	for (let i = 0; i < 50; i++) await once();
	let best = 0;
	for (let round = 0; round < 3; round++) {
		gc();
		const start = performance.now();
		let n = 0;
		while (performance.now() - start < roundMs) {
			await once();
			n++;
		}
		best = Math.max(best, (n * 1000) / (performance.now() - start));
	}
	return best;
}

/** Node 20 lacks `Promise.withResolvers`, which the peer needs. */
export function polyfillWithResolvers(): void {
	const P = Promise as unknown as { withResolvers?: () => unknown };
	P.withResolvers ??= function <T>() {
		let resolve!: (v: T) => void;
		let reject!: (e: unknown) => void;
		const promise = new Promise<T>((res, rej) => {
			resolve = res;
			reject = rej;
		});
		return { promise, resolve, reject };
	};
}

/** One figure: exec/s (parallel), items/s (map), ms (parse), MB (heap). */
export async function measure(
	scenario: ScenarioName,
	engineName: EngineName,
	engine: typeof Engine
): Promise<number> {
	const input = { value: 42 };
	const par = parallelDefinition();
	const items = Array.from({ length: 1000 }, (_, i) => ({ id: i }));
	if (engineName === 'peer') {
		polyfillWithResolvers();
		const { StateMachine } = await import('aws-local-stepfunctions');
		switch (scenario) {
			case 'parallel': {
				const m = new StateMachine(par as never);
				return timeLoop(1000, () => m.run(input).result);
			}
			case 'map': {
				const m = new StateMachine(mapDefinition() as never);
				return (await timeLoop(1000, () => m.run(items).result)) * 1000;
			}
			case 'parse': {
				const text = JSON.stringify(par, null, 2);
				return 1000 / (await timeLoop(400, () => new StateMachine(JSON.parse(text))));
			}
			case 'heap':
				throw new Error('the heap figure is measured for our engine only');
		}
	}
	const { startExecution, parseDefinition, validateDefinition } = engine;
	switch (scenario) {
		case 'parallel':
			return timeLoop(1000, () => startExecution(par, input).runToEnd());
		case 'map': {
			const map = mapDefinition();
			return (
				(await timeLoop(1000, () =>
					startExecution(map, items, { maxEvents: 1_000_000 }).runToEnd()
				)) * 1000
			);
		}
		case 'parse': {
			const text = JSON.stringify(par, null, 2);
			return (
				1000 / (await timeLoop(400, () => validateDefinition(parseDefinition(text).definition)))
			);
		}
		case 'heap': {
			for (let i = 0; i < 1000; i++) await startExecution(par, input).runToEnd();
			gc();
			const before = process.memoryUsage().heapUsed;
			for (let i = 0; i < 100_000; i++) await startExecution(par, input).runToEnd();
			gc();
			return (process.memoryUsage().heapUsed - before) / 1e6;
		}
	}
}
