/**
 * Text codecs and message digests in pure TypeScript: UTF-8, Base64 and the five `States.Hash`
 * algorithms. No Node or DOM API is used, so the module runs unchanged in a browser, a worker or
 * Node, and every function is synchronous.
 */

/** The digest algorithms accepted by {@link hashHex} (the `States.Hash` algorithm names). */
export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/**
 * Encodes `s` as UTF-8, exactly like `TextEncoder.encode`: a surrogate pair becomes one 4-byte
 * sequence and a lone surrogate becomes U+FFFD (`EF BF BD`).
 */
export function utf8Encode(s: string): Uint8Array {
	const out = new Uint8Array(s.length * 3); // a code unit never needs more than 3 bytes
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		let c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdfff) {
			const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
			if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
				i++;
			} else {
				c = 0xfffd;
			}
		}
		if (c < 0x80) {
			out[n++] = c;
		} else if (c < 0x800) {
			out[n++] = 0xc0 | (c >> 6);
			out[n++] = 0x80 | (c & 0x3f);
		} else if (c < 0x10000) {
			out[n++] = 0xe0 | (c >> 12);
			out[n++] = 0x80 | ((c >> 6) & 0x3f);
			out[n++] = 0x80 | (c & 0x3f);
		} else {
			out[n++] = 0xf0 | (c >> 18);
			out[n++] = 0x80 | ((c >> 12) & 0x3f);
			out[n++] = 0x80 | ((c >> 6) & 0x3f);
			out[n++] = 0x80 | (c & 0x3f);
		}
	}
	return out.slice(0, n);
}

/**
 * Decodes UTF-8 `bytes` like `new TextDecoder('utf-8', { ignoreBOM: true })`: each maximal invalid
 * subpart (stray continuation byte, overlong form, surrogate, value above U+10FFFF, truncated
 * sequence) becomes one U+FFFD. A leading byte-order mark is kept, not stripped.
 */
export function utf8Decode(bytes: Uint8Array): string {
	let result = '';
	const units: number[] = [];
	let codePoint = 0;
	let needed = 0; // continuation bytes still expected
	let lower = 0x80; // allowed range of the next continuation byte
	let upper = 0xbf;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (needed === 0) {
			if (b < 0x80) {
				units.push(b);
			} else if (b >= 0xc2 && b <= 0xdf) {
				needed = 1;
				codePoint = b & 0x1f;
			} else if (b >= 0xe0 && b <= 0xef) {
				if (b === 0xe0) lower = 0xa0; // no overlong forms
				if (b === 0xed) upper = 0x9f; // no surrogates
				needed = 2;
				codePoint = b & 0x0f;
			} else if (b >= 0xf0 && b <= 0xf4) {
				if (b === 0xf0) lower = 0x90; // no overlong forms
				if (b === 0xf4) upper = 0x8f; // nothing above U+10FFFF
				needed = 3;
				codePoint = b & 0x07;
			} else {
				units.push(0xfffd);
			}
		} else if (b < lower || b > upper) {
			// The sequence so far is one error; the byte itself starts afresh.
			units.push(0xfffd);
			needed = 0;
			lower = 0x80;
			upper = 0xbf;
			i--;
		} else {
			lower = 0x80;
			upper = 0xbf;
			codePoint = (codePoint << 6) | (b & 0x3f);
			if (--needed === 0) {
				if (codePoint < 0x10000) {
					units.push(codePoint);
				} else {
					codePoint -= 0x10000;
					units.push(0xd800 + (codePoint >> 10), 0xdc00 + (codePoint & 0x3ff));
				}
			}
		}
		if (units.length >= 8192) {
			result += String.fromCharCode(...units);
			units.length = 0;
		}
	}
	if (needed !== 0) units.push(0xfffd);
	return result + String.fromCharCode(...units);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Character code → 6-bit value, or -1 for a character outside the alphabet. */
const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;

/**
 * Base64-encodes the UTF-8 bytes of `s` with the standard alphabet (`A-Z a-z 0-9 + /`) and `=`
 * padding to a multiple of 4 characters, without line breaks. Same as
 * `Buffer.from(s, 'utf8').toString('base64')`.
 */
