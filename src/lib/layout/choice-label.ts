import { truncate } from './measure-label.js';

/** Longest Choice or Catch edge label, in characters (the rest is cut with `…`). */
export const MAX_EDGE_LABEL = 28;

const COMPARISONS: Readonly<Record<string, string>> = {
	Equals: '==',
	LessThan: '<',
	LessThanEquals: '<=',
	GreaterThan: '>',
	GreaterThanEquals: '>='
};
const TYPE_TESTS: Readonly<Record<string, string>> = {
	IsNull: 'null',
	IsPresent: 'present',
	IsNumeric: 'numeric',
	IsString: 'string',
	IsBoolean: 'boolean',
	IsTimestamp: 'timestamp'
};
// `StringEquals`, `NumericLessThanEqualsPath`, `TimestampGreaterThan`, `StringMatches`, …
const COMPARISON = new RegExp(
	`^(String|Numeric|Boolean|Timestamp)(${Object.keys(COMPARISONS).join('|')}|Matches)(Path)?$`
);

type Rule = { readonly [key: string]: unknown };

const isRule = (value: unknown): value is Rule =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A short rendering of a Choice rule for its edge label: `$.x == 3`, `$.type matches "a*"`,
 * `And($.a > 1, …)`, `Not($.done == true)`, or a JSONata `Condition` as its expression text.
 * Never throws, whatever the rule holds; an unrecognised rule renders as `?`. Cut to
 * `MAX_EDGE_LABEL` characters.
 */
export function choiceRuleLabel(rule: unknown): string {
	return truncate(renderRule(rule), MAX_EDGE_LABEL);
}

function renderRule(rule: unknown): string {
	if (!isRule(rule)) return '?';
	if (typeof rule.Condition === 'string') return jsonataText(rule.Condition);
	if (typeof rule.Condition === 'boolean') return String(rule.Condition);
	for (const op of ['And', 'Or'] as const) {
		const parts = rule[op];
		if (Array.isArray(parts)) return `${op}(${parts.map(renderRule).join(', ')})`;
	}
	if (rule.Not !== undefined) return `Not(${renderRule(rule.Not)})`;
	const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
	for (const [key, value] of Object.entries(rule)) {
		const test = TYPE_TESTS[key];
		if (test) return `${variable} is ${value === false ? 'not ' : ''}${test}`;
		const match = COMPARISON.exec(key);
		if (!match) continue;
		const [, , comparison, path] = match;
		const operand = path || typeof value !== 'string' ? String(value) : JSON.stringify(value);
		const operator = comparison === 'Matches' ? 'matches' : COMPARISONS[comparison];
		return `${variable} ${operator} ${operand}`;
	}
	return '?';
}

// JSONata conditions are written `{% expr %}`; the label shows just `expr`.
function jsonataText(condition: string): string {
	const inner = /^\s*\{%([\s\S]*)%\}\s*$/.exec(condition);
	return (inner ? inner[1] : condition).replace(/\s+/g, ' ').trim();
}

/** The label of a Catch edge: its `ErrorEquals` names joined by commas, cut to length. */
export function catchLabel(errorEquals: unknown): string {
	const names = Array.isArray(errorEquals)
		? errorEquals.filter((name): name is string => typeof name === 'string')
		: [];
	return truncate(names.length > 0 ? names.join(', ') : 'catch', MAX_EDGE_LABEL);
}
