import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
	base64Decode,
	base64Encode,
	hashHex,
	utf8Decode,
	utf8Encode,
	type HashAlgorithm
} from '../../engine/util/codec.js';

const NODE_HASH: Record<HashAlgorithm, string> = {
	MD5: 'md5',
	'SHA-1': 'sha1',
	'SHA-256': 'sha256',
	'SHA-384': 'sha384',
	'SHA-512': 'sha512'
};
const ALGORITHMS = Object.keys(NODE_HASH) as HashAlgorithm[];

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function seeded(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomInt(rand: () => number, min: number, max: number): number {
	return min + Math.floor(rand() * (max - min + 1));
}

/** A random string mixing 1- to 4-byte characters, control characters and lone surrogates. */
function randomString(rand: () => number, length: number): string {
	let s = '';
	while (s.length < length) {
		const kind = rand();
		if (kind < 0.4) s += String.fromCharCode(randomInt(rand, 0x20, 0x7e));
		else if (kind < 0.45) s += String.fromCharCode(randomInt(rand, 0, 0x1f));
		else if (kind < 0.6) s += String.fromCharCode(randomInt(rand, 0x80, 0x7ff));
		else if (kind < 0.75) s += String.fromCharCode(randomInt(rand, 0x800, 0xd7ff));
		else if (kind < 0.8) s += String.fromCharCode(randomInt(rand, 0xe000, 0xffff));
		else if (kind < 0.95) s += String.fromCodePoint(randomInt(rand, 0x10000, 0x10ffff));
		else s += String.fromCharCode(randomInt(rand, 0xd800, 0xdfff)); // usually a lone surrogate
	}
	return s;
}

function randomBytes(rand: () => number, length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	for (let i = 0; i < length; i++) {
		// Favour continuation and lead bytes so invalid sequences are common.
		bytes[i] = rand() < 0.3 ? randomInt(rand, 0, 0x7f) : randomInt(rand, 0x80, 0xff);
	}
	return bytes;
}

/** A string of exactly `byteLength` UTF-8 bytes built from `unit`, padded with ASCII. */
function stringOfByteLength(unit: string, byteLength: number): string {
	const unitBytes = Buffer.byteLength(unit);
	const s = unit.repeat(Math.floor(byteLength / unitBytes));
	return s + 'x'.repeat(byteLength - Buffer.byteLength(s));
}

const FIXED = [
	'',
	'a',
	'abc',
	'The quick brown fox jumps over the lazy dog',
	'héllo wörld ñ ß',
	'日本語のテキスト',
	'emoji 😀👍🏽 family 👨‍👩‍👧‍👦 flag 🇩🇪',
	'\u0000\u0001\u007f\u0080\u07ff\u0800\uffff',
	'\ufeffwith BOM',
	'\u{10000}\u{10ffff}',
	'\ud800',
	'\udc00',
	'a\ud800b',
	'\udc00\ud800',
	'end \ud83d',
	'\ud83d\ud83d\ude00',
	'{"json": [1, 2, 3], "text": "quoted \\"value\\""}'
];

/** Every byte length up to 130 (block edges 55/56/63/64 and 111/112/127/128), then a few larger. */
const BOUNDARY_LENGTHS = Array.from({ length: 131 }, (_, i) => i).concat([
	183, 184, 191, 192, 239, 240, 255, 256, 1000, 1024
]);
const BOUNDARY = BOUNDARY_LENGTHS.flatMap((n) => [
	stringOfByteLength('a', n),
	stringOfByteLength('é', n),
	stringOfByteLength('€', n),
	stringOfByteLength('😀', n)
]);

const rand = seeded(20240601);
const RANDOM = Array.from({ length: 300 }, () => randomString(rand, randomInt(rand, 0, 200)));
const LONG = ['x'.repeat(10_000), randomString(rand, 10_000)];

const ALL = [...FIXED, ...BOUNDARY, ...RANDOM, ...LONG];
const WELL_FORMED = ALL.filter((s) => s.isWellFormed());

describe('utf8Encode', () => {
	it('matches Buffer and TextEncoder', () => {
		const encoder = new TextEncoder();
		for (const s of ALL) {
			const bytes = utf8Encode(s);
			expect(bytes).toBeInstanceOf(Uint8Array);
			expect(Buffer.from(bytes).equals(Buffer.from(s, 'utf8')), JSON.stringify(s)).toBe(true);
			expect(Buffer.from(bytes).equals(encoder.encode(s)), JSON.stringify(s)).toBe(true);
		}
	});

	it('builds strings of the intended byte lengths', () => {
		for (const [i, s] of BOUNDARY.entries()) {
			expect(utf8Encode(s).length).toBe(BOUNDARY_LENGTHS[Math.floor(i / 4)]);
		}
	});

	it('replaces lone surrogates with U+FFFD', () => {
		expect([...utf8Encode('\ud800')]).toEqual([0xef, 0xbf, 0xbd]);
		expect([...utf8Encode('a\udc00\ud83d')]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]);
		expect([...utf8Encode('\ud83d\ude00')]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
	});
});

describe('utf8Decode', () => {
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

	it('round-trips well-formed strings', () => {
		for (const s of WELL_FORMED) expect(utf8Decode(utf8Encode(s))).toBe(s);
	});

	it('matches Buffer and TextDecoder on the encoding of any string', () => {
		for (const s of ALL) {
			const bytes = Buffer.from(s, 'utf8');
			expect(utf8Decode(bytes)).toBe(bytes.toString('utf8'));
			expect(utf8Decode(bytes)).toBe(decoder.decode(bytes));
		}
	});

	it('matches Buffer and TextDecoder on random, mostly invalid bytes', () => {
		const rand = seeded(7);
		for (let i = 0; i < 2000; i++) {
			const bytes = randomBytes(rand, randomInt(rand, 0, 40));
			const label = Buffer.from(bytes).toString('hex');
			expect(utf8Decode(bytes), label).toBe(Buffer.from(bytes).toString('utf8'));
			expect(utf8Decode(bytes), label).toBe(decoder.decode(bytes));
		}
	});

	it('replaces each maximal invalid subpart with one U+FFFD', () => {
		const cases: [number[], string][] = [
			[[0x80], '\ufffd'],
			[[0xbf, 0x41], '\ufffdA'],
			[[0xc0, 0x80], '\ufffd\ufffd'], // overlong NUL
			[[0xc1, 0xbf], '\ufffd\ufffd'],
			[[0xe0, 0x80, 0x80], '\ufffd\ufffd\ufffd'], // overlong
			[[0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'], // encoded surrogate
			[[0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'], // above U+10FFFF
			[[0xf5, 0x80], '\ufffd\ufffd'],
			[[0xff, 0xfe], '\ufffd\ufffd'],
			[[0xe2, 0x82], '\ufffd'], // truncated at the end
			[[0xe2, 0x82, 0x41], '\ufffdA'], // truncated before ASCII
			[[0xf0, 0x9f, 0x98], '\ufffd'],
			[[0xf0, 0x9f, 0x98, 0x80, 0x80], '😀\ufffd'],
			[[0xef, 0xbb, 0xbf, 0x41], '\ufeffA'] // BOM kept
		];
		for (const [bytes, expected] of cases) {
			expect(utf8Decode(new Uint8Array(bytes)), bytes.join(',')).toBe(expected);
		}
	});

	it('decodes large inputs', () => {
		const s = '😀é'.repeat(50_000);
		expect(utf8Decode(Buffer.from(s, 'utf8'))).toBe(s);
	});
});

describe('base64Encode', () => {
	it('matches Buffer', () => {
		for (const s of ALL) expect(base64Encode(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
	});

	it('pads to a multiple of four', () => {
		expect(base64Encode('')).toBe('');
		expect(base64Encode('f')).toBe('Zg==');
		expect(base64Encode('fo')).toBe('Zm8=');
		expect(base64Encode('foo')).toBe('Zm9v');
		expect(base64Encode('foob')).toBe('Zm9vYg==');
		expect(base64Encode('\u00ff\u00ff\u00ff')).toBe('w7/Dv8O/'); // uses + and / positions
		expect(base64Encode('\ufbff')).toBe('76+/');
	});
});

describe('base64Decode', () => {
	it('round-trips the encoding of any string', () => {
		for (const s of ALL) {
			expect(base64Decode(base64Encode(s))).toBe(Buffer.from(s, 'utf8').toString('utf8'));
		}
		for (const s of WELL_FORMED) expect(base64Decode(base64Encode(s))).toBe(s);
	});

	it('matches Buffer on random bytes, including invalid UTF-8', () => {
		const rand = seeded(99);
		for (let i = 0; i < 1000; i++) {
			const b64 = Buffer.from(randomBytes(rand, randomInt(rand, 0, 50))).toString('base64');
			expect(base64Decode(b64), b64).toBe(Buffer.from(b64, 'base64').toString('utf8'));
		}
	});

	it('ignores unused bits in the last character, like atob', () => {
		expect(base64Decode('QR==')).toBe('A');
		expect(base64Decode('QUJ=')).toBe(Buffer.from('QUJ=', 'base64').toString('utf8'));
	});

	it('rejects malformed input', () => {
		const invalid = [
			'A',
			'AA',
			'AAA',
			'AAAAA',
			'Zg',
			'Zm8',
			'AA=',
			'=AAA',
			'A===',
			'====',
			'AA=A',
			'Zg==Zg==',
			'Zm8=Zm8=',
			'AAA=AAAA',
			'AB-_',
			'AAA*',
			'AAA.',
			' AAA',
			'AAAA\n',
			'QUJD\r\nREVG',
			'Zm9v ',
			'Zm9vYg===',
			'é===',
			'Zm\u00e99'
		];
		for (const b64 of invalid) expect(base64Decode(b64), JSON.stringify(b64)).toBeUndefined();
		expect(base64Decode('')).toBe('');
	});

	it('accepts exactly the padded base64 grammar on random input', () => {
		const grammar = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
		const chars = 'ABCxyz019+/=-_ *\n';
		const rand = seeded(3);
		let valid = 0;
		for (let i = 0; i < 5000; i++) {
			let b64 = '';
			const length = randomInt(rand, 0, 12);
			for (let j = 0; j < length; j++) b64 += chars[randomInt(rand, 0, chars.length - 1)];
			const result = base64Decode(b64);
			if (grammar.test(b64)) {
				valid++;
				expect(result, b64).toBe(Buffer.from(b64, 'base64').toString('utf8'));
			} else {
				expect(result, b64).toBeUndefined();
			}
		}
		expect(valid).toBeGreaterThan(50);
	});
});

describe('hashHex', () => {
	const expected = (s: string, algorithm: HashAlgorithm) =>
		createHash(NODE_HASH[algorithm]).update(s, 'utf8').digest('hex');

	for (const algorithm of ALGORITHMS) {
		it(`${algorithm} matches node:crypto`, () => {
			for (const s of ALL) {
				expect(hashHex(s, algorithm), JSON.stringify(s.slice(0, 40))).toBe(expected(s, algorithm));
			}
		});
	}

	it('returns lower-case hex of the right length', () => {
		const lengths: Record<HashAlgorithm, number> = {
			MD5: 32,
			'SHA-1': 40,
			'SHA-256': 64,
			'SHA-384': 96,
			'SHA-512': 128
		};
		for (const algorithm of ALGORITHMS) {
			expect(hashHex('Hello', algorithm)).toMatch(new RegExp(`^[0-9a-f]{${lengths[algorithm]}}$`));
		}
	});

	it('hashes inputs of over a megabyte', () => {
		const s = 'a😀é'.repeat(150_000);
		for (const algorithm of ALGORITHMS) expect(hashHex(s, algorithm)).toBe(expected(s, algorithm));
	});

	it('throws on an unknown algorithm', () => {
		expect(() => hashHex('x', 'SHA-3' as HashAlgorithm)).toThrow(/SHA-3/);
	});
});

describe('codec module', () => {
	it('compiles with only the ES2022 library and no ambient types', () => {
		const file = fileURLToPath(new URL('../../engine/util/codec.ts', import.meta.url));
		const program = ts.createProgram([file], {
			lib: ['lib.es2022.d.ts'],
			types: [],
			target: ts.ScriptTarget.ES2022,
			module: ts.ModuleKind.ESNext,
			moduleResolution: ts.ModuleResolutionKind.Bundler,
			strict: true,
			noEmit: true
		});
		const diagnostics = ts
			.getPreEmitDiagnostics(program)
			.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
		expect(diagnostics).toEqual([]);
	});
});
