import { describe, expect, it } from 'vitest';
import { nameBackdrop } from '../../src/lib/timeline/name-backdrop.js';

// A bar from 0 to 1000 ms drawn 100 px wide: 10 ms a pixel.
const attempt = (start: number, end: number) => ({ kind: 'attempt' as const, start, end });
const backoff = (start: number, end: number) => ({ kind: 'backoff' as const, start, end });

describe('nameBackdrop', () => {
	it('is solid on a bar without segments and on an attempt wider than the name', () => {
		expect(nameBackdrop([], 0, 1000, 100, 4, 60)).toBe('solid');
		expect(nameBackdrop([attempt(0, 700), backoff(700, 1000)], 0, 1000, 100, 4, 60)).toBe('solid');
		expect(nameBackdrop([attempt(0, 400), attempt(400, 1000)], 0, 1000, 100, 4, 60)).toBe('solid');
	});

	it('is light where the name runs over a retry backoff, a Wait or the pale body', () => {
		// Instant failed attempts, then backoff: the name sits on hatching (a Map of retried items).
		expect(
			nameBackdrop(
				[attempt(0, 0), backoff(0, 300), attempt(300, 300), backoff(300, 1000)],
				0,
				1000,
				100,
				4,
				40
			)
		).toBe('light');
		expect(nameBackdrop([attempt(0, 200), backoff(200, 1000)], 0, 1000, 100, 4, 60)).toBe('light');
		expect(nameBackdrop([{ kind: 'wait', start: 0, end: 1000 }], 0, 1000, 100, 4, 60)).toBe(
			'light'
		);
		expect(nameBackdrop([attempt(0, 200), attempt(400, 1000)], 0, 1000, 100, 4, 60)).toBe('light');
	});

	it('looks where the name is drawn: shifted into view on a bar that starts off screen', () => {
		const segments = [backoff(0, 500), attempt(500, 1000)];
		expect(nameBackdrop(segments, 0, 1000, 100, 4, 40)).toBe('light');
		expect(nameBackdrop(segments, 0, 1000, 100, 54, 90)).toBe('solid');
	});
});
