import { isJsonObject, type JsonValue } from '../asl/types.js';
import { StatesError, StatesErrors } from '../errors.js';
import { base64Decode, base64Encode, hashHex } from '../util/codec.js';
import { Random } from '../random.js';
import {
	deepEqual,
	evaluatePath,
	parsePath,
	PathNotFoundError,
	UnknownVariableError,
	type ParsedPath,
	type PathRoots
} from './paths.js';

/**
 * ASL intrinsic functions (`States.Format(...)` and the other 17), as AWS implements them:
 * parsing (memoised) and evaluation. Failures raise `States.IntrinsicFailure`; a path argument
 * that matches nothing raises `States.Runtime`, as in AWS.
 */

export type IntrinsicArg =
	| {
			readonly kind: 'literal';
			readonly value: JsonValue;
			readonly raw?: string;
			/** An escape other than `\'`, `\{`, `\}`, `\\`: AWS fails the call when it runs. */
			readonly openEscape?: string;
	  }
	| { readonly kind: 'path'; readonly path: ParsedPath }
	| { readonly kind: 'call'; readonly call: IntrinsicCall };

export interface IntrinsicCall {
	readonly name: string;
	readonly args: readonly IntrinsicArg[];
	readonly text: string;
}

/** The 18 functions AWS offers, with their argument counts `[min, max]`. */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
	'States.Format': [1, Infinity],
	'States.StringToJson': [1, 1],
	'States.JsonToString': [1, 1],
	'States.Array': [0, Infinity],
	'States.ArrayPartition': [2, 2],
	'States.ArrayContains': [2, 2],
	'States.ArrayRange': [3, 3],
	'States.ArrayGetItem': [2, 2],
	'States.ArrayLength': [1, 1],
	'States.ArrayUnique': [1, 1],
	'States.Base64Encode': [1, 1],
	'States.Base64Decode': [1, 1],
	'States.Hash': [2, 2],
	'States.JsonMerge': [3, 3],
	'States.MathRandom': [2, 3],
	'States.MathAdd': [2, 2],
	'States.StringSplit': [2, 2],
	'States.UUID': [0, 0]
};

/** An intrinsic call that cannot be parsed; `offset` is into the expression text. */
export class IntrinsicSyntaxError extends Error {
	constructor(
		message: string,
		readonly offset: number
	) {
		super(message);
	}
}

