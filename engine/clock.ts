/**
 * Virtual time. The engine never reads the wall clock: an execution starts at `startTime`
 * (epoch ms, supplied by the caller, with a fixed default) and only its scheduler moves time on.
 * This module also formats and parses the RFC 3339 timestamps ASL uses, without `Date`, so the
 * rules are exactly AWS's and identical in every JavaScript engine.
 */

/** Default virtual start of an execution: 2026-01-01T00:00:00Z, in epoch ms. */
export const DEFAULT_START_TIME = 1_767_225_600_000;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
	y -= m <= 2 ? 1 : 0;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
	z += 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp + (mp < 10 ? 3 : -9);
	return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Formats epoch ms as an ISO 8601 UTC timestamp with millisecond precision, e.g.
 * `2024-01-01T00:00:03.250Z`. With `trimZeroFraction`, a whole second has no fraction
 * (`2024-01-01T00:00:03Z`), as AWS prints context-object timestamps.
 */
export function formatTimestamp(ms: number, trimZeroFraction = false): string {
	const days = Math.floor(ms / MS_PER_DAY);
	let rest = ms - days * MS_PER_DAY;
	const [y, mo, d] = civilFromDays(days);
	const h = Math.floor(rest / 3_600_000);
	rest -= h * 3_600_000;
	const mi = Math.floor(rest / 60_000);
	rest -= mi * 60_000;
	const s = Math.floor(rest / 1000);
	const frac = Math.round(rest - s * 1000);
	const fraction = trimZeroFraction && frac === 0 ? '' : `.${pad(frac, 3)}`;
	return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction}Z`;
}

const TIMESTAMP =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp as ASL requires it (uppercase `T`, and `Z` or a numeric offset;
 * no offset at all is refused, as AWS refuses it). Returns epoch ms (fractions below a
 * millisecond are truncated), or `undefined` when the text is not such a timestamp.
 */
export function parseTimestamp(text: string): number | undefined {
	const m = TIMESTAMP.exec(text);
	if (!m) return undefined;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) {
		return undefined;
	}
	const frac = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
	let offset = 0;
	if (m[8] !== 'Z') {
		const oh = Number(m[8].slice(1, 3));
		const om = Number(m[8].slice(4, 6));
		if (oh > 23 || om > 59) return undefined;
		offset = (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
	}
	return (
		daysFromCivil(y, mo, d) * MS_PER_DAY +
		((h * 60 + mi) * 60 + Math.min(s, 59)) * 1000 +
		frac -
		offset
	);
}

/**
 * Orders two RFC 3339 timestamps as instants, at full precision: fractions below a millisecond
 * count (`…00.0001Z` is after `…00Z`), which `parseTimestamp`'s epoch ms cannot show. Returns a
 * negative number, 0 or a positive number, or `undefined` when either text is not a timestamp.
 */
export function compareTimestamps(a: string, b: string): number | undefined {
	const ma = parseTimestamp(a);
	const mb = parseTimestamp(b);
	if (ma === undefined || mb === undefined) return undefined;
	if (ma !== mb) return ma < mb ? -1 : 1;
	const fa = subMillisecond(a);
	const fb = subMillisecond(b);
	return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** The fraction digits after the third of a timestamp parsed by `TIMESTAMP`, padded to compare. */
function subMillisecond(text: string): string {
	return (TIMESTAMP.exec(text)?.[7] ?? '').slice(3).replace(/0+$/, '');
}

function daysInMonth(y: number, m: number): number {
	if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
