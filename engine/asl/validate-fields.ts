import type { Diagnostic } from '../errors.js';
import { pointerToken, type SourceMap } from './json-source.js';
import { createDiagnostic, listAnd, type DiagnosticCode, type MessageParams } from './messages.js';
import { STATE_TYPE_LIST, type QueryLanguage, type StateType } from './types.js';

/**
 * The validator's building blocks: the diagnostic collector that resolves JSON Pointers to source
 * ranges, and the tables of fields each state type allows in each query language (asl-reference.md
 * §1.2 and §1.3). Value checks live in `validate-values.ts`.
 */

/** A plain JSON object, as far as the validator can tell. */
export type Obj = { readonly [key: string]: unknown };

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own enumerable keys; safe on any input. */
export function hasField(obj: Obj, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `parent/key`, with the key escaped as a JSON Pointer token. */
export function child(pointer: string, key: string | number): string {
	return `${pointer}/${pointerToken(key)}`;
}

/** Where to put a diagnostic for a pointer. */
export type Anchor = 'value' | 'key' | 'missing';

/** Collects diagnostics and resolves their JSON Pointers to source ranges. */
export class Checker {
	readonly diagnostics: Diagnostic[] = [];
	constructor(
		private readonly sourceMap: SourceMap | undefined,
		/** `ValidateOptions.handles`: whether a workspace handler stands for a resource. */
		readonly handles: (resource: string) => boolean = () => false
	) {}

	/**
	 * Reports at the value of `path` (`'value'`), at its member name (`'key'`), or for a field that
	 * is absent, at the member name (or first character) of its nearest existing ancestor
	 * (`'missing'`). Unknown pointers fall back to the nearest ancestor; no source map gives 0/0.
	 */
	report<C extends DiagnosticCode>(
		code: C,
		params: MessageParams<C>,
		path: string,
		anchor: Anchor = 'value'
	): void {
		const { from, to } = this.locate(path, anchor);
		this.diagnostics.push(createDiagnostic(code, params, path, from, to));
	}

	/** Reports `missing_field` for `field`, absent from the object at `pointer`. */
	missing(pointer: string, field: string, owner: string, hint?: string): void {
		this.report('missing_field', { field, owner, hint }, child(pointer, field), 'missing');
	}

	/**
	 * Reports at characters `start..end` of the string value at `path`. The range is narrowed only
	 * when the JSON text of the string has no escapes (so characters line up); otherwise the whole
	 * string is used.
	 */
	reportInString<C extends DiagnosticCode>(
		code: C,
		params: MessageParams<C>,
		path: string,
		value: string,
		start: number,
		end: number
	): void {
		const span = this.sourceMap?.get(path);
		if (!span || span.to - span.from - 2 !== value.length) return this.report(code, params, path);
		if (start >= value.length) start = Math.max(0, value.length - 1);
		end = Math.min(Math.max(end, start + 1), value.length);
		const from = span.from + 1 + start;
		this.diagnostics.push(createDiagnostic(code, params, path, from, span.from + 1 + end));
	}

	private locate(path: string, anchor: Anchor): { from: number; to: number } {
		const map = this.sourceMap;
		if (!map) return { from: 0, to: 0 };
		let pointer = path;
		let span = map.get(pointer);
		while (!span && pointer !== '') {
			pointer = pointer.slice(0, pointer.lastIndexOf('/'));
			span = map.get(pointer);
		}
		if (!span) return { from: 0, to: 0 };
		const exact = pointer === path;
		if (exact && anchor === 'value') return { from: span.from, to: span.to };
		if ((anchor !== 'value' || !exact) && span.keyFrom !== undefined && span.keyTo !== undefined) {
			return { from: span.keyFrom, to: span.keyTo };
		}
		return exact && anchor === 'key'
			? { from: span.from, to: span.to }
			: { from: span.from, to: span.from + 1 };
	}
}

// ---------------------------------------------------------------------------------------------
// Which fields a state may have (asl-reference.md §1.2 and §1.3)

/** The state types that move on with `Next` or stop with `End`. */
export const FLOW_TYPES: ReadonlySet<string> = new Set(['Task', 'Parallel', 'Map', 'Pass', 'Wait']);

/** The eight state types. */
export const STATE_TYPES: ReadonlySet<string> = new Set(STATE_TYPE_LIST);

interface FieldRule {
	readonly types: ReadonlySet<string>;
	/** Set when the field exists in one query language only. */
	readonly language?: QueryLanguage;
	/** What to use instead in the other query language, for the message. */
	readonly alternative?: string;
}

const ANY: FieldRule = { types: STATE_TYPES };
const types = (...list: StateType[]): ReadonlySet<string> => new Set(list);
const NOT_FAIL = types('Task', 'Parallel', 'Map', 'Pass', 'Wait', 'Choice', 'Succeed');
const WORKERS = types('Task', 'Parallel', 'Map');
const PRODUCERS = types('Task', 'Parallel', 'Map', 'Pass');
const path = (state: StateType | ReadonlySet<string>, alternative?: string): FieldRule => ({
	types: typeof state === 'string' ? types(state) : state,
	language: 'JSONPath',
	alternative
});
const only = (...list: StateType[]): FieldRule => ({ types: types(...list) });

const STATE_FIELDS: ReadonlyMap<string, FieldRule> = new Map<string, FieldRule>([
	['Type', ANY],
	['Comment', ANY],
	['QueryLanguage', ANY],
	['Next', { types: FLOW_TYPES }],
	['End', { types: FLOW_TYPES }],
	['InputPath', path(NOT_FAIL, "'$states.input' in 'Arguments' or 'Output'")],
	['OutputPath', path(NOT_FAIL, "'Output'")],
	['Assign', { types: types('Task', 'Parallel', 'Map', 'Pass', 'Wait', 'Choice') }],
	['ResultPath', path(PRODUCERS, "'Output' (and '$states.result')")],
	['Parameters', path(PRODUCERS, "'Arguments' ('ItemSelector' in a Map state)")],
	['ResultSelector', path(WORKERS, "'Output' (and '$states.result')")],
	[
		'Output',
		{ types: NOT_FAIL, language: 'JSONata', alternative: "'OutputPath' or 'ResultSelector'" }
	],
	[
		'Arguments',
		{ types: types('Task', 'Parallel'), language: 'JSONata', alternative: "'Parameters'" }
	],
	['Retry', { types: WORKERS }],
	['Catch', { types: WORKERS }],
	['Result', path('Pass', "'Output'")],
	['Resource', only('Task')],
	['TimeoutSeconds', only('Task')],
	['TimeoutSecondsPath', path('Task', "a JSONata expression in 'TimeoutSeconds'")],
	['HeartbeatSeconds', only('Task')],
	['HeartbeatSecondsPath', path('Task', "a JSONata expression in 'HeartbeatSeconds'")],
	['Credentials', only('Task')],
	['Choices', only('Choice')],
	['Default', only('Choice')],
	['Seconds', only('Wait')],
	['SecondsPath', path('Wait', "a JSONata expression in 'Seconds'")],
	['Timestamp', only('Wait')],
	['TimestampPath', path('Wait', "a JSONata expression in 'Timestamp'")],
	['Error', only('Fail')],
	['ErrorPath', path('Fail', "a JSONata expression in 'Error'")],
	['Cause', only('Fail')],
	['CausePath', path('Fail', "a JSONata expression in 'Cause'")],
	['Branches', only('Parallel')],
	['ItemProcessor', only('Map')],
	['Iterator', only('Map')],
	['ItemsPath', path('Map', "'Items'")],
	['Items', { types: types('Map'), language: 'JSONata', alternative: "'ItemsPath'" }],
	['ItemSelector', only('Map')],
	['ItemBatcher', only('Map')],
	['ItemReader', only('Map')],
	['ResultWriter', only('Map')],
	['MaxConcurrency', only('Map')],
	['MaxConcurrencyPath', path('Map', "a JSONata expression in 'MaxConcurrency'")],
	['ToleratedFailurePercentage', only('Map')],
	[
		'ToleratedFailurePercentagePath',
		path('Map', "a JSONata expression in 'ToleratedFailurePercentage'")
	],
	['ToleratedFailureCount', only('Map')],
	['ToleratedFailureCountPath', path('Map', "a JSONata expression in 'ToleratedFailureCount'")],
	['Label', only('Map')]
]);

/**
 * The known name closest to a misspelt one, to suggest a fix: the same name in another case, or
 * one at most one edit away (two for names longer than four characters). Only runs on errors.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
	const lower = name.toLowerCase();
	const budget = name.length > 4 ? 2 : 1;
	let best: string | undefined;
	let bestDistance = budget + 1;
	for (const k of known) {
		const candidate = k.toLowerCase();
		if (candidate === lower) return k;
		if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
		const distance = editDistance(lower, candidate, bestDistance);
		if (distance < bestDistance) {
			best = k;
			bestDistance = distance;
		}
	}
	return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it reaches `limit`. */
function editDistance(a: string, b: string, limit: number): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			rowMin = Math.min(rowMin, current[j]);
		}
		if (rowMin >= limit) return limit;
		previous = current;
	}
	return Math.min(previous[b.length], limit);
}

