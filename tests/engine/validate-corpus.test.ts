import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../engine/asl/parse.js';
import { validateDefinition } from '../../engine/asl/validate.js';

/**
 * Calibration: AWS accepted (and ran) every definition in the recorded corpus, so the validator
 * must report no error for any of them. Warnings are allowed.
 */

const CASES = fileURLToPath(
	new URL('../../../shared/conformance/localstack/cases/', import.meta.url)
);

interface CorpusCase {
	readonly name: string;
	readonly definition: unknown;
}

const cases: CorpusCase[] = readdirSync(CASES)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => JSON.parse(readFileSync(CASES + f, 'utf8')) as CorpusCase);

describe('validateDefinition on the AWS-recorded corpus', () => {
	it('finds the corpus', () => {
		expect(cases.length).toBeGreaterThan(900);
	});

	it('reports no error for any definition AWS accepted', () => {
		const failures: string[] = [];
		for (const c of cases) {
			const text = JSON.stringify(c.definition, null, 2);
			const parsed = parseDefinition(text);
			const diagnostics = [
				...parsed.diagnostics,
				...validateDefinition(parsed.definition, parsed.sourceMap)
			];
			for (const d of diagnostics) {
				if (d.severity !== 'error') continue;
				failures.push(
					`${c.name}: ${d.code} at ${d.path} (${text.slice(d.from, d.to)}): ${d.message}`
				);
			}
		}
		expect(failures).toEqual([]);
	});
});
