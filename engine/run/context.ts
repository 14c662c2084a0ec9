import type { JsonValue } from '../asl/types.js';
import { formatTimestamp } from '../clock.js';
import { Random } from '../random.js';

/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata), as AWS builds it
 * (AWS Step Functions developer guide, "Accessing execution data from the Context object").
 * Timestamps drop a zero fraction (`…T10:04:42Z`), as the guide shows.
 */

/** Identity of an execution, fixed when it starts. */
export interface ExecutionIdentity {
	readonly executionArn: string;
	readonly executionName: string;
	readonly stateMachineArn: string;
	readonly stateMachineName: string;
	readonly roleArn: string;
	/** Virtual epoch ms at which the execution started. */
	readonly startTime: number;
	readonly input: JsonValue;
	/** Express executions have no redrive, so no `RedriveCount`. */
	readonly express: boolean;
}

/**
 * The identity of a Distributed Map child workflow execution: an execution of its own (AWS guide,
 * "Distributed Map state"), so `$$.Execution` is the child's, with the item as its input. AWS
 * names the child state machine `<parent>/<map run label>`; the execution name is a UUID, made
 * here from the parent and the index so that runs repeat, and only when something reads it.
 */
export function childExecutionIdentity(
	parent: ExecutionIdentity,
	label: string,
	index: number,
	express: boolean,
	startTime: number,
	input: JsonValue
): ExecutionIdentity {
	const stateMachineName = `${parent.stateMachineName}/${label}`;
	const stateMachineArn = `${parent.stateMachineArn}/${label}`;
	const prefix = stateMachineArn.replace(':stateMachine:', express ? ':express:' : ':execution:');
	let name: string | undefined;
	const executionName = () =>
		(name ??= new Random(`${parent.executionArn}/${label}:${index}`).uuid());
	return {
		get executionArn() {
			return express
				? `${prefix}:${executionName()}:${new Random(`${parent.executionArn}/${label}:${index}:express`).uuid()}`
				: `${prefix}:${executionName()}`;
		},
		get executionName() {
			return executionName();
		},
		stateMachineArn,
		stateMachineName,
		roleArn: parent.roleArn,
		startTime,
		input,
		express
	};
}

/** Where the state is being run: its name, when it was entered, and its retry count. */
export interface StateContext {
	readonly name: string;
	/** Virtual epoch ms. */
	readonly enteredTime: number;
	/** Only for Task, Parallel and Map states (AWS omits it elsewhere). */
	readonly retryCount?: number;
	/** `Map.Item`, only while evaluating a Map's `ItemSelector`. */
	readonly mapItem?: {
		readonly Index: number;
		readonly Value: JsonValue;
		readonly Key?: string;
		readonly Source?: string;
	};
	/** `Task.Token`, only for `.waitForTaskToken` tasks. */
	readonly taskToken?: string;
}

/** Builds the context object for one evaluation. */
export function contextObject(id: ExecutionIdentity, state: StateContext): JsonValue {
	const stateObj: { [k: string]: JsonValue } = {
		EnteredTime: formatTimestamp(state.enteredTime, true),
		Name: state.name
	};
	if (state.retryCount !== undefined) stateObj.RetryCount = state.retryCount;
	const ctx: { [k: string]: JsonValue } = {
		Execution: {
			Id: id.executionArn,
			Input: id.input,
			StartTime: formatTimestamp(id.startTime, true),
			Name: id.executionName,
			RoleArn: id.roleArn,
			...(id.express ? {} : { RedriveCount: 0 })
		},
		StateMachine: { Id: id.stateMachineArn, Name: id.stateMachineName },
		State: stateObj
	};
	if (state.taskToken !== undefined) ctx.Task = { Token: state.taskToken };
	if (state.mapItem) ctx.Map = { Item: state.mapItem as unknown as JsonValue };
	return ctx;
}
