import { parseTimestamp } from '../clock.js';
import { StatesErrors } from '../errors.js';
import { CHOICE_OPERATORS, PATH_OPERATORS } from '../run/choice.js';
import { jsonataExpression } from '../run/jsonata.js';
import type { QueryLanguage } from './types.js';
import {
	checkObjectFields,
	child,
	closestName,
	hasField,
	isObject,
	type Checker,
	type Obj
} from './validate-fields.js';
import {
	checkAssign,
	checkComment,
	checkEnum,
	checkJsonata,
	checkNumber,
	checkPath,
	ERROR_SCOPE,
	MAX_DEPTH,
	NO_EXTRAS,
	NON_NEGATIVE_INTEGER,
	TIMESTAMP_EXPECTED,
	type NumberRule
} from './validate-values.js';

/**
 * Checks for the parts of a state that are lists of small objects: Choice rules, retriers and
 * catchers, plus the transition targets (`Next`, `Default`) they share with states.
 */

/** The state names a transition may target: those of its own block, and all in the machine. */
export interface BlockNames {
	readonly local: ReadonlySet<string>;
	readonly all: ReadonlySet<string>;
}

/** Checks a transition target: a state of the same States block (`unknown_next_state`). */
export function checkTarget(
	c: Checker,
	value: unknown,
	pointer: string,
	field: string,
	names: BlockNames
): void {
	if (typeof value !== 'string') {
		c.report('invalid_value', { field, expected: 'the name of a state, as a string' }, pointer);
	} else if (!names.local.has(value)) {
		const params = {
			name: value,
			elsewhere: names.all.has(value),
			suggestion: closestName(value, names.local)
		};
		c.report('unknown_next_state', params, pointer);
	}
}

// ---------------------------------------------------------------------------------------------
// Retry and Catch (asl-reference.md §1.8)

const RETRIER_FIELDS = new Set([
	'ErrorEquals',
	'IntervalSeconds',
	'MaxAttempts',
	'BackoffRate',
	'MaxDelaySeconds',
	'JitterStrategy',
	'Comment'
]);
const CATCHER_FIELDS: Record<QueryLanguage, ReadonlySet<string>> = {
	JSONPath: new Set(['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment']),
	JSONata: new Set(['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment'])
};
const CATCHER_OTHER: Record<QueryLanguage, ReadonlyMap<string, string>> = {
	JSONPath: new Map([['Output', "'ResultPath'"]]),
	JSONata: new Map([['ResultPath', "'Output' with '$states.errorOutput'"]])
};

const MAX_SECONDS = 99_999_999;
const INTERVAL: NumberRule = {
	test: (n) => Number.isInteger(n) && n > 0 && n <= MAX_SECONDS,
	expected: `a positive whole number of seconds (at most ${MAX_SECONDS})`
};
const ATTEMPTS: NumberRule = {
	test: (n) => NON_NEGATIVE_INTEGER.test(n) && n <= MAX_SECONDS,
	expected: `a whole number of 0 or more (0 means never retry; at most ${MAX_SECONDS})`
};
const BACKOFF: NumberRule = { test: (n) => n >= 1, expected: 'a number of 1.0 or more' };
const MAX_DELAY: NumberRule = {
	test: (n) => Number.isInteger(n) && n > 0 && n < 31_622_401,
	expected: 'a positive whole number of seconds below 31622401'
};

const RETRIER_NUMBERS: readonly [string, NumberRule][] = [
	['IntervalSeconds', INTERVAL],
	['MaxAttempts', ATTEMPTS],
	['BackoffRate', BACKOFF],
	['MaxDelaySeconds', MAX_DELAY]
];

const PREDEFINED_ERRORS: ReadonlySet<string> = new Set(Object.values(StatesErrors));

