import type { ChoiceRule, JsonValue } from '../asl/types.js';
import { StatesError, StatesErrors } from '../errors.js';
import { compareTimestamps, parseTimestamp } from '../clock.js';
import type { IntrinsicEnv } from './intrinsics.js';
import { evaluatePath, parsePath, PathNotFoundError } from './paths.js';
import { pathError } from './payload.js';

/**
 * JSONPath Choice rules: `And`/`Or`/`Not` and data-test rules (`Variable` + one comparison
 * operator). A type mismatch makes a comparison false, never an error (ASL spec, Choice).
 */

/** Every comparison operator, without its `Path` twin. */
export const CHOICE_OPERATORS = [
	'StringEquals',
	'StringLessThan',
	'StringGreaterThan',
	'StringLessThanEquals',
	'StringGreaterThanEquals',
	'StringMatches',
	'NumericEquals',
	'NumericLessThan',
	'NumericGreaterThan',
	'NumericLessThanEquals',
	'NumericGreaterThanEquals',
	'BooleanEquals',
	'TimestampEquals',
	'TimestampLessThan',
	'TimestampGreaterThan',
	'TimestampLessThanEquals',
	'TimestampGreaterThanEquals',
	'IsNull',
	'IsPresent',
	'IsNumeric',
	'IsString',
	'IsBoolean',
	'IsTimestamp'
] as const;

/** Operators that have a `…Path` twin taking the operand from the input. */
export const PATH_OPERATORS = new Set<string>(
	CHOICE_OPERATORS.filter((op) => !op.startsWith('Is') && op !== 'StringMatches').map(
		(op) => `${op}Path`
	)
);

const OPERATOR_SET = new Set<string>([...CHOICE_OPERATORS, ...PATH_OPERATORS]);

/** The comparison operator field of a data-test rule, if any. */
export function ruleOperator(rule: ChoiceRule): string | undefined {
	for (const key in rule) if (OPERATOR_SET.has(key)) return key;
	return undefined;
}

/** Evaluates a JSONPath Choice rule against the effective input in `env.input`. */
export function evaluateRule(rule: ChoiceRule, env: IntrinsicEnv): boolean {
	if (rule.And) return rule.And.every((r) => evaluateRule(r, env));
	if (rule.Or) return rule.Or.some((r) => evaluateRule(r, env));
	if (rule.Not) return !evaluateRule(rule.Not, env);
	const op = ruleOperator(rule);
	if (!op || typeof rule.Variable !== 'string') {
		throw new StatesError(StatesErrors.Runtime, 'A Choice rule has no comparison operator');
	}
	const operand = rule[op] as JsonValue;
	if (op === 'IsPresent') {
		let present = true;
		try {
			const path = parsePath(rule.Variable);
			const v = evaluatePath(path, env);
			// An indefinite path that matches nothing is not present either.
			if (!path.definite && Array.isArray(v) && v.length === 0) present = false;
		} catch (e) {
			// An undefined variable fails the state, as it does for every other operator.
			if (!(e instanceof PathNotFoundError)) throw pathError(e, rule.Variable, 'Variable');
			present = false;
		}
		return present === operand;
	}
	const value = conditionValue(rule.Variable, env, 'Variable');
	if (op.endsWith('Path') && PATH_OPERATORS.has(op)) {
		const other = conditionValue(operand as string, env, op);
		return compare(op.slice(0, -4), value, other);
	}
	return compare(op, value, operand);
}

/**
 * The value a rule's `Variable` or `…Path` operand names. A path that selects nothing fails the
 * state with `States.Runtime`, in AWS's words for a Choice condition ("Invalid path '$.foo': The
 * choice state's condition path references an invalid value.", as published tests run against
 * AWS record it); other path failures are worded as for any field.
 */
function conditionValue(text: string, env: IntrinsicEnv, field: string): JsonValue {
	try {
		return evaluatePath(parsePath(text), env);
	} catch (e) {
		if (e instanceof PathNotFoundError) {
			throw new StatesError(
				StatesErrors.Runtime,
				`Invalid path '${text}': The choice state's condition path references an invalid value.`
			);
		}
		throw pathError(e, text, field);
	}
}

function compare(op: string, value: JsonValue, operand: JsonValue): boolean {
	switch (op) {
		case 'IsNull':
			return (value === null) === operand;
		case 'IsNumeric':
			return (typeof value === 'number') === operand;
		case 'IsString':
			return (typeof value === 'string') === operand;
		case 'IsBoolean':
			return (typeof value === 'boolean') === operand;
		case 'IsTimestamp':
			return (typeof value === 'string' && parseTimestamp(value) !== undefined) === operand;
		case 'BooleanEquals':
			return typeof value === 'boolean' && value === operand;
		case 'StringMatches':
			return (
				typeof value === 'string' && typeof operand === 'string' && wildcardMatch(operand, value)
			);
	}
	if (op.startsWith('String')) {
		if (typeof value !== 'string' || typeof operand !== 'string') return false;
		return ordered(op.slice(6), compareStrings(value, operand));
	}
	if (op.startsWith('Numeric')) {
		if (typeof value !== 'number' || typeof operand !== 'number') return false;
		return ordered(op.slice(7), value === operand ? 0 : value < operand ? -1 : 1);
	}
	if (op.startsWith('Timestamp')) {
		if (typeof value !== 'string' || typeof operand !== 'string') return false;
		const c = compareTimestamps(value, operand);
		return c !== undefined && ordered(op.slice(9), c);
	}
	throw new StatesError(StatesErrors.Runtime, `Unknown Choice operator '${op}'`);
}

/** Code-point order, as Java's `String.compareTo` on the UTF-16 units. */
function compareStrings(a: string, b: string): number {
	return a === b ? 0 : a < b ? -1 : 1;
}

function ordered(kind: string, c: number): boolean {
	switch (kind) {
		case 'Equals':
			return c === 0;
		case 'LessThan':
			return c < 0;
		case 'GreaterThan':
			return c > 0;
		case 'LessThanEquals':
			return c <= 0;
		case 'GreaterThanEquals':
			return c >= 0;
	}
	return false;
}

/**
 * `StringMatches`: `*` matches any run of characters; `\*` is a literal star and `\\` a literal
 * backslash (ASL spec). An open backslash is a run-time error.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
	let re = '^';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\') {
			const n = pattern[i + 1];
			if (n === undefined) {
				throw new StatesError(
					StatesErrors.Runtime,
					`StringMatches pattern '${pattern}' ends with an open backslash`
				);
			}
			re += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
			i++;
		} else if (c === '*') {
			re += '[\\s\\S]*';
		} else {
			re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		}
	}
	return new RegExp(re + '$').test(value);
}
