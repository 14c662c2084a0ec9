/**
 * Amazon States Language definition types, mirroring the JSON exactly: keys stay PascalCase and
 * every field is readonly. A parsed definition is never mutated by the engine.
 *
 * The types describe a definition that passed validation; the engine still checks values at run
 * time where AWS does (for example a `SecondsPath` that resolves to a string).
 */

/** Any JSON value. */
export type JsonValue =
	null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `JSONPath` (the default) or `JSONata`. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** The eight state types. */
export type StateType =
	'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** The eight state types, in the order of the field tables (asl-reference.md §1.2). */
export const STATE_TYPE_LIST: readonly StateType[] = [
	'Task',
	'Parallel',
	'Map',
	'Pass',
	'Wait',
	'Choice',
	'Succeed',
	'Fail'
];

/** Whether `type` is one of the eight state types. */
export function isStateType(type: unknown): type is StateType {
	return typeof type === 'string' && (STATE_TYPE_LIST as readonly string[]).includes(type);
}

/** A `States` block with its `StartAt`: the machine itself, a Parallel branch or a Map processor. */
export interface StateMachineBlock {
	readonly StartAt: string;
	readonly States: { readonly [name: string]: State };
	readonly Comment?: string;
	readonly QueryLanguage?: QueryLanguage;
}

/** The top-level state machine. */
export interface StateMachineDefinition extends StateMachineBlock {
	readonly Version?: string;
	readonly TimeoutSeconds?: number;
}

interface StateBase {
	readonly Type: StateType;
	readonly Comment?: string;
	readonly QueryLanguage?: QueryLanguage;
}

/** `Next` or `End`. */
export interface Transition {
	readonly Next?: string;
	readonly End?: boolean;
}

/** JSONPath input and output filters. */
export interface CanHaveInputOutputPath {
	readonly InputPath?: string | null;
	readonly OutputPath?: string | null;
}

export interface CanHaveResultPath {
	readonly ResultPath?: string | null;
}

export interface CanHaveParameters {
	readonly Parameters?: JsonValue;
}

export interface CanHaveResultSelector {
	readonly ResultSelector?: JsonValue;
}

/** Workflow variables: `{ name: value }`, values may be templates (JSONPath) or JSONata strings. */
export interface CanHaveAssign {
	readonly Assign?: JsonObject;
}

/** JSONata `Output`. */
export interface CanHaveOutput {
	readonly Output?: JsonValue;
}

/** JSONata `Arguments`. */
export interface CanHaveArguments {
	readonly Arguments?: JsonValue;
}

export interface Retrier {
	readonly ErrorEquals: readonly string[];
	readonly IntervalSeconds?: number;
	readonly MaxAttempts?: number;
	readonly BackoffRate?: number;
	readonly MaxDelaySeconds?: number;
	readonly JitterStrategy?: 'FULL' | 'NONE';
	readonly Comment?: string;
}

export interface Catcher {
	readonly ErrorEquals: readonly string[];
	readonly Next: string;
	readonly ResultPath?: string | null;
	readonly Output?: JsonValue;
	readonly Assign?: JsonObject;
	readonly Comment?: string;
}

export interface Retryable {
	readonly Retry?: readonly Retrier[];
}

export interface Catchable {
	readonly Catch?: readonly Catcher[];
}

export interface PassState
	extends
		StateBase,
		Transition,
		CanHaveInputOutputPath,
		CanHaveResultPath,
		CanHaveParameters,
		CanHaveAssign,
		CanHaveOutput {
	readonly Type: 'Pass';
	readonly Result?: JsonValue;
}

export interface TaskState
	extends
		StateBase,
		Transition,
		CanHaveInputOutputPath,
		CanHaveResultPath,
		CanHaveParameters,
		CanHaveResultSelector,
		CanHaveAssign,
		CanHaveOutput,
		CanHaveArguments,
		Retryable,
		Catchable {
	readonly Type: 'Task';
	readonly Resource: string;
	readonly TimeoutSeconds?: number | string;
	readonly TimeoutSecondsPath?: string;
	readonly HeartbeatSeconds?: number | string;
	readonly HeartbeatSecondsPath?: string;
	readonly Credentials?: JsonValue;
}

