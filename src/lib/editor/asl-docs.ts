import type { QueryLanguage } from '../../../engine/index.js';

/**
 * One-line docs of ASL field names and fixed values, for completion and hover, written from
 * `shared/asl-reference.md` (the ASL spec and the AWS Step Functions Developer Guide). Which
 * field goes where is in `asl-fields.ts`.
 */

/** The JSON a field takes, which decides what completing its name inserts after the colon. */
export type ValueShape = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any';

export interface FieldInfo {
	readonly doc: string;
	readonly shape: ValueShape;
	/** Set when the field exists in this query language only. */
	readonly language?: QueryLanguage;
}

const jp = (shape: ValueShape, doc: string): FieldInfo => ({ shape, doc, language: 'JSONPath' });
const ja = (shape: ValueShape, doc: string): FieldInfo => ({ shape, doc, language: 'JSONata' });
const f = (shape: ValueShape, doc: string): FieldInfo => ({ shape, doc });

/** Fields by name; `kind.Name` entries override the doc where a field means something else. */
export const FIELDS: Readonly<Record<string, FieldInfo>> = {
	Type: f('string', 'The kind of state: Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map.'),
	Comment: f('string', 'A note for people reading the definition; ignored when it runs.'),
	QueryLanguage: f(
		'string',
		'JSONPath (the default) or JSONata: how this part reads and shapes data.'
	),
	'machine.QueryLanguage': f(
		'string',
		'The query language of every state that does not set its own.'
	),
	StartAt: f('string', 'The name of the state to run first; it must be a key of States.'),
	States: f(
		'object',
		'The states, keyed by name (unique across the machine, at most 80 characters).'
	),
	Version: f('string', 'The ASL version of the definition; "1.0" by default.'),
	TimeoutSeconds: f('number', 'Seconds the task may run before it fails with States.Timeout.'),
	'machine.TimeoutSeconds': f('number', 'Seconds the whole execution may run before it times out.'),
	Next: f('string', 'The state to go to after this one, in the same States block.'),
	'catcher.Next': f('string', 'The state to go to when this catcher handles the error.'),
	'choiceRule.Next': f('string', 'The state to go to when this rule matches.'),
	End: f('boolean', 'true makes this the last state of its block (use instead of Next).'),
	InputPath: jp('string', 'Selects the part of the state input to work on; null means {}.'),
	OutputPath: jp(
		'string',
		'Selects the part of the result that becomes the state output; null means {}.'
	),
	ResultPath: jp(
		'string',
		'Where the result goes in the raw input; null discards it, $ replaces the input.'
	),
	'catcher.ResultPath': jp(
		'string',
		'Where the error output {Error, Cause} goes in the state input.'
	),
	Parameters: jp(
		'object',
		'A payload template for the effective input; keys ending in .$ take a path.'
	),
	ResultSelector: jp('object', 'A payload template applied to the result before ResultPath.'),
	Result: jp('any', 'A fixed value that becomes the result of this Pass state.'),
	Output: ja('any', 'The state output: any JSON, with {% JSONata %} strings evaluated.'),
	'catcher.Output': ja(
		'any',
		'The output when this catcher handles the error ($states.errorOutput).'
	),
	'choiceRule.Output': ja('any', 'The state output when this rule matches.'),
	Arguments: ja('any', 'The input sent to the task or to each branch; may use {% JSONata %}.'),
	Assign: f('object', 'Variables to set, name → value; they are visible from the next state on.'),
	Retry: f('array', 'Retriers tried in order when the state fails; before Catch.'),
	Catch: f('array', 'Catchers tried in order when retries are exhausted; each names a Next state.'),
	Resource: f('string', 'What the task runs: a Lambda function ARN or an integration ARN.'),
	'itemReader.Resource': f(
		'string',
		'The integration that reads the items, such as arn:aws:states:::s3:getObject.'
	),
	'resultWriter.Resource': f(
		'string',
		'The integration that writes the results, such as arn:aws:states:::s3:putObject.'
	),
	TimeoutSecondsPath: jp('string', 'Like TimeoutSeconds, read from a path in the input.'),
	HeartbeatSeconds: f('number', 'Seconds allowed between heartbeats; less than TimeoutSeconds.'),
	HeartbeatSecondsPath: jp('string', 'Like HeartbeatSeconds, read from a path in the input.'),
	Credentials: f('object', 'A role for the task to assume (not simulated by the playground).'),
	Choices: f('array', 'The rules, tried in order; the first that matches picks the Next state.'),
	Default: f('string', 'The state to go to when no rule matches; without it the state fails.'),
	Seconds: f('number', 'How many seconds to wait.'),
	SecondsPath: jp('string', 'How many seconds to wait, read from a path in the input.'),
	Timestamp: f('string', 'Wait until this RFC 3339 time, such as "2026-01-01T00:00:00Z".'),
	TimestampPath: jp('string', 'Wait until a timestamp read from a path in the input.'),
	Error: f('string', 'The error name the execution fails with.'),
	ErrorPath: jp('string', 'The error name, read from a path or built by an intrinsic.'),
	Cause: f('string', 'A readable explanation of the failure.'),
	CausePath: jp('string', 'The cause, read from a path or built by an intrinsic.'),
	Branches: f('array', 'Blocks of states, each with StartAt and States, run at the same time.'),
	ItemProcessor: f(
		'object',
		'The states each item runs through: StartAt, States, ProcessorConfig.'
	),
	Iterator: f('object', 'Old name of ItemProcessor.'),
	ItemsPath: jp('string', 'Where the items array is in the effective input ($ by default).'),
	Items: ja('any', 'The items to process: an array, an object, or a JSONata expression.'),
	ItemSelector: f(
		'object',
		"Builds each item's input; $$.Map.Item.Value and .Index are available."
	),
	ItemBatcher: f('object', 'Groups items into batches; at least one of the Max… fields.'),
	ItemReader: f('object', 'Reads the items from a data source (distributed Map).'),
	ResultWriter: f(
		'object',
		'Writes the results somewhere instead of returning them (distributed Map).'
	),
	MaxConcurrency: f(
		'number',
		'How many items run at once: 0 means as many as possible, 1 one by one.'
	),
	MaxConcurrencyPath: jp('string', 'Like MaxConcurrency, read from a path in the input.'),
	ToleratedFailurePercentage: f(
		'number',
		'Percentage of items (0–100) allowed to fail before the Map fails.'
	),
	ToleratedFailurePercentagePath: jp(
		'string',
		'Like ToleratedFailurePercentage, read from a path.'
	),
	ToleratedFailureCount: f('number', 'Number of items allowed to fail before the Map fails.'),
	ToleratedFailureCountPath: jp('string', 'Like ToleratedFailureCount, read from a path.'),
	Label: f('string', 'A name for the child executions of a distributed Map.'),
	ProcessorConfig: f(
		'object',
		'How items are processed: Mode and, when distributed, ExecutionType.'
	),
	Mode: f('string', 'INLINE (inside this execution) or DISTRIBUTED (child executions).'),
	ExecutionType: f('string', 'STANDARD or EXPRESS child executions, for a DISTRIBUTED Map.'),
	ErrorEquals: f(
		'array',
		'Error names this entry handles; States.ALL matches any and must come last.'
	),
	IntervalSeconds: f('number', 'Seconds before the first retry; 1 by default.'),
	MaxAttempts: f('number', 'How many retries at most; 3 by default, 0 never retries.'),
	BackoffRate: f(
		'number',
		'Multiplies the interval after each retry; 2.0 by default, at least 1.0.'
	),
	MaxDelaySeconds: f('number', 'Upper limit, in seconds, of any retry interval.'),
	JitterStrategy: f(
		'string',
		'FULL randomises each interval between 0 and its value; NONE (default) does not.'
	),
	Variable: jp('string', 'The path of the input value that this rule tests.'),
	Condition: ja(
		'any',
		'true, false or a {% JSONata %} expression; the rule matches when it is true.'
	),
	And: jp('array', 'Matches when every nested rule matches.'),
	Or: jp('array', 'Matches when any nested rule matches.'),
	Not: jp('object', 'Matches when the nested rule does not.'),
	MaxItemsPerBatch: f('number', 'Most items in one batch.'),
	MaxItemsPerBatchPath: jp('string', 'Like MaxItemsPerBatch, read from a path.'),
	MaxInputBytesPerBatch: f('number', 'Most bytes of items in one batch.'),
	MaxInputBytesPerBatchPath: jp('string', 'Like MaxInputBytesPerBatch, read from a path.'),
	BatchInput: f('object', 'Extra JSON added to every batch.'),
	ReaderConfig: f('object', 'How to read the data: InputType, CSV headers, MaxItems.'),
	InputType: f('string', 'The data format: CSV, JSON, JSONL, MANIFEST or PARQUET.'),
	CSVHeaderLocation: f(
		'string',
		'FIRST_ROW reads column names from the file; GIVEN uses CSVHeaders.'
	),
	CSVHeaders: f('array', 'Column names, when CSVHeaderLocation is GIVEN.'),
	MaxItems: f('number', 'Read at most this many items.'),
	MaxItemsPath: jp('string', 'Like MaxItems, read from a path.'),
	WriterConfig: f('object', 'How results are written, such as OutputType.')
};

