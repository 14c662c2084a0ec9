import type { ConformanceCase } from './case.js';

/**
 * The corpus comparison rules (`../shared/conformance/localstack/README.md`):
 * - status, output, error and cause compare exactly, except
 * - values at the `normalise` JSONPaths (recording-time values: dates, ids, traces), which only
 *   have to be present, and placeholders like `<region>` or `<uuid:1>` inside expected strings that
 *   do not come from the case's definition or input, which match any text;
 * - a cause the recording parsed from JSON text (`cause_parsed_from_json_text`) compares
 *   structurally, and a Lambda error's `stackTrace` is a recording-time value (the corpus README
 *   lists Lambda causes' "requestId and Python stackTrace" as normalised);
 * - an absent expected cause also accepts an empty one (AWS leaves it out when empty);
 * - our cases' `event_count` and `events_tail` pin the length of a history too long to list and
 *   the types of its last events;
 * - history event types compare in order, except inside Parallel blocks that the recording tool
 *   sorted (cases whose `notes` say so), which compare as multisets.
 */

export interface Actual {
	readonly status: string;
	readonly output?: unknown;
	readonly error?: string;
	readonly cause?: string;
	readonly events: readonly string[];
	/** Virtual ms of each event, parallel to `events`. */
	readonly timestamps?: readonly number[];
	readonly durationMs?: number;
	/** For static cases: the error diagnostics found. */
	readonly diagnostics?: readonly { code: string; path: string }[];
}

/** Why an actual run differs from a case, or an empty list when it matches. */
export function compareCase(c: ConformanceCase, actual: Actual): string[] {
	const problems: string[] = [];
	if (c.diagnostics) {
		const got = JSON.stringify(
			(actual.diagnostics ?? []).map((d) => ({ code: d.code, path: d.path }))
		);
		const want = JSON.stringify(c.diagnostics.map((d) => ({ code: d.code, path: d.path })));
		if (got !== want) problems.push(`diagnostics: expected ${want}, got ${got}`);
		return problems;
	}
	const exp = c.expected;
	const literals = literalPlaceholders(c);
	const ignored = new Set((c.normalise ?? []).map(normalisePath));
	if (actual.status !== exp.status) {
		problems.push(
			`status: expected ${exp.status}, got ${actual.status}${actual.error ? ` (${actual.error}: ${actual.cause})` : ''}`
		);
	}
	if (exp.status === 'SUCCEEDED' && 'output' in exp && actual.status === 'SUCCEEDED') {
		const diff = diffValue(exp.output, actual.output, '$.expected.output', ignored, literals);
		if (diff) problems.push(`output ${diff}`);
	}
	if (exp.status !== 'SUCCEEDED') {
		if ((exp.error ?? undefined) !== (actual.error ?? undefined)) {
			problems.push(
				`error: expected ${JSON.stringify(exp.error)}, got ${JSON.stringify(actual.error)}`
			);
		}
		if (!ignored.has('$.expected.cause')) {
			const cause = actual.cause;
			if (exp.cause === undefined) {
				if (cause !== undefined && cause !== '')
					problems.push(`cause: expected none, got ${JSON.stringify(cause)}`);
			} else if (exp.cause_parsed_from_json_text) {
				let parsed: unknown;
				try {
					parsed = cause === undefined ? undefined : JSON.parse(cause);
				} catch {
					parsed = cause;
				}
				const diff = diffValue(exp.cause, parsed, '$.expected.cause', ignored, literals, true);
				if (diff) problems.push(`cause ${diff}`);
			} else if (typeof exp.cause === 'string') {
				if (cause === undefined || !stringMatches(exp.cause, cause, literals)) {
					problems.push(
						`cause: expected ${JSON.stringify(exp.cause)}, got ${JSON.stringify(cause)}`
					);
				}
			}
		}
	}
	if (exp.duration_ms !== undefined && actual.durationMs !== exp.duration_ms) {
		problems.push(`duration: expected ${exp.duration_ms} ms, got ${actual.durationMs} ms`);
	}
	for (const [type, times] of Object.entries(c.event_times ?? {})) {
		const got = actual.events.flatMap((e, i) => (e === type ? [actual.timestamps?.[i]] : []));
		if (JSON.stringify(got) !== JSON.stringify(times)) {
			problems.push(
				`${type} times: expected ${JSON.stringify(times)} ms, got ${JSON.stringify(got)} ms`
			);
		}
	}
	if (c.event_count !== undefined && actual.events.length !== c.event_count) {
		problems.push(`event count: expected ${c.event_count}, got ${actual.events.length}`);
	}
	if (c.events_tail) {
		const tail = actual.events.slice(-c.events_tail.length);
		const diff = diffList(c.events_tail, tail);
		if (diff) problems.push(`last events ${diff}`);
	}
	if (c.events) {
		const sorted = (c.notes ?? []).some((n) => n.includes('sorted by the recording tool'));
		const diff = sorted
			? diffSortedBlocks(c.events, actual.events)
			: diffList(c.events, actual.events);
		if (diff) problems.push(`events ${diff}`);
	}
	return problems;
}

