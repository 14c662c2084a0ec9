import { parseTimestamp } from '../clock.js';
import { readerAction } from './item-reader.js';
import { jsonataExpression } from '../run/jsonata.js';
import type { QueryLanguage } from './types.js';
import { child, hasField, isObject, type Checker, type Obj } from './validate-fields.js';
import {
	checkCatch,
	checkChoices,
	checkRetry,
	checkTarget,
	type BlockNames
} from './validate-rules.js';
import {
	checkAssign,
	checkComment,
	checkJsonata,
	checkNumber,
	checkPath,
	checkString,
	checkTemplate,
	NO_EXTRAS,
	NON_NEGATIVE_INTEGER,
	PERCENTAGE,
	POSITIVE_INTEGER,
	RESULT_SCOPE,
	TIMEOUT_SECONDS,
	TIMESTAMP_EXPECTED,
	type NumberRule
} from './validate-values.js';

/**
 * The checks for one state: the data fields several types share (`checkDataFields`) and one
 * function per state type with its own required fields and value rules (`STATE_CHECKS`). Field
 * names were already checked against the tables, so these only look at allowed fields.
 */

/** Everything the per-type checks need about the state being checked. */
export interface StateContext {
	readonly c: Checker;
	readonly state: Obj;
	readonly pointer: string;
	readonly name: string;
	readonly type: string;
	readonly language: QueryLanguage;
	/** The fields present that this type and language allow (the others are reported already). */
	readonly allowed: ReadonlySet<string>;
	readonly names: BlockNames;
	/** Checks a nested States block: a Parallel branch or a Map processor. */
	readonly checkBlock: (
		block: Obj,
		pointer: string,
		kind: 'branch' | 'processor',
		owner: string
	) => void;
}

/** Input/output fields shared by several state types, in either query language. */
export function checkDataFields(s: StateContext): void {
	const { c, state, pointer, allowed, language } = s;
	const at = (field: string) => child(pointer, field);
	// `$states.result` exists in the Output and Assign of the states that produce a result.
	const scope = s.type === 'Task' || s.type === 'Parallel' || s.type === 'Map';
	const outputScope = scope ? RESULT_SCOPE : NO_EXTRAS;
	if (allowed.has('Comment')) checkComment(c, state, pointer);
	for (const field of ['InputPath', 'OutputPath']) {
		if (allowed.has(field)) checkPath(c, state[field], at(field), field, 'nullable');
	}
	if (allowed.has('ResultPath')) {
		checkPath(c, state.ResultPath, at('ResultPath'), 'ResultPath', 'reference');
	}
	for (const field of ['Parameters', 'ResultSelector']) {
		if (allowed.has(field)) checkTemplateObject(s, field);
	}
	if (allowed.has('Output')) checkJsonata(c, state.Output, at('Output'), outputScope);
	if (allowed.has('Arguments')) checkJsonata(c, state.Arguments, at('Arguments'), NO_EXTRAS);
	if (allowed.has('Assign')) checkAssign(c, state.Assign, at('Assign'), language, outputScope);
	if (allowed.has('Retry')) checkRetry(c, state.Retry, at('Retry'));
	if (allowed.has('Catch')) checkCatch(c, state.Catch, at('Catch'), language, s.names);
}

/** The checks specific to each state type (Pass and Succeed have none beyond the shared ones). */
export const STATE_CHECKS: { readonly [type: string]: (s: StateContext) => void } = {
	Task: checkTask,
	Choice: checkChoice,
	Wait: checkWait,
	Fail: checkFail,
	Parallel: checkParallel,
	Map: checkMap
};

