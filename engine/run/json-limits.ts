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
 * The facts `#checkSize` needs, in one walk without recursion: whether `v` nests deeper than
 * `MAX_JSON_DEPTH`, and an upper bound of its JSON size in UTF-8 bytes that stops counting once
 * past `limit` (a string character takes at most 6 bytes: `\u001f`).
 */
export function jsonShape(v: JsonValue, limit: number): { tooDeep: boolean; sizeBound: number } {
	let size = 0;
	const stack: { value: JsonValue; depth: number }[] = [{ value: v, depth: 0 }];
	while (stack.length) {
		const { value, depth } = stack.pop() as { value: JsonValue; depth: number };
		if (value === null || typeof value !== 'object') {
			if (size <= limit) size += typeof value === 'string' ? value.length * 6 + 2 : 24;
			continue;
		}
		if (depth >= MAX_JSON_DEPTH) return { tooDeep: true, sizeBound: size };
		size += 2;
		if (Array.isArray(value)) {
			size += value.length;
			for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1 });
		} else {
			for (const k in value) {
				size += k.length * 6 + 4;
				stack.push({ value: value[k], depth: depth + 1 });
			}
		}
	}
	return { tooDeep: false, sizeBound: size };
}

/** Whether `v` nests objects and arrays deeper than `MAX_JSON_DEPTH` (any object counts). */
export function nestedTooDeep(v: unknown): boolean {
	const stack: { value: unknown; depth: number }[] = [{ value: v, depth: 0 }];
	while (stack.length) {
		const { value, depth } = stack.pop() as { value: unknown; depth: number };
		if (value === null || typeof value !== 'object') continue;
		if (depth >= MAX_JSON_DEPTH) return true;
		for (const x of Array.isArray(value) ? value : Object.values(value))
			stack.push({ value: x, depth: depth + 1 });
	}
	return false;
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
