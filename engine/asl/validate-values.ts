import { IntrinsicSyntaxError, looksLikeIntrinsic, parseIntrinsic } from '../run/intrinsics.js';
import { compileJsonata, jsonataExpression } from '../run/jsonata.js';
import { parsePath, PathSyntaxError, type ParsedPath } from '../run/paths.js';
import type { QueryLanguage } from './types.js';
import { child, hasField, isObject, type Checker, type Obj } from './validate-fields.js';

/**
 * Checks for single values: numbers, enumerations, JSONPath paths and intrinsic calls, payload
 * templates (`key.$`), JSONata expressions (`{% … %}`) and variable names. Each reports at the
 * offending value, narrowed to the failing character inside a string where it can be.
 */

/**
 * Nesting the value walkers follow before giving up, so that a definition built in code (not
 * parsed, which caps nesting already) cannot exhaust the call stack.
 */
export const MAX_DEPTH = 1000;

// ---------------------------------------------------------------------------------------------
// Numbers and strings

/** A numeric rule: the test and how the message describes a valid value. */
export interface NumberRule {
	readonly test: (n: number) => boolean;
	readonly expected: string;
}

/** Integers > 0. */
export const POSITIVE_INTEGER: NumberRule = {
	test: (n) => Number.isInteger(n) && n > 0,
	expected: 'a positive whole number'
};
/**
 * Timeouts in seconds: positive integers up to 99999999, the Task default (AWS guide, "Task
 * state"; AWS's ASL service schema gives TimeoutSeconds and HeartbeatSeconds that maximum).
 */
export const TIMEOUT_SECONDS: NumberRule = {
	test: (n) => Number.isInteger(n) && n > 0 && n <= 99_999_999,
	expected: 'a positive whole number of seconds (at most 99999999)'
};
/** Integers ≥ 0. */
export const NON_NEGATIVE_INTEGER: NumberRule = {
	test: (n) => Number.isInteger(n) && n >= 0,
	expected: 'a whole number of 0 or more'
};
/** 0 to 100. */
export const PERCENTAGE: NumberRule = {
	test: (n) => n >= 0 && n <= 100,
	expected: 'a number from 0 to 100'
};

/**
 * Checks a number field. In a JSONata state a `{% %}` string is also accepted (and compiled);
 * returns the number when it is a valid literal, else `undefined`.
 */
export function checkNumber(
	c: Checker,
	value: unknown,
	pointer: string,
	field: string,
	rule: NumberRule,
	language: QueryLanguage
): number | undefined {
	if (typeof value === 'number' && rule.test(value)) return value;
	if (language === 'JSONata' && jsonataExpression(value) !== undefined) {
		checkJsonata(c, value, pointer, NO_EXTRAS);
		return undefined;
	}
	const expected =
		language === 'JSONata' ? `${rule.expected}, or a JSONata expression {% … %}` : rule.expected;
	c.report('invalid_value', { field, expected }, pointer);
	return undefined;
}

/** How messages describe a valid ASL timestamp. */
export const TIMESTAMP_EXPECTED =
	'a timestamp string such as "2024-01-31T12:00:00Z" (RFC 3339, with Z or an offset)';

/** Reports a value that is present but not a string. */
export function checkString(c: Checker, value: unknown, pointer: string, field: string): void {
	if (typeof value !== 'string') {
		c.report('invalid_value', { field, expected: 'a string' }, pointer);
	}
}

/** Reports a `Comment` that is present but not a string. */
export function checkComment(c: Checker, obj: Obj, pointer: string): void {
	if (hasField(obj, 'Comment')) checkString(c, obj.Comment, child(pointer, 'Comment'), 'Comment');
}

/** Reports a value that is present but not one of `options`. */
export function checkEnum(
	c: Checker,
	value: unknown,
	pointer: string,
	field: string,
	options: readonly string[]
): void {
	if (typeof value === 'string' && options.includes(value)) return;
	const expected = `one of ${options.map((o) => `'${o}'`).join(', ')} (case-sensitive)`;
	c.report('invalid_value', { field, expected }, pointer);
}

// ---------------------------------------------------------------------------------------------
// JSONPath paths and intrinsic functions

/** What a path field accepts. */
export type PathKind = 'path' | 'nullable' | 'reference' | 'path-or-intrinsic';

/**
 * Checks a JSONPath field: it must parse (`invalid_path`, at the offending character); a
 * `reference` (ResultPath) must also be a plain reference path into the input
 * (`invalid_result_path`); `path-or-intrinsic` also accepts an intrinsic call.
 */