function checkTask(s: StateContext): void {
	const hint = 'It names the work to run, e.g. "arn:aws:lambda:us-east-1:123456789012:function:F".';
	if (
		requireField(s, 'Resource', hint) &&
		(typeof s.state.Resource !== 'string' || s.state.Resource.trim() === '')
	) {
		// AWS guide, "Task state": Resource is "A URI, especially an Amazon Resource Name (ARN)
		// that uniquely identifies the specific task to execute"; an empty one names nothing.
		const expected = 'a non-empty string (an ARN or URI)';
		s.c.report('invalid_value', { field: 'Resource', expected }, child(s.pointer, 'Resource'));
	} else if (jsonataExpression(s.state.Resource) !== undefined) {
		// AWS guide, "Transforming data with JSONata": "each state's Type and Resource fields
		// must be constant strings".
		const expected = 'a constant ARN or URI, never a JSONata expression';
		s.c.report('invalid_value', { field: 'Resource', expected }, child(s.pointer, 'Resource'));
	}
	checkExclusive(s, 'TimeoutSeconds', 'TimeoutSecondsPath');
	checkExclusive(s, 'HeartbeatSeconds', 'HeartbeatSecondsPath');
	const timeout = numberField(s, 'TimeoutSeconds', TIMEOUT_SECONDS);
	const heartbeat = numberField(s, 'HeartbeatSeconds', TIMEOUT_SECONDS);
	pathField(s, 'TimeoutSecondsPath');
	pathField(s, 'HeartbeatSecondsPath');
	if (timeout !== undefined && heartbeat !== undefined && heartbeat >= timeout) {
		const at = child(s.pointer, 'HeartbeatSeconds');
		s.c.report('heartbeat_not_below_timeout', { heartbeat, timeout }, at);
	}
	checkCredentials(s);
}

/**
 * Task `Credentials`: an object naming the role to assume in `RoleArn` (a constant ARN, or in
 * JSONPath `RoleArn.$` with a path or an intrinsic), as every example of the guide's "Task state"
 * page writes it; its values are checked like a payload template.
 */
function checkCredentials(s: StateContext): void {
	if (!s.allowed.has('Credentials')) return;
	const value = s.state.Credentials;
	const at = child(s.pointer, 'Credentials');
	if (s.language === 'JSONata' && jsonataExpression(value) !== undefined) {
		checkPayload(s, 'Credentials');
		return;
	}
	if (!isObject(value)) {
		const expected = 'an object naming the role to assume, like { "RoleArn": "arn:aws:iam::…" }';
		s.c.report('invalid_value', { field: 'Credentials', expected }, at);
		return;
	}
	if (!hasField(value, 'RoleArn') && !hasField(value, 'RoleArn.$')) {
		const hint = 'It names the IAM role Step Functions assumes to run this task.';
		s.c.missing(at, 'RoleArn', 'Credentials', hint);
	}
	checkPayload(s, 'Credentials');
}

function checkChoice(s: StateContext): void {
	if (s.allowed.has('Choices')) {
		checkChoices(s.c, s.state.Choices, child(s.pointer, 'Choices'), s.language, s.names);
	} else requireField(s, 'Choices', 'It lists the rules, each with a test and a "Next" state.');
	if (s.allowed.has('Default')) {
		checkTarget(s.c, s.state.Default, child(s.pointer, 'Default'), 'Default', s.names);
	}
}

const DURATIONS = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];
/** Wait `Seconds`: 0 to 99999999 (AWS guide, "Wait state"). */
const WAIT_SECONDS: NumberRule = {
	test: (n) => Number.isInteger(n) && n >= 0 && n <= 99999999,
	expected: 'a whole number from 0 to 99999999'
};

function checkWait(s: StateContext): void {
	const { c, state, pointer, allowed } = s;
	const present = DURATIONS.filter((f) => allowed.has(f));
	if (present.length !== 1) {
		const at = present.length === 0 ? pointer : child(pointer, present[1]);
		c.report('wait_needs_one_duration', { count: present.length }, at, 'key');
	}
	numberField(s, 'Seconds', WAIT_SECONDS);
	pathField(s, 'SecondsPath');
	pathField(s, 'TimestampPath');
	if (!allowed.has('Timestamp')) return;
	const value = state.Timestamp;
	const at = child(pointer, 'Timestamp');
	if (s.language === 'JSONata' && jsonataExpression(value) !== undefined) {
		checkJsonata(c, value, at, NO_EXTRAS);
	} else if (typeof value !== 'string' || parseTimestamp(value) === undefined) {
		c.report('invalid_value', { field: 'Timestamp', expected: TIMESTAMP_EXPECTED }, at);
	}
}

