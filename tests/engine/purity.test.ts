import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './load-cases.js';

/**
 * The engine stays pure (style guide §2): `engine/tsconfig.json` already keeps DOM and Node
 * types out; this test refuses what the compiler lets through: the wall clock, `Math.random`,
 * `crypto`, and imports of the app, Svelte, QuickJS or ELK.
 */
const FORBIDDEN: [RegExp, string][] = [
	[/\bDate\.now\s*\(/, 'Date.now() reads the wall clock: use the virtual clock'],
	[/\bnew Date\s*\(\s*\)/, 'new Date() reads the wall clock: use the virtual clock'],
	[/\bMath\.random\s*\(/, 'Math.random(): use the seeded Random'],
	[/\bcrypto\./, 'crypto: the engine has its own hashes and PRNG'],
	[/\bperformance\.now\s*\(/, 'performance.now() reads the wall clock'],
	[
		/from\s+['"](svelte|\$app|\$lib|elkjs|quickjs-emscripten[^'"]*|@jitl\/[^'"]+)/,
		'the engine must not import the app or its libraries'
	],
	[/from\s+['"](\.\.\/)+src\//, 'the engine must not import the app']
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const full = join(dir, f);
		return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
	});
}

describe('engine purity', () => {
	const sources = files(join(ROOT, 'engine'));
	it('has sources to check', () => expect(sources.length).toBeGreaterThan(10));
	for (const file of sources) {
		it(relative(ROOT, file), () => {
			const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
			const found = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
			expect(found).toEqual([]);
		});
	}
});