export function checkPath(
	c: Checker,
	value: unknown,
	pointer: string,
	field: string,
	kind: PathKind
): ParsedPath | undefined {
	if (value === null && (kind === 'nullable' || kind === 'reference')) return undefined;
	if (typeof value !== 'string') {
		const expected =
			kind === 'path'
				? "a JSONPath string such as '$.items'"
				: "a JSONPath string such as '$.items', or null";
		c.report('invalid_value', { field, expected }, pointer);
		return undefined;
	}
	if (kind === 'path-or-intrinsic' && looksLikeIntrinsic(value)) {
		checkIntrinsic(c, value, pointer);
		return undefined;
	}
	const parsed = parsePathAt(c, value, pointer, field);
	const reason = parsed && kind === 'reference' ? referenceProblem(parsed) : undefined;
	if (reason) c.report('invalid_result_path', { reason }, pointer);
	return parsed;
}

/** Why a parsed path cannot be a ResultPath (asl-reference.md §1.4), if it cannot. */
function referenceProblem(path: ParsedPath): string | undefined {
	if (path.root.kind === 'context') return "starts with '$$' (the context object is read-only)";
	if (path.root.kind === 'variable') return 'refers to a variable';
	if (!path.reference) return 'selects with a wildcard, slice, filter or function';
	return undefined;
}

function parsePathAt(
	c: Checker,
	value: string,
	pointer: string,
	field: string
): ParsedPath | undefined {
	try {
		return parsePath(value);
	} catch (e) {
		const offset = e instanceof PathSyntaxError ? e.offset : 0;
		const detail = e instanceof Error ? asClause(e.message) : 'it cannot be parsed';
		c.reportInString('invalid_path', { field, detail }, pointer, value, offset, offset + 1);
		return undefined;
	}
}

/** Checks an intrinsic call such as `States.Format('{}', $.a)`. */
export function checkIntrinsic(c: Checker, value: string, pointer: string): void {
	try {
		parseIntrinsic(value);
	} catch (e) {
		const offset = e instanceof IntrinsicSyntaxError ? e.offset : 0;
		const detail = e instanceof Error ? asClause(e.message) : 'it cannot be parsed';
		c.reportInString('invalid_intrinsic', { detail }, pointer, value, offset, offset + 1);
	}
}

/** 'Expected a name' → 'expected a name', to follow a colon in a message. */
const asClause = (s: string): string =>
	/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;

/**
 * Checks a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`,
 * `Credentials`, Assign values): every key ending in `.$` must hold a valid path or intrinsic
 * call, and no two keys may be the same once `.$` is stripped. Walks nested objects and arrays.
 */
export function checkTemplate(c: Checker, value: unknown, pointer: string, depth = 0): void {
	if (depth > MAX_DEPTH) return;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) checkTemplate(c, value[i], child(pointer, i), depth + 1);
		return;
	}
	if (!isObject(value)) return;
	const seen = new Set<string>();
	for (const key of Object.keys(value)) {
		const dynamic = key.endsWith('.$');
		const name = dynamic ? key.slice(0, -2) : key;
		const at = child(pointer, key);
		if (seen.has(name)) c.report('duplicate_template_key', { key: name }, at, 'key');
		seen.add(name);
		if (dynamic) checkDynamicValue(c, value[key], at, key);
		else checkTemplate(c, value[key], at, depth + 1);
	}
}

/** The value of a `key.$` member: a path or an intrinsic call. */
function checkDynamicValue(c: Checker, value: unknown, pointer: string, key: string): void {
	if (typeof value !== 'string') {
		const expected = `a path or intrinsic function string, because the key ends in '.$'`;
		c.report('invalid_value', { field: key, expected }, pointer);
	} else if (looksLikeIntrinsic(value)) checkIntrinsic(c, value, pointer);
	else parsePathAt(c, value, pointer, key);
}

// ---------------------------------------------------------------------------------------------
// JSONata

/** Which optional `$states` members an expression may use. */
export interface StatesScope {
	readonly result: boolean;
	readonly errorOutput: boolean;
}

/** Neither `$states.result` nor `$states.errorOutput`. */
export const NO_EXTRAS: StatesScope = { result: false, errorOutput: false };
/** A Task, Parallel or Map state's own `Output` and `Assign`. */
export const RESULT_SCOPE: StatesScope = { result: true, errorOutput: false };
/** A catcher's `Output` and `Assign`. */
export const ERROR_SCOPE: StatesScope = { result: false, errorOutput: true };