function checkFail(s: StateContext): void {
	checkExclusive(s, 'Error', 'ErrorPath');
	checkExclusive(s, 'Cause', 'CausePath');
	for (const field of ['Error', 'Cause']) {
		if (!s.allowed.has(field)) continue;
		const at = child(s.pointer, field);
		checkString(s.c, s.state[field], at, field);
		if (s.language === 'JSONata') checkJsonata(s.c, s.state[field], at, NO_EXTRAS);
	}
	pathField(s, 'ErrorPath', 'path-or-intrinsic');
	pathField(s, 'CausePath', 'path-or-intrinsic');
}

const BLOCK_SHAPE = '{ "StartAt": …, "States": { … } }';

function checkParallel(s: StateContext): void {
	if (!requireField(s, 'Branches', `It lists the branches to run, each ${BLOCK_SHAPE}.`)) return;
	const branches = s.state.Branches;
	const at = child(s.pointer, 'Branches');
	if (!Array.isArray(branches) || branches.length === 0) {
		const expected = `a non-empty array of branches, each ${BLOCK_SHAPE}`;
		s.c.report('invalid_value', { field: 'Branches', expected }, at);
		return;
	}
	for (let i = 0; i < branches.length; i++) {
		const branch: unknown = branches[i];
		// Numbered from 0, as the run views and the JSON Pointer (`/Branches/0`) number it.
		const owner = `Branch ${i} of Parallel state '${s.name}'`;
		if (isObject(branch)) s.checkBlock(branch, child(at, i), 'branch', owner);
		else s.c.report('invalid_value', { field: 'Branches', expected: BLOCK_SHAPE }, child(at, i));
	}
}

const MAP_LIMITS: readonly [string, NumberRule][] = [
	['MaxConcurrency', NON_NEGATIVE_INTEGER],
	['ToleratedFailurePercentage', PERCENTAGE],
	['ToleratedFailureCount', NON_NEGATIVE_INTEGER]
];

const BATCH_LIMITS: readonly [string, NumberRule][] = [
	['MaxItemsPerBatch', POSITIVE_INTEGER],
	// AWS guide, "ItemBatcher": "the maximum size of a batch in bytes, up to 256 KiB".
	[
		'MaxInputBytesPerBatch',
		{
			test: (n) => Number.isInteger(n) && n > 0 && n <= 262144,
			expected: 'a whole number of bytes from 1 to 262144 (256 KiB)'
		}
	]
];

