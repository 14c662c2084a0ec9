/** The rows of a long list worth rendering, and the space the others take. */
export interface RowWindow {
	/** First row to render (inclusive). */
	readonly first: number;
	/** Row after the last one to render (exclusive). */
	readonly end: number;
	/** Height in px of the rows above `first` and below `end`. */
	readonly before: number;
	readonly after: number;
}

/**
 * Windowed rendering of `count` rows of `rowHeight` px in a viewport scrolled to `scrollTop` and
 * `viewportHeight` px tall: only the rows in view, plus `overscan` on each side, are rendered.
 */
export function rowWindow(
	scrollTop: number,
	viewportHeight: number,
	count: number,
	rowHeight: number,
	overscan = 8
): RowWindow {
	const top = Math.max(0, scrollTop);
	const first = Math.max(0, Math.min(count, Math.floor(top / rowHeight) - overscan));
	const end = Math.max(
		first,
		Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan)
	);
	return { first, end, before: first * rowHeight, after: (count - end) * rowHeight };
}

/** The `scrollTop` that brings row `index` into view (unchanged when it already is). */
export function scrollToRow(
	scrollTop: number,
	viewportHeight: number,
	index: number,
	rowHeight: number
): number {
	const top = index * rowHeight;
	if (top < scrollTop) return top;
	if (top + rowHeight > scrollTop + viewportHeight)
		return Math.max(0, top + rowHeight - viewportHeight);
	return scrollTop;
}

/**
 * Where a key moves the focus in a list of `count` rows from row `index` (`page` rows per
 * PageUp/PageDown): undefined for keys that do not move it.
 */
export function rowAfterKey(
	key: string,
	index: number,
	count: number,
	page: number
): number | undefined {
	const moves: Record<string, number> = {
		ArrowDown: 1,
		ArrowUp: -1,
		PageDown: page,
		PageUp: -page,
		Home: -count,
		End: count
	};
	if (!(key in moves) || count === 0) return undefined;
	return Math.max(0, Math.min(count - 1, index + moves[key]));
}
