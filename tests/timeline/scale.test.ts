import { describe, expect, it } from 'vitest';
import {
	END_PADDING_PX,
	MAX_PX_PER_MS,
	clampZoom,
	maxZoom,
	niceStep,
	tickLabel,
	tickLabelWidth,
	ticks,
	ticksClearOf,
	timeScale,
	scrollToReveal,
	zoomAround,
	type Tick,
	type TimeScale
} from '../../src/lib/timeline/scale.js';

describe('timeScale', () => {
	it('fits the run into the width at zoom 1, leaving room after the end', () => {
		const s = timeScale(3000, 616);
		expect(s.contentWidth).toBe(616);
		expect(s.x(0)).toBe(0);
		expect(s.x(3000)).toBe(616 - END_PADDING_PX);
		expect(s.ms(300)).toBe(1500);
		expect(s.ms(-5)).toBe(0);
		expect(s.ms(10_000)).toBe(3000);
	});

	it('zooms by widening the content', () => {
		const s = timeScale(3000, 616, 4);
		expect(s.contentWidth).toBe(2464);
		expect(s.x(1500)).toBeCloseTo((2464 - END_PADDING_PX) / 2);
	});

	it('gives a run that took no time a one-second axis', () => {
		expect(timeScale(0, 500).totalMs).toBe(1000);
	});

	it('keeps the zoom between fit and a few pixels per millisecond', () => {
		expect(clampZoom(0.2, 3000, 600)).toBe(1);
		expect(clampZoom(1e9, 3000, 600)).toBe(maxZoom(3000, 600));
		expect(timeScale(3000, 600, 1e9).pxPerMs).toBeCloseTo(MAX_PX_PER_MS);
		expect(clampZoom(Number.NaN, 3000, 600)).toBe(1);
		// A year-long run cannot grow wider than browsers scroll.
		expect(timeScale(365 * 86_400_000, 1000, 1e12).contentWidth).toBeLessThanOrEqual(8_000_000);
	});
});

describe('zoomAround', () => {
	it('keeps the instant under the pointer in place', () => {
		const total = 60_000;
		const width = 800;
		const before = timeScale(total, width, 2);
		const view = { zoom: 2, scrollLeft: 300 };
		const anchor = 250;
		const at = before.ms(view.scrollLeft + anchor);
		const next = zoomAround(view, 3, anchor, total, width);
		expect(next.zoom).toBe(6);
		const after = timeScale(total, width, next.zoom);
		expect(after.ms(next.scrollLeft + anchor)).toBeCloseTo(at, 6);
	});

	it('clamps the scroll offset when zooming out to fit', () => {
		expect(zoomAround({ zoom: 4, scrollLeft: 2000 }, 0.1, 400, 60_000, 800)).toEqual({
			zoom: 1,
			scrollLeft: 0
		});
	});
});

