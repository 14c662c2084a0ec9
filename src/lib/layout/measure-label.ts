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

// Widths in em of the glyph classes of a sans-serif UI font, on the wide side of the system-ui
// faces (Segoe UI, San Francisco, Cantarell, DejaVu Sans), so a label never outgrows its box: one
// average width fitted mixed-case names but let capitals overflow ('SEND_WELCOME_EMAIL' is about
// 0.65 em a character in DejaVu Sans, 'W' almost 1 em).
const EM_NARROW = 0.32; // i j l I J ! | . , : ; ' and space
const EM_SLIM = 0.44; // f r t - ( ) [ ] / and backslash
const EM_WIDE = 1; // m w M W @ % …
const EM_CAPITAL = 0.74; // other capitals
const EM_DIGIT = 0.64; // digits
const EM_OTHER = 0.6; // other lowercase and symbols
const NARROW = new Set("ijlIJ!|.,:;' ");
const SLIM = new Set('frt-()[]/\\');
const WIDE = new Set('mwMW@%…');
const BOLD_FACTOR = 1.08;
const LINE_HEIGHT = 1.3;

/** Width in em of one character (wide characters such as CJK and emoji count double). */
function charEm(ch: string): number {
	if ((ch.codePointAt(0) ?? 0) > 0x2e80) return 2 * EM_OTHER;
	if (NARROW.has(ch)) return EM_NARROW;
	if (SLIM.has(ch)) return EM_SLIM;
	if (WIDE.has(ch)) return EM_WIDE;
	if (ch >= 'A' && ch <= 'Z') return EM_CAPITAL;
	if (ch >= '0' && ch <= '9') return EM_DIGIT;
	return EM_OTHER;
}

/**
 * Estimated size of one line of `text` in `font`, without padding, from the width class of each
 * character (narrow, capital, wide…), so an all-capitals name gets the room it takes. Pure: no
 * DOM.
 */
export function measureLabel(text: string, font: LabelFont = NODE_FONT): LabelSize {
	let em = 0;
	for (const ch of text) em += charEm(ch);
	const scale = font.size * (font.bold ? BOLD_FACTOR : 1);
	return { width: Math.ceil(em * scale), height: Math.ceil(font.size * LINE_HEIGHT) };
}

/** `text` cut to at most `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