/** Choice comparison operators with a `…Path` twin (ASL spec, "Choice Rules"). */
const COMPARED = {
	String: ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'],
	Numeric: ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'],
	Boolean: ['Equals'],
	Timestamp: ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']
} as const;
const RELATION: Readonly<Record<string, string>> = {
	Equals: 'equals',
	LessThan: 'is less than',
	GreaterThan: 'is greater than',
	LessThanEquals: 'is at most',
	GreaterThanEquals: 'is at least'
};
const TESTS: Readonly<Record<string, string>> = {
	IsNull: 'true: matches when the value is null (false: when it is not).',
	IsPresent: 'true: matches when the Variable path exists in the input.',
	IsNumeric: 'true: matches when the value is a number.',
	IsString: 'true: matches when the value is a string.',
	IsBoolean: 'true: matches when the value is a boolean.',
	IsTimestamp: 'true: matches when the value is an RFC 3339 timestamp string.',
	StringMatches: 'Matches the string against a pattern where * stands for any characters.'
};

/** The JSONPath comparison operators of a Choice rule, with their docs. */
export const CHOICE_OPERATORS: ReadonlyMap<string, FieldInfo> = new Map([
	...Object.entries(COMPARED).flatMap(([kind, relations]) =>
		relations.flatMap((rel): [string, FieldInfo][] => {
			const doc = `Matches when the value is a ${kind.toLowerCase()} that ${RELATION[rel]} this one.`;
			const pathDoc = `Like ${kind}${rel}, comparing with the value at this path.`;
			return [
				[
					`${kind}${rel}`,
					jp(kind === 'Boolean' ? 'boolean' : kind === 'Numeric' ? 'number' : 'string', doc)
				],
				[`${kind}${rel}Path`, jp('string', pathDoc)]
			];
		})
	),
	...Object.entries(TESTS).map(([name, doc]): [string, FieldInfo] => [
		name,
		jp(name === 'StringMatches' ? 'string' : 'boolean', doc)
	])
]);