const STATES_EXTRA = /\$states\s*\.\s*(result|errorOutput)\b/g;
const WHERE_ALLOWED = {
	result: "the 'Output' and 'Assign' of Task, Parallel and Map states (once the work is done)",
	errorOutput: "the 'Output' and 'Assign' of a Catch entry"
} as const;

/**
 * Walks a JSONata-mode value: every `{% … %}` string must compile (`invalid_jsonata`, at the
 * failing character) and may only use the `$states` members `scope` allows
 * (`illegal_states_reference`).
 */
export function checkJsonata(
	c: Checker,
	value: unknown,
	pointer: string,
	scope: StatesScope,
	depth = 0
): void {
	if (typeof value === 'string') {
		const expr = jsonataExpression(value);
		if (expr !== undefined) checkExpression(c, value, expr, pointer, scope);
		else if (value.startsWith('{%')) {
			// Opened but not closed exactly at the end (AWS guide: "Improperly opening or closing
			// the expression will result in a validation error").
			const detail =
				"an expression that starts with '{%' must end with '%}', with nothing after it";
			c.reportInString(
				'invalid_jsonata',
				{ detail },
				pointer,
				value,
				value.length - 1,
				value.length
			);
		}
	} else if (depth > MAX_DEPTH) {
		return;
	} else if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			checkJsonata(c, value[i], child(pointer, i), scope, depth + 1);
		}
	} else if (isObject(value)) {
		for (const key of Object.keys(value)) {
			checkJsonata(c, value[key], child(pointer, key), scope, depth + 1);
		}
	}
}

function checkExpression(
	c: Checker,
	value: string,
	expr: string,
	pointer: string,
	scope: StatesScope
): void {
	// Where the expression starts in the string: after `{%` and any spaces the helper trims.
	const base = value.indexOf(expr, 2);
	try {
		compileJsonata(expr);
	} catch (e) {
		const { start, end, detail } = jsonataFailure(e, expr);
		c.reportInString('invalid_jsonata', { detail }, pointer, value, base + start, base + end);
		return;
	}
	for (const ref of topLevelReferences(expr)) {
		c.reportInString(
			'unsupported_jsonata_reference',
			{ reference: ref.name, hint: referenceHint(ref.name) },
			pointer,
			value,
			base + ref.start,
			base + ref.end
		);
	}
	STATES_EXTRA.lastIndex = 0;
	for (let m = STATES_EXTRA.exec(expr); m; m = STATES_EXTRA.exec(expr)) {
		const member = m[1] as 'result' | 'errorOutput';
		if (scope[member]) continue;
		const params = { reference: `$states.${member}`, allowed: WHERE_ALLOWED[member] };
		const [start, end] = [base + m.index, base + m.index + m[0].length];
		c.reportInString('illegal_states_reference', params, pointer, value, start, end);
	}
}

interface Reference {
	readonly name: string;
	readonly start: number;
	readonly end: number;
}

interface AstNode {
	readonly type?: string;
	readonly value?: unknown;
	readonly position?: number;
	readonly steps?: AstNode[];
	readonly lhs?: AstNode | AstNode[][];
	readonly rhs?: AstNode;
	readonly expression?: AstNode;
	readonly expressions?: AstNode[];
	readonly procedure?: AstNode;
	readonly arguments?: AstNode[];
	readonly body?: AstNode;
	readonly condition?: AstNode;
	readonly then?: AstNode;
	readonly else?: AstNode;
}

/**
 * What an expression reads from the top-level context, which Step Functions does not provide
 * (the input is `$states.input`, variables are `$name`): `$` itself, `$$`, and bare field names.
 * Only what is evaluated against that context counts: the first step of a path, the operands,
 * arguments and branches around it, and a lambda's body (it keeps the context it is defined in).
 * Later path steps, predicates, sort terms, grouping and transforms run against a value the
 * expression produced, so names there are fine (`$states.input.items[price > 3].name`).
 */