/** True when a string looks like an intrinsic call (`States.Name(`), so is not a path. */
export function looksLikeIntrinsic(text: string): boolean {
	return /^States\.[A-Za-z0-9]+\s*\(/.test(text);
}

const cache = new Map<string, IntrinsicCall>();

/** Parses `States.Fn(arg, ...)` (memoised). Throws `IntrinsicSyntaxError`. */
export function parseIntrinsic(text: string): IntrinsicCall {
	let call = cache.get(text);
	if (!call) {
		const p = new IntrinsicParser(text);
		call = p.call(0);
		p.ws();
		if (p.i < text.length)
			throw new IntrinsicSyntaxError(`Unexpected '${text[p.i]}' after the call`, p.i);
		if (cache.size > 2000) cache.clear();
		cache.set(text, call);
	}
	return call;
}

class IntrinsicParser {
	i = 0;
	constructor(readonly text: string) {}

	ws(): void {
		while (this.text[this.i] === ' ' || this.text[this.i] === '\t' || this.text[this.i] === '\n')
			this.i++;
	}

	call(depth: number): IntrinsicCall {
		const t = this.text;
		const start = this.i;
		const m = /^States\.[A-Za-z0-9]+/.exec(t.slice(this.i));
		if (!m)
			throw new IntrinsicSyntaxError('Expected an intrinsic function name (States.…)', this.i);
		const name = m[0];
		if (!(name in INTRINSIC_FUNCTIONS)) {
			throw new IntrinsicSyntaxError(`Unknown intrinsic function '${name}'`, this.i);
		}
		if (depth >= 10)
			throw new IntrinsicSyntaxError('Intrinsic functions nest at most 10 deep', this.i);
		this.i += name.length;
		this.ws();
		if (t[this.i] !== '(') throw new IntrinsicSyntaxError(`Expected '(' after ${name}`, this.i);
		this.i++;
		const args: IntrinsicArg[] = [];
		this.ws();
		if (t[this.i] === ')') this.i++;
		else {
			for (;;) {
				this.ws();
				args.push(this.arg(depth));
				this.ws();
				if (t[this.i] === ',') {
					this.i++;
					continue;
				}
				if (t[this.i] === ')') {
					this.i++;
					break;
				}
				throw new IntrinsicSyntaxError(`Expected ',' or ')' in the arguments of ${name}`, this.i);
			}
		}
		const [min, max] = INTRINSIC_FUNCTIONS[name];
		if (args.length < min || args.length > max) {
			const want =
				min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
			throw new IntrinsicSyntaxError(
				`${name} takes ${want} argument(s), got ${args.length}`,
				start
			);
		}
		return { name, args, text: t.slice(start, this.i) };
	}

	arg(depth: number): IntrinsicArg {
		const t = this.text;
		const c = t[this.i];
		if (c === "'") return this.stringLiteral();
		if (c === '$') {
			const from = this.i;
			// A path runs to the next top-level ',' or ')' (brackets may contain both).
			let depthB = 0;
			let quote = '';
			for (; this.i < t.length; this.i++) {
				const ch = t[this.i];
				if (quote) {
					if (ch === '\\') this.i++;
					else if (ch === quote) quote = '';
					continue;
				}
				if (ch === "'" || ch === '"') quote = ch;
				else if (ch === '[' || ch === '(') depthB++;
				else if (ch === ']' || (ch === ')' && depthB > 0)) depthB--;
				else if ((ch === ',' || ch === ')') && depthB === 0) break;
			}
			const text = t.slice(from, this.i).trim();
			try {
				return { kind: 'path', path: parsePath(text) };
			} catch (e) {
				throw new IntrinsicSyntaxError(`Invalid path '${text}': ${(e as Error).message}`, from);
			}
		}
		if (t.startsWith('States.', this.i)) return { kind: 'call', call: this.call(depth + 1) };
		const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|null|true|false)/.exec(t.slice(this.i));
		if (m) {
			this.i += m[0].length;
			return { kind: 'literal', value: JSON.parse(m[0]) };
		}
		throw new IntrinsicSyntaxError(
			`Unexpected '${c ?? 'end of text'}' in intrinsic arguments`,
			this.i
		);
	}

	stringLiteral(): IntrinsicArg {
		const t = this.text;
		const from = this.i;
		this.i++;
		let value = '';
		let raw = '';
		let openEscape: string | undefined;
		for (;;) {
			if (this.i >= t.length) throw new IntrinsicSyntaxError('Unterminated string literal', from);
			const c = t[this.i];
			if (c === '\\') {
				const n = t[this.i + 1];
				if (n === undefined)
					throw new IntrinsicSyntaxError('Open backslash at the end of a string', this.i);
				if (!"'{}\\".includes(n)) openEscape ??= c + n;
				value += n;
				raw += c + n;
				this.i += 2;
				continue;
			}
			if (c === "'") {
				this.i++;
				return openEscape === undefined
					? { kind: 'literal', value, raw }
					: { kind: 'literal', value, raw, openEscape };
			}
			value += c;
			raw += c;
			this.i++;
		}
	}
}

/** What an intrinsic needs at run time. */
export interface IntrinsicEnv extends PathRoots {
	readonly random: Random;
}

const fail = (message: string): never => {
	throw new StatesError(StatesErrors.IntrinsicFailure, message);
};

