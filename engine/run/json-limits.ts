import type { JsonValue } from '../asl/types.js';

/**
 * How deeply the engine lets JSON values nest: the definition parser's limit, and Jackson's
 * default `maxNestingDepth`. Deeper values (a loop whose Pass state wraps its input once more
 * on every visit, a handler's or `States.StringToJson`'s result) would overflow the call stack
 * of JavaScript's own `JSON.stringify`, so they fail the execution instead.
 *
 * Differs from AWS: the guide gives no nesting limit, only the 256 KiB payload quota.
 */
export const MAX_JSON_DEPTH = 1000;

/** The cause of the `States.Runtime` failure for a value nested deeper than `MAX_JSON_DEPTH`. */
export function tooDeepCause(what: string): string {
	return `${what} is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`;
}

/**
 * An upper bound of a value's JSON size in UTF-8 bytes, cheaper than serialising it (a string
 * character takes at most 6 bytes: `\u001f`); it stops counting once past `limit`. -1 when the
 * value nests deeper than `MAX_JSON_DEPTH` within the part counted: the walk stops there, so its
 * own recursion stays within the limit.
 */
export function jsonSizeBound(v: JsonValue, limit: number, depth = 0): number {
	if (v === null || typeof v !== 'object') return typeof v === 'string' ? v.length * 6 + 2 : 24;
	if (depth >= MAX_JSON_DEPTH) return -1;
	let n = 2;
	if (Array.isArray(v)) {
		for (let i = 0; i < v.length && n <= limit; i++) {
			const m = jsonSizeBound(v[i], limit, depth + 1);
			if (m < 0) return -1;
			n += m + 1;
		}
		return n;
	}
	for (const k in v) {
		const m = jsonSizeBound(v[k], limit, depth + 1);
		if (m < 0) return -1;
		n += k.length * 6 + 4 + m;
		if (n > limit) return n;
	}
	return n;
}

/** Whether `v` nests objects and arrays deeper than `MAX_JSON_DEPTH` (any object counts). */
export function nestedTooDeep(v: unknown, depth = 0): boolean {
	if (v === null || typeof v !== 'object') return false;
	if (depth >= MAX_JSON_DEPTH) return true;
	if (Array.isArray(v)) {
		for (let i = 0; i < v.length; i++) if (nestedTooDeep(v[i], depth + 1)) return true;
		return false;
	}
	for (const k in v) if (nestedTooDeep((v as Record<string, unknown>)[k], depth + 1)) return true;
	return false;
}

/** Nesting heights of values already measured (values are never mutated once made). */
const heights = new WeakMap<object, number>();

/**
 * `nestedTooDeep` for values that pass from state to state (a state's output is the next one's
 * input): each object's height is remembered, so a large array carried through a loop is
 * measured once, not at every state.
 */
export function nestedTooDeepShared(v: JsonValue): boolean {
	return height(v, 0) > MAX_JSON_DEPTH;
}

/** Levels of objects and arrays in `v`; Infinity once `depth` plus them passes the limit. */
function height(v: JsonValue, depth: number): number {
	if (v === null || typeof v !== 'object') return 0;
	const known = heights.get(v);
	if (known !== undefined) return known;
	if (depth >= MAX_JSON_DEPTH) return Infinity;
	let h = 0;
	const children = Array.isArray(v) ? v : Object.values(v);
	for (let i = 0; i < children.length && h !== Infinity; i++)
		h = Math.max(h, height(children[i], depth + 1));
	if (h !== Infinity) heights.set(v, h + 1);
	return h + 1;
}

/**
 * `JSON.stringify(v)` without recursion, for values too deep for it (an execution input passed
 * to `startExecution` by code rather than typed, which the history still records).
 */
export function jsonTextWithoutRecursion(v: JsonValue): string {
	const out: string[] = [];
	type Frame = { value: JsonValue[] | { [k: string]: JsonValue }; keys?: string[]; i: number };
	const stack: Frame[] = [];
	const open = (x: JsonValue | undefined) => {
		if (x === null || x === undefined || typeof x !== 'object')
			out.push(JSON.stringify(x) ?? 'null');
		else if (Array.isArray(x)) {
			out.push('[');
			stack.push({ value: x, i: 0 });
		} else {
			out.push('{');
			stack.push({ value: x, keys: Object.keys(x).filter((k) => x[k] !== undefined), i: 0 });
		}
	};
	open(v);
	while (stack.length) {
		const f = stack[stack.length - 1];
		const keys = f.keys;
		const n = keys ? keys.length : (f.value as JsonValue[]).length;
		if (f.i >= n) {
			out.push(keys ? '}' : ']');
			stack.pop();
			continue;
		}
		if (f.i > 0) out.push(',');
		if (keys) {
			const k = keys[f.i++];
			out.push(JSON.stringify(k), ':');
			open((f.value as { [k: string]: JsonValue })[k]);
		} else open((f.value as JsonValue[])[f.i++]);
	}
	return out.join('');
}