function checkMap(s: StateContext): void {
	const { c, state, pointer, allowed } = s;
	checkExclusive(s, 'ItemProcessor', 'Iterator');
	if (!allowed.has('ItemProcessor') && !allowed.has('Iterator')) {
		requireField(s, 'ItemProcessor', `It holds the states run for each item: ${BLOCK_SHAPE}.`);
	}
	for (const field of ['ItemProcessor', 'Iterator']) {
		if (!allowed.has(field)) continue;
		const block = state[field];
		const at = child(pointer, field);
		const owner = `The ${field} of Map state '${s.name}'`;
		if (isObject(block)) s.checkBlock(block, at, 'processor', owner);
		else c.report('invalid_value', { field, expected: `an object ${BLOCK_SHAPE}` }, at);
	}
	// AWS guide, "ItemsPath": "The value of ItemsPath must be a Reference Path".
	pathField(s, 'ItemsPath');
	if (allowed.has('Items')) checkJsonata(c, state.Items, child(pointer, 'Items'), NO_EXTRAS);
	const processor = state.ItemProcessor ?? state.Iterator;
	const config = isObject(processor) ? processor.ProcessorConfig : undefined;
	if (isObject(config) && config.Mode === 'DISTRIBUTED' && !hasField(config, 'ExecutionType')) {
		const at = child(
			child(pointer, allowed.has('ItemProcessor') ? 'ItemProcessor' : 'Iterator'),
			'ProcessorConfig'
		);
		c.missing(
			at,
			'ExecutionType',
			`The ProcessorConfig of Distributed Map state '${s.name}'`,
			'Set it to STANDARD or EXPRESS.'
		);
	}
	const batcher = state.ItemBatcher;
	if (isObject(batcher)) {
		// AWS guide, "ItemBatcher": "To batch items, specify the maximum number of items to batch,
		// the maximum batch size, or both."
		const limits = BATCH_LIMITS.flatMap(([field]) => [field, `${field}Path`]);
		if (!limits.some((field) => hasField(batcher, field))) {
			c.missing(
				child(pointer, 'ItemBatcher'),
				'MaxItemsPerBatch',
				`The ItemBatcher of Map state '${s.name}'`,
				'Set MaxItemsPerBatch, MaxInputBytesPerBatch (or their Path forms), or both.'
			);
		}
		for (const [field, rule] of BATCH_LIMITS) {
			const value = batcher[field];
			if (value === undefined || jsonataExpression(value) !== undefined) continue;
			const at = child(child(pointer, 'ItemBatcher'), field);
			checkNumber(c, value, at, field, rule, s.language);
		}
		for (const field of ['MaxItemsPerBatch', 'MaxInputBytesPerBatch']) {
			if (hasField(batcher, field) && hasField(batcher, `${field}Path`)) {
				c.report(
					'conflicting_fields',
					{ first: field, second: `${field}Path` },
					child(child(pointer, 'ItemBatcher'), `${field}Path`),
					'key'
				);
			}
		}
	}
	if (s.language === 'JSONPath') checkTemplateObject(s, 'ItemSelector');
	else checkPayload(s, 'ItemSelector');
	// Both read from or write to Amazon S3, which a run in the browser cannot reach; a workspace
	// handler for the reader's resource stands for S3 (the engine reads the items through it).
	const reader = state.ItemReader;
	const readerResource = isObject(reader) ? reader.Resource : undefined;
	const action = readerAction(readerResource);
	const notEmulated: Record<string, string> = {
		ItemReader:
			action && c.handles(readerResource as string)
				? `the workspace's handler for s3:${action} stands for Amazon S3: the items are read from what it returns.`
				: 'the items would be read from Amazon S3; here the Map iterates over its input instead.',
		ResultWriter:
			'the results would be written to Amazon S3; here they stay in the Map state output.'
	};
	for (const [field, detail] of Object.entries(notEmulated)) {
		if (allowed.has(field))
			c.report('not_emulated', { field, detail }, child(pointer, field), 'key');
	}
	for (const field of ['ItemBatcher', 'ItemReader', 'ResultWriter']) {
		if (allowed.has(field) && !isObject(state[field])) {
			c.report('invalid_value', { field, expected: 'an object' }, child(pointer, field));
		} else checkPayload(s, field);
	}
	for (const [field, rule] of MAP_LIMITS) {
		checkExclusive(s, field, `${field}Path`);
		numberField(s, field, rule);
		pathField(s, `${field}Path`);
	}
	if (allowed.has('Label')) checkString(c, state.Label, child(pointer, 'Label'), 'Label');
	if (typeof state.Label === 'string') {
		const label = state.Label;
		// AWS guide, "Distributed Map": labels can't exceed 40 characters.
		if (label.length > 40) {
			c.report(
				'invalid_value',
				{ field: 'Label', expected: 'at most 40 characters' },
				child(pointer, 'Label')
			);
		} else if (LABEL_FORBIDDEN.test(label)) {
			c.report(
				'invalid_value',
				{ field: 'Label', expected: LABEL_FORBIDDEN_TEXT },
				child(pointer, 'Label')
			);
		}
	}
}