/** Evaluates a parsed call. Throws `StatesError` (IntrinsicFailure) on bad arguments. */
export function evaluateIntrinsic(call: IntrinsicCall, env: IntrinsicEnv): JsonValue {
	const values = call.args.map((a) => argValue(a, env));
	const fn = call.name;
	const num = (v: JsonValue, what: string): number => {
		if (typeof v !== 'number')
			fail(`The ${what} argument of ${fn} must be a number, got ${describe(v)}`);
		return v as number;
	};
	const int = (v: JsonValue, what: string): number => Math.round(num(v, what));
	const str = (v: JsonValue, what: string): string => {
		if (typeof v !== 'string')
			fail(`The ${what} argument of ${fn} must be a string, got ${describe(v)}`);
		return v as string;
	};
	const arr = (v: JsonValue, what: string): JsonValue[] => {
		if (!Array.isArray(v))
			fail(`The ${what} argument of ${fn} must be an array, got ${describe(v)}`);
		return v as JsonValue[];
	};
	switch (fn) {
		case 'States.Format':
			return format(call, values);
		case 'States.StringToJson': {
			const s = str(values[0], 'first').trim();
			if (s === '') return null;
			try {
				return JSON.parse(s) as JsonValue;
			} catch {
				return fail(`States.StringToJson: the argument is not valid JSON text: ${s}`);
			}
		}
		case 'States.JsonToString':
			if (call.args[0].kind !== 'path') fail('States.JsonToString takes a path argument');
			return JSON.stringify(values[0]);
		case 'States.Array':
			return values;
		case 'States.ArrayPartition': {
			const a = arr(values[0], 'first');
			const size = int(values[1], 'second');
			if (size <= 0)
				fail(`States.ArrayPartition: the chunk size must be a positive integer, got ${values[1]}`);
			const out: JsonValue[] = [];
			for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
			return out;
		}
		case 'States.ArrayContains':
			return arr(values[0], 'first').some((x) => deepEqual(x, values[1]));
		case 'States.ArrayRange': {
			const start = int(values[0], 'first');
			const end = int(values[1], 'second');
			const step = int(values[2], 'third');
			if (step === 0) fail('States.ArrayRange: the step must not be 0');
			const count = Math.floor((end - start) / step) + 1;
			if (count > 1000)
				fail(`States.ArrayRange: the range has ${count} items; at most 1000 are allowed`);
			const out: number[] = [];
			for (let v = start; step > 0 ? v <= end : v >= end; v += step) out.push(v);
			return out;
		}
		case 'States.ArrayGetItem': {
			const a = arr(values[0], 'first');
			const i = int(values[1], 'second');
			if (i < 0 || i >= a.length)
				fail(`States.ArrayGetItem: index ${i} is out of bounds for an array of ${a.length}`);
			return a[i];
		}
		case 'States.ArrayLength':
			return arr(values[0], 'first').length;
		case 'States.ArrayUnique': {
			const out: JsonValue[] = [];
			for (const v of arr(values[0], 'first')) if (!out.some((x) => deepEqual(x, v))) out.push(v);
			return out;
		}
		case 'States.Base64Encode': {
			const s = str(values[0], 'first');
			if (s.length > 10_000)
				fail('States.Base64Encode: the input is longer than 10,000 characters');
			return base64Encode(s);
		}
		case 'States.Base64Decode': {
			const s = str(values[0], 'first');
			if (s.length > 10_000)
				fail('States.Base64Decode: the input is longer than 10,000 characters');
			const out = base64Decode(s);
			if (out === undefined) fail('States.Base64Decode: the input is not valid base64');
			return out as string;
		}
		case 'States.Hash': {
			const data = values[0];
			const s = typeof data === 'string' ? data : JSON.stringify(data);
			if (s.length > 10_000) fail('States.Hash: the input is longer than 10,000 characters');
			const alg = str(values[1], 'second');
			if (!['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'].includes(alg)) {
				fail(`States.Hash: unsupported algorithm '${alg}' (MD5, SHA-1, SHA-256, SHA-384, SHA-512)`);
			}
			return hashHex(s, alg as 'MD5');
		}
		case 'States.JsonMerge': {
			const a = values[0];
			const b = values[1];
			if (!isJsonObject(a) || !isJsonObject(b))
				fail('States.JsonMerge: both arguments must be JSON objects');
			if (values[2] !== false) {
				// Differs from the ASL spec: AWS supports only the shallow merge.
				fail('States.JsonMerge: only a shallow merge (third argument false) is supported');
			}
			return { ...(a as object), ...(b as object) } as JsonValue;
		}
		case 'States.MathRandom': {
			const start = int(values[0], 'first');
			const end = int(values[1], 'second');
			if (end <= start) fail('States.MathRandom: the end must be greater than the start');
			if (values.length === 3) {
				const seed = int(values[2], 'third');
				// Same seed, same number (the AWS contract); the generator itself is ours.
				return new Random(seed).int(start, end);
			}
			return env.random.int(start, end);
		}
		case 'States.MathAdd': {
			const a = int(values[0], 'first');
			const b = int(values[1], 'second');
			for (const v of [a, b]) {
				if (v < -2147483648 || v > 2147483647)
					fail('States.MathAdd: arguments must be 32-bit integers');
			}
			return a + b;
		}
		case 'States.StringSplit': {
			const s = str(values[0], 'first');
			const delims = str(values[1], 'second');
			const out: string[] = [];
			let cur = '';
			for (const ch of s) {
				if (delims.includes(ch)) {
					if (cur) out.push(cur);
					cur = '';
				} else cur += ch;
			}
			if (cur) out.push(cur);
			return out;
		}
		case 'States.UUID':
			return env.random.uuid();
	}
	throw new Error(`engine bug: unhandled intrinsic ${fn}`);
}