export function base64Encode(s: string): string {
	const bytes = utf8Encode(s);
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const rest = bytes.length - i;
		const second = rest > 1 ? bytes[i + 1] : 0;
		const third = rest > 2 ? bytes[i + 2] : 0;
		const triple = (bytes[i] << 16) | (second << 8) | third;
		out += BASE64_ALPHABET[triple >> 18] + BASE64_ALPHABET[(triple >> 12) & 0x3f];
		out += rest > 1 ? BASE64_ALPHABET[(triple >> 6) & 0x3f] : '=';
		out += rest > 2 ? BASE64_ALPHABET[triple & 0x3f] : '=';
	}
	return out;
}

/**
 * Decodes standard, padded Base64 and returns the bytes as UTF-8 text (invalid UTF-8 becomes
 * U+FFFD, as in {@link utf8Decode}). Returns `undefined` unless the input is valid: a length that
 * is a multiple of 4, only alphabet characters (no whitespace, no URL-safe `-`/`_`) and at most
 * two `=`, only at the end. Unused low bits of the last character are ignored, like `atob`.
 * The empty string decodes to `''`.
 */
export function base64Decode(b64: string): string | undefined {
	if (b64.length % 4 !== 0) return undefined;
	const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
	const dataLength = b64.length - padding;
	const out = new Uint8Array((b64.length / 4) * 3 - padding);
	let acc = 0;
	let bits = 0;
	let n = 0;
	for (let i = 0; i < dataLength; i++) {
		const code = b64.charCodeAt(i);
		const value = code < 128 ? BASE64_VALUES[code] : -1;
		if (value < 0) return undefined;
		acc = ((acc << 6) | value) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (acc >> bits) & 0xff;
		}
	}
	return utf8Decode(out);
}

/**
 * Returns the lower-case hexadecimal digest of the UTF-8 bytes of `s`, identical to
 * `createHash(name).update(s, 'utf8').digest('hex')` in Node. Throws on an unknown algorithm.
 */
export function hashHex(s: string, algorithm: HashAlgorithm): string {
	const bytes = utf8Encode(s);
	switch (algorithm) {
		case 'MD5':
			return toHex(md5(bytes), true);
		case 'SHA-1':
			return toHex(sha1(bytes), false);
		case 'SHA-256':
			return toHex(sha256(bytes), false);
		case 'SHA-384':
			return toHex(sha512(bytes, SHA384_IV).subarray(0, 12), false);
		case 'SHA-512':
			return toHex(sha512(bytes, SHA512_IV), false);
		default:
			throw new Error(`Unsupported hash algorithm: ${String(algorithm)}`);
	}
}

/**
 * Merkle–Damgård padding: `0x80`, zeros, then the message length in bits as a 64-bit integer
 * (big- or little-endian) ending on a block boundary. 128-byte blocks get a 128-bit length field,
 * whose high half is always zero here.
 */
function pad(bytes: Uint8Array, blockSize: number, littleEndian: boolean): Uint8Array {
	const lengthSize = blockSize / 8;
	const total = Math.ceil((bytes.length + 1 + lengthSize) / blockSize) * blockSize;
	const out = new Uint8Array(total);
	out.set(bytes);
	out[bytes.length] = 0x80;
	const bitsLow = (bytes.length * 8) >>> 0;
	const bitsHigh = Math.floor(bytes.length / 0x20000000);
	for (let i = 0; i < 4; i++) {
		const low = (bitsLow >>> (8 * i)) & 0xff;
		const high = (bitsHigh >>> (8 * i)) & 0xff;
		if (littleEndian) {
			out[total - 8 + i] = low;
			out[total - 4 + i] = high;
		} else {
			out[total - 1 - i] = low;
			out[total - 5 - i] = high;
		}
	}
	return out;
}

/** Reads a big-endian 32-bit word. */
function readBE(b: Uint8Array, i: number): number {
	return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}

