import type { Diagnostic } from '../errors.js';

/**
 * Every diagnostic the parser and the validator can report, as one table of message templates
 * keyed by the diagnostic's snake_case code (cf. the `errorCodes` table in jsonata). Messages are
 * written for learners: each says what is wrong and what to do about it. Tests assert codes and
 * paths, never this prose, so the wording can improve freely.
 */

/** `a`, `a and b`, `a, b and c`: for messages that list things. */
export function listAnd(items: readonly string[]): string {
	return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const didYouMean = (suggestion?: string): string =>
	suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;

/** The message templates, one per diagnostic code. */
export const MESSAGES = {
	// Parsing
	invalid_json: (p: { detail: string; line: number; column: number; hint?: string }) =>
		`The definition is not valid JSON (line ${p.line}, column ${p.column}): ${p.detail}.` +
		(p.hint || ' Fix the JSON syntax first; the state machine is checked once it parses.'),
	duplicate_key: (p: { key: string }) =>
		`The field '${p.key}' appears more than once in this object. JSON keeps only the last ` +
		'one and AWS rejects the definition: remove or rename the duplicate.',
	not_an_object: (p: { found: string }) =>
		`A state machine definition must be a JSON object ({ "StartAt": …, "States": { … } }), ` +
		`but this is ${p.found}.`,

	// Fields and values
	missing_field: (p: { field: string; owner: string; hint?: string }) =>
		`${p.owner} needs a '${p.field}' field.${p.hint ? ` ${p.hint}` : ''}`,
	invalid_value: (p: { field: string; expected: string }) => `'${p.field}' must be ${p.expected}.`,
	unknown_field: (p: { field: string; owner: string; suggestion?: string }) =>
		`'${p.field}' is not a field that ${p.owner} can have in the Amazon States Language.` +
		`${didYouMean(p.suggestion)} Check the spelling (field names are case-sensitive) or remove it.`,
	field_not_allowed: (p: { field: string; owner: string; allowedIn: string }) =>
		`${p.owner} cannot have '${p.field}'. '${p.field}' is only allowed in ${p.allowedIn}.`,
	field_not_allowed_in_query_language: (p: {
		field: string;
		language: string;
		alternative?: string;
	}) =>
		`'${p.field}' only works when the query language is ` +
		`${p.language === 'JSONata' ? 'JSONPath' : 'JSONata'}, but this state uses ${p.language}.` +
		(p.alternative ? ` In ${p.language}, use ${p.alternative} instead.` : ' Remove it.'),
	conflicting_fields: (p: { first: string; second: string }) =>
		`'${p.first}' and '${p.second}' cannot both be set: they give the same setting two ways. ` +
		'Keep only one of them.',
	cannot_mix_into_jsonata: (p: { name: string }) =>
		`State '${p.name}' asks for JSONPath, but the state machine's top-level QueryLanguage is ` +
		'JSONata, and a JSONata machine cannot switch states back to JSONPath. Remove ' +
		'"QueryLanguage" here, or make the top level JSONPath and opt single states in to JSONata.',

	// States and transitions
	unknown_start_at: (p: { name: string; suggestion?: string }) =>
		`StartAt names '${p.name}', but no state with that exact name exists in this States ` +
		`block.${didYouMean(p.suggestion)} Names are case-sensitive.`,
	invalid_state_type: (p: { type: string }) =>
		`'${p.type}' is not a state type. Use one of 'Pass', 'Task', 'Choice', 'Wait', ` +
		"'Succeed', 'Fail', 'Parallel' or 'Map' (case-sensitive).",
	state_name_too_long: (p: { name: string; length: number }) =>
		`The state name '${p.name.slice(0, 20)}…' is ${p.length} characters long; AWS allows at ` +
		'most 80. Choose a shorter name.',
	duplicate_state_name: (p: { name: string }) =>
		`Another state is already named '${p.name}'. State names must be unique across the whole ` +
		'state machine, including Parallel branches and Map processors: rename one of them.',
	unknown_next_state: (p: { name: string; elsewhere: boolean; suggestion?: string }) =>
		p.elsewhere
			? `State '${p.name}' exists, but in a different States block. A transition cannot ` +
				'cross into or out of a Parallel branch or a Map processor: move the state or end ' +
				'the branch and continue after the Parallel or Map state.'
			: `No state named '${p.name}' exists in this States block.${didYouMean(p.suggestion)} ` +
				'Names are case-sensitive.',
	missing_transition: (p: { name: string; type: string }) =>
		`${p.type} state '${p.name}' does not say what happens next. Add "Next": "<state name>" ` +
		'to continue, or "End": true to finish here.',
	end_with_next: (p: { name: string }) =>
		`State '${p.name}' has both "End": true and "Next". A state either ends its States block ` +
		'or moves on: keep one of them.',
	not_emulated: (p: { field: string; detail: string }) =>
		`'${p.field}' is not emulated in the playground: ${p.detail}`,
	unreachable_state: (p: { name: string }) =>
		`State '${p.name}' can never run: no StartAt, Next, Default, Choice rule or Catch leads ` +
		'to it, and AWS refuses such a definition (MISSING_TRANSITION_TARGET). Connect it or ' +
		'delete it.',
	no_terminal_state: (p: { owner: string }) =>
		`${p.owner} can never finish: no state reachable from StartAt has "End": true or is a ` +
		'Succeed or Fail state. Add an end so executions can complete.',

	// State-specific rules
	wait_needs_one_duration: (p: { count: number }) =>
		p.count === 0
			? "A Wait state needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or " +
				"'TimestampPath' to know how long to wait."
			: `This Wait state sets ${p.count} of 'Seconds', 'SecondsPath', 'Timestamp' and ` +
				"'TimestampPath'; it must set exactly one.",
	heartbeat_not_below_timeout: (p: { heartbeat: number; timeout: number }) =>
		`HeartbeatSeconds (${p.heartbeat}) must be smaller than TimeoutSeconds (${p.timeout}), ` +
		'otherwise the heartbeat could never be missed before the task times out.',

	// Retry and Catch
	states_all_not_alone: (p: { list: string }) =>
		`'States.ALL' already matches every error, so it must be the only name in this ` +
		`${p.list} entry's ErrorEquals. Move the other names to an earlier entry.`,
	states_all_not_last: (p: { list: string }) =>
		`The ${p.list} entry matching 'States.ALL' must come last: entries after it could never ` +
		'be used. Move it to the end of the list.',
	unknown_states_error: (p: { name: string; suggestion?: string }) =>
		`'${p.name}' is not one of the errors AWS defines, and names starting with 'States.' are ` +
		`reserved for them.${didYouMean(p.suggestion)} Check the spelling, or give your own errors ` +
		'another prefix.',

	// Choice rules
	nested_rule_with_next: () =>
		"A rule inside 'And', 'Or' or 'Not' cannot have 'Next': only the top-level rule in " +
		"'Choices' decides where to go. Remove 'Next' here.",
	choice_rule_operator: (p: { count: number }) =>
		p.count === 0
			? "This Choice rule has no comparison: add one operator such as 'StringEquals', " +
				"'NumericGreaterThan' or 'IsPresent' next to 'Variable', or use 'And', 'Or' or 'Not'."
			: `This Choice rule has ${p.count} comparisons; a rule tests exactly one. Combine ` +
				"several tests with 'And' or 'Or'.",
	invalid_choice_operand: (p: { operator: string; expected: string }) =>
		`'${p.operator}' compares with ${p.expected}.`,
	invalid_string_matches: () =>
		'This StringMatches pattern ends with a lone backslash, which escapes nothing. In a ' +
		'pattern, \\* is a literal star and \\\\ a literal backslash (inside JSON text, write ' +
		'them as \\\\* and \\\\\\\\).',

	// Paths, templates and intrinsic functions
	invalid_path: (p: { field: string; detail: string }) =>
		`'${p.field}' is not a valid JSONPath: ${p.detail}. Paths start with '$' (the input), ` +
		"'$$' (the context object) or '$name' (a variable), e.g. '$.order.id'.",
	invalid_result_path: (p: { reason: string }) =>
		`This ResultPath ${p.reason}. ResultPath says where to put the result in the input, ` +
		"so it must be a plain path like '$.result' or '$.a.b[0]' (no '$$', variables, " +
		'wildcards or filters), or null to discard the result.',
	invalid_intrinsic: (p: { detail: string }) =>
		`This intrinsic function call is invalid: ${p.detail}.`,
	duplicate_template_key: (p: { key: string }) =>
		`The field '${p.key}' is set twice in this template (once with '.$' and once without, ` +
		'or twice). Keep only one.',

	// JSONata and variables
	invalid_jsonata: (p: { detail: string }) =>
		`This JSONata expression does not compile: ${p.detail}.`,
	unsupported_jsonata_reference: (p: { reference: string; hint: string }) =>
		`Step Functions does not support '${p.reference}' here: a JSONata expression has no ` +
		`context value (AWS refuses it as UNSUPPORTED_JSONATA_EXPRESSION). ${p.hint}`,
	illegal_states_reference: (p: { reference: string; allowed: string }) =>
		`'${p.reference}' is not available here; it only exists in ${p.allowed}.`,
	invalid_variable_name: (p: { name: string; reason: string }) =>
		`'${p.name}' cannot be a variable name: ${p.reason}. Variable names start with a letter ` +
		'and continue with letters, digits or underscores (at most 80 characters).'
} as const;

/** A diagnostic code: a key of `MESSAGES`. */
export type DiagnosticCode = keyof typeof MESSAGES;

/** The parameters the message template for `C` needs. */
export type MessageParams<C extends DiagnosticCode> = Parameters<(typeof MESSAGES)[C]>[0];

/** Codes reported as warnings: the definition runs, but probably not as intended. */
const WARNINGS: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
	'unknown_states_error',
	'not_emulated'
]);

/** The severity of a code: `warning` for the few listed above, `error` for all others. */
export function severityOf(code: DiagnosticCode): Diagnostic['severity'] {
	return WARNINGS.has(code) ? 'warning' : 'error';
}

/**
 * Builds a diagnostic from its code, the template parameters, the JSON Pointer of the offending
 * value and its source range.
 */
export function createDiagnostic<C extends DiagnosticCode>(
	code: C,
	params: MessageParams<C>,
	path: string,
	from: number,
	to: number
): Diagnostic {
	const template = MESSAGES[code] as (p: MessageParams<C>) => string;
	return { code, message: template(params), severity: severityOf(code), path, from, to };
}
