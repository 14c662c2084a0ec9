import { describe, expect, it } from 'vitest';
import { examples } from '../../src/lib/examples/index.js';
import {
	exampleWorkflowOf,
	matchesExample,
	workspaceFromExample
} from '../../src/lib/workspace/defaults.js';
import { Workspace } from '../../src/lib/workspace/workspace.svelte.js';

describe('Workspace.edited', () => {
	it('follows every kind of change away from the example, and back', () => {
		const example = examples.find((e) => e.id === 'image-pipeline')!;
		const ws = new Workspace(workspaceFromExample(example));
		expect(ws.edited).toBe(false);

		ws.definition = ws.definition.replace('Process', 'Handle');
		expect(ws.edited).toBe(true);
		ws.definition = example.definition;
		expect(ws.edited).toBe(false);

		ws.setHandler('resize-image', 'export const handler = () => 1;');
		expect(ws.edited).toBe(true);
		ws.setHandler('resize-image', example.handlers['resize-image']);
		expect(ws.edited).toBe(false);

		ws.input = '{}';
		expect(ws.edited).toBe(true);
		ws.input = example.input;

		// Settings: a duration cleared and set again lands in another member order.
		ws.setLatency('ResizeImage', undefined);
		expect(ws.edited).toBe(true);
		ws.setLatency('ResizeImage', 3000);
		expect(ws.edited).toBe(false);
		ws.setFault('ResizeImage', { error: 'Boom' });
		expect(ws.edited).toBe(true);
		// Back to "None" leaves `faults: {}`: nothing is injected, as in the example.
		ws.setFault('ResizeImage', undefined);
		expect(ws.edited).toBe(false);
	});

	it('is false for a workspace that came from no example', () => {
		const ws = new Workspace({ ...workspaceFromExample(examples[0]), exampleId: undefined });
		expect(ws.edited).toBe(false);
		expect(matchesExample({ ...workspaceFromExample(examples[0]), exampleId: 'gone' })).toBe(false);
	});
});

describe('exampleWorkflowOf', () => {
	const example = examples.find((e) => e.id === 'image-pipeline')!;

	it('is the example while its state machine is unchanged, layout aside', () => {
		expect(exampleWorkflowOf(example.id, example.definition)).toBe(example);
		const compact = JSON.stringify(JSON.parse(example.definition));
		expect(exampleWorkflowOf(example.id, compact)).toBe(example);
	});

	it('is undefined once the state machine is another, invalid, or from no example', () => {
		const other = example.definition.replace('"ResizeImage"', '"Resize"');
		expect(other).not.toBe(example.definition);
		expect(exampleWorkflowOf(example.id, other)).toBeUndefined();
		expect(exampleWorkflowOf(example.id, '{')).toBeUndefined();
		expect(exampleWorkflowOf(undefined, example.definition)).toBeUndefined();
	});
});