/** Reads a little-endian 32-bit word. */
function readLE(b: Uint8Array, i: number): number {
	return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/** Hex of 32-bit words, each written big- or little-endian. */
function toHex(words: Uint32Array, littleEndian: boolean): string {
	let out = '';
	for (const word of words) {
		const w = littleEndian
			? ((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)
			: word;
		out += (w >>> 0).toString(16).padStart(8, '0');
	}
	return out;
}

function rotl(x: number, n: number): number {
	return (x << n) | (x >>> (32 - n));
}

function rotr(x: number, n: number): number {
	return (x >>> n) | (x << (32 - n));
}

/** floor(abs(sin(i + 1)) * 2^32), RFC 1321. */
const MD5_K = [
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
];
/** Per-round left rotations: four per group of 16 rounds. */
const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** MD5 (RFC 1321); returns the four state words, to be written little-endian. */
function md5(bytes: Uint8Array): Uint32Array {
	const data = pad(bytes, 64, true);
	const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
	const m = new Uint32Array(16);
	for (let offset = 0; offset < data.length; offset += 64) {
		for (let i = 0; i < 16; i++) m[i] = readLE(data, offset + 4 * i);
		let [a, b, c, d] = h;
		for (let i = 0; i < 64; i++) {
			let f: number;
			let g: number;
			if (i < 16) {
				f = (b & c) | (~b & d);
				g = i;
			} else if (i < 32) {
				f = (d & b) | (~d & c);
				g = (5 * i + 1) % 16;
			} else if (i < 48) {
				f = b ^ c ^ d;
				g = (3 * i + 5) % 16;
			} else {
				f = c ^ (b | ~d);
				g = (7 * i) % 16;
			}
			const t = (a + f + MD5_K[i] + m[g]) | 0;
			a = d;
			d = c;
			c = b;
			b = (b + rotl(t, MD5_SHIFTS[(i >> 4) * 4 + (i & 3)])) | 0;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
	}
	return h;
}

/** SHA-1 (FIPS 180-4). */
function sha1(bytes: Uint8Array): Uint32Array {
	const data = pad(bytes, 64, false);
	const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
	const w = new Uint32Array(80);
	for (let offset = 0; offset < data.length; offset += 64) {
		for (let i = 0; i < 16; i++) w[i] = readBE(data, offset + 4 * i);
		for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
		let [a, b, c, d, e] = h;
		for (let i = 0; i < 80; i++) {
			let f: number;
			let k: number;
			if (i < 20) {
				f = (b & c) | (~b & d);
				k = 0x5a827999;
			} else if (i < 40) {
				f = b ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (i < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = b ^ c ^ d;
				k = 0xca62c1d6;
			}
			const t = (rotl(a, 5) + f + e + k + w[i]) | 0;
			e = d;
			d = c;
			c = rotl(b, 30);
			b = a;
			a = t;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	}
	return h;
}

/**
 * SHA-512 round constants as (high, low) 32-bit pairs: the first 64 bits of the fractional parts
 * of the cube roots of the first 80 primes.
 */
const SHA512_K = [
	0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
	0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
	0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
	0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
	0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
	0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
	0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
	0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
	0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
	0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
	0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
	0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
	0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
	0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
	0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
	0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
	0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
	0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
	0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
	0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817
];
/** SHA-512 initial state as (high, low) pairs: square roots of the first 8 primes. */
const SHA512_IV = [
	0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
	0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179
];
/** SHA-384 initial state as (high, low) pairs: square roots of the 9th to 16th primes. */
const SHA384_IV = [
	0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939,
	0x67332667, 0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4
];
/** SHA-256 uses the high 32 bits of the first 64 SHA-512 constants and of its initial state. */
const SHA256_K = SHA512_K.filter((_, i) => i % 2 === 0 && i < 128);
const SHA256_IV = SHA512_IV.filter((_, i) => i % 2 === 0);

/** SHA-256 (FIPS 180-4). */
function sha256(bytes: Uint8Array): Uint32Array {
	const data = pad(bytes, 64, false);
	const h = new Uint32Array(SHA256_IV);
	const w = new Uint32Array(64);
	for (let offset = 0; offset < data.length; offset += 64) {
		for (let i = 0; i < 16; i++) w[i] = readBE(data, offset + 4 * i);
		for (let i = 16; i < 64; i++) {
			const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
			const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
			w[i] = w[i - 16] + s0 + w[i - 7] + s1;
		}
		let [a, b, c, d, e, f, g, hh] = h;
		for (let i = 0; i < 64; i++) {
			const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
			const ch = (e & f) ^ (~e & g);
			const t1 = (hh + S1 + ch + SHA256_K[i] + w[i]) | 0;
			const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
			const maj = (a & b) ^ (a & c) ^ (b & c);
			const t2 = (S0 + maj) | 0;
			hh = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
		h[5] += f;
		h[6] += g;
		h[7] += hh;
	}
	return h;
}

/**
 * High and low words of a 64-bit right rotation of (hi, lo) by n, 0 < n < 64 and n ≠ 32.
 * Past 32 the halves swap roles.
 */
function rotrHi(hi: number, lo: number, n: number): number {
	return n < 32 ? (hi >>> n) | (lo << (32 - n)) : (lo >>> (n - 32)) | (hi << (64 - n));
}
function rotrLo(hi: number, lo: number, n: number): number {
	return n < 32 ? (lo >>> n) | (hi << (32 - n)) : (hi >>> (n - 32)) | (lo << (64 - n));
}

/** Carry out of a sum of unsigned 32-bit values (the sum stays far below 2^53). */
function carry(sum: number): number {
	return (sum / 0x100000000) | 0;
}

/**
 * SHA-512 (FIPS 180-4) from the initial state `iv`; SHA-384 is the same with another state and
 * the result cut to 12 words. Every 64-bit word is a (high, low) pair of 32-bit numbers, at
 * indexes 2i and 2i + 1; a 64-bit sum adds the low halves as unsigned numbers and carries into
 * the high half.
 */
function sha512(bytes: Uint8Array, iv: readonly number[]): Uint32Array {
	const data = pad(bytes, 128, false);
	const h = new Uint32Array(iv);
	const w = new Uint32Array(160);
	for (let offset = 0; offset < data.length; offset += 128) {
		for (let i = 0; i < 32; i++) w[i] = readBE(data, offset + 4 * i);
		for (let i = 16; i < 80; i++) {
			// w[i] = σ1(w[i-2]) + w[i-7] + σ0(w[i-15]) + w[i-16]
			const xh = w[2 * (i - 15)];
			const xl = w[2 * (i - 15) + 1];
			const s0h = rotrHi(xh, xl, 1) ^ rotrHi(xh, xl, 8) ^ (xh >>> 7);
			const s0l = rotrLo(xh, xl, 1) ^ rotrLo(xh, xl, 8) ^ ((xl >>> 7) | (xh << 25));
			const yh = w[2 * (i - 2)];
			const yl = w[2 * (i - 2) + 1];
			const s1h = rotrHi(yh, yl, 19) ^ rotrHi(yh, yl, 61) ^ (yh >>> 6);
			const s1l = rotrLo(yh, yl, 19) ^ rotrLo(yh, yl, 61) ^ ((yl >>> 6) | (yh << 26));
			const lo = (s1l >>> 0) + w[2 * (i - 7) + 1] + (s0l >>> 0) + w[2 * (i - 16) + 1];
			w[2 * i] = s1h + w[2 * (i - 7)] + s0h + w[2 * (i - 16)] + carry(lo);
			w[2 * i + 1] = lo;
		}
		let [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl] = h;
		for (let i = 0; i < 80; i++) {
			// t1 = h + Σ1(e) + Ch(e, f, g) + K[i] + w[i]
			const S1h = rotrHi(eh, el, 14) ^ rotrHi(eh, el, 18) ^ rotrHi(eh, el, 41);
			const S1l = rotrLo(eh, el, 14) ^ rotrLo(eh, el, 18) ^ rotrLo(eh, el, 41);
			const chh = (eh & fh) ^ (~eh & gh);
			const chl = (el & fl) ^ (~el & gl);
			const t1lSum = hl + (S1l >>> 0) + (chl >>> 0) + SHA512_K[2 * i + 1] + w[2 * i + 1];
			const t1h = (hh + S1h + chh + SHA512_K[2 * i] + w[2 * i] + carry(t1lSum)) >>> 0;
			const t1l = t1lSum >>> 0;
			// t2 = Σ0(a) + Maj(a, b, c)
			const S0h = rotrHi(ah, al, 28) ^ rotrHi(ah, al, 34) ^ rotrHi(ah, al, 39);
			const S0l = rotrLo(ah, al, 28) ^ rotrLo(ah, al, 34) ^ rotrLo(ah, al, 39);
			const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
			const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
			const t2lSum = (S0l >>> 0) + (majl >>> 0);
			const t2h = (S0h + majh + carry(t2lSum)) >>> 0;
			const t2l = t2lSum >>> 0;
			hh = gh;
			hl = gl;
			gh = fh;
			gl = fl;
			fh = eh;
			fl = el;
			eh = (dh + t1h + carry(dl + t1l)) >>> 0; // e = d + t1
			el = (dl + t1l) >>> 0;
			dh = ch;
			dl = cl;
			ch = bh;
			cl = bl;
			bh = ah;
			bl = al;
			ah = (t1h + t2h + carry(t1l + t2l)) >>> 0; // a = t1 + t2
			al = (t1l + t2l) >>> 0;
		}
		const state = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
		for (let i = 0; i < 16; i += 2) {
			const lo = h[i + 1] + state[i + 1];
			h[i] += state[i] + carry(lo);
			h[i + 1] = lo;
		}
	}
	return h;
}
