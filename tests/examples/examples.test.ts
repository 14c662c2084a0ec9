import { describe, expect, it } from 'vitest';
import {
	executionOutcome,
	latencyModel,
	parseDefinition,
	startExecution,
	validateDefinition,
	type HistoryEvent,
	type JsonValue,
	type StateMachineDefinition
} from '../../engine/index.js';
import { examples, type Example } from '../../src/lib/examples/index.js';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { javascript } from '@codemirror/lang-javascript';
import { handlersWithSyntaxErrors } from '../../src/lib/editor/javascript-lint.js';

const byId = (id: string): Example => {
	const example = examples.find((e) => e.id === id);
	if (!example) throw new Error(`no example ${id}`);
	return example;
};

function definitionOf(example: Example): StateMachineDefinition {
	const parsed = parseDefinition(example.definition);
	if (!parsed.definition) throw new Error(`${example.id}: ${JSON.stringify(parsed.diagnostics)}`);
	return parsed.definition;
}

async function run(example: Example, options: { input?: JsonValue; sequential?: boolean } = {}) {
	const execution = startExecution(
		definitionOf(example),
		options.input ?? (JSON.parse(example.input) as JsonValue),
		{
			invokeTask: createLambdaInvoker(example.handlers),
			taskLatencyMs: latencyModel(example.latency ?? {}),
			sequential: options.sequential
		}
	);
	const outcome = await execution.runToEnd();
	return { outcome, events: execution.events };
}

const eventsOf = (events: readonly HistoryEvent[], type: string, stateName: string) =>
	events.filter((e) => e.type === type && e.stateName === stateName);

/** Every Lambda function name the definition's ARNs call. */
function functionNames(definitionText: string): Set<string> {
	const names = definitionText.matchAll(
		/arn:aws:lambda:us-east-1:123456789012:function:([A-Za-z0-9_-]+)/g
	);
	return new Set([...names].map((m) => m[1]));
}

/** Every state name in the definition, at any depth. */
function stateNames(node: unknown, into = new Set<string>()): Set<string> {
	if (typeof node !== 'object' || node === null) return into;
	for (const [key, value] of Object.entries(node)) {
		if (key === 'States' && typeof value === 'object' && value !== null) {
			for (const name of Object.keys(value)) into.add(name);
		}
		stateNames(value, into);
	}
	return into;
}

describe('examples', () => {
	it('are listed in the picker order, with unique ids', () => {
		expect(examples.map((e) => e.id)).toEqual([
			'image-pipeline',
			'ecommerce-order',
			'ai-document-pipeline',
			'media-pipeline',
			'financial-transaction'
		]);
	});

	describe.each(examples.map((e) => [e.id, e] as const))('%s', (_id, example) => {
		it('has a one-sentence summary and pretty-printed JSON texts', () => {
			expect(example.title.length).toBeGreaterThan(0);
			// The picker tells them apart by what each teaches: "Image pipeline (Parallel)".
			expect(example.title).toMatch(/^[A-Z][^()]* \([A-Z][A-Za-z]*( \+ [A-Z][A-Za-z]*)*\)$/);
			expect(example.summary).toMatch(/^[A-Z][^]*\.$/);
			expect(example.summary.slice(0, -1)).not.toMatch(/\.\s/);
			expect(example.definition).toBe(JSON.stringify(JSON.parse(example.definition), null, 2));
			expect(example.input).toBe(JSON.stringify(JSON.parse(example.input), null, 2));
		});

		it('parses and validates with no diagnostics', () => {
			const parsed = parseDefinition(example.definition);
			expect(parsed.diagnostics).toEqual([]);
			const diagnostics = validateDefinition(parsed.definition!, parsed.sourceMap);
			expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
			expect(diagnostics).toEqual([]);
		});

		it('has a handler for every function it calls, and no other', () => {
			expect(new Set(Object.keys(example.handlers))).toEqual(functionNames(example.definition));
		});

		// The page parses handlers (for the tabs' error marks) only once one is not an example's own.
		it('ships handlers the editor finds no syntax error in', () => {
			expect([...handlersWithSyntaxErrors(example.handlers, javascript())]).toEqual([]);
		});

		it('gives latencies only to states it has', () => {
			const states = stateNames(JSON.parse(example.definition));
			for (const name of Object.keys(example.latency?.byState ?? {}))
				expect(states).toContain(name);
		});

		it('runs to SUCCEEDED, the same way twice', async () => {
			const first = await run(example);
			expect(first.outcome.status, JSON.stringify(first.outcome)).toBe('SUCCEEDED');
			const second = await run(example);
			expect(JSON.stringify(second.events)).toBe(JSON.stringify(first.events));
		});
	});
});

describe('image pipeline', () => {
	const example = byId('image-pipeline');

	it('takes as long as the slowest branch: 3 s in parallel, 6 s sequentialised', async () => {
		const parallel = await run(example);
		expect(parallel.outcome.durationMs).toBe(3000);
		expect(parallel.outcome.output).toEqual([
			{ key: 'resized/cat.png', width: 1024, height: 768 },
			{ key: 'thumbnails/cat.png', size: 128 },
			{ format: 'PNG', megapixels: 12.2 }
		]);
		const sequential = await run(example, { sequential: true });
		expect(sequential.outcome.status).toBe('SUCCEEDED');
		expect(sequential.outcome.durationMs).toBe(6000);
		expect(sequential.outcome.output).toEqual(parallel.outcome.output);
	});
});