export function topLevelReferences(expr: string): Reference[] {
	const found: Reference[] = [];
	const seen = new Set<string>();
	const add = (name: string, token: string, position: number | undefined): void => {
		if (seen.has(name)) return;
		seen.add(name);
		const end = typeof position === 'number' ? position : expr.length;
		found.push({ name, start: Math.max(0, end - token.length), end });
	};
	const visit = (node: AstNode | undefined, depth: number): void => {
		if (!node || typeof node !== 'object' || depth > MAX_DEPTH * 4) return;
		const next = depth + 1;
		switch (node.type) {
			case 'path':
				visit(node.steps?.[0], next);
				break;
			case 'name':
				add(String(node.value), String(node.value), node.position);
				break;
			case 'variable':
				if (node.value === '') add('$', '$', node.position);
				else if (node.value === '$') add('$$', '$$', node.position);
				break;
			case 'unary':
				if (node.value === '{' && Array.isArray(node.lhs)) {
					for (const pair of node.lhs as AstNode[][]) for (const n of pair) visit(n, next);
				} else if (node.value === '[') {
					for (const n of node.expressions ?? []) visit(n, next);
				} else visit(node.expression, next);
				break;
			case 'binary':
			case 'apply':
				visit(node.lhs as AstNode | undefined, next);
				visit(node.rhs, next);
				break;
			case 'function':
			case 'partial':
				visit(node.procedure, next);
				for (const n of node.arguments ?? []) visit(n, next);
				break;
			case 'lambda':
				visit(node.body, next);
				break;
			case 'condition':
				visit(node.condition, next);
				visit(node.then, next);
				visit(node.else, next);
				break;
			case 'block':
				for (const n of node.expressions ?? []) visit(n, next);
				break;
			case 'bind':
				visit(node.rhs, next);
				break;
		}
	};
	try {
		visit(compileJsonata(expr).ast() as AstNode, 0);
	} catch {
		// Compile errors are reported on their own.
	}
	return found;
}

function referenceHint(name: string): string {
	if (name === '$$') return 'The execution context is $states.context.';
	if (name === '$') return 'Read the state input as $states.input.';
	return `Read the input field as $states.input.${name}, or a variable as $${name}.`;
}

/**
 * Where a jsonata compile error is. The library's `position` is the offset just after the token
 * it failed on (checked against jsonata 2.x), and `token` is that token's value.
 */
function jsonataFailure(e: unknown, expr: string): { start: number; end: number; detail: string } {
	const err = (isObject(e) ? e : {}) as { position?: unknown; token?: unknown; message?: unknown };
	const message = typeof err.message === 'string' ? err.message : 'syntax error';
	const detail = message.replace(/\.$/, '');
	if (typeof err.position !== 'number') return { start: 0, end: expr.length, detail };
	const end = Math.max(0, Math.min(err.position, expr.length));
	const token =
		typeof err.token === 'string' || typeof err.token === 'number' ? String(err.token) : '';
	let start = end - 1;
	if (token && token !== '(end)') {
		if (expr.slice(end - token.length, end) === token) start = end - token.length;
		else if (expr.slice(end - token.length - 1, end - 1) === token) start = end - token.length - 2;
	}
	return { start: Math.max(0, start), end, detail };
}

// ---------------------------------------------------------------------------------------------
// Variables

const VARIABLE_NAME = /^\p{ID_Start}\p{ID_Continue}*$/u;
const NAME_START = /^\p{ID_Start}/u;

/**
 * Checks an `Assign` object: each key (minus `.$` in JSONPath) must be a valid variable name and
 * each value a valid template (JSONPath) or valid JSONata (JSONata).
 */
export function checkAssign(
	c: Checker,
	value: unknown,
	pointer: string,
	language: QueryLanguage,
	scope: StatesScope
): void {
	if (!isObject(value)) {
		const expected = 'an object of variable names and values, like { "total": 0 }';
		c.report('invalid_value', { field: 'Assign', expected }, pointer);
		return;
	}
	if (language === 'JSONata') checkJsonata(c, value, pointer, scope);
	else checkTemplate(c, value, pointer);
	for (const key of Object.keys(value)) {
		const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
		const reason = variableNameProblem(name);
		if (reason) c.report('invalid_variable_name', { name, reason }, child(pointer, key), 'key');
	}
}

function variableNameProblem(name: string): string | undefined {
	if (name === '') return 'it is empty';
	if (name === 'states') return "'states' is reserved for the $states variable";
	if (name.length > 80 && [...name].length > 80) return 'it is longer than 80 characters';
	if (VARIABLE_NAME.test(name)) return undefined;
	return NAME_START.test(name)
		? 'it contains a character that is not a letter, digit or underscore'
		: 'it must start with a letter';
}
