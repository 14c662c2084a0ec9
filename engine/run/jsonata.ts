import jsonata from 'jsonata';
import type { JsonValue } from '../asl/types.js';
import { StatesError, StatesErrors } from '../errors.js';
import { formatTimestamp } from '../clock.js';
import { hashHex } from '../util/codec.js';
import { Random } from '../random.js';
import { MAX_JSON_DEPTH } from './json-limits.js';

/**
 * JSONata query language support, through the `jsonata` library (never a home-made evaluator).
 * Adds AWS's functions (`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`), refuses
 * `$eval`, pins `$now()`/`$millis()` to the virtual clock, and reports failures as
 * `States.QueryEvaluationError` with AWS's wording.
 */

/** `{% expr %}`: the whole string, no surrounding spaces (AWS rule). */
export function jsonataExpression(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.length < 4) return undefined;
	if (!value.startsWith('{%') || !value.endsWith('%}')) return undefined;
	// AWS reports (and evaluates) the expression without the spaces inside the braces.
	return value.slice(2, -2).trim();
}

const compiled = new Map<string, jsonata.Expression>();
/** The procedure nodes (`$f` in `$f(…)`) of each compiled expression's syntax tree. */
const procedureNodes = new WeakMap<jsonata.Expression, ReadonlySet<object>>();

/**
 * Evaluation steps one expression may take. AWS stops long evaluations (a third-party
 * measurement reports about a second); counting steps instead of time keeps runs
 * deterministic, and an endless (tail-)recursion ends as an error instead of a hang.
 */
export const MAX_JSONATA_STEPS = 1_000_000;
const ENTRY = Symbol.for('jsonata.__evaluate_entry');
const EXIT = Symbol.for('jsonata.__evaluate_exit');

/** Compiles (memoised). Throws the library's error, with `position` and `code`, when invalid. */
export function compileJsonata(expr: string): jsonata.Expression {
	let c = compiled.get(expr);
	if (!c) {
		c = jsonata(expr);
		if (compiled.size > 2000) compiled.clear();
		compiled.set(expr, c);
		procedureNodes.set(c, proceduresOf(c.ast()));
	}
	return c;
}

/** Every node that a function call evaluates as its procedure (a partial application writes nothing). */
function proceduresOf(ast: object): ReadonlySet<object> {
	const out = new Set<object>();
	const seen = new Set<object>();
	const walk = (v: unknown): void => {
		if (v === null || typeof v !== 'object' || seen.has(v)) return;
		seen.add(v);
		if (Array.isArray(v)) {
			for (const x of v) walk(x);
			return;
		}
		const node = v as { type?: unknown; procedure?: unknown };
		if (node.type === 'function' && node.procedure) out.add(node.procedure as object);
		for (const key in node) walk((node as Record<string, unknown>)[key]);
	};
	walk(ast);
	return out;
}

/**
 * Whether jsonata would refuse to call `value` (T1006) after writing onto it: data (an object,
 * an array or a sequence of one, `null`), not one of its functions or lambdas.
 */
function notCallable(value: unknown): boolean {
	if (typeof value !== 'object') return false;
	if (value === null) return true;
	if (Array.isArray(value)) {
		// A sequence of one is unwrapped and an empty one becomes `undefined` (nothing written).
		if ((value as { sequence?: unknown }).sequence !== true || value.length > 1) return true;
		return value.length === 1 && notCallable(value[0]);
	}
	const f = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
	return f._jsonata_function !== true && f._jsonata_lambda !== true;
}

/** What an expression can see. */
export interface JsonataScope {
	/** `$states`: `input`, `context`, and where allowed `result` / `errorOutput`. */
	readonly states: { readonly [k: string]: JsonValue };
	/** Workflow variables visible to the state. */
	readonly variable: (name: string) => JsonValue | undefined;
	readonly variableNames: () => Iterable<string>;
	readonly random: Random;
	/** Virtual epoch ms for `$now()` / `$millis()`. */
	readonly nowMs: number;
}

const fail = (message: string): never => {
	throw new StatesError(StatesErrors.QueryEvaluationError, message);
};

/**
 * AWS's functions report misuse with an error that has no JSONata code: jsonata replaces the
 * message of any error whose code is in its own table (D3001 would read "Attempting to invoke
 * string function on Infinity or NaN").
 */