/** `$.expected.output.a['b']` → `$.expected.output.a.b` (the corpus uses dotted names). */
function normalisePath(p: string): string {
	return p.replace(/\['([^']*)'\]/g, '.$1');
}

/** Placeholders that appear in the definition or input are ordinary text. */
function literalPlaceholders(c: ConformanceCase): Set<string> {
	const text = JSON.stringify([c.definition, c.input]);
	return new Set(text.match(/<[A-Za-z0-9_:.-]+>/g) ?? []);
}

const PLACEHOLDER = /<[A-Za-z0-9_:.-]+>/g;

function stringMatches(expected: string, actual: string, literals: Set<string>): boolean {
	if (expected === actual) return true;
	if (!PLACEHOLDER.test(expected)) return false;
	PLACEHOLDER.lastIndex = 0;
	let re = '^';
	let last = 0;
	for (const m of expected.matchAll(PLACEHOLDER)) {
		re += escapeRe(expected.slice(last, m.index));
		re += literals.has(m[0]) ? escapeRe(m[0]) : '[\\s\\S]*?';
		last = m.index! + m[0].length;
	}
	re += escapeRe(expected.slice(last)) + '$';
	return new RegExp(re).test(actual);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function diffValue(
	expected: unknown,
	actual: unknown,
	path: string,
	ignored: Set<string>,
	literals: Set<string>,
	lambdaCause = false
): string | undefined {
	if (ignored.has(path)) return actual === undefined ? `${path}: missing` : undefined;
	if (lambdaCause && /\.stackTrace$/.test(path))
		return actual === undefined ? `${path}: missing` : undefined;
	if (typeof expected === 'string') {
		if (typeof actual === 'string' && stringMatches(expected, actual, literals)) return undefined;
		return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
		if (actual.length !== expected.length) {
			return `${path}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual).slice(0, 300)}`;
		}
		for (let i = 0; i < expected.length; i++) {
			const d = diffValue(expected[i], actual[i], `${path}[${i}]`, ignored, literals, lambdaCause);
			if (d) return d;
		}
		return undefined;
	}
	if (expected !== null && typeof expected === 'object') {
		if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
			return `${path}: expected an object, got ${JSON.stringify(actual)?.slice(0, 300)}`;
		}
		const e = expected as Record<string, unknown>;
		const a = actual as Record<string, unknown>;
		for (const k of Object.keys(e)) {
			if (!(k in a)) return `${path}.${k}: missing`;
			const d = diffValue(e[k], a[k], `${path}.${k}`, ignored, literals, lambdaCause);
			if (d) return d;
		}
		for (const k of Object.keys(a))
			if (!(k in e)) return `${path}.${k}: unexpected (${JSON.stringify(a[k])?.slice(0, 100)})`;
		return undefined;
	}
	if (expected === actual) return undefined;
	return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function diffList(expected: readonly string[], actual: readonly string[]): string | undefined {
	const n = Math.max(expected.length, actual.length);
	for (let i = 0; i < n; i++) {
		if (expected[i] !== actual[i]) {
			return `differ at #${i + 1}: expected ${expected[i]}, got ${actual[i]}\n  expected: ${expected.slice(Math.max(0, i - 2), i + 4).join(', ')}\n  actual:   ${actual.slice(Math.max(0, i - 2), i + 4).join(', ')}`;
		}
	}
	return undefined;
}

/** Splits a history into ordered top-level events and sorted outermost Parallel blocks. */
function blocks(events: readonly string[]): string[] {
	const out: string[] = [];
	let depth = 0;
	let block: string[] = [];
	for (const e of events) {
		if (depth === 0) {
			out.push(e);
			if (e === 'ParallelStateStarted') {
				depth = 1;
				block = [];
			}
			continue;
		}
		if (e === 'ParallelStateStarted') depth++;
		if (
			e === 'ParallelStateSucceeded' ||
			e === 'ParallelStateFailed' ||
			e === 'ParallelStateExited'
		) {
			if (depth === 1) {
				out.push(`[${block.sort().join(',')}]`, e);
				depth = 0;
				continue;
			}
			if (e !== 'ParallelStateExited') depth--;
		}
		block.push(e);
	}
	if (depth > 0) out.push(`[${block.sort().join(',')}]`);
	return out;
}

function diffSortedBlocks(
	expected: readonly string[],
	actual: readonly string[]
): string | undefined {
	const d = diffList(blocks(expected), blocks(actual));
	return d ? `(Parallel blocks compared as multisets) ${d}` : undefined;
}
