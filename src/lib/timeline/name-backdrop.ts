import type { VisitSegment } from '../../../engine/index.js';

/**
 * What a bar's name is drawn over, so it is drawn in a colour that reads there:
 * - `solid`: the bar's own colour (a solid attempt, or a bar with no segments), under the
 *   light-on-colour name;
 * - `light`: a hatched retry backoff, a ringed Wait or the pale body between segments, under the
 *   page's text colour with a background halo. A light name on hatching cannot be read.
 *
 * `nameFrom..nameTo` is the span of the name, in px from the bar's left edge, on a bar `width` px
 * wide covering `start..end` ms.
 */
export function nameBackdrop(
	segments: readonly VisitSegment[],
	start: number,
	end: number,
	width: number,
	nameFrom: number,
	nameTo: number
): 'solid' | 'light' {
	if (segments.length === 0) return 'solid';
	if (width <= 0 || end <= start) return 'light';
	const at = (px: number) => start + (Math.max(0, Math.min(px, width)) / width) * (end - start);
	let covered = at(nameFrom);
	const to = at(nameTo);
	// The name needs solid attempts under all of it, end to end, with no pale gap between them.
	for (const seg of [...segments].sort((a, b) => a.start - b.start)) {
		if (seg.end <= covered || seg.start >= to) continue;
		if (seg.kind !== 'attempt' || seg.start > covered) return 'light';
		covered = seg.end;
		if (covered >= to) return 'solid';
	}
	return 'light';
}