function awsFunctions(scope: JsonataScope): Record<string, unknown> {
	const int = (v: unknown, fn: string, what: string): number => {
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			throw { message: `${fn}: the ${what} argument must be a number` };
		}
		return Math.floor(v);
	};
	return {
		partition: (array: unknown, size: unknown) => {
			if (!Array.isArray(array))
				throw { message: '$partition: the first argument must be an array' };
			const n = int(size, '$partition', 'second');
			if (n <= 0) throw { message: '$partition: the size must be positive' };
			const out: unknown[] = [];
			for (let i = 0; i < array.length; i += n) out.push(array.slice(i, i + n));
			return out;
		},
		range: (start: unknown, end: unknown, step: unknown) => {
			const a = int(start, '$range', 'first');
			const b = int(end, '$range', 'second');
			const s = int(step, '$range', 'third');
			if (s === 0) throw { message: '$range: the step must not be 0' };
			const out: number[] = [];
			for (let v = a; s > 0 ? v <= b : v >= b; v += s) {
				out.push(v);
				if (out.length > 1000) throw { message: '$range: at most 1000 items' };
			}
			// AWS returns a JSONata sequence: a single number comes back unwrapped (`1`, not `[1]`).
			Object.defineProperty(out, 'sequence', { value: true });
			return out;
		},
		hash: (data: unknown, alg: unknown) => {
			if (typeof data !== 'string') throw { message: '$hash: the first argument must be a string' };
			if (
				typeof alg !== 'string' ||
				!['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'].includes(alg)
			) {
				throw { message: `$hash: unsupported algorithm ${String(alg)}` };
			}
			return hashHex(data, alg as 'MD5');
		},
		random: (seed?: unknown) => {
			if (seed === undefined) return scope.random.next();
			return new Random(int(seed, '$random', 'first')).next();
		},
		uuid: () => scope.random.uuid(),
		parse: (text: unknown) => {
			if (typeof text !== 'string') throw { message: '$parse: the argument must be a string' };
			try {
				return JSON.parse(text) as unknown;
			} catch {
				throw { message: `$parse: the argument is not valid JSON text` };
			}
		},
		eval: () => {
			throw { message: 'The $eval function is not supported in AWS Step Functions' };
		},
		// jsonata's own $shuffle draws from Math.random: the same execution would shuffle
		// differently on every run. Same algorithm (inside-out Fisher-Yates), seeded PRNG.
		shuffle: (value: unknown) => {
			if (value === undefined) return undefined;
			const array = Array.isArray(value) ? value : [value];
			if (array.length <= 1) return array;
			const out: unknown[] = new Array(array.length);
			for (let i = 0; i < array.length; i++) {
				const j = Math.floor(scope.random.next() * (i + 1));
				if (i !== j) out[i] = out[j];
				out[j] = array[i];
			}
			return out;
		},
		// `$now(picture, timezone)` formats the virtual time as `$fromMillis` would.
		now: jsonataFunction(function (this: Focus, picture?: unknown, timezone?: unknown) {
			if (picture === undefined && timezone === undefined) return formatTimestamp(scope.nowMs);
			[picture, timezone].forEach((v, i) => {
				if (v !== undefined && typeof v !== 'string')
					throw { code: 'T0410', index: i + 1, token: 'now', value: v };
			});
			const fromMillis = this.environment.lookup('fromMillis') as JsonataFunction;
			return fromMillis.implementation.call(this, scope.nowMs, picture, timezone);
		}),
		millis: () => scope.nowMs
	};
}

/** What jsonata passes as `this` to a function object: the calling frame, among others. */
interface Focus {
	readonly environment: { lookup(name: string): unknown; timestamp?: Date };
}

/** A function as jsonata defines its own: called with the `Focus` as `this`. */
interface JsonataFunction {
	readonly _jsonata_function: true;
	readonly implementation: (this: Focus, ...args: unknown[]) => unknown;
}

function jsonataFunction(implementation: JsonataFunction['implementation']): JsonataFunction {
	return { _jsonata_function: true, implementation };
}

/** Raw evaluation; `undefined` when the expression yields nothing. Throws `StatesError`. */
export async function evaluateJsonata(
	expr: string,
	scope: JsonataScope,
	field: string
): Promise<JsonValue | undefined> {
	let c: jsonata.Expression;
	try {
		c = compileJsonata(expr);
	} catch (e) {
		return fail(
			`The JSONata expression '${expr}' specified for the field '${field}' is invalid. ${errorText(e)}`
		);
	}
	const bindings: Record<string, unknown> = awsFunctions(scope);
	for (const name of scope.variableNames()) bindings[name] = scope.variable(name);
	bindings.states = scope.states;
	let steps = 0;
	const now = new Date(scope.nowMs);
	// jsonata looks its entry hook up by symbol, which bindings cannot hold: set it on the
	// (memoised, shared) expression before each evaluation; evaluations never overlap.
	c.assign(
		ENTRY as unknown as string,
		(_expr: unknown, _input: unknown, env: Focus['environment']) => {
			// The first step runs in the evaluation's root frame, whose wall-clock `timestamp` jsonata
			// copies into every frame after it: `$toMillis` with a picture fills the parts the picture
			// lacks (the date of '[H01]:[m01]') from it. Use the virtual time instead.
			if (steps === 0) env.timestamp = now;
			if (++steps > MAX_JSONATA_STEPS) {
				throw {
					code: 'U1001',
					message: `Stopped after ${MAX_JSONATA_STEPS} evaluation steps: endless recursion?`
				};
			}
		}
	);
	// jsonata writes `token` and `position` onto an object it is asked to call before it finds
	// that it is no function, and that object may be the input or a variable (`$count(…)` when a
	// variable is named `count`): the state's own data would change. Fail first, as jsonata would.
	const procedures = procedureNodes.get(c);
	c.assign(
		EXIT as unknown as string,
		(node: object, _input: unknown, _env: unknown, value: unknown) => {
			if (procedures?.has(node) && notCallable(value)) throw { code: 'T1006' };
		}
	);
	let result: unknown;
	try {
		result = await c.evaluate(undefined, bindings);
	} catch (e) {
		return fail(
			`The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${errorText(e)}`
		);
	}
	if (result === undefined) return undefined;
	const kind = typeof result === 'function' ? 'unsupported' : jsonKind(result, 0);
	if (kind !== 'json') {
		return fail(
			`The JSONata expression '${expr}' specified for the field '${field}' returned ${kind === 'deep' ? `a value nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` : 'an unsupported result type'}.`
		);
	}
	return toPlainJson(result);
}