/** A Choice rule: a Boolean combinator, a data-test (JSONPath) or a `Condition` (JSONata). */
export interface ChoiceRule {
	readonly Next?: string;
	readonly Variable?: string;
	readonly And?: readonly ChoiceRule[];
	readonly Or?: readonly ChoiceRule[];
	readonly Not?: ChoiceRule;
	readonly Condition?: boolean | string;
	readonly Assign?: JsonObject;
	readonly Output?: JsonValue;
	readonly Comment?: string;
	/** Comparison operator fields (`StringEquals`, `NumericLessThanPath`, `IsPresent`, …). */
	readonly [operator: string]: JsonValue | readonly ChoiceRule[] | ChoiceRule | undefined;
}

export interface ChoiceState
	extends StateBase, CanHaveInputOutputPath, CanHaveAssign, CanHaveOutput {
	readonly Type: 'Choice';
	readonly Choices: readonly ChoiceRule[];
	readonly Default?: string;
}

export interface WaitState
	extends StateBase, Transition, CanHaveInputOutputPath, CanHaveAssign, CanHaveOutput {
	readonly Type: 'Wait';
	readonly Seconds?: number | string;
	readonly SecondsPath?: string;
	readonly Timestamp?: string;
	readonly TimestampPath?: string;
}

export interface SucceedState extends StateBase, CanHaveInputOutputPath, CanHaveOutput {
	readonly Type: 'Succeed';
}

export interface FailState extends StateBase {
	readonly Type: 'Fail';
	readonly Error?: string;
	readonly ErrorPath?: string;
	readonly Cause?: string;
	readonly CausePath?: string;
}

export interface ParallelState
	extends
		StateBase,
		Transition,
		CanHaveInputOutputPath,
		CanHaveResultPath,
		CanHaveParameters,
		CanHaveResultSelector,
		CanHaveAssign,
		CanHaveOutput,
		CanHaveArguments,
		Retryable,
		Catchable {
	readonly Type: 'Parallel';
	readonly Branches: readonly StateMachineBlock[];
}

export interface ProcessorConfig {
	readonly Mode?: 'INLINE' | 'DISTRIBUTED';
	readonly ExecutionType?: 'STANDARD' | 'EXPRESS';
}

export interface ItemProcessor extends StateMachineBlock {
	readonly ProcessorConfig?: ProcessorConfig;
}

export interface ItemBatcher {
	readonly MaxItemsPerBatch?: number | string;
	readonly MaxItemsPerBatchPath?: string;
	readonly MaxInputBytesPerBatch?: number | string;
	readonly MaxInputBytesPerBatchPath?: string;
	readonly BatchInput?: JsonValue;
}

export interface MapState
	extends
		StateBase,
		Transition,
		CanHaveInputOutputPath,
		CanHaveResultPath,
		CanHaveParameters,
		CanHaveResultSelector,
		CanHaveAssign,
		CanHaveOutput,
		Retryable,
		Catchable {
	readonly Type: 'Map';
	readonly ItemProcessor?: ItemProcessor;
	/** Deprecated spelling of `ItemProcessor`. */
	readonly Iterator?: ItemProcessor;
	readonly ItemsPath?: string;
	readonly Items?: JsonValue;
	readonly ItemSelector?: JsonValue;
	readonly ItemBatcher?: ItemBatcher;
	readonly ItemReader?: JsonValue;
	readonly ResultWriter?: JsonValue;
	readonly MaxConcurrency?: number | string;
	readonly MaxConcurrencyPath?: string;
	readonly ToleratedFailurePercentage?: number | string;
	readonly ToleratedFailurePercentagePath?: string;
	readonly ToleratedFailureCount?: number | string;
	readonly ToleratedFailureCountPath?: string;
	readonly Label?: string;
}

/** Any state. Narrow on `Type`. */
export type State =
	| PassState
	| TaskState
	| ChoiceState
	| WaitState
	| SucceedState
	| FailState
	| ParallelState
	| MapState;
