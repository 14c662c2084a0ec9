import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../engine/asl/parse.js';
import { validateDefinition } from '../../engine/asl/validate.js';
import { topLevelReferences } from '../../engine/asl/validate-values.js';
import type { Diagnostic } from '../../engine/errors.js';

/**
 * The parser and validator, table-driven: each row is a definition text and the diagnostics it
 * must give as `code path` (never the prose). A few rows also pin the source range.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const END = { Type: 'Pass', End: true };

/** A machine starting at the first state given. */
function machine(states: Record<string, Json>, top: Record<string, Json> = {}): string {
	return JSON.stringify({ ...top, StartAt: Object.keys(states)[0], States: states });
}

/** The same, with `QueryLanguage: JSONata` at the top level. */
function jsonata(states: Record<string, Json>): string {
	return machine(states, { QueryLanguage: 'JSONata' });
}

/** Parse, then validate: every diagnostic of both phases. */
function check(text: string): Diagnostic[] {
	const parsed = parseDefinition(text);
	if (!parsed.definition) return parsed.diagnostics;
	return [...parsed.diagnostics, ...validateDefinition(parsed.definition, parsed.sourceMap)];
}

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.path}`).sort();

const task = (extra: Record<string, Json> = {}): Json => ({
	Type: 'Task',
	Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
	End: true,
	...extra
});
const choice = (rule: Record<string, Json>, extra: Record<string, Json> = {}): Json => ({
	Type: 'Choice',
	Choices: [{ ...rule, Next: 'Done' }],
	Default: 'Done',
	...extra
});
const map = (extra: Record<string, Json> = {}): Json => ({
	Type: 'Map',
	ItemProcessor: { StartAt: 'Item', States: { Item: END } },
	End: true,
	...extra
});

/** [name, definition text, expected `code path` list]. */
const ROWS: [string, string, string[]][] = [
	// Parsing
	['invalid JSON', '{"StartAt": "A",\n  "States": {,}}', ['invalid_json ']],
	[
		'duplicate key',
		'{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"End":true}}}',
		['duplicate_key /States/A/End']
	],
	['not an object', '[1, 2]', ['not_an_object ']],

	// Top level
	['missing States', '{"StartAt":"A"}', ['missing_field /States']],
	['missing StartAt', '{"States":{"A":{"Type":"Pass","End":true}}}', ['missing_field /StartAt']],
	[
		'unknown StartAt',
		'{"StartAt":"B","States":{"A":{"Type":"Pass","End":true}}}',
		['unknown_start_at /StartAt']
	],
	[
		'bad QueryLanguage',
		machine({ A: END }, { QueryLanguage: 'JSONPATH' }),
		['invalid_value /QueryLanguage']
	],
	[
		'TimeoutSeconds 0',
		machine({ A: END }, { TimeoutSeconds: 0 }),
		['invalid_value /TimeoutSeconds']
	],
	['Version number', machine({ A: END }, { Version: 1 }), ['invalid_value /Version']],
	['unknown top-level field', machine({ A: END }, { Startat: 'A' }), ['unknown_field /Startat']],
	[
		'ProcessorConfig at the top',
		machine({ A: END }, { ProcessorConfig: {} }),
		['field_not_allowed /ProcessorConfig']
	],

	// States and transitions
	[
		'bad Type',
		machine({ A: { Type: 'Lambda', End: true } }),
		['invalid_state_type /States/A/Type']
	],
	['missing Type', machine({ A: { End: true } }), ['missing_field /States/A/Type']],
	['state not an object', machine({ A: 'Pass' }), ['invalid_value /States/A']],
	[
		'name too long',
		machine({ ['N'.repeat(81)]: END }),
		[`state_name_too_long /States/${'N'.repeat(81)}`]
	],
	[
		'duplicate name across a branch',
		machine({
			P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: END } }], Next: 'A' },
			A: END
		}),
		['duplicate_state_name /States/A']
	],
	[
		'unknown Next',
		machine({ A: { Type: 'Pass', Next: 'b' }, B: END }),
		['unknown_next_state /States/A/Next', 'unreachable_state /States/B']
	],
	[
		'Next out of a branch',
		machine({
			P: {
				Type: 'Parallel',
				Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Out' } } }],
				Next: 'Out'
			},
			Out: END
		}),
		['unknown_next_state /States/P/Branches/0/States/A/Next']
	],
	[
		'Next into a Map processor',
		machine({
			A: { Type: 'Pass', Next: 'Item' },
			M: map()
		}),
		['unknown_next_state /States/A/Next', 'unreachable_state /States/M']
	],
	['no Next nor End', machine({ A: { Type: 'Pass' } }), ['missing_transition /States/A']],
	[
		'End false',
		machine({ A: { Type: 'Wait', Seconds: 1, End: false } }),
		['missing_transition /States/A']
	],
	[
		'End and Next',
		machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: END }),
		['end_with_next /States/A/End']
	],
	[
		'End not boolean',
		machine({ A: { Type: 'Pass', End: 'yes' } }),
		['invalid_value /States/A/End', 'missing_transition /States/A']
	],
	[
		'Choice with End',
		machine({ A: choice({ Variable: '$.x', IsPresent: true }, { End: true }), Done: END }),
		['field_not_allowed /States/A/End']
	],
	[
		'Succeed with Next',
		machine({ A: { Type: 'Succeed', Next: 'B' }, B: END }),
		['field_not_allowed /States/A/Next', 'unreachable_state /States/B']
	],
	[
		'Fail with End',
		machine({ A: { Type: 'Fail', End: true } }),
		['field_not_allowed /States/A/End']
	],
	['unreachable state', machine({ A: END, B: END }), ['unreachable_state /States/B']],
	[
		'no terminal state',
		machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Wait', Seconds: 1, Next: 'A' } }),
		['no_terminal_state /States']
	],
	[
		'no terminal state in a branch',
		machine({
			P: {
				Type: 'Parallel',
				Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } }],
				End: true
			}
		}),
		['no_terminal_state /States/P/Branches/0/States']
	],

	// Fields per state type and query language
	[
		'unknown state field',
		machine({ A: { Type: 'Pass', End: true, Nxt: 'A' } }),
		['unknown_field /States/A/Nxt']
	],
	[
		'Wait with ResultPath',
		machine({ A: { Type: 'Wait', Seconds: 1, ResultPath: '$.x', End: true } }),
		['field_not_allowed /States/A/ResultPath']
	],
	[
		'Pass with Resource',
		machine({ A: { Type: 'Pass', Resource: 'x', End: true } }),
		['field_not_allowed /States/A/Resource']
	],
	[
		'Fail with Assign',
		machine({ A: { Type: 'Fail', Assign: { x: 1 } } }),
		['field_not_allowed /States/A/Assign']
	],
	[
		'Succeed with Assign',
		machine({ A: { Type: 'Succeed', Assign: { x: 1 } } }),
		['field_not_allowed /States/A/Assign']
	],
	[
		'Map with Arguments',
		jsonata({ M: map({ Arguments: {} }) }),
		['field_not_allowed /States/M/Arguments']
	],
	[
		'InputPath in JSONata',
		jsonata({ A: { Type: 'Pass', InputPath: '$.a', End: true } }),
		['field_not_allowed_in_query_language /States/A/InputPath']
	],
	[
		'Parameters in JSONata',
		jsonata({ A: task({ Parameters: {} }) }),
		['field_not_allowed_in_query_language /States/A/Parameters']
	],
	[
		'Result in JSONata',
		jsonata({ A: { Type: 'Pass', Result: 1, End: true } }),
		['field_not_allowed_in_query_language /States/A/Result']
	],
	[
		'ItemsPath in JSONata',
		jsonata({ M: map({ ItemsPath: '$.a' }) }),
		['field_not_allowed_in_query_language /States/M/ItemsPath']
	],
	[
		'SecondsPath in JSONata',
		jsonata({ W: { Type: 'Wait', SecondsPath: '$.s', End: true } }),
		[
			'field_not_allowed_in_query_language /States/W/SecondsPath',
			'wait_needs_one_duration /States/W'
		]
	],
	[
		'Arguments in JSONPath',
		machine({ A: task({ Arguments: {} }) }),
		['field_not_allowed_in_query_language /States/A/Arguments']
	],
	[
		'Output in JSONPath',
		machine({ A: { Type: 'Pass', Output: 1, End: true } }),
		['field_not_allowed_in_query_language /States/A/Output']
	],
	[
		'Items in JSONPath',
		machine({ M: map({ Items: [1] }) }),
		['field_not_allowed_in_query_language /States/M/Items']
	],
	[
		'JSONPath state in a JSONata machine',
		jsonata({ A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }),
		['cannot_mix_into_jsonata /States/A/QueryLanguage']
	],
	[
		'a Map QueryLanguage does not pass to its processor',
		machine({
			M: {
				Type: 'Map',
				QueryLanguage: 'JSONata',
				Items: [1],
				ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Output: 1, End: true } } },
				End: true
			}
		}),
		['field_not_allowed_in_query_language /States/M/ItemProcessor/States/I/Output']
	],

	// Required fields and value rules
	[
		'Task without Resource',
		machine({ A: { Type: 'Task', End: true } }),
		['missing_field /States/A/Resource']
	],
	[
		'Resource not a string',
		machine({ A: task({ Resource: 1 }) }),
		['invalid_value /States/A/Resource']
	],
	[
		'Choice without Choices',
		machine({ A: { Type: 'Choice', Default: 'B' }, B: END }),
		['missing_field /States/A/Choices']
	],
	[
		'empty Choices',
		machine({ A: { Type: 'Choice', Choices: [], Default: 'B' }, B: END }),
		['invalid_value /States/A/Choices']
	],
	[
		'empty Branches',
		machine({ P: { Type: 'Parallel', Branches: [], End: true } }),
		['invalid_value /States/P/Branches']
	],
	[
		'Map without processor',
		machine({ M: { Type: 'Map', End: true } }),
		['missing_field /States/M/ItemProcessor']
	],
	[
		'ItemReader and ResultWriter reach S3, which the playground cannot',
		machine({
			M: map({
				ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b' } },
				ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' } }
			})
		}),
		['not_emulated /States/M/ItemReader', 'not_emulated /States/M/ResultWriter']
	],
	[
		'MaxInputBytesPerBatch over 256 KiB',
		machine({ M: map({ ItemBatcher: { MaxInputBytesPerBatch: 262145 } }) }),
		['invalid_value /States/M/ItemBatcher/MaxInputBytesPerBatch']
	],
	[
		'Error and ErrorPath',
		machine({ F: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' } }),
		['conflicting_fields /States/F/ErrorPath']
	],
	[
		'Cause and CausePath',
		machine({ F: { Type: 'Fail', Cause: 'C', CausePath: '$.c' } }),
		['conflicting_fields /States/F/CausePath']
	],
	[
		'Wait without duration',
		machine({ W: { Type: 'Wait', End: true } }),
		['wait_needs_one_duration /States/W']
	],
	[
		'Wait with two durations',
		machine({ W: { Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true } }),
		['wait_needs_one_duration /States/W/SecondsPath']
	],
	[
		'Wait Seconds negative',
		machine({ W: { Type: 'Wait', Seconds: -1, End: true } }),
		['invalid_value /States/W/Seconds']
	],
	[
		'Wait bad Timestamp',
		machine({ W: { Type: 'Wait', Timestamp: '2024-01-01 00:00:00', End: true } }),
		['invalid_value /States/W/Timestamp']
	],
	[
		'Timeout and TimeoutPath',
		machine({ A: task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' }) }),
		['conflicting_fields /States/A/TimeoutSecondsPath']
	],
	[
		'Heartbeat and HeartbeatPath',
		machine({ A: task({ HeartbeatSeconds: 5, HeartbeatSecondsPath: '$.t' }) }),
		['conflicting_fields /States/A/HeartbeatSecondsPath']
	],
	[
		'heartbeat not below timeout',
		machine({ A: task({ TimeoutSeconds: 5, HeartbeatSeconds: 5 }) }),
		['heartbeat_not_below_timeout /States/A/HeartbeatSeconds']
	],
	[
		'TimeoutSeconds 1.5',
		machine({ A: task({ TimeoutSeconds: 1.5 }) }),
		['invalid_value /States/A/TimeoutSeconds']
	],
	[
		'MaxConcurrency -1',
		machine({ M: map({ MaxConcurrency: -1 }) }),
		['invalid_value /States/M/MaxConcurrency']
	],
	[
		'ToleratedFailurePercentage 101',
		machine({ M: map({ ToleratedFailurePercentage: 101 }) }),
		['invalid_value /States/M/ToleratedFailurePercentage']
	],
	[
		'ToleratedFailureCount -1',
		machine({ M: map({ ToleratedFailureCount: -1 }) }),
		['invalid_value /States/M/ToleratedFailureCount']
	],
	[
		'bad ProcessorConfig Mode',
		machine({
			M: map({
				ItemProcessor: { ProcessorConfig: { Mode: 'inline' }, StartAt: 'I', States: { I: END } }
			})
		}),
		['invalid_value /States/M/ItemProcessor/ProcessorConfig/Mode']
	],

	// Retry and Catch
	['Retry not an array', machine({ A: task({ Retry: {} }) }), ['invalid_value /States/A/Retry']],
	[
		'retrier without ErrorEquals',
		machine({ A: task({ Retry: [{}] }) }),
		['missing_field /States/A/Retry/0/ErrorEquals']
	],
	[
		'empty ErrorEquals',
		machine({ A: task({ Retry: [{ ErrorEquals: [] }] }) }),
		['invalid_value /States/A/Retry/0/ErrorEquals']
	],
	[
		'States.ALL not alone',
		machine({ A: task({ Retry: [{ ErrorEquals: ['States.ALL', 'States.Timeout'] }] }) }),
		['states_all_not_alone /States/A/Retry/0/ErrorEquals/0']
	],
	[
		'States.ALL not last',
		machine({ A: task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['E'] }] }) }),
		['states_all_not_last /States/A/Retry/0/ErrorEquals/0']
	],
	[
		'retrier numbers',
		machine({
			A: task({
				Retry: [
					{
						ErrorEquals: ['E'],
						IntervalSeconds: 0,
						MaxAttempts: -1,
						BackoffRate: 0.5,
						MaxDelaySeconds: 0,
						JitterStrategy: 'HALF'
					}
				]
			})
		}),
		[
			'invalid_value /States/A/Retry/0/BackoffRate',
			'invalid_value /States/A/Retry/0/IntervalSeconds',
			'invalid_value /States/A/Retry/0/JitterStrategy',
			'invalid_value /States/A/Retry/0/MaxAttempts',
			'invalid_value /States/A/Retry/0/MaxDelaySeconds'
		]
	],
	[
		'unknown retrier field',
		machine({ A: task({ Retry: [{ ErrorEquals: ['E'], Interval: 1 }] }) }),
		['unknown_field /States/A/Retry/0/Interval']
	],
	[
		'catcher without Next',
		machine({ A: task({ Catch: [{ ErrorEquals: ['E'] }] }) }),
		['missing_field /States/A/Catch/0/Next']
	],
	[
		'catcher Next unknown',
		machine({ A: task({ Catch: [{ ErrorEquals: ['E'], Next: 'X' }] }) }),
		['unknown_next_state /States/A/Catch/0/Next']
	],
	[
		'unknown States. error',
		machine({
			A: task({ Catch: [{ ErrorEquals: ['States.Timeout', 'States.TimeOut'], Next: 'B' }] }),
			B: END
		}),
		['unknown_states_error /States/A/Catch/0/ErrorEquals/1']
	],
	[
		'catcher ResultPath $$',
		machine({ A: task({ Catch: [{ ErrorEquals: ['E'], ResultPath: '$$.x', Next: 'A' }] }) }),
		['invalid_result_path /States/A/Catch/0/ResultPath']
	],
	[
		'catcher Output in JSONPath',
		machine({ A: task({ Catch: [{ ErrorEquals: ['E'], Output: {}, Next: 'A' }] }) }),
		['field_not_allowed_in_query_language /States/A/Catch/0/Output']
	],

	// Choice rules
	[
		'rule without Next',
		machine({
			C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true }], Default: 'D' },
			D: END
		}),
		['missing_field /States/C/Choices/0/Next']
	],
	[
		'nested rule with Next',
		machine({ C: choice({ Not: { Variable: '$.x', IsNull: true, Next: 'Done' } }), Done: END }),
		['nested_rule_with_next /States/C/Choices/0/Not/Next']
	],
	[
		'rule without operator',
		machine({ C: choice({ Variable: '$.x' }), Done: END }),
		['choice_rule_operator /States/C/Choices/0/Variable']
	],
	[
		'rule with two operators',
		machine({ C: choice({ Variable: '$.x', IsNull: true, IsString: true }), Done: END }),
		['choice_rule_operator /States/C/Choices/0/IsString']
	],
	[
		'rule without Variable',
		machine({ C: choice({ StringEquals: 'a' }), Done: END }),
		['missing_field /States/C/Choices/0/Variable']
	],
	[
		'empty And',
		machine({ C: choice({ And: [] }), Done: END }),
		['invalid_value /States/C/Choices/0/And']
	],
	[
		'NumericEquals string',
		machine({ C: choice({ Variable: '$.x', NumericEquals: '1' }), Done: END }),
		['invalid_choice_operand /States/C/Choices/0/NumericEquals']
	],
	[
		'StringEquals number',
		machine({ C: choice({ Variable: '$.x', StringEquals: 1 }), Done: END }),
		['invalid_choice_operand /States/C/Choices/0/StringEquals']
	],
	[
		'BooleanEquals string',
		machine({ C: choice({ Variable: '$.x', BooleanEquals: 'true' }), Done: END }),
		['invalid_choice_operand /States/C/Choices/0/BooleanEquals']
	],
	[
		'IsPresent string',
		machine({ C: choice({ Variable: '$.x', IsPresent: 'yes' }), Done: END }),
		['invalid_choice_operand /States/C/Choices/0/IsPresent']
	],
	[
		'Timestamp bad',
		machine({ C: choice({ Variable: '$.x', TimestampEquals: '2024-13-01T00:00:00Z' }), Done: END }),
		['invalid_choice_operand /States/C/Choices/0/TimestampEquals']
	],
	[
		'StringEqualsPath bad',
		machine({ C: choice({ Variable: '$.x', StringEqualsPath: 'x' }), Done: END }),
		['invalid_path /States/C/Choices/0/StringEqualsPath']
	],
	[
		'StringMatches open backslash',
		machine({ C: choice({ Variable: '$.x', StringMatches: 'a*\\' }), Done: END }),
		['invalid_string_matches /States/C/Choices/0/StringMatches']
	],
	[
		'Condition in JSONPath',
		machine({ C: choice({ Condition: true }), Done: END }),
		[
			'choice_rule_operator /States/C/Choices/0',
			'field_not_allowed_in_query_language /States/C/Choices/0/Condition'
		]
	],
	[
		'Variable in JSONata',
		jsonata({ C: choice({ Condition: true, Variable: '$.x' }), Done: END }),
		['field_not_allowed_in_query_language /States/C/Choices/0/Variable']
	],
	[
		'JSONata rule without Condition',
		jsonata({ C: choice({}), Done: END }),
		['missing_field /States/C/Choices/0/Condition']
	],
	[
		'JSONata Condition a string',
		jsonata({ C: choice({ Condition: 'true' }), Done: END }),
		['invalid_value /States/C/Choices/0/Condition']
	],
	[
		'Default unknown',
		machine({ C: choice({ Variable: '$.x', IsNull: true }, { Default: 'Nope' }), Done: END }),
		['unknown_next_state /States/C/Default']
	],

	// Paths
	[
		'bad InputPath',
		machine({ A: { Type: 'Pass', InputPath: '$.a..', End: true } }),
		['invalid_path /States/A/InputPath']
	],
	[
		'path without $',
		machine({ A: { Type: 'Pass', OutputPath: 'a.b', End: true } }),
		['invalid_path /States/A/OutputPath']
	],
	[
		'ResultPath $$',
		machine({ A: { Type: 'Pass', ResultPath: '$$.Execution', End: true } }),
		['invalid_result_path /States/A/ResultPath']
	],
	[
		'ResultPath wildcard',
		machine({ A: { Type: 'Pass', ResultPath: '$.a[*]', End: true } }),
		['invalid_result_path /States/A/ResultPath']
	],
	[
		'ResultPath variable',
		machine({ A: { Type: 'Pass', ResultPath: '$var.a', End: true } }),
		['invalid_result_path /States/A/ResultPath']
	],
	[
		'ItemsPath number',
		machine({ M: map({ ItemsPath: 1 }) }),
		['invalid_value /States/M/ItemsPath']
	],
	[
		'bad CausePath intrinsic',
		machine({ F: { Type: 'Fail', CausePath: 'States.Format($.a' } }),
		['invalid_intrinsic /States/F/CausePath']
	],
	[
		'bad TimestampPath',
		machine({ W: { Type: 'Wait', TimestampPath: '$[', End: true } }),
		['invalid_path /States/W/TimestampPath']
	],

	// Payload templates
	[
		'template bad path',
		machine({ A: { Type: 'Pass', Parameters: { 'a.$': '$.x[' }, End: true } }),
		['invalid_path /States/A/Parameters/a.$']
	],
	[
		'template nested bad path',
		machine({ A: { Type: 'Pass', Parameters: { o: [{ 'a.$': 'x' }] }, End: true } }),
		['invalid_path /States/A/Parameters/o/0/a.$']
	],
	[
		'template bad intrinsic',
		machine({ A: task({ ResultSelector: { 'a.$': 'States.Nope(1)' } }) }),
		['invalid_intrinsic /States/A/ResultSelector/a.$']
	],
	[
		'template wrong argument count',
		machine({ A: task({ Parameters: { 'a.$': 'States.ArrayLength()' } }) }),
		['invalid_intrinsic /States/A/Parameters/a.$']
	],
	[
		'template value not a string',
		machine({ A: task({ Parameters: { 'a.$': 1 } }) }),
		['invalid_value /States/A/Parameters/a.$']
	],
	[
		'duplicate template key',
		machine({ A: { Type: 'Pass', Parameters: { a: 1, 'a.$': '$.a' }, End: true } }),
		['duplicate_template_key /States/A/Parameters/a.$']
	],
	[
		'ItemSelector bad path',
		machine({ M: map({ ItemSelector: { 'v.$': '$$.Map.Item.Value.' } }) }),
		['invalid_path /States/M/ItemSelector/v.$']
	],
	[
		'Credentials bad path',
		machine({ A: task({ Credentials: { 'RoleArn.$': 'role' } }) }),
		['invalid_path /States/A/Credentials/RoleArn.$']
	],

	// JSONata
	[
		'JSONata does not compile',
		jsonata({ A: { Type: 'Pass', Output: '{% $states.input.a + %}', End: true } }),
		['invalid_jsonata /States/A/Output']
	],
	[
		'JSONata nested in Arguments',
		jsonata({ A: task({ Arguments: { x: ['{% ( %}'] } }) }),
		['invalid_jsonata /States/A/Arguments/x/0']
	],
	[
		'JSONata in Items',
		jsonata({ M: map({ Items: '{% [1, %}' }) }),
		['invalid_jsonata /States/M/Items']
	],
	[
		'JSONata in TimeoutSeconds',
		jsonata({ A: task({ TimeoutSeconds: '{% 1 + %}' }) }),
		['invalid_jsonata /States/A/TimeoutSeconds']
	],
	[
		'TimeoutSeconds plain string',
		jsonata({ A: task({ TimeoutSeconds: '5' }) }),
		['invalid_value /States/A/TimeoutSeconds']
	],
	[
		'$states.result in Arguments',
		jsonata({ A: task({ Arguments: '{% $states.result %}' }) }),
		['illegal_states_reference /States/A/Arguments']
	],
	[
		'$states.result in a Pass',
		jsonata({ A: { Type: 'Pass', Output: '{% $states.result %}', End: true } }),
		['illegal_states_reference /States/A/Output']
	],
	[
		'$states.errorOutput in Output',
		jsonata({ A: task({ Output: '{% $states.errorOutput %}' }) }),
		['illegal_states_reference /States/A/Output']
	],
	[
		'$states.result in a catcher',
		jsonata({
			A: task({
				Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.result %}', Next: 'A' }]
			})
		}),
		['illegal_states_reference /States/A/Catch/0/Output']
	],
	[
		'ResultPath in a JSONata catcher',
		jsonata({ A: task({ Catch: [{ ErrorEquals: ['E'], ResultPath: '$.e', Next: 'A' }] }) }),
		['field_not_allowed_in_query_language /States/A/Catch/0/ResultPath']
	],

	// Variables
	[
		'bad variable name',
		machine({ A: { Type: 'Pass', Assign: { '1x': 1 }, End: true } }),
		['invalid_variable_name /States/A/Assign/1x']
	],
	[
		'variable named states',
		jsonata({ A: { Type: 'Pass', Assign: { states: 1 }, End: true } }),
		['invalid_variable_name /States/A/Assign/states']
	],
	[
		'variable name with a dash',
		machine({ A: { Type: 'Pass', Assign: { 'a-b.$': '$.x' }, End: true } }),
		['invalid_variable_name /States/A/Assign/a-b.$']
	],
	[
		'variable name too long',
		machine({ A: { Type: 'Pass', Assign: { ['v'.repeat(81)]: 1 }, End: true } }),
		[`invalid_variable_name /States/A/Assign/${'v'.repeat(81)}`]
	],
	[
		'Assign bad path',
		machine({ A: { Type: 'Pass', Assign: { 'v.$': '$.' }, End: true } }),
		['invalid_path /States/A/Assign/v.$']
	],
	[
		'Assign not an object',
		machine({ A: { Type: 'Pass', Assign: [1], End: true } }),
		['invalid_value /States/A/Assign']
	],
	[
		'JSONata Assign bad expression',
		jsonata({ A: { Type: 'Pass', Assign: { v: '{% $x := %}' }, End: true } }),
		['invalid_jsonata /States/A/Assign/v']
	]
];

describe('parseDefinition + validateDefinition', () => {
	it.each(ROWS)('%s', (_name, text, expected) => {
		expect(summary(check(text))).toEqual([...expected].sort());
	});

	it('an unreachable state is an error, as AWS refuses the definition (MISSING_TRANSITION_TARGET)', () => {
		const [d] = check(machine({ A: END, B: END }));
		expect(d.code).toBe('unreachable_state');
		expect(d.severity).toBe('error');
	});

	it('a definition pasted as YAML is told to come as JSON; other invalid JSON is not', () => {
		const yaml = '# exported from Workflow Studio\n---\nComment: A\nStartAt: A\nStates:\n  A:\n';
		const [d] = parseDefinition(yaml).diagnostics;
		expect(d.code).toBe('invalid_json');
		expect(d.message).toMatch(/^The definition is not valid JSON \(line 1, column 1\): .*YAML/);
		expect(d.message).toContain('copy it as JSON');
		for (const text of ['{"StartAt": "A",\n  "States": {,}}', 'States are: A, B']) {
			const [other] = parseDefinition(text).diagnostics;
			expect(other.message).not.toContain('YAML');
			expect(other.message).toContain('Fix the JSON syntax first');
		}
	});
});

/** [definition text, code, the text the diagnostic's range must cover]. */
const RANGES: [string, string, string][] = [
	['{"StartAt": "A",\n  "States": {,}}', 'invalid_json', ','],
	['{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nope"}}}', 'unknown_next_state', '"Nope"'],
	[
		'{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a b","End":true}}}',
		'invalid_path',
		' '
	],
	[
		'{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.a|"},"End":true}}}',
		'invalid_path',
		'|'
	],
	[
		'{"QueryLanguage":"JSONata","StartAt":"A",' +
			'"States":{"A":{"Type":"Pass","Output":"{% 1 + + 2 %}","End":true}}}',
		'invalid_jsonata',
		'+'
	],
	[
		'{"QueryLanguage":"JSONata","StartAt":"A",' +
			'"States":{"A":{"Type":"Pass","Output":"{% $a foo %}","End":true}}}',
		'invalid_jsonata',
		'foo'
	],
	[
		'{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Coment":"x"}}}',
		'unknown_field',
		'"Coment"'
	],
	['{"StartAt":"A","States":{"A":{"Type":"Pass"}}}', 'missing_transition', '"A"'],
	['{"StartAt":"A","States":{"A":{"Type":"Task","End":true}}}', 'missing_field', '"A"'],
	[
		'{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"a":1},"Next":"A"}}}',
		'no_terminal_state',
		'"States"'
	],
	[
		'{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"r",' +
			'"Arguments":"{% $states.result.x %}","End":true}}}',
		'illegal_states_reference',
		'$states.result'
	],
	[
		'{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass",' +
			'"Output":"{% $states.input.a + total %}","End":true}}}',
		'unsupported_jsonata_reference',
		'total'
	],
	[
		'{"StartAt":"A","States":{"A":{"Type":"Pass",' +
			'"Parameters":{"x.$":"States.Format(\'{}\' $.a)"},"End":true}}}',
		'invalid_intrinsic',
		'$'
	],
	// With an escape in the string, the whole string is the range.
	[
		'{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.\\u0061 b","End":true}}}',
		'invalid_path',
		'"$.\\u0061 b"'
	]
];

describe('diagnostic ranges', () => {
	it.each(RANGES)('%s', (text, code, snippet) => {
		const found = check(text).filter((d) => d.code === code);
		expect(found).toHaveLength(1);
		expect(text.slice(found[0].from, found[0].to)).toBe(snippet);
	});

	it('names the AWS error a misspelt States. name is closest to', () => {
		const text = machine({
			A: task({ Retry: [{ ErrorEquals: ['States.Timout'] }, { ErrorEquals: ['States.Nope'] }] })
		});
		const [typo, unknown] = check(text);
		expect(typo.code).toBe('unknown_states_error');
		expect(typo.message).toContain("'States.Timeout'");
		expect(unknown.message).not.toContain('Did you mean');
	});

	it('reports line and column of a JSON syntax error', () => {
		const [d] = check(
			'{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass" "End": true }\n  }\n}'
		);
		expect(d.code).toBe('invalid_json');
		// The comma is missing just after "Pass" (column 26), not at "End".
		expect(d.message).toContain('line 4, column 26');
	});

	it('places a missing comma where it belongs, at the end of the previous value', () => {
		const text = '{\n  "StartAt": "A"\n  "States": { "A": { "Type": "Succeed" } }\n}';
		const [d] = check(text);
		expect(d.code).toBe('invalid_json');
		expect(d.message).toContain('line 2, column 17');
		expect([d.from, d.to]).toEqual([text.indexOf('"A"') + 3, text.indexOf('"A"') + 3]);
		const array = '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":[1\n 2],"End":true}}}';
		const [e] = check(array);
		expect(e.message).toContain("Missing ',' after this array element");
		expect(e.from).toBe(array.indexOf('[1') + 2);
		// Anything else than another value is reported where it is.
		const [f] = check('{"StartAt": "A" x}');
		expect(f.message).toContain("Expected ',' or '}' after property value but found 'x'");
		expect(f.from).toBe(16);
	});

	it('falls back to 0/0 without a source map', () => {
		const [d] = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass' } } });
		expect([d.code, d.path, d.from, d.to]).toEqual(['missing_transition', '/States/A', 0, 0]);
	});
});

// ---------------------------------------------------------------------------------------------
// Valid definitions

/** The seed example, verbatim (split only to fit the line width). */
const SEED =
	'{"StartAt":"RunTasksInParallel","States":{"RunTasksInParallel":{"Type":"Parallel",' +
	'"Branches":[{"StartAt":"ResizeImage","States":{"ResizeImage":{"Type":"Task",' +
	'"Resource":"arn:aws:lambda:us-east-1:123456789:function:resize-image","End":true}}},' +
	'{"StartAt":"GenerateThumbnail","States":{"GenerateThumbnail":{"Type":"Task",' +
	'"Resource":"arn:aws:lambda:us-east-1:123456789:function:thumbnail-generator","End":true}}},' +
	'{"StartAt":"ExtractMetadata","States":{"ExtractMetadata":{"Type":"Task",' +
	'"Resource":"arn:aws:lambda:us-east-1:123456789:function:extract-metadata","End":true}}}],' +
	'"Next":"CompleteWorkflow"},"CompleteWorkflow":{"Type":"Succeed"}}}';

const VALID_JSONPATH: Record<string, Json> = {
	Pass: {
		Type: 'Pass',
		Comment: 'every JSONPath field',
		InputPath: '$.input',
		Parameters: {
			'id.$': '$.id',
			'when.$': '$$.Execution.StartTime',
			'n.$': 'States.MathAdd($.a, 1)',
			literal: '$not.a.path'
		},
		Result: { a: 1 },
		ResultPath: '$.result',
		OutputPath: null,
		Assign: { 'total.$': '$.a', count: 0, 'label.$': "States.Format('n={}', $.n)" },
		Next: 'Task'
	},
	Task: {
		Type: 'Task',
		Resource: 'arn:aws:states:::lambda:invoke',
		Parameters: { FunctionName: 'fn', 'Payload.$': '$' },
		ResultSelector: { 'body.$': '$.Payload' },
		ResultPath: null,
		TimeoutSeconds: 30,
		HeartbeatSeconds: 10,
		Credentials: { 'RoleArn.$': '$.role' },
		Retry: [
			{
				ErrorEquals: ['States.Timeout', 'Lambda.Unknown'],
				IntervalSeconds: 2,
				MaxAttempts: 0,
				BackoffRate: 1.5,
				MaxDelaySeconds: 10,
				JitterStrategy: 'FULL'
			},
			{ ErrorEquals: ['States.ALL'] }
		],
		Catch: [
			{ ErrorEquals: ['CustomError'], ResultPath: '$.error', Next: 'Fail' },
			{ ErrorEquals: ['States.ALL'], Assign: { 'err.$': '$.Error' }, Next: 'Fail' }
		],
		Next: 'Choice'
	},
	Choice: {
		Type: 'Choice',
		Choices: [
			{
				And: [
					{ Variable: '$.a', NumericGreaterThan: 1 },
					{ Not: { Variable: '$$.Execution.Input.input-value', IsNull: true } },
					{
						Or: [
							{ Variable: '$.s', StringMatches: 'log-*.txt\\*' },
							{ Variable: '$.t', TimestampLessThanEqualsPath: '$.u' }
						]
					}
				],
				Assign: { picked: 'and' },
				Next: 'Wait'
			},
			{ Variable: '$total', BooleanEquals: true, Next: 'Map' },
			{ Variable: '$.when', TimestampEquals: '2016-03-14T01:59:00.123456Z', Next: 'Map' }
		],
		Default: 'Parallel',
		Assign: { picked: 'default' }
	},
	Wait: { Type: 'Wait', TimestampPath: '$.when', Next: 'Map' },
	Map: {
		Type: 'Map',
		ItemsPath: '$.items',
		ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value' },
		MaxConcurrencyPath: '$.n',
		ToleratedFailurePercentage: 12.5,
		ToleratedFailureCount: 0,
		ItemProcessor: {
			ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
			StartAt: 'Item',
			States: { Item: { Type: 'Pass', End: true } }
		},
		Label: 'Items',
		ResultPath: '$.items',
		Next: 'Parallel'
	},
	Parallel: {
		Type: 'Parallel',
		Branches: [
			{ StartAt: 'B1', States: { B1: { Type: 'Succeed' } } },
			{ StartAt: 'B2', States: { B2: { Type: 'Wait', Seconds: 0, End: true } } }
		],
		Parameters: { 'x.$': '$.x' },
		Next: 'Done'
	},
	Done: { Type: 'Succeed', InputPath: '$', OutputPath: '$.result' },
	Fail: {
		Type: 'Fail',
		ErrorPath: '$.error.Error',
		CausePath: "States.Format('{}', $.error.Cause)"
	}
};

const VALID_JSONATA: Record<string, Json> = {
	Pass: {
		Type: 'Pass',
		Output: { greeting: "{% 'Hello ' & $states.input.name %}", fixed: [1, true, null] },
		Assign: { count: '{% $count + 1 %}', items: [1, 2] },
		Next: 'Task'
	},
	Task: {
		Type: 'Task',
		Resource: 'arn:aws:states:::lambda:invoke',
		Arguments: { FunctionName: 'fn', Payload: '{% $states.input %}' },
		Output: '{% $states.result.Payload %}',
		Assign: { last: '{% $states.result %}' },
		TimeoutSeconds: '{% $timeout %}',
		HeartbeatSeconds: 10,
		Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }],
		Catch: [
			{
				ErrorEquals: ['States.ALL'],
				Output: '{% $states.errorOutput %}',
				Assign: { e: '{% $states.errorOutput.Error %}' },
				Next: 'Fail'
			}
		],
		Next: 'Choice'
	},
	Choice: {
		Type: 'Choice',
		Choices: [
			{
				Condition: '{% $states.input.n > 1 %}',
				Output: { big: true },
				Assign: { size: 'big' },
				Next: 'Wait'
			},
			{ Condition: true, Next: 'Map' }
		],
		Default: 'Parallel',
		Output: '{% $states.input %}'
	},
	Wait: {
		Type: 'Wait',
		Seconds: '{% $states.input.delay %}',
		Assign: { waited: true },
		Next: 'Map'
	},
	Map: {
		Type: 'Map',
		Items: '{% $states.input.items %}',
		ItemSelector: { value: '{% $states.context.Map.Item.Value %}' },
		MaxConcurrency: 2,
		ToleratedFailureCount: '{% $limit %}',
		ItemProcessor: {
			StartAt: 'Item',
			States: { Item: { Type: 'Pass', Output: '{% $states.input.value %}', End: true } }
		},
		Output: '{% $states.result %}',
		Next: 'Parallel'
	},
	Parallel: {
		Type: 'Parallel',
		Arguments: '{% $states.input %}',
		Branches: [
			{
				StartAt: 'B1',
				States: { B1: { Type: 'Wait', Timestamp: '2024-01-01T00:00:00Z', End: true } }
			}
		],
		Output: '{% $states.result[0] %}',
		Next: 'Done'
	},
	Done: { Type: 'Succeed', Output: '{% $states.input %}' },
	Fail: { Type: 'Fail', Error: 'Failed', Cause: '{% $string($e) %}' }
};

describe('JSONata top-level references', () => {
	const names = (expr: string) => topLevelReferences(expr).map((r) => r.name);
	it.each([
		['order.total', ['order']],
		['$.total', ['$']],
		['$$', ['$$']],
		['$sum(price) + $states.input.tax', ['price']],
		['{ a: 1 }', ['a']],
		['$map($states.input.items, function($v) { name })', ['name']],
		['$x ? yes : no', ['yes', 'no']],
		['-amount', ['amount']],
		['a ~> $uppercase()', ['a']]
	])('%s reads %j from the missing context', (expr, expected) => {
		expect(names(expr)).toEqual(expected);
	});
	it.each([
		'$states.input.items[price > 3].name',
		'$states.input.items[$ > 3]',
		'$states.input.items^(price){type: $sum(price)}',
		'$states.input.items.{ "name": name }',
		'$map($states.input.items, function($v) { $v.name })',
		'{ "total": $sum($states.input.items.price) }',
		'[1, 2].($ * 2)',
		'$x := 3; $x + $states.context.Execution.Name.$length($)',
		'$states.input ~> | $ | { "seen": true } |'
	])('%s reads nothing from it', (expr) => {
		expect(names(expr)).toEqual([]);
	});
});

describe('valid definitions', () => {
	it('the seed example gives no diagnostics', () => {
		expect(check(SEED)).toEqual([]);
	});

	it('a JSONPath machine using every state type gives no diagnostics', () => {
		expect(summary(check(machine(VALID_JSONPATH)))).toEqual([]);
	});

	it('a JSONata machine using every state type gives no diagnostics', () => {
		expect(summary(check(jsonata(VALID_JSONATA)))).toEqual([]);
	});

	it('JSONata states opt in inside a JSONPath machine', () => {
		// Every state opts in itself: states in a Map or Parallel do not inherit its QueryLanguage.
		const optIn = (value: Json): Json => {
			if (Array.isArray(value)) return value.map(optIn);
			if (value === null || typeof value !== 'object') return value;
			const out: { [key: string]: Json } = {};
			for (const [key, inner] of Object.entries(value)) out[key] = optIn(inner);
			if (typeof value.Type === 'string') out.QueryLanguage = 'JSONata';
			return out;
		};
		expect(summary(check(machine(optIn(VALID_JSONATA) as Record<string, Json>)))).toEqual([]);
	});

	it('each state type alone is valid in both query languages', () => {
		const single: Json[] = [
			{ Type: 'Pass', End: true },
			{ Type: 'Succeed' },
			{ Type: 'Fail' },
			{ Type: 'Wait', Seconds: 1, End: true },
			task(),
			map(),
			{
				Type: 'Parallel',
				Branches: [{ StartAt: 'X', States: { X: { Type: 'Succeed' } } }],
				End: true
			}
		];
		for (const state of single) {
			expect(summary(check(machine({ S: state })))).toEqual([]);
			expect(summary(check(jsonata({ S: state })))).toEqual([]);
		}
	});

	it('accepts the deprecated Iterator and Map Parameters in JSONPath', () => {
		const state = {
			Type: 'Map',
			Parameters: { 'v.$': '$$.Map.Item.Value' },
			Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
			End: true
		};
		expect(summary(check(machine({ M: state })))).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// Robustness

describe('a larger machine', () => {
	it('with paths, templates, Choice rules, Retry and Catch gives no diagnostics', () => {
		expect(check(sixteenStates())).toEqual([]);
	});
});

/** A 16-state machine with paths, templates, Choice rules, Retry and Catch (the bench's (c)). */
function sixteenStates(): string {
	const step = (i: number): Json => {
		const next = `Step${i + 1}`;
		if (i % 3 === 1) {
			const rule = { Variable: '$.n', NumericGreaterThan: i, Next: next };
			return { Type: 'Choice', Choices: [rule], Default: next };
		}
		if (i % 3 === 2) {
			return {
				Type: 'Pass',
				InputPath: '$.x',
				ResultPath: '$.y',
				Assign: { 'v.$': '$.v' },
				Next: next
			};
		}
		return {
			Type: 'Task',
			Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
			Parameters: { 'a.$': '$.a', 'b.$': "States.Format('{}', $.b)" },
			ResultPath: '$.r',
			Retry: [{ ErrorEquals: ['States.ALL'] }],
			Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
			Next: next
		};
	};
	const states: Record<string, Json> = {};
	for (let i = 0; i < 14; i++) states[`Step${i}`] = step(i);
	states.Step14 = { Type: 'Succeed' };
	states.Failed = { Type: 'Fail', Error: 'E' };
	return JSON.stringify(JSON.parse(machine(states)), null, 2);
}

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function seeded(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIELD_NAMES = [
	'Type',
	'Next',
	'End',
	'StartAt',
	'States',
	'Branches',
	'ItemProcessor',
	'Iterator',
	'Choices',
	'Default',
	'Variable',
	'And',
	'Or',
	'Not',
	'Condition',
	'StringMatches',
	'NumericEqualsPath',
	'Retry',
	'Catch',
	'ErrorEquals',
	'Parameters',
	'a.$',
	'Assign',
	'Output',
	'Arguments',
	'ResultPath',
	'InputPath',
	'QueryLanguage',
	'Seconds',
	'TimeoutSeconds',
	'HeartbeatSeconds',
	'ErrorPath',
	'Items',
	'ProcessorConfig',
	'__proto__',
	'constructor',
	'toString'
];
const STRINGS = [
	'',
	'$',
	'$.a',
	'$$',
	'$.a[',
	'States.Format(',
	"States.Format('{}', $.a)",
	'{% %}',
	'{% $states.result %}',
	'{% ( %}',
	'Pass',
	'Task',
	'Choice',
	'Map',
	'Parallel',
	'Wait',
	'Succeed',
	'Fail',
	'JSONata',
	'JSONPath',
	'States.ALL',
	'A',
	'B',
	'\\',
	'2024-01-01T00:00:00Z'
];

function randomValue(rand: () => number, depth: number): Json {
	const r = rand();
	if (depth <= 0 || r < 0.35) {
		const k = Math.floor(rand() * 6);
		if (k === 0) return null;
		if (k === 1) return rand() < 0.5;
		if (k === 2) return Math.floor(rand() * 200) - 50 + (rand() < 0.2 ? 0.5 : 0);
		return STRINGS[Math.floor(rand() * STRINGS.length)];
	}
	if (r < 0.55)
		return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth - 1));
	const obj: { [k: string]: Json } = {};
	const n = Math.floor(rand() * 5);
	for (let i = 0; i < n; i++)
		obj[FIELD_NAMES[Math.floor(rand() * FIELD_NAMES.length)]] = randomValue(rand, depth - 1);
	return obj;
}

/** Replaces, deletes or adds one member somewhere in `value`. */
function mutate(value: Json, rand: () => number): Json {
	if (value === null || typeof value !== 'object' || rand() < 0.15) return randomValue(rand, 3);
	if (Array.isArray(value)) {
		if (value.length === 0) return [randomValue(rand, 2)];
		const copy = value.slice();
		const i = Math.floor(rand() * copy.length);
		copy[i] = mutate(copy[i], rand);
		return copy;
	}
	const copy = { ...value };
	const keys = Object.keys(copy);
	const r = rand();
	if (keys.length === 0 || r < 0.2)
		copy[FIELD_NAMES[Math.floor(rand() * FIELD_NAMES.length)]] = randomValue(rand, 2);
	else if (r < 0.35) delete copy[keys[Math.floor(rand() * keys.length)]];
	else {
		const k = keys[Math.floor(rand() * keys.length)];
		copy[k] = mutate(copy[k], rand);
	}
	return copy;
}

describe('robustness', () => {
	it('does not exhaust the stack on very deep definitions built in code', () => {
		let deep: Json = '$.x';
		for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { 'a.$': deep };
		const pass = { Type: 'Pass', Parameters: deep, Assign: { v: deep }, End: true };
		expect(() => validateDefinition({ StartAt: 'A', States: { A: pass } })).not.toThrow();
		let rule: Json = { Variable: '$.x', IsNull: true };
		for (let i = 0; i < 100_000; i++) rule = { Not: rule };
		const choice = { Type: 'Choice', Choices: [{ ...(rule as object), Next: 'A' }] };
		expect(() => validateDefinition({ StartAt: 'A', States: { A: choice } })).not.toThrow();
		let block: Json = { StartAt: 'P', States: { P: { Type: 'Succeed' } } };
		for (let i = 0; i < 20_000; i++) {
			block = {
				StartAt: `P${i}`,
				States: { [`P${i}`]: { Type: 'Parallel', Branches: [block], End: true } }
			};
		}
		expect(() => validateDefinition(block)).not.toThrow();
	});

	it('never throws on 2,000 random values and mutations', () => {
		const rand = seeded(20240601);
		const bases: Json[] = [
			JSON.parse(SEED),
			JSON.parse(machine(VALID_JSONPATH)),
			JSON.parse(jsonata(VALID_JSONATA))
		];
		for (let i = 0; i < 2000; i++) {
			let value: Json;
			if (i % 4 === 0) value = randomValue(rand, 5);
			else {
				value = bases[i % bases.length];
				const rounds = 1 + Math.floor(rand() * 4);
				for (let k = 0; k < rounds; k++) value = mutate(value, rand);
			}
			const text = JSON.stringify(value, null, i % 2 ? 2 : undefined);
			// Also cut the text short now and then, to exercise invalid JSON and partial maps.
			const cut = i % 7 === 0 ? text.slice(0, Math.floor(rand() * text.length)) : text;
			expect(() => check(cut), cut).not.toThrow();
			expect(() => validateDefinition(value), text).not.toThrow();
			for (const d of check(cut)) {
				expect(d.from).toBeLessThanOrEqual(d.to);
				expect(d.to).toBeLessThanOrEqual(cut.length);
			}
		}
	});
});

describe('an ItemReader with a handler that stands for S3', () => {
	const text = machine({
		M: map({
			ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b' } },
			ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' } }
		})
	});
	const parsed = parseDefinition(text);
	const without = validateDefinition(parsed.definition, parsed.sourceMap);
	const withHandler = validateDefinition(parsed.definition, parsed.sourceMap, {
		handles: (resource) => resource === 'arn:aws:states:::s3:getObject'
	});
	const at = (list: Diagnostic[], path: string) => list.find((d) => d.path === path);

	it('keeps the same warnings at the same places', () => {
		expect(summary(withHandler)).toEqual(summary(without));
	});

	it("words the ItemReader's warning differently, and only the ItemReader's", () => {
		const reader = '/States/M/ItemReader';
		const writer = '/States/M/ResultWriter';
		expect(at(withHandler, reader)?.message).not.toEqual(at(without, reader)?.message);
		expect(at(withHandler, writer)?.message).toEqual(at(without, writer)?.message);
	});
});