/**
 * What a Map Run label cannot contain (AWS guide, "Distributed Map state", Label): whitespace,
 * wildcards, brackets, special and control characters. Non-ASCII letters are accepted.
 */
const LABEL_FORBIDDEN = /[\s?*<>{}[\]:;,\\|^~$#%&`"\u0000-\u001f\u007f-\u009f]/u;
const LABEL_FORBIDDEN_TEXT =
	'free of whitespace, wildcards (? *), brackets (< > { } [ ]), the characters ' +
	': ; , \\ | ^ ~ $ # % & ` " and control characters';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A value field that JSONPath takes as a payload template and JSONata as JSONata. */
function checkPayload(s: StateContext, field: string): void {
	if (!s.allowed.has(field)) return;
	const at = child(s.pointer, field);
	if (s.language === 'JSONata') checkJsonata(s.c, s.state[field], at, NO_EXTRAS);
	else checkTemplate(s.c, s.state[field], at);
}

/**
 * A JSONPath `Parameters`, `ResultSelector` or `ItemSelector`: a payload template, which is a JSON
 * object (spec, "Payload Template"; AWS guide, "ResultSelector": "a collection of key-value
 * pairs"); a string, number or array is refused before the run.
 */
function checkTemplateObject(s: StateContext, field: string): void {
	if (!s.allowed.has(field)) return;
	const at = child(s.pointer, field);
	if (!isObject(s.state[field])) {
		const expected = 'an object of key-value pairs (keys ending in .$ take a path)';
		s.c.report('invalid_value', { field, expected }, at);
	} else checkTemplate(s.c, s.state[field], at);
}

/** Reports the second of two fields that give the same setting. */
function checkExclusive(s: StateContext, first: string, second: string): void {
	if (s.allowed.has(first) && s.allowed.has(second)) {
		s.c.report('conflicting_fields', { first, second }, child(s.pointer, second), 'key');
	}
}

/** Reports a required field that is absent; true when it is present. */
function requireField(s: StateContext, field: string, hint: string): boolean {
	if (hasField(s.state, field)) return true;
	s.c.missing(s.pointer, field, `${s.type} state '${s.name}'`, hint);
	return false;
}

/** Checks a number field when allowed and present; returns its literal value when valid. */
function numberField(s: StateContext, field: string, rule: NumberRule): number | undefined {
	if (!s.allowed.has(field)) return undefined;
	return checkNumber(s.c, s.state[field], child(s.pointer, field), field, rule, s.language);
}

/**
 * A `…Path` setting (`TimeoutSecondsPath`, `SecondsPath`, `ErrorPath`, `MaxConcurrencyPath`, …):
 * a reference path that names one value, as the spec requires ("MUST be Reference Paths") and
 * the guide's paths page defines them ("can identify only a single node"). It may read the
 * context object or a variable.
 */
function pathField(s: StateContext, field: string, kind: 'path' | 'path-or-intrinsic' = 'path') {
	if (!s.allowed.has(field)) return;
	const at = child(s.pointer, field);
	checkSingleNode(s.c, checkPath(s.c, s.state[field], at, field, kind), at, field);
}

/** Reports a parsed path that is not a reference path (one value, no wildcard/slice/filter/function). */
function checkSingleNode(
	c: Checker,
	parsed: ReturnType<typeof checkPath>,
	pointer: string,
	field: string
): void {
	if (!parsed || parsed.segments.every((seg) => seg.kind === 'prop' || seg.kind === 'index')) {
		return;
	}
	const detail =
		'it must be a reference path that names one value (no wildcards, slices, unions, filters ' +
		'or functions)';
	c.report('invalid_path', { field, detail }, pointer);
}