/** Fixed values of some fields, value → doc. */
export const FIELD_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	Type: {
		Task: 'Runs work (here: a Lambda handler) and takes its result.',
		Pass: 'Passes its input on, optionally shaped or replaced by a fixed Result.',
		Choice: 'Picks the next state from rules on the input.',
		Wait: 'Pauses for some seconds or until a timestamp.',
		Succeed: 'Stops this block successfully.',
		Fail: 'Stops the execution with an Error and a Cause.',
		Parallel: 'Runs several branches at the same time; its result is their results in order.',
		Map: 'Runs the same states for each item of an array; its result keeps item order.'
	},
	QueryLanguage: {
		JSONPath: 'Paths ($.field) and payload templates with .$ keys; the default.',
		JSONata: '{% expressions %} in Arguments, Output, Assign and Condition; $states holds the data.'
	},
	Mode: {
		INLINE: 'Items run inside this execution.',
		DISTRIBUTED: 'Items run as child executions.'
	},
	ExecutionType: { STANDARD: 'Standard child executions.', EXPRESS: 'Express child executions.' },
	JitterStrategy: {
		FULL: 'Randomise each retry interval.',
		NONE: 'Use the computed interval as is.'
	},
	InputType: {
		CSV: 'Comma-separated values.',
		JSON: 'A JSON array.',
		JSONL: 'JSON Lines.',
		MANIFEST: 'An S3 inventory manifest.',
		PARQUET: 'Apache Parquet.'
	},
	CSVHeaderLocation: {
		FIRST_ROW: 'The first row names the columns.',
		GIVEN: 'CSVHeaders names them.'
	}
};

/** Predefined error names, for `ErrorEquals` (ASL spec appendix A; AWS error handling). */
export const ERROR_NAMES: Readonly<Record<string, string>> = {
	'States.ALL':
		'Any error except States.Runtime and States.DataLimitExceeded; must be alone and last.',
	'States.TaskFailed': 'Any task failure except States.Timeout.',
	'States.Timeout': 'A task ran longer than TimeoutSeconds or missed its heartbeat.',
	'States.HeartbeatTimeout': 'A task missed its heartbeat.',
	'States.Permissions': 'The task lacked permission to run.',
	'States.ResultPathMatchFailure': 'ResultPath could not be applied to the input.',
	'States.ParameterPathFailure': 'A .$ path in the parameters matched nothing.',
	'States.IntrinsicFailure': 'An intrinsic function failed.',
	'States.QueryEvaluationError': 'A JSONata expression failed.',
	'States.BranchFailed': 'A Parallel branch failed.',
	'States.NoChoiceMatched': 'No Choice rule matched and there is no Default.',
	'States.ExceedToleratedFailureThreshold': 'More Map items failed than tolerated.',
	'States.Http.Socket': 'An HTTP task took longer than 60 seconds.',
	'Lambda.ServiceException': 'The Lambda service failed.',
	'Lambda.TooManyRequestsException': 'Lambda throttled the call.',
	'Lambda.Unknown': 'Lambda failed without saying why (often out of memory or time).'
};
