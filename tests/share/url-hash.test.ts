import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	decodeWorkspace,
	encodeWorkspace,
	MAX_FRAGMENT_CHARS,
	type DecodedWorkspace
} from '../../src/lib/share/url-hash.js';
import type { WorkspaceData } from '../../src/lib/workspace/types.js';
import { MAX_HANDLERS } from '../../src/lib/workspace/validate.js';

const WORKSPACE: WorkspaceData = {
	v: 1,
	definition:
		'{\n  "StartAt": "Hello",\n  "States": { "Hello": { "Type": "Pass", "End": true } }\n}',
	input: '{ "name": "world" }',
	handlers: { greet: 'export const handler = async (event) => ({ hello: event.name });\n' },
	settings: { seed: 42, latency: { byState: { Hello: 1500 }, default: { min: 100, max: 900 } } },
	exampleId: 'image-pipeline'
};

/** A link body made by hand: `v1.` + base64url(gzip(text)), as the encoder would. */
function fragmentOf(text: string | Uint8Array, marker = 'v1'): string {
	return `${marker}.${Buffer.from(gzipSync(text)).toString('base64url')}`;
}

/** A hand-made link holding `WORKSPACE` with `changes` applied to its JSON object. */
function linkWith(changes: (value: Record<string, unknown>) => void): string {
	const value = JSON.parse(JSON.stringify(WORKSPACE));
	changes(value);
	return fragmentOf(JSON.stringify(value));
}

function refusal(result: DecodedWorkspace): { code: string; reason: string } {
	if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
	expect(result.reason.length).toBeGreaterThan(10);
	return result;
}

async function roundTrip(data: WorkspaceData): Promise<WorkspaceData> {
	const result = await decodeWorkspace(await encodeWorkspace(data));
	if (!result.ok) throw new Error(result.reason);
	return result.data;
}

describe('encodeWorkspace / decodeWorkspace', () => {
	it('runs in this Node (CompressionStream and DecompressionStream are globals)', () => {
		expect(typeof CompressionStream).toBe('function');
		expect(typeof DecompressionStream).toBe('function');
	});

	it('encodes as v1. + unpadded base64url', async () => {
		const hash = await encodeWorkspace(WORKSPACE);
		expect(hash).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
		expect(Buffer.from(hash.slice(3), 'base64url').subarray(0, 2)).toEqual(
			Buffer.from([0x1f, 0x8b])
		);
	});

	it('round-trips a workspace', async () => {
		expect(await roundTrip(WORKSPACE)).toEqual(WORKSPACE);
	});

	it('round-trips one without latency or example id', async () => {
		const plain: WorkspaceData = {
			v: 1,
			definition: '',
			input: '',
			handlers: {},
			settings: { seed: 0 }
		};
		expect(await roundTrip(plain)).toEqual(plain);
	});

	it('round-trips unicode, emoji and long handlers', async () => {
		const long = Array.from(
			{ length: 3000 },
			(_, i) => `  console.log('line ${i}: ✓ ünïcödé 日本語 🚀');`
		).join('\n');
		const data: WorkspaceData = {
			...WORKSPACE,
			definition: '{ "Comment": "Ωmega — 👩‍💻 naïve café 中文 \\u0000 \u2028", "StartAt": "A" }',
			input: '{ "emoji": "🎉🇬🇧", "rtl": "مرحبا", "combining": "e\u0301" }',
			handlers: {
				'big-handler': `export const handler = async () => {\n${long}\n};\n`,
				'arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST': '// 🦄',
				'under_score-2': ''
			}
		};
		expect(await roundTrip(data)).toEqual(data);
	});

	it('accepts a leading #', async () => {
		const result = await decodeWorkspace(`#${await encodeWorkspace(WORKSPACE)}`);
		expect(result.ok).toBe(true);
	});

	it('writes only the known fields', async () => {
		const extra = { ...WORKSPACE, secret: 'x', settings: { ...WORKSPACE.settings, theme: 'dark' } };
		const data = await roundTrip(extra as WorkspaceData);
		expect(data).toEqual(WORKSPACE);
	});

	it('drops unknown fields from a hand-made link', async () => {
		const result = await decodeWorkspace(
			linkWith((value) => {
				value.html = '<img src=x onerror=alert(1)>';
				(value.settings as Record<string, unknown>).extra = true;
			})
		);
		expect(result).toEqual({ ok: true, data: WORKSPACE });
	});
});