/** Like `evaluateJsonata`, but `undefined` is an error (most fields need a value). */
export async function evaluateJsonataValue(
	expr: string,
	scope: JsonataScope,
	field: string
): Promise<JsonValue> {
	const v = await evaluateJsonata(expr, scope, field);
	if (v === undefined) {
		return fail(
			`The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`
		);
	}
	return v;
}

/**
 * Evaluates a JSONata-mode field value: a `{% %}` string is evaluated, objects and arrays are
 * walked and their `{% %}` strings evaluated (`field/key` names the position in errors), other
 * values are literals.
 */
export async function evaluateJsonataTemplate(
	value: JsonValue,
	scope: JsonataScope,
	field: string
): Promise<JsonValue> {
	const expr = jsonataExpression(value);
	if (expr !== undefined) return evaluateJsonataValue(expr, scope, field);
	if (Array.isArray(value)) {
		const out: JsonValue[] = [];
		for (let i = 0; i < value.length; i++)
			out.push(await evaluateJsonataTemplate(value[i], scope, `${field}[${i}]`));
		return out;
	}
	if (value !== null && typeof value === 'object') {
		const out: { [k: string]: JsonValue } = {};
		for (const key in value)
			out[key] = await evaluateJsonataTemplate(value[key], scope, `${field}/${key}`);
		return out;
	}
	return value;
}

/** True when a value contains no `{% %}` string anywhere (so needs no evaluation). */
export function isStaticJsonata(value: JsonValue): boolean {
	if (typeof value === 'string') return jsonataExpression(value) === undefined;
	if (Array.isArray(value)) return value.every(isStaticJsonata);
	if (value !== null && typeof value === 'object')
		return Object.values(value).every(isStaticJsonata);
	return true;
}

function errorText(e: unknown): string {
	// jsonata reports with plain objects that carry a code; a JavaScript error is the runtime's
	// own, whose text ("Invalid string length" from `$pad("x", 1e9)`) means nothing in a
	// workflow: say what happened instead.
	if (e instanceof Error && !('code' in e)) {
		return e instanceof RangeError && /call stack/i.test(e.message)
			? 'The expression recursed too deeply.'
			: e instanceof RangeError
				? 'The expression built a string or an array too large to hold.'
				: 'The expression could not be evaluated.';
	}
	if (e && typeof e === 'object' && 'message' in e) {
		const code = 'code' in e && e.code ? `${String(e.code)}: ` : '';
		return `${code}${String((e as { message: unknown }).message)}`;
	}
	return String(e);
}

/**
 * Whether a JSONata result is JSON (`undefined` members aside), and if not, why: a function or
 * a non-finite number is `unsupported`, nesting past `MAX_JSON_DEPTH` is `deep` (checked on the
 * way down, so the recursion stays shallow).
 */
function jsonKind(v: unknown, depth: number): 'json' | 'unsupported' | 'deep' {
	if (v === null || typeof v === 'string' || typeof v === 'boolean') return 'json';
	if (typeof v === 'number') return Number.isFinite(v) ? 'json' : 'unsupported';
	if (typeof v !== 'object') return 'unsupported';
	if (depth >= MAX_JSON_DEPTH) return 'deep';
	for (const x of Array.isArray(v) ? v : Object.values(v as object)) {
		if (x === undefined) continue;
		const kind = jsonKind(x, depth + 1);
		if (kind !== 'json') return kind;
	}
	return 'json';
}

/** Strips JSONata's sequence markers and `undefined` members. */
function toPlainJson(v: unknown): JsonValue {
	if (Array.isArray(v)) {
		const out: JsonValue[] = [];
		for (const x of v) if (x !== undefined) out.push(toPlainJson(x));
		return out;
	}
	if (v !== null && typeof v === 'object') {
		const out: { [k: string]: JsonValue } = {};
		for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toPlainJson(x);
		return out;
	}
	return v as JsonValue;
}
