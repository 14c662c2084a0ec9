/**
 * Text size estimates for layout. ELK needs every node and label size before it runs, and layout
 * runs in a worker (and in Node tests), so sizes are estimated from the text rather than measured
 * in the DOM. The renderer uses the same fonts, so an estimate only has to be a little generous.
 */

/** The font a label is drawn in: size in px, and whether it is bold. */
export interface LabelFont {
	readonly size: number;
	readonly bold?: boolean;
}

/** A width and height in px. */
export interface LabelSize {
	readonly width: number;
	readonly height: number;
}

/** State names inside nodes: 13 px system-ui. */
export const NODE_FONT: LabelFont = { size: 13 };
/** Container headers (Parallel, Map): 12 px bold. */
export const HEADER_FONT: LabelFont = { size: 12, bold: true };
/** Edge labels (Choice rules, Catch errors): 11 px. */
export const EDGE_FONT: LabelFont = { size: 11 };
/** Badges on nodes (a Map's "3/10"): 11 px bold. */
export const BADGE_FONT: LabelFont = { size: 11, bold: true };

// 7.2 px per character at 13 px system-ui: an average over mixed-case names and digits.
const EM_PER_CHAR = 7.2 / 13;
const BOLD_FACTOR = 1.08;
const LINE_HEIGHT = 1.3;

/**
 * Estimated size of one line of `text` in `font`, without padding. Wide characters (CJK, emoji)
 * count double. Pure: no DOM.
 */
export function measureLabel(text: string, font: LabelFont = NODE_FONT): LabelSize {
	let units = 0;
	for (const ch of text) units += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
	const perChar = font.size * EM_PER_CHAR * (font.bold ? BOLD_FACTOR : 1);
	return { width: Math.ceil(units * perChar), height: Math.ceil(font.size * LINE_HEIGHT) };
}

/** `text` cut to at most `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
