import { describe, expect, it } from 'vitest';
import {
	LABEL_WIDTH,
	labelColumnWidth
} from '../../src/lib/components/timeline/timeline-viewport.svelte.js';

describe('labelColumnWidth', () => {
	it('keeps the full label column on a wide timeline', () => {
		expect(labelColumnWidth(811)).toBe(LABEL_WIDTH);
		expect(labelColumnWidth(0)).toBe(LABEL_WIDTH); // not measured yet
	});

	it('leaves most of a phone-wide timeline to the track', () => {
		// A 390 px phone: the timeline is 366 px wide.
		expect(labelColumnWidth(366)).toBe(128);
		expect(labelColumnWidth(366) / 366).toBeLessThan(0.4);
		expect(labelColumnWidth(200)).toBe(96);
	});
});