/** Checks a `Retry` list. */
export function checkRetry(c: Checker, value: unknown, pointer: string): void {
	if (!Array.isArray(value)) {
		const expected = 'an array of retriers, like [{ "ErrorEquals": ["States.ALL"] }]';
		c.report('invalid_value', { field: 'Retry', expected }, pointer);
		return;
	}
	for (let i = 0; i < value.length; i++) {
		const retrier: unknown = value[i];
		const at = child(pointer, i);
		if (!isObject(retrier)) {
			c.report('invalid_value', { field: 'Retry', expected: 'a list of objects' }, at);
			continue;
		}
		checkObjectFields(c, retrier, at, 'A retrier', RETRIER_FIELDS);
		checkErrorEquals(c, retrier, at, 'Retry', i === value.length - 1);
		for (const [field, rule] of RETRIER_NUMBERS) {
			if (hasField(retrier, field)) {
				checkNumber(c, retrier[field], child(at, field), field, rule, 'JSONPath');
			}
		}
		if (hasField(retrier, 'JitterStrategy')) {
			const options = ['FULL', 'NONE'];
			checkEnum(c, retrier.JitterStrategy, child(at, 'JitterStrategy'), 'JitterStrategy', options);
		}
		checkComment(c, retrier, at);
	}
}

/** Checks a `Catch` list. */
export function checkCatch(
	c: Checker,
	value: unknown,
	pointer: string,
	language: QueryLanguage,
	names: BlockNames
): void {
	if (!Array.isArray(value)) {
		const expected = 'an array of catchers, like [{ "ErrorEquals": ["States.ALL"], "Next": "X" }]';
		c.report('invalid_value', { field: 'Catch', expected }, pointer);
		return;
	}
	for (let i = 0; i < value.length; i++) {
		const catcher: unknown = value[i];
		const at = child(pointer, i);
		if (!isObject(catcher)) {
			c.report('invalid_value', { field: 'Catch', expected: 'a list of objects' }, at);
			continue;
		}
		const misplaced = { language, other: CATCHER_OTHER[language] };
		checkObjectFields(c, catcher, at, 'A catcher', CATCHER_FIELDS[language], misplaced);
		checkErrorEquals(c, catcher, at, 'Catch', i === value.length - 1);
		if (!hasField(catcher, 'Next')) {
			c.missing(
				at,
				'Next',
				'This Catch entry',
				'Name the state to go to when it catches an error.'
			);
		} else checkTarget(c, catcher.Next, child(at, 'Next'), 'Next', names);
		if (language === 'JSONPath' && hasField(catcher, 'ResultPath')) {
			checkPath(c, catcher.ResultPath, child(at, 'ResultPath'), 'ResultPath', 'reference');
		}
		if (language === 'JSONata' && hasField(catcher, 'Output')) {
			checkJsonata(c, catcher.Output, child(at, 'Output'), ERROR_SCOPE);
		}
		if (hasField(catcher, 'Assign')) {
			checkAssign(c, catcher.Assign, child(at, 'Assign'), language, ERROR_SCOPE);
		}
		checkComment(c, catcher, at);
	}
}