/**
 * Checks a state's member names against the field tables: unknown names, fields that the state
 * type does not allow and fields of the other query language. Returns the fields that are allowed,
 * whose values are then checked.
 */
export function checkStateFields(
	c: Checker,
	state: Obj,
	pointer: string,
	type: string,
	language: QueryLanguage
): Set<string> {
	const allowed = new Set<string>();
	for (const key of Object.keys(state)) {
		const rule = STATE_FIELDS.get(key);
		const at = child(pointer, key);
		if (!rule) {
			const suggestion = closestName(key, STATE_FIELDS.keys());
			c.report('unknown_field', { field: key, owner: `a ${type} state`, suggestion }, at, 'key');
		} else if (rule.language && rule.language !== language) {
			const params = { field: key, language, alternative: rule.alternative };
			c.report('field_not_allowed_in_query_language', params, at, 'key');
		} else if (!rule.types.has(type)) {
			const allowedIn = `${listAnd(STATE_TYPE_LIST.filter((t) => rule.types.has(t)))} states`;
			c.report('field_not_allowed', { field: key, owner: `A ${type} state`, allowedIn }, at, 'key');
		} else allowed.add(key);
	}
	return allowed;
}

/** Fields that exist in ASL but not in a given object, for `checkObjectFields`. */
export interface MisplacedFields {
	/** The object's query language, for `other`. */
	readonly language?: QueryLanguage;
	/** Fields of the other query language → what to use instead. */
	readonly other?: ReadonlyMap<string, string>;
	/** Fields that belong somewhere else → where. */
	readonly elsewhere?: ReadonlyMap<string, string>;
}

/**
 * Checks the member names of a small object with a fixed set of fields (a retrier, a catcher, a
 * Choice rule, a States block): `known` are allowed, `misplaced` are reported as not allowed
 * here, anything else is unknown.
 */
export function checkObjectFields(
	c: Checker,
	obj: Obj,
	pointer: string,
	owner: string,
	known: ReadonlySet<string>,
	misplaced: MisplacedFields = {}
): void {
	const { language, other, elsewhere } = misplaced;
	for (const key of Object.keys(obj)) {
		if (known.has(key)) continue;
		const at = child(pointer, key);
		const alternative = other?.get(key);
		const place = elsewhere?.get(key);
		if (alternative !== undefined && language) {
			const params = { field: key, language, alternative };
			c.report('field_not_allowed_in_query_language', params, at, 'key');
		} else if (place !== undefined) {
			c.report('field_not_allowed', { field: key, owner, allowedIn: place }, at, 'key');
		} else {
			const params = { field: key, owner: lowerFirst(owner), suggestion: closestName(key, known) };
			c.report('unknown_field', params, at, 'key');
		}
	}
}

/** 'A retrier' → 'a retrier', for use mid-sentence. */
function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
