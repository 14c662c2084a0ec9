/**
 * A small seeded PRNG (SplitMix32 seeding + xoshiro128**). The engine never calls `Math.random`:
 * Retry jitter, `States.UUID`, `States.MathRandom` without a seed, `$random()` and `$uuid()` all draw
 * from the execution's `Random`, so the same seed gives the same run.
 */
export class Random {
	#s0: number;
	#s1: number;
	#s2: number;
	#s3: number;

	/** @param seed any integer or string; equal seeds give equal sequences. */
	constructor(seed: number | string) {
		let h = typeof seed === 'number' ? seed | 0 : hashString(seed);
		const next = () => {
			h = (h + 0x9e3779b9) | 0;
			let z = h;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.#s0 = next();
		this.#s1 = next();
		this.#s2 = next();
		this.#s3 = next();
	}

	/** A uniform 32-bit unsigned integer. */
	nextUint32(): number {
		const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
		const t = this.#s1 << 9;
		this.#s2 ^= this.#s0;
		this.#s3 ^= this.#s1;
		this.#s1 ^= this.#s2;
		this.#s0 ^= this.#s3;
		this.#s2 ^= t;
		this.#s3 = rotl(this.#s3, 11);
		return result;
	}

	/** A uniform float in [0, 1), with 53 bits of randomness. */
	next(): number {
		const hi = this.nextUint32() >>> 5;
		const lo = this.nextUint32() >>> 6;
		return (hi * 67108864 + lo) / 9007199254740992;
	}

	/** A uniform integer in [min, max). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min));
	}

	/** A random (version 4, variant 1) UUID in lower-case canonical form. */
	uuid(): string {
		const hex: string[] = [];
		for (let i = 0; i < 4; i++) hex.push(this.nextUint32().toString(16).padStart(8, '0'));
		const s = hex.join('');
		const variant = ((parseInt(s[16], 16) & 0x3) | 0x8).toString(16);
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
	}
}

function rotl(x: number, k: number): number {
	return (x << k) | (x >>> (32 - k));
}

/** A 32-bit FNV-1a hash of a string, used to turn string seeds into numbers. */
export function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h | 0;
}