function argValue(a: IntrinsicArg, env: IntrinsicEnv): JsonValue {
	if (a.kind === 'literal') {
		// AWS guide, "Intrinsic functions": "If an open escape backslash \ is found in the
		// intrinsic invocation string, the interpreter will throw a runtime error."
		if (a.openEscape !== undefined) {
			fail(
				`The string '${a.raw}' has an open escape backslash '${a.openEscape}': only \\', \\{, \\} and \\\\ are escapes`
			);
		}
		return a.value;
	}
	if (a.kind === 'call') return evaluateIntrinsic(a.call, env);
	try {
		return evaluatePath(a.path, env);
	} catch (e) {
		// A variable that was never assigned is a run-time error, as it is in any other path.
		if (e instanceof UnknownVariableError) {
			throw new StatesError(
				StatesErrors.Runtime,
				`The JsonPath argument for the intrinsic function '${a.path.text}' references the undefined variable '${e.variable}'`
			);
		}
		if (!(e instanceof PathNotFoundError)) throw e;
		throw new StatesError(
			StatesErrors.Runtime,
			`The JsonPath argument for the intrinsic function '${a.path.text}' could not be found in the input`
		);
	}
}

function describe(v: JsonValue): string {
	return v === null
		? 'null'
		: Array.isArray(v)
			? 'an array'
			: typeof v === 'object'
				? 'an object'
				: `${typeof v} ${JSON.stringify(v)}`;
}

/** `States.Format`: `{}` placeholders, `\{` and `\}` literal braces. */
function format(call: IntrinsicCall, values: JsonValue[]): string {
	const tplArg = call.args[0];
	if (typeof values[0] !== 'string') fail('States.Format: the first argument must be a string');
	const raw =
		tplArg.kind === 'literal' && tplArg.raw !== undefined
			? tplArg.raw
			: escapeBraces(values[0] as string);
	const args = values.slice(1);
	let out = '';
	let used = 0;
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i];
		if (c === '\\' && i + 1 < raw.length) {
			out += raw[i + 1];
			i++;
		} else if (c === '{' && raw[i + 1] === '}') {
			if (used >= args.length) fail('States.Format: more placeholders than arguments');
			out += javaString(args[used++]);
			i++;
		} else out += c;
	}
	if (used !== args.length)
		fail('States.Format: the number of arguments does not match the placeholders');
	return out;
}

function escapeBraces(s: string): string {
	return s.replace(/\\/g, '\\\\');
}

/** How AWS (Java) renders a value inside `States.Format`: maps as `{a=1, b=[]}`. */
function javaString(v: JsonValue): string {
	if (v === null) return 'null';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
	return `{${Object.entries(v)
		.map(([k, x]) => `${k}=${javaString(x)}`)
		.join(', ')}}`;
}