describe('e-commerce order', () => {
	const example = byId('ecommerce-order');

	it('completes the order with the payment, email and shipping results', async () => {
		const { outcome } = await run(example);
		expect(outcome.durationMs).toBe(1500);
		expect(outcome.output).toEqual({
			orderId: 'ORD-1042',
			status: 'COMPLETED',
			transactionId: expect.stringMatching(/^txn_/),
			confirmationMessageId: expect.any(String),
			trackingNumber: expect.any(String)
		});
	});

	it('takes the Catch path when an item is out of stock', async () => {
		const input = JSON.parse(example.input);
		input.items[1].quantity = 5;
		const { outcome, events } = await run(example, { input });
		expect(eventsOf(events, 'LambdaFunctionFailed', 'ReserveInventory')).toHaveLength(1);
		expect(eventsOf(events, 'ParallelStateFailed', 'ProcessOrder')).toHaveLength(1);
		expect(eventsOf(events, 'TaskStateEntered', 'CancelOrder')).toHaveLength(1);
		expect(eventsOf(events, 'PassStateEntered', 'CompleteOrder')).toHaveLength(0);
		expect(outcome.status).toBe('FAILED');
		expect(outcome.error).toBe('OrderCancelled');
		expect(outcome.cause).toBe('OutOfStockError: MOUSE-02: 5 ordered, 3 in stock');
		expect(outcome.durationMs).toBe(800 + 300);
	});
});

describe('AI document pipeline', () => {
	const example = byId('ai-document-pipeline');

	it('stores the vectors of a clean document', async () => {
		const { outcome, events } = await run(example);
		expect(eventsOf(events, 'TaskStateEntered', 'StoreVectors')).toHaveLength(1);
		expect(outcome.durationMs).toBe(2400 + 300);
		expect(outcome.output).toEqual({
			documentId: 'doc-7731',
			vectorId: 'vec-doc-7731',
			index: 'documents',
			dimensions: 8,
			summary: 'In Q3, Acme Corp cut data-centre emissions by 18%.',
			entities: ['Acme Corp', 'Dublin', 'Oregon', 'Jane Smith']
		});
	});

	it('rejects a document that moderation flags', async () => {
		const input = {
			...JSON.parse(example.input),
			text: 'Download this phishing kit now. It works.'
		};
		const { outcome, events } = await run(example, { input });
		expect(eventsOf(events, 'TaskStateEntered', 'StoreVectors')).toHaveLength(0);
		expect(outcome.status).toBe('FAILED');
		expect(outcome.error).toBe('DocumentRejected');
		expect(outcome.cause).toBe('Blocked terms: phishing');
	});
});

describe('media pipeline', () => {
	const example = byId('media-pipeline');

	it('is written in JSONata', () => {
		const definition = JSON.parse(example.definition);
		expect(definition.QueryLanguage).toBe('JSONata');
		expect(example.definition).toContain('"Assign"');
		expect(example.definition).toContain('$states.context.Map.Item.Index');
	});

	it('transcodes two renditions at a time beside the other jobs, then publishes', async () => {
		const { outcome, events } = await run(example);
		const starts = events.filter((e) => e.type === 'MapIterationStarted').map((e) => e.timestamp);
		expect(starts).toEqual([0, 0, 2000, 2000]);
		expect(outcome.durationMs).toBe(4000 + 400);
		expect(outcome.output).toEqual({
			videoId: 'vid-2048',
			manifest: 's3://media-output/vid-2048/master.m3u8',
			renditions: ['2160p', '1080p', '720p', '480p'],
			poster: 's3://media-output/vid-2048/thumbnails/315.jpg',
			captions: 's3://media-output/vid-2048/captions.en-US.vtt',
			audioGainDb: 7
		});
	});
});

describe('financial transaction', () => {
	const example = byId('financial-transaction');

	it('retries the flaky fraud check after 1 s and still succeeds', async () => {
		const { outcome, events } = await run(example);
		const scheduled = eventsOf(events, 'LambdaFunctionScheduled', 'FraudCheck');
		expect(scheduled.map((e) => e.timestamp)).toEqual([0, 700 + 1000]);
		const failed = eventsOf(events, 'LambdaFunctionFailed', 'FraudCheck');
		expect(failed.map((e) => e.lambdaFunctionFailedEventDetails?.error)).toEqual([
			'ServiceUnavailable'
		]);
		expect(outcome.status).toBe('SUCCEEDED');
		expect(outcome.durationMs).toBe(700 + 1000 + 700);
		expect(outcome.output).toEqual({
			transactionId: 'TX-88213',
			status: 'SETTLED',
			riskScore: expect.any(Number),
			fraudCheckAttempts: 2,
			ledgerEntryId: 'LE-TX-88213'
		});
	});

	it('sends a compliance failure to manual review', async () => {
		const input = JSON.parse(example.input);
		input.counterparty.country = 'KP';
		const { outcome, events } = await run(example, { input });
		expect(eventsOf(events, 'ParallelStateFailed', 'ProcessTransaction')).toHaveLength(1);
		expect(outcome.status).toBe('SUCCEEDED');
		expect(outcome.output).toMatchObject({
			status: 'PENDING_REVIEW',
			reason: 'ComplianceViolation'
		});
	});
});
