/**
 * Text for virtual times. The engine stamps events in virtual milliseconds since the start of
 * the execution; these helpers only format them.
 */

/** Elapsed time as the history table shows it: `+1.250 s`. */
export function elapsedText(ms: number): string {
	return `+${(ms / 1000).toFixed(3)} s`;
}

/**
 * A virtual clock reading or a duration, short and human: `0 s`, `1.25 s`, `2 min 5.5 s`,
 * `2 min`, `3 h 20 min`, `12 d 4 h`. Seconds keep at most two decimals; a zero smaller unit is
 * left out. The one format for times and durations outside the history table's column.
 */
export function clockText(ms: number): string {
	const s = Math.round(ms / 10) / 100;
	if (s < 60) return `${s} s`;
	const min = Math.floor(s / 60);
	if (min < 60) return withRest(min, 'min', trim(s - min * 60), 's');
	const h = Math.floor(min / 60);
	if (h < 24) return withRest(h, 'h', min - h * 60, 'min');
	const d = Math.floor(h / 24);
	return withRest(d, 'd', h - d * 24, 'h');
}

function withRest(value: number, unit: string, rest: number, restUnit: string): string {
	return rest ? `${value} ${unit} ${rest} ${restUnit}` : `${value} ${unit}`;
}

/**
 * A length of time in its largest unit, rounded, for a passing remark: `45 s`, `1.5 h`, `365 d`
 * (one decimal below ten units).
 */
export function roughDurationText(ms: number): string {
	const units: [string, number][] = [
		['d', 86_400_000],
		['h', 3_600_000],
		['min', 60_000],
		['s', 1000]
	];
	const [name, size] = units.find(([, size]) => ms >= size) ?? units[units.length - 1];
	const value = ms / size;
	return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${name}`;
}

function trim(seconds: number): number {
	return Math.round(seconds * 100) / 100;
}

/** Shortens one line of text to `max` characters, with an ellipsis. */
export function shorten(text: string, max = 120): string {
	// Only the head matters: a payload may be 256 KiB.
	const line = text
		.slice(0, max * 4)
		.replace(/\s+/g, ' ')
		.trim();
	return line.length > max || text.length > max * 4 ? `${line.slice(0, max - 1)}…` : line;
}
