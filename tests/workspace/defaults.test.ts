import { describe, expect, it } from 'vitest';
import { examples } from '../../src/lib/examples/index.js';
import {
	decodeWorkspace,
	encodeWorkspace,
	MAX_FRAGMENT_CHARS
} from '../../src/lib/share/url-hash.js';
import {
	DEFAULT_SETTINGS,
	defaultWorkspace,
	workspaceFromExample
} from '../../src/lib/workspace/defaults.js';
import { validateWorkspace } from '../../src/lib/workspace/validate.js';

describe('workspace defaults', () => {
	it('opens the first example by default, with seed 0', () => {
		expect(DEFAULT_SETTINGS).toEqual({ seed: 0 });
		expect(defaultWorkspace().exampleId).toBe(examples[0].id);
	});

	it.each(examples.map((e) => [e.id, e] as const))(
		'%s makes a valid, shareable workspace',
		async (_id, example) => {
			const data = workspaceFromExample(example);
			expect(data).toEqual({
				v: 1,
				definition: example.definition,
				input: example.input,
				handlers: example.handlers,
				settings: { seed: 0, latency: example.latency },
				exampleId: example.id
			});
			expect(data.handlers).not.toBe(example.handlers);
			expect(validateWorkspace(JSON.parse(JSON.stringify(data)))).toEqual({ ok: true, data });
			const hash = await encodeWorkspace(data);
			expect(hash.length).toBeLessThan(MAX_FRAGMENT_CHARS);
			expect(await decodeWorkspace(hash)).toEqual({ ok: true, data });
		}
	);
});