function checkErrorEquals(
	c: Checker,
	entry: Obj,
	pointer: string,
	list: string,
	last: boolean
): void {
	const at = child(pointer, 'ErrorEquals');
	if (!hasField(entry, 'ErrorEquals')) {
		const hint = 'List the error names it handles, e.g. ["States.ALL"].';
		c.missing(pointer, 'ErrorEquals', `This ${list} entry`, hint);
		return;
	}
	const names = entry.ErrorEquals;
	if (!Array.isArray(names) || names.length === 0) {
		const expected = 'a non-empty array of error names, e.g. ["States.TaskFailed"]';
		c.report('invalid_value', { field: 'ErrorEquals', expected }, at);
		return;
	}
	for (let i = 0; i < names.length; i++) {
		const name: unknown = names[i];
		const itemAt = child(at, i);
		if (typeof name !== 'string') {
			c.report('invalid_value', { field: 'ErrorEquals', expected: 'a list of strings' }, itemAt);
		} else if (name === StatesErrors.ALL) {
			if (names.length > 1) c.report('states_all_not_alone', { list }, itemAt);
			if (!last) c.report('states_all_not_last', { list }, itemAt);
		} else if (
			name.startsWith('States.') &&
			!PREDEFINED_ERRORS.has(name) &&
			!name.startsWith('States.Http.StatusCode.')
		) {
			const suggestion = closestName(name, PREDEFINED_ERRORS);
			c.report('unknown_states_error', { name, suggestion }, itemAt);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Choice rules (asl-reference.md §1.3, Choice)

const OPERATORS: ReadonlySet<string> = new Set([...CHOICE_OPERATORS, ...PATH_OPERATORS]);
const COMBINATORS = ['And', 'Or', 'Not'] as const;
const JSONPATH_RULE_FIELDS = new Set([
	'Next',
	'Comment',
	'Assign',
	'Variable',
	...COMBINATORS,
	...OPERATORS
]);
const JSONATA_RULE_FIELDS = new Set(['Next', 'Comment', 'Assign', 'Condition', 'Output']);
const JSONPATH_RULE_OTHER = new Map([
	['Condition', "'Variable' with a comparison operator such as 'NumericEquals'"],
	['Output', "'OutputPath' on the state"]
]);
const JSONATA_RULE_OTHER = new Map(
	['Variable', ...COMBINATORS, ...OPERATORS].map((f) => [
		f,
		"'Condition' with a JSONata expression"
	])
);

/** Checks a Choice state's `Choices` list. */
export function checkChoices(
	c: Checker,
	value: unknown,
	pointer: string,
	language: QueryLanguage,
	names: BlockNames
): void {
	if (!Array.isArray(value) || value.length === 0) {
		const expected = 'a non-empty array of rules, each with a test and a "Next" state';
		c.report('invalid_value', { field: 'Choices', expected }, pointer);
		return;
	}
	for (let i = 0; i < value.length; i++) {
		checkRule(c, value[i], child(pointer, i), language, names, 0);
	}
}

/** A rule: `names` is given for a top-level rule, absent for one nested in And/Or/Not. */
function checkRule(
	c: Checker,
	rule: unknown,
	pointer: string,
	language: QueryLanguage,
	names: BlockNames | undefined,
	depth: number
): void {
	if (depth > MAX_DEPTH) return;
	if (!isObject(rule)) {
		c.report('invalid_value', { field: 'Choices', expected: 'a list of rule objects' }, pointer);
		return;
	}
	const owner = names ? 'A Choice rule' : 'A nested Choice rule';
	if (language === 'JSONata') {
		const misplaced = { language, other: JSONATA_RULE_OTHER };
		checkObjectFields(c, rule, pointer, owner, JSONATA_RULE_FIELDS, misplaced);
		checkCondition(c, rule, pointer);
		if (hasField(rule, 'Output')) checkJsonata(c, rule.Output, child(pointer, 'Output'), NO_EXTRAS);
	} else {
		const misplaced = { language, other: JSONPATH_RULE_OTHER };
		checkObjectFields(c, rule, pointer, owner, JSONPATH_RULE_FIELDS, misplaced);
		checkTest(c, rule, pointer, depth);
	}
	if (names) {
		if (!hasField(rule, 'Next')) {
			c.missing(pointer, 'Next', 'This Choice rule', 'Name the state to go to when it matches.');
		} else checkTarget(c, rule.Next, child(pointer, 'Next'), 'Next', names);
		if (hasField(rule, 'Assign')) {
			checkAssign(c, rule.Assign, child(pointer, 'Assign'), language, NO_EXTRAS);
		}
	} else {
		if (hasField(rule, 'Next')) {
			c.report('nested_rule_with_next', undefined, child(pointer, 'Next'), 'key');
		}
		if (hasField(rule, 'Assign')) {
			const params = { field: 'Assign', owner, allowedIn: "the top-level rules of 'Choices'" };
			c.report('field_not_allowed', params, child(pointer, 'Assign'), 'key');
		}
	}
	checkComment(c, rule, pointer);
}

function checkCondition(c: Checker, rule: Obj, pointer: string): void {
	const at = child(pointer, 'Condition');
	if (!hasField(rule, 'Condition')) {
		const hint = 'In JSONata a rule tests "Condition": "{% … %}", which yields true or false.';
		c.missing(pointer, 'Condition', 'This Choice rule', hint);
		return;
	}
	const value = rule.Condition;
	if (typeof value === 'boolean') return;
	if (jsonataExpression(value) !== undefined) {
		checkJsonata(c, value, at, NO_EXTRAS);
		return;
	}
	const expected = 'true, false or a JSONata expression such as "{% $states.input.total > 10 %}"';
	c.report('invalid_value', { field: 'Condition', expected }, at);
}

/** A JSONPath rule: exactly one of And, Or, Not or a data test (Variable + one operator). */
function checkTest(c: Checker, rule: Obj, pointer: string, depth: number): void {
	const tests: string[] = [];
	for (const key of Object.keys(rule)) {
		if (key === 'And' || key === 'Or' || key === 'Not' || OPERATORS.has(key)) tests.push(key);
	}
	const dataTest = hasField(rule, 'Variable') || tests.some((k) => OPERATORS.has(k));
	if (tests.length === 0) {
		const at = hasField(rule, 'Variable') ? child(pointer, 'Variable') : pointer;
		c.report('choice_rule_operator', { count: 0 }, at, 'key');
	} else if (tests.length > 1) {
		c.report('choice_rule_operator', { count: tests.length }, child(pointer, tests[1]), 'key');
	}
	if (dataTest) {
		if (!hasField(rule, 'Variable')) {
			c.missing(
				pointer,
				'Variable',
				'This Choice rule',
				"It names the value to test, e.g. '$.status'."
			);
		} else checkPath(c, rule.Variable, child(pointer, 'Variable'), 'Variable', 'path');
	}
	for (const key of tests) {
		const at = child(pointer, key);
		if (key === 'Not') checkRule(c, rule.Not, at, 'JSONPath', undefined, depth + 1);
		else if (key === 'And' || key === 'Or') checkNested(c, rule[key], at, key, depth + 1);
		else checkOperand(c, key, rule[key], at);
	}
}

function checkNested(
	c: Checker,
	value: unknown,
	pointer: string,
	key: string,
	depth: number
): void {
	if (!Array.isArray(value) || value.length === 0) {
		c.report('invalid_value', { field: key, expected: 'a non-empty array of rules' }, pointer);
		return;
	}
	for (let i = 0; i < value.length; i++) {
		checkRule(c, value[i], child(pointer, i), 'JSONPath', undefined, depth);
	}
}

function checkOperand(c: Checker, operator: string, value: unknown, pointer: string): void {
	if (PATH_OPERATORS.has(operator)) {
		checkPath(c, value, pointer, operator, 'path');
		return;
	}
	let expected: string | undefined;
	if (operator.startsWith('Is') || operator === 'BooleanEquals') {
		if (typeof value !== 'boolean') expected = 'true or false';
	} else if (operator.startsWith('String')) {
		if (typeof value !== 'string') expected = 'a string';
		else if (operator === 'StringMatches') checkPattern(c, value, pointer);
	} else if (operator.startsWith('Numeric')) {
		if (typeof value !== 'number') expected = 'a number';
	} else if (typeof value !== 'string' || parseTimestamp(value) === undefined) {
		expected = TIMESTAMP_EXPECTED;
	}
	if (expected) c.report('invalid_choice_operand', { operator, expected }, pointer);
}

/** StringMatches: `\` escapes the next character, so a pattern must not end in a lone `\`. */
function checkPattern(c: Checker, pattern: string, pointer: string): void {
	for (let i = 0; i < pattern.length; i++) {
		if (pattern.charCodeAt(i) !== 92) continue;
		if (i === pattern.length - 1) {
			c.reportInString('invalid_string_matches', undefined, pointer, pattern, i, i + 1);
		}
		i++;
	}
}