describe('ticks', () => {
	it('uses nice steps', () => {
		expect(niceStep(0.3)).toBe(1);
		expect(niceStep(3)).toBe(5);
		expect(niceStep(400)).toBe(500);
		expect(niceStep(700)).toBe(1000);
		expect(niceStep(12_000)).toBe(15_000);
		expect(niceStep(100_000)).toBe(120_000);
		expect(niceStep(40 * 60_000)).toBe(3_600_000);
		expect(niceStep(86_400_000 * 1.5)).toBe(2 * 86_400_000);
		expect(niceStep(86_400_000 * 150)).toBe(200 * 86_400_000);
		expect(niceStep(86_400_000 * 300)).toBe(500 * 86_400_000);
	});

	it('labels times in the largest unit that reads well', () => {
		expect(
			[
				'0',
				500,
				1000,
				1500,
				2000,
				120_000,
				90_000,
				3_600_000,
				5_400_000,
				86_400_000,
				129_600_000
			].map((v) => tickLabel(Number(v)))
		).toEqual([
			'0',
			'500 ms',
			'1 s',
			'1.5 s',
			'2 s',
			'2 min',
			'1 min 30 s',
			'1 h',
			'1 h 30 min',
			'1 d',
			'1 d 12 h'
		]);
		expect(tickLabel(1250)).toBe('1.25 s');
		expect(tickLabel(20)).toBe('20 ms');
	});

	it('spaces ticks at least the minimum apart, on multiples of the step', () => {
		const s = timeScale(3000, 416);
		const t = ticks(s, 0, 3000, 60);
		// The last line is at the edge: its label would touch "2.5 s", so it has none.
		expect(t.map((x) => x.label)).toEqual(['0', '500 ms', '1 s', '1.5 s', '2 s', '2.5 s', '']);
		for (let i = 1; i < t.length; i++) expect(t[i].x - t[i - 1].x).toBeGreaterThanOrEqual(60);
		const long = ticks(timeScale(4 * 3_600_000, 1000), undefined, undefined, 80);
		expect(long.map((x) => x.label)).toEqual([
			'0',
			'30 min',
			'1 h',
			'1 h 30 min',
			'2 h',
			'2 h 30 min',
			'3 h',
			'3 h 30 min',
			'4 h'
		]);
	});

	it('never lets two labels touch, nor a label run past the end', () => {
		/** Where each label's text is, px: after its line, or before it (`end`). */
		const extents = (scale: TimeScale, shown: Tick[]) =>
			shown
				.filter((t) => t.label)
				.map((t) => {
					const w = tickLabelWidth(t.label);
					return t.align === 'end' ? [t.x - w, t.x] : [t.x, t.x + w];
				});
		for (const totalMs of [999, 3000, 90_500, 3_600_000, 86_400_000 * 7, 31_536_000_000]) {
			for (const width of [180, 272, 416, 579, 900, 1200]) {
				const scale = timeScale(totalMs, width);
				const shown = ticks(scale);
				const boxes = extents(scale, shown);
				expect(boxes.length).toBeGreaterThanOrEqual(2);
				for (let i = 1; i < boxes.length; i++) {
					expect(
						boxes[i][0] - boxes[i - 1][1],
						`${totalMs} ms in ${width} px`
					).toBeGreaterThanOrEqual(8);
				}
				expect(boxes[boxes.length - 1][1]).toBeLessThanOrEqual(scale.contentWidth);
			}
		}
	});

	it('puts a label left of its line only when there is no room after it', () => {
		// The QA case: "350 d" went left of its line, over "300 d", though it fitted after it.
		const year = ticks(timeScale(31_536_000_000, 579));
		expect(year.map((t) => t.label).at(-1)).toBe('350 d');
		expect(year.every((t) => t.align === 'start')).toBe(true);
		// The end of a run is 16 px from the edge: "3 s" goes left of its line, clear of "2.5 s".
		expect(ticks(timeScale(3000, 600)).at(-1)).toMatchObject({ label: '3 s', align: 'end' });
	});

	it('only lists the ticks in the part in view', () => {
		const s = timeScale(10_000, 1000, 10);
		const t = ticks(s, 4000, 5000);
		expect(t[0].ms).toBeGreaterThanOrEqual(4000);
		expect(t[t.length - 1].ms).toBeLessThanOrEqual(5000);
	});
});

describe('ticksClearOf', () => {
	it('leaves out the labels that would start under the row-label column, keeping their ticks', () => {
		const shown: Tick[] = [
			{ ms: 0, x: 100, label: '1 s', align: 'start' },
			{ ms: 1, x: 200, label: '2 s', align: 'start' },
			{ ms: 2, x: 300, label: '3 s', align: 'end' }
		];
		expect(ticksClearOf(shown, 0)).toEqual(shown);
		expect(ticksClearOf(shown, 100)).toEqual(shown);
		expect(ticksClearOf(shown, 150).map((t) => [t.x, t.label])).toEqual([
			[100, ''],
			[200, '2 s'],
			[300, '3 s']
		]);
		// A label left of its line starts a label's width before it.
		expect(ticksClearOf(shown, 290).map((t) => t.label)).toEqual(['', '', '']);
	});
});

describe('scrollToReveal', () => {
	it('leaves the view alone while the position is in it', () => {
		expect(scrollToReveal(450, 400, 500, 2000)).toBe(400);
		expect(scrollToReveal(900, 400, 500, 2000)).toBe(400);
	});

	it('turns the page to a position outside the view, a tenth of the way in, within the track', () => {
		expect(scrollToReveal(1200, 400, 500, 2000)).toBe(1150);
		expect(scrollToReveal(100, 400, 500, 2000)).toBe(50);
		expect(scrollToReveal(20, 400, 500, 2000)).toBe(0);
		expect(scrollToReveal(1990, 0, 500, 2000)).toBe(1500);
	});
});