describe('decodeWorkspace refuses', () => {
	it('an empty fragment', async () => {
		expect(refusal(await decodeWorkspace('')).code).toBe('empty');
		expect(refusal(await decodeWorkspace('#')).code).toBe('empty');
	});

	it('a fragment without the version marker', async () => {
		expect(refusal(await decodeWorkspace('hello')).code).toBe('not_a_link');
		expect(refusal(await decodeWorkspace(fragmentOf('{}').slice(3))).code).toBe('not_a_link');
		expect(refusal(await decodeWorkspace('v0.H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA')).code).toBe(
			'not_a_link'
		);
	});

	it('a link from a newer version', async () => {
		const result = refusal(await decodeWorkspace(fragmentOf(JSON.stringify(WORKSPACE), 'v2')));
		expect(result.code).toBe('newer_version');
		expect(result.reason).toMatch(/newer version of the playground/);
		const inner = refusal(await decodeWorkspace(linkWith((value) => (value.v = 2))));
		expect(inner.code).toBe('newer_version');
	});

	it('a garbled fragment (not base64url)', async () => {
		const hash = await encodeWorkspace(WORKSPACE);
		const result = refusal(await decodeWorkspace(`${hash.slice(0, 20)}!*%${hash.slice(23)}`));
		expect(result).toMatchObject({
			code: 'not_base64',
			reason: 'This link is damaged (not valid base64).'
		});
		expect(refusal(await decodeWorkspace('v1.abcde')).code).toBe('not_base64');
		expect(refusal(await decodeWorkspace('v1.ab+/')).code).toBe('not_base64');
	});

	it('a truncated link', async () => {
		const hash = await encodeWorkspace(WORKSPACE);
		for (const cut of [8, 20, 41]) {
			let short = hash.slice(0, hash.length - cut);
			if ((short.length - 3) % 4 === 1) short = short.slice(0, -1);
			expect(refusal(await decodeWorkspace(short)).code).toBe('not_gzip');
		}
	});

	it('base64 that is not gzip', async () => {
		const result = refusal(
			await decodeWorkspace(`v1.${Buffer.from('just some text').toString('base64url')}`)
		);
		expect(result.code).toBe('not_gzip');
	});

	it('gzip data with corrupted bytes', async () => {
		const bytes = gzipSync(JSON.stringify(WORKSPACE));
		for (let i = 12; i < bytes.length - 8; i += 7) bytes[i] ^= 0x5a;
		expect(refusal(await decodeWorkspace(`v1.${bytes.toString('base64url')}`)).code).toMatch(
			/^not_(gzip|json)$/
		);
	});

	it('a fragment over 256 KB, before decoding it', async () => {
		const result = refusal(await decodeWorkspace(`v1.${'A'.repeat(MAX_FRAGMENT_CHARS)}`));
		expect(result.code).toBe('too_large');
	});

	it('a zip bomb, stopping at 2 MB', async () => {
		const bomb = fragmentOf(new Uint8Array(150 * 1024 * 1024));
		expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
		const started = performance.now();
		const result = refusal(await decodeWorkspace(bomb));
		expect(result.code).toBe('too_large_unpacked');
		// Unpacking all 200 MB would take far longer than stopping at the 2 MB cap.
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('a bomb as soon as it passes the cap, without reading the rest', async () => {
		// A bad checksum at the end would make a full read fail as damaged instead.
		const bytes = gzipSync(new Uint8Array(8 * 1024 * 1024));
		bytes[bytes.length - 8] ^= 0xff;
		const result = refusal(await decodeWorkspace(`v1.${bytes.toString('base64url')}`));
		expect(result.code).toBe('too_large_unpacked');
		const small = gzipSync(JSON.stringify(WORKSPACE));
		small[small.length - 8] ^= 0xff;
		expect(refusal(await decodeWorkspace(`v1.${small.toString('base64url')}`)).code).toBe(
			'not_gzip'
		);
	});

	it('a workspace just over 2 MB once unpacked', async () => {
		const big = { ...WORKSPACE, input: 'x'.repeat(2 * 1024 * 1024) };
		expect(refusal(await decodeWorkspace(fragmentOf(JSON.stringify(big)))).code).toBe(
			'too_large_unpacked'
		);
	});

	it('contents that are not UTF-8 or not JSON', async () => {
		expect(
			refusal(await decodeWorkspace(fragmentOf(new Uint8Array([0xff, 0xfe, 0x00])))).code
		).toBe('not_text');
		expect(refusal(await decodeWorkspace(fragmentOf('{"v":1,'))).code).toBe('not_json');
		expect(refusal(await decodeWorkspace(fragmentOf(''))).code).toBe('not_json');
	});

	it('JSON that is not an object', async () => {
		for (const text of ['[]', 'null', '"v1"', '42', 'true', '[{"v":1}]']) {
			expect(refusal(await decodeWorkspace(fragmentOf(text))).code).toBe('not_a_workspace');
		}
	});

	it('fields of the wrong type', async () => {
		const cases: ((value: Record<string, any>) => void)[] = [
			(v) => (v.definition = { StartAt: 'A' }),
			(v) => delete v.input,
			(v) => (v.handlers = ['export const handler = () => 1']),
			(v) => (v.handlers.greet = 42),
			(v) => (v.handlers = null),
			(v) => delete v.settings,
			(v) => (v.settings.seed = '42'),
			(v) => (v.settings.seed = null),
			(v) => (v.settings.latency = 'fast'),
			(v) => (v.settings.latency.byState.Hello = -1),
			(v) => (v.settings.latency.byState.Hello = '1500'),
			(v) => (v.settings.latency.default = { min: 1 }),
			(v) => (v.exampleId = 'Not An Id!'),
			(v) => (v.exampleId = 7)
		];
		for (const change of cases) {
			expect(refusal(await decodeWorkspace(linkWith(change))).code, change.toString()).toBe(
				'bad_field'
			);
		}
		const noVersion = refusal(await decodeWorkspace(linkWith((v) => delete v.v)));
		expect(noVersion.code).toBe('not_a_workspace');
		const stringVersion = refusal(await decodeWorkspace(linkWith((v) => (v.v = '1'))));
		expect(stringVersion.code).toBe('not_a_workspace');
	});

	it('unsafe or overlong handler names', async () => {
		for (const name of ['', 'has space', '<script>', 'a/b', 'x'.repeat(171), 'ünï', 'a.b']) {
			const result = refusal(
				await decodeWorkspace(linkWith((v) => (v.handlers = { [name]: 'x' })))
			);
			expect(result.code, name).toBe('bad_handler_name');
		}
		const ok = await decodeWorkspace(linkWith((v) => (v.handlers = { ['x'.repeat(170)]: 'x' })));
		expect(ok.ok).toBe(true);
	});

	it(`more than ${MAX_HANDLERS} handlers`, async () => {
		const many = Object.fromEntries(
			Array.from({ length: MAX_HANDLERS + 1 }, (_, i) => [`f${i}`, ''])
		);
		const result = refusal(await decodeWorkspace(linkWith((v) => (v.handlers = many))));
		expect(result.code).toBe('too_many_handlers');
	});

	it('prototype-pollution keys anywhere, and pollutes nothing', async () => {
		const texts = [
			'{"v":1,"definition":"","input":"","handlers":{"__proto__":"x"},"settings":{"seed":0}}',
			'{"v":1,"definition":"","input":"","handlers":{"constructor":"x"},"settings":{"seed":0}}',
			'{"v":1,"definition":"","input":"","handlers":{"prototype":"x"},"settings":{"seed":0}}',
			'{"__proto__":{"polluted":true},"v":1,"definition":"","input":"","handlers":{},"settings":{"seed":0}}',
			'{"v":1,"definition":"","input":"","handlers":{},"settings":{"seed":0,"__proto__":{"polluted":true}}}',
			'{"v":1,"definition":"","input":"","handlers":{},"settings":{"seed":0,"latency":{"byState":{"__proto__":1}}}}',
			'{"constructor":{"prototype":{"polluted":true}},"v":1,"definition":"","input":"","handlers":{},"settings":{"seed":0}}'
		];
		for (const text of texts) {
			const result = refusal(await decodeWorkspace(fragmentOf(text)));
			expect(result.code, text).toBe('forbidden_name');
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
	});

	it('never reads inherited fields as workspace fields', async () => {
		// `toString` and `valueOf` are inherited by every object; none may stand in for a field.
		const result = refusal(await decodeWorkspace(fragmentOf('{"v":1,"definition":"","input":""}')));
		expect(result.code).toBe('bad_field');
	});
});
