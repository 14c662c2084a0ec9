import type {
	Catcher,
	ChoiceState,
	FailState,
	JsonObject,
	JsonValue,
	MapState,
	ParallelState,
	PassState,
	QueryLanguage,
	Retrier,
	State,
	StateMachineBlock,
	StateMachineDefinition,
	StateType,
	SucceedState,
	TaskState,
	WaitState
} from '../asl/types.js';
import { isJsonObject } from '../asl/types.js';
import { DEFAULT_START_TIME, formatTimestamp, parseTimestamp } from '../clock.js';
import { StatesError, StatesErrors, type StatesFailure } from '../errors.js';
import type { HistoryEvent, HistoryEventType, ProcessingStage } from '../history.js';
import { executionOutcome, type ExecutionOutcome, type ExecutionStatus } from '../history.js';
import { Random } from '../random.js';
import { evaluateRule } from './choice.js';
import {
	childExecutionIdentity,
	contextObject,
	type ExecutionIdentity,
	type StateContext
} from './context.js';
import type { IntrinsicEnv } from './intrinsics.js';
import {
	evaluateIntrinsic,
	IntrinsicSyntaxError,
	looksLikeIntrinsic,
	parseIntrinsic
} from './intrinsics.js';
import { PathSyntaxError } from './paths.js';
import {
	evaluateJsonata,
	evaluateJsonataTemplate,
	jsonataExpression,
	type JsonataScope
} from './jsonata.js';
import {
	applyInputPath,
	applyOutputPath,
	applyResultPath,
	evaluateDynamic,
	evaluateTemplate,
	InputDetails,
	NOT_TRUNCATED,
	OutputDetails,
	selectPath,
	toJson
} from './payload.js';
import { firstMatch, maxAttempts, retryDelayMs } from './retry.js';
import { readerAction } from '../asl/item-reader.js';
import { readItems } from './item-reader.js';
import { jobSeenDoneMs, serviceFailure, serviceRequest, serviceResponse } from './services.js';
import { jsonSizeBound, nestedTooDeep, nestedTooDeepShared, tooDeepCause } from './json-limits.js';
import { Fiber, Scheduler } from './scheduler.js';
import type { InvokeTask, TaskLog, TaskResult } from './task.js';
import { Assignment, utf8Length, VariableScope } from './variables.js';
import { base64Encode } from '../util/codec.js';

/** How long a task takes in virtual time, before its handler's own waiting. */
export interface LatencyRequest {
	readonly stateName: string;
	readonly resource: string;
	/** 0 for the first attempt. */
	readonly attempt: number;
	/** Where the visit runs: branch and iteration indices from the top, e.g. `b1/i3`. */
	readonly lane: string;
}

/** Everything an execution can be configured with. All durations are virtual milliseconds. */
export interface ExecutionOptions {
	/** Runs Task states; without it every Task fails with `States.TaskFailed`. */
	readonly invokeTask?: InvokeTask;
	/**
	 * Whether `invokeTask` has a handler for a non-Lambda resource (the app's invoker: a handler
	 * keyed by it). A Distributed Map's `ItemReader` reads its items through `invokeTask` only
	 * when this accepts the reader's resource (`arn:aws:states:::s3:getObject` or
	 * `s3:listObjectsV2`); otherwise the Map iterates over its input, as S3 is out of reach.
	 */
	readonly handles?: (resource: string) => boolean;
	/** Seed for Retry jitter, `States.UUID`, `States.MathRandom`, `$random()`, `$uuid()`. Default 0. */
	readonly seed?: number | string;
	/** Epoch ms at which the execution starts. Default `DEFAULT_START_TIME` (2024-01-01). */
	readonly startTime?: number;
	readonly executionName?: string;
	readonly stateMachineName?: string;
	readonly region?: string;
	readonly accountId?: string;
	/** Virtual duration of a task attempt, in ms, before the handler's own waiting. Default 0. */
	readonly taskLatencyMs?: (request: LatencyRequest) => number;
	/**
	 * History length limit. A Standard execution fails past it with `States.Runtime`, as on AWS
	 * (default 25,000: its 25,000th event is the failure). An Express execution has no history
	 * quota on AWS: there the limit only guards against a loop whose states take no virtual time,
	 * which then times out at the Express time limit as it would on AWS (default 200,000). Values
	 * below 2 count as 2: the ExecutionStarted event and the failure.
	 */
	readonly maxEvents?: number;
	/**
	 * Longest virtual run before the execution times out. Default one year (AWS Standard), five
	 * minutes (Express). A negative value counts as 0.
	 */
	readonly maxDurationMs?: number;
	/** Largest state input/output, task result or variable in UTF-8 bytes. Default 256 KiB. */
	readonly maxPayloadBytes?: number;
	/** Run Parallel branches one after another and Map iterations one at a time. Default false. */
	readonly sequential?: boolean;
	/** `STANDARD` (default) or `EXPRESS`: changes the execution ARN and the context object. */
	readonly stateMachineType?: 'STANDARD' | 'EXPRESS';
	/**
	 * Record each data-processing stage of a state visit (`InputPath`, `Parameters`, the result,
	 * `ResultSelector`, `ResultPath`, `OutputPath`; JSONata `Arguments`, `Output`) on its
	 * `…StateExited` event, for inspectors. Off by default (it costs a serialisation per stage).
	 */
	readonly recordStages?: boolean;
	/**
	 * Failures to inject, by Task state name, for what-if experiments: the attempt fails with the
	 * given error instead of running its handler (`States.Timeout` simulates a timeout).
	 */
	readonly faults?: Readonly<Record<string, FaultInjection>>;
}

/** A failure injected into a Task state's attempts. */
export interface FaultInjection {
	readonly error: string;
	readonly cause?: string;
	/** Which attempts fail: 0 is the first, 1 the first retry, … Default: every attempt. */
	readonly attempts?: readonly number[];
}

/** A running (or finished) execution. */
export interface Execution {
	/** The history so far. Replaced (never mutated) as events are appended. */
	readonly events: readonly HistoryEvent[];
	/** How many events there are (cheaper than `events.length`, which takes a snapshot). */
	readonly eventCount: number;
	/** The events from index `start` on: what was appended since a reader last looked. */
	eventsFrom(start: number): readonly HistoryEvent[];
	readonly status: ExecutionStatus;
	/** Virtual ms since the start. */
	readonly now: number;
	/** Runs until the next scheduler step is done. Resolves false once the execution has ended. */
	step(): Promise<boolean>;
	/** Runs to the end and returns the outcome. */
	runToEnd(): Promise<ExecutionOutcome>;
	/** Stops the execution with `ExecutionAborted`. */
	abort(cause?: string): void;
}

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;
/** Events an Express execution may record before it is treated as an endless loop. */
const EXPRESS_EVENT_GUARD = 200_000;
/** The longest an HTTP Task's call lasts (guide, service quotas and States.Http.Socket). */
const HTTP_TASK_MAX_MS = 60_000;
/** The longest an Express execution runs: five minutes. */
const EXPRESS_MAX_DURATION_MS = 300_000;
/** How an Express child execution of a Distributed Map ends past its five minutes. */
const EXPRESS_CHILD_TIMEOUT: StatesFailure = {
	Error: StatesErrors.Timeout,
	Cause: 'The execution ran longer than the maximum duration of 300 s.'
};
/** Longest Wait AWS accepts ("Wait state delay is too long" beyond it). */
const MAX_WAIT_SECONDS = 2 ** 31 - 1;
const DEFAULT_TASK_TIMEOUT_SECONDS = 99999999;
/** The largest `Seconds` a Wait state takes (AWS guide, "Wait state": 0 to 99999999). */
const MAX_SECONDS_FIELD = 99999999;
/** AWS guide, "ItemBatcher": `MaxInputBytesPerBatch` goes up to 256 KiB. */
const MAX_BATCH_BYTES = 262144;

type Outcome =
	| { readonly kind: 'next'; readonly next: string; readonly output: JsonValue }
	| { readonly kind: 'end'; readonly output: JsonValue }
	| { readonly kind: 'fail'; readonly failure: StatesFailure };

/** A lazily built context object. */
type Context = () => JsonValue;

type BlockResult =
	| { readonly ok: true; readonly output: JsonValue }
	| { readonly ok: false; readonly failure: StatesFailure };

/** A running path of the machine (top level, branch, iteration) and where its events go. */
class Thread extends Fiber {
	/** The `previousEventId` of this thread's next event (AWS's chain of causes). */
	lastEventId: number;
	/** The id of the last event this thread emitted, including ones the chain passes by. */
	lastEmittedId: number;
	/** The state currently being run, for abort events. */
	active: { readonly name: string; readonly type: StateType } | undefined;
	/** Running branch/iteration threads under this one (made on first use). */
	threads: Set<Thread> | undefined;
	/** Processing stages of the current state visit, when the execution records them. */
	stages: ProcessingStage[] | undefined;
	/** This block's variables; a child shares its parent's scope until it assigns one. */
	scope: VariableScope;
	/** The execution this block runs in, when not the top-level one: a Distributed Map child. */
	execution: ExecutionIdentity | undefined;
	/** The history count of that child execution (its events are not recorded). */
	child: ChildRun | undefined;
	/** Set by `#runChildren`: ends this branch or iteration with a result before it returns one. */
	complete: ((result: BlockResult) => void) | undefined;
	#ownScope: boolean;
	constructor(
		readonly owner: Thread | undefined,
		scope: VariableScope,
		/** Whether `scope` belongs to this thread (else: the outer scope, readable only). */
		ownScope: boolean,
		/** Default query language of the block's states (the machine's top level). */
		readonly queryLanguage: QueryLanguage,
		readonly lane: {
			readonly parentEventId?: number;
			readonly branch?: number;
			readonly iteration?: number;
		},
		previousEventId: number,
		/** Inside a Parallel branch: a failing Task/Map/Parallel is also reported aborted. */
		readonly inParallelBranch: boolean,
		/** Events of a Distributed Map child execution are not recorded in the parent history. */
		readonly silent: boolean
	) {
		super();
		if (owner) (owner.threads ??= new Set()).add(this);
		this.scope = scope;
		this.execution = owner?.execution;
		this.child = owner?.child;
		this.#ownScope = ownScope;
		this.lastEventId = previousEventId;
		this.lastEmittedId = previousEventId;
	}

	/** Bytes all visible variables would hold once `values` are assigned (AWS: at most 10 MiB). */
	storedBytesWith(values: Assignment): number {
		return this.scope.storedBytesWith(values, this.#ownScope);
	}

	/** Sets variables in this block's own scope (created on the first assignment). */
	assign(values: Assignment): void {
		if (!this.#ownScope) {
			this.scope = new VariableScope(this.scope);
			this.#ownScope = true;
		}
		this.scope.assign(values);
	}
}

/** Thrown to unwind a fiber when the whole execution has ended (limit, abort). */
class Terminated extends Error {}

/**
 * A child execution of a Distributed Map: AWS records its history apart, so the engine only counts
 * its events, for the history limit that applies to it as to any execution.
 */
interface ChildRun {
	/** The thread of the child execution's top level. */
	readonly root: Thread;
	/** Its events so far (its `ExecutionStarted` included). */
	events: number;
	readonly maxEvents: number;
	readonly express: boolean;
	ended: boolean;
	/** An Express child's five-minute limit, cancelled when the child ends first. */
	deadline?: Fiber;
}

/** The state that fails and the event id it was entered at, for AWS's error prefix. */
interface StateRun {
	readonly name: string;
	readonly enteredId: number;
	readonly enteredTime: number;
	/** The execution the state runs in, when not the top-level one (Distributed Map children). */
	readonly execution: ExecutionIdentity | undefined;
}

/**
 * Events that the next event of their thread does not point back to: its `previousEventId` is the
 * one they have. AWS's recorded histories (localstack/localstack, tests/aws/services/stepfunctions
 * snapshots) show it: the first state's entry has `previousEventId` 0, not the `ExecutionStarted`
 * event; a Map iteration starts after the previous iteration's last state event, not after its
 * `MapIterationSucceeded`; `MapStateExited` and `ParallelStateExited` point where the
 * `…StateSucceeded` event before them points.
 */
const PASSED_BY: ReadonlySet<HistoryEventType> = new Set<HistoryEventType>([
	'ExecutionStarted',
	'MapIterationSucceeded',
	'MapIterationFailed',
	'MapStateSucceeded',
	'ParallelStateSucceeded'
]);

const EXECUTION_STATE_TYPES = new Set<StateType>(['Task', 'Parallel', 'Map']);
const ABORTABLE: Partial<Record<StateType, HistoryEventType>> = {
	Task: 'TaskStateAborted',
	Parallel: 'ParallelStateAborted',
	Map: 'MapStateAborted',
	Wait: 'WaitStateAborted'
};

/**
 * Starts an execution of a validated definition. Nothing runs until `step()` or `runToEnd()` is
 * called; the `ExecutionStarted` event is already in `events`.
 */
export function startExecution(
	definition: StateMachineDefinition,
	input: JsonValue,
	options: ExecutionOptions = {}
): Execution {
	return new Runner(definition, input, options);
}

class Runner implements Execution {
	readonly #events: HistoryEvent[] = [];
	#snapshot: readonly HistoryEvent[] = [];
	#status: ExecutionStatus = 'RUNNING';
	readonly #sched = new Scheduler();
	readonly #random: Random;
	readonly #id: ExecutionIdentity;
	readonly #opts: ExecutionOptions;
	readonly #limitMs: number;
	readonly #maxEvents: number;
	readonly #maxPayload: number;
	readonly #timeoutIsDefinition: boolean;
	readonly #region: string;
	readonly #root: Thread;
	#silentCount = 0;
	/** The outcome, kept when the run ends (equal to `executionOutcome(events)`). */
	#outcome: ExecutionOutcome | undefined;

	constructor(
		readonly definition: StateMachineDefinition,
		input: JsonValue,
		options: ExecutionOptions
	) {
		this.#opts = options;
		const seed = options.seed ?? 0;
		this.#random = new Random(seed);
		this.#region = options.region ?? 'us-east-1';
		const account = options.accountId ?? '111111111111';
		const machine = options.stateMachineName ?? 'StateMachine';
		const name = options.executionName ?? new Random(`${seed}:execution-name`).uuid();
		const startTime = options.startTime ?? DEFAULT_START_TIME;
		const express = options.stateMachineType === 'EXPRESS';
		this.#id = {
			executionArn: express
				? `arn:aws:states:${this.#region}:${account}:express:${machine}:${name}:${new Random(`${seed}:express`).uuid()}`
				: `arn:aws:states:${this.#region}:${account}:execution:${machine}:${name}`,
			express,
			executionName: name,
			stateMachineArn: `arn:aws:states:${this.#region}:${account}:stateMachine:${machine}`,
			stateMachineName: machine,
			roleArn: `arn:aws:iam::${account}:role/StepFunctionsPlaygroundRole`,
			startTime,
			input
		};
		// AWS's longest executions: one year (Standard), five minutes (Express).
		const maxDuration = atLeast(
			0,
			options.maxDurationMs,
			options.stateMachineType === 'EXPRESS' ? 300_000 : ONE_YEAR_MS
		);
		const defTimeout =
			typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds * 1000 : Infinity;
		this.#limitMs = Math.min(maxDuration, defTimeout);
		this.#timeoutIsDefinition = defTimeout <= maxDuration;
		// AWS's maximum execution history size: 25,000 events (Standard), unlimited (Express).
		// At least 2: the ExecutionStarted event and the failure at the limit.
		this.#maxEvents = atLeast(2, options.maxEvents, express ? EXPRESS_EVENT_GUARD : 25_000);
		this.#maxPayload = options.maxPayloadBytes ?? 256 * 1024;

		const root = new Thread(
			undefined,
			new VariableScope(),
			true,
			definition.QueryLanguage ?? 'JSONPath',
			{},
			0,
			false,
			false
		);
		this.#root = root;
		this.#emit(root, 'ExecutionStarted', {
			startTime,
			executionStartedEventDetails: {
				input: toJson(input),
				inputDetails: NOT_TRUNCATED,
				roleArn: this.#id.roleArn
			}
		});
		this.#sched.spawn(async () => {
			if (nestedTooDeep(input)) {
				// Differs from AWS: StartExecution refuses input it cannot parse; the engine, given a
				// value rather than text, records the execution and fails it at once.
				this.#finish('ExecutionFailed', {
					executionFailedEventDetails: {
						error: StatesErrors.Runtime,
						cause: tooDeepCause('The execution input')
					}
				});
				return;
			}
			const result = await this.#guard(() => this.#runBlock(root, definition, input));
			if (!result || this.#status !== 'RUNNING') return;
			if (result.ok) {
				this.#finish('ExecutionSucceeded', {
					executionSucceededEventDetails: new OutputDetails(undefined, result.output)
				});
				this.#outcome = { status: 'SUCCEEDED', output: result.output, durationMs: this.#sched.now };
			} else {
				this.#finish('ExecutionFailed', {
					executionFailedEventDetails: failureDetails(result.failure)
				});
			}
		});
	}

	get events(): readonly HistoryEvent[] {
		// Readers get an immutable snapshot; a new array only when events were appended since.
		if (this.#snapshot.length !== this.#events.length)
			this.#snapshot = Object.freeze(this.#events.slice());
		return this.#snapshot;
	}

	get eventCount(): number {
		return this.#events.length;
	}

	eventsFrom(start: number): readonly HistoryEvent[] {
		return this.#events.slice(start);
	}

	get status(): ExecutionStatus {
		return this.#status;
	}

	get now(): number {
		return this.#sched.now;
	}

	async step(): Promise<boolean> {
		if (this.#status !== 'RUNNING') return false;
		return this.#stepped(await this.#sched.step(this.#limitMs, this.#onLimit));
	}

	async runToEnd(): Promise<ExecutionOutcome> {
		// The loop of `step()` without its extra promise per turn: a large Map takes thousands.
		while (this.#status === 'RUNNING') {
			this.#stepped(await this.#sched.step(this.#limitMs, this.#onLimit));
		}
		return this.#outcome ?? executionOutcome(this.#events);
	}

	readonly #onLimit = (): void => this.#timeOut();

	/** Whether the execution goes on after a scheduler step that reported `more` work. */
	#stepped(more: boolean): boolean {
		if (this.#status === 'RUNNING' && !more) {
			// Every fiber is waiting and nothing will wake them: an engine bug, reported plainly.
			throw new Error('engine bug: the execution stalled with no pending work');
		}
		return this.#status === 'RUNNING';
	}

	abort(cause = 'Aborted by the user'): void {
		if (this.#status !== 'RUNNING') return;
		this.#finish('ExecutionAborted', {
			executionAbortedEventDetails: { error: 'ExecutionAborted', cause }
		});
	}

	#timeOut(): void {
		if (this.#status !== 'RUNNING') return;
		const cause = this.#timeoutIsDefinition
			? `The execution timed out after the state machine's TimeoutSeconds (${this.definition.TimeoutSeconds} s).`
			: `The execution ran longer than the maximum duration of ${Math.round(this.#limitMs / 1000)} s.`;
		this.#finish('ExecutionTimedOut', {
			executionTimedOutEventDetails: { error: StatesErrors.Timeout, cause }
		});
	}

	#finish(type: HistoryEventType, details: Partial<HistoryEvent>): void {
		this.#emit(this.#root, type, details, true);
		this.#status =
			type === 'ExecutionSucceeded'
				? 'SUCCEEDED'
				: type === 'ExecutionTimedOut'
					? 'TIMED_OUT'
					: type === 'ExecutionAborted'
						? 'ABORTED'
						: 'FAILED';
		this.#sched.clear();
	}

	/** Runs fiber code, swallowing the unwinding of an execution that has ended. */
	async #guard<T>(body: () => Promise<T>): Promise<T | undefined> {
		try {
			return await body();
		} catch (e) {
			if (e instanceof Terminated) return undefined;
			throw e;
		}
	}

	// -------------------------------------------------------------------------------------------
	// Events

	#emit(
		thread: Thread,
		type: HistoryEventType,
		details: Partial<HistoryEvent>,
		final = false
	): number {
		if (thread.silent) {
			const child = thread.child;
			if (child && !child.ended && ++child.events >= child.maxEvents) this.#endChild(child);
			return ++this.#silentCount;
		}
		if (this.#status !== 'RUNNING') throw new Terminated();
		if (!final && this.#events.length >= this.#maxEvents - 1) {
			if (this.#id.express && Number.isFinite(this.#limitMs)) {
				// Express executions have no history quota (service-quotas.html: "Unlimited"), so a
				// loop runs until the time limit. Differs from AWS: states take no virtual time here,
				// so past the guard the clock moves to that limit, where the execution times out.
				this.#sched.now = Math.max(this.#sched.now, this.#limitMs);
				this.#timeOut();
				throw new Terminated();
			}
			this.#finish('ExecutionFailed', {
				executionFailedEventDetails: {
					error: StatesErrors.Runtime,
					cause: `The execution reached the maximum number of history events (${this.#maxEvents}).`
				}
			});
			throw new Terminated();
		}
		const id = this.#events.length + 1;
		const lane = thread.lane;
		// One object shape for every event (absent fields are undefined, which JSON leaves out):
		// the history is the hottest allocation of a run.
		const event: { -readonly [K in keyof HistoryEvent]: unknown } = {
			id,
			previousEventId: thread.lastEventId,
			timestamp: this.#sched.now,
			type,
			parentEventId: lane.parentEventId,
			branch: lane.branch,
			iteration: lane.iteration,
			stateName: details.stateName,
			logs: details.logs
		};
		for (const key in details) {
			if (key !== 'stateName' && key !== 'logs')
				event[key as keyof HistoryEvent] = details[key as keyof HistoryEvent];
		}
		// Not frozen: HistoryEvent's fields are readonly to callers already, and freezing every
		// event cost a tenth of a large Map's run time.
		this.#events.push(event as HistoryEvent);
		thread.lastEmittedId = id;
		if (!PASSED_BY.has(type)) thread.lastEventId = id;
		return id;
	}

	/**
	 * A Distributed Map child execution reached its history limit: a Standard one fails with
	 * `States.Runtime`, as an execution does; an Express one has no history quota and runs until its
	 * five-minute limit, where it times out (Differs from AWS: without moving the clock there).
	 * Either way it is one failed item of the Map run. Unwinds the fiber that emitted.
	 */
	#endChild(child: ChildRun): never {
		this.#stopChild(
			child,
			child.express
				? EXPRESS_CHILD_TIMEOUT
				: {
						Error: StatesErrors.Runtime,
						Cause: `The execution reached the maximum number of history events (${child.maxEvents}).`
					}
		);
		throw new Terminated();
	}

	/** Ends a Distributed Map child execution with `failure`: one failed item of the Map run. */
	#stopChild(child: ChildRun, failure: StatesFailure): void {
		child.ended = true;
		child.deadline?.wait?.cancel();
		this.#abortThread(child.root);
		child.root.complete?.({ ok: false, failure });
	}

	/**
	 * An Express child execution of a Distributed Map runs for five minutes at most, as every
	 * Express execution does (AWS guide, "Choosing workflow type": maximum duration five minutes):
	 * past that it times out, one failed item of the Map run. The timer is cancelled when the child
	 * ends first, so it never moves the clock.
	 */
	#startExpressDeadline(child: ChildRun): void {
		const timer = new Fiber();
		child.deadline = timer;
		const due = this.#sched.now + EXPRESS_MAX_DURATION_MS;
		this.#sched.spawn(async () => {
			await this.#sched.sleepUntil(timer, due);
			if (!child.ended && this.#status === 'RUNNING') this.#stopChild(child, EXPRESS_CHILD_TIMEOUT);
		}, timer);
	}

	// -------------------------------------------------------------------------------------------
	// Blocks and states

	async #runBlock(
		thread: Thread,
		block: StateMachineBlock,
		input: JsonValue
	): Promise<BlockResult> {
		let name = block.StartAt;
		let value = input;
		for (;;) {
			const state = block.States[name];
			if (!state) {
				return {
					ok: false,
					failure: { Error: StatesErrors.Runtime, Cause: `The state '${name}' does not exist.` }
				};
			}
			// States without waiting (JSONPath Pass, Choice, …) complete synchronously: no await.
			const pending = this.#runState(thread, name, state, value);
			const outcome = pending instanceof Promise ? await pending : pending;
			if (outcome.kind === 'next') {
				name = outcome.next;
				value = outcome.output;
			} else if (outcome.kind === 'end') {
				return { ok: true, output: outcome.output };
			} else {
				return { ok: false, failure: outcome.failure };
			}
		}
	}

	#runState(
		thread: Thread,
		name: string,
		state: State,
		input: JsonValue
	): Outcome | Promise<Outcome> {
		const enteredId = this.#emit(thread, `${state.Type}StateEntered` as HistoryEventType, {
			stateName: name,
			stateEnteredEventDetails: new InputDetails(name, input)
		});
		const run: StateRun = {
			name,
			enteredId,
			enteredTime: this.#id.startTime + this.#sched.now,
			execution: thread.execution
		};
		thread.active = { name, type: state.Type };
		if (this.#opts.recordStages) thread.stages = [];
		const ql: QueryLanguage = state.QueryLanguage ?? thread.queryLanguage;
		const failed = (e: unknown): Outcome => {
			if (e instanceof StatesError) return { kind: 'fail', failure: this.#located(e, run, thread) };
			// A malformed path or intrinsic that validation would have reported (the definition was
			// run without validating): a run-time failure of the state, never a crash.
			if (e instanceof PathSyntaxError || e instanceof IntrinsicSyntaxError) {
				const error = new StatesError(StatesErrors.Runtime, `Invalid expression: ${e.message}`);
				return { kind: 'fail', failure: this.#located(error, run, thread) };
			}
			throw e;
		};
		try {
			const r = this.#dispatch(thread, run, state, input, ql);
			return r instanceof Promise ? r.catch(failed) : r;
		} catch (e) {
			return failed(e);
		}
	}

	#dispatch(
		thread: Thread,
		run: StateRun,
		state: State,
		input: JsonValue,
		ql: QueryLanguage
	): Outcome | Promise<Outcome> {
		switch (state.Type) {
			case 'Pass':
				return ql === 'JSONata'
					? this.#passJsonata(thread, run, state, input)
					: this.#passPath(thread, run, state, input);
			case 'Succeed':
				return this.#succeed(thread, run, state, input, ql);
			case 'Fail':
				return this.#fail(thread, run, state, input, ql);
			case 'Choice':
				return ql === 'JSONata'
					? this.#choice(thread, run, state, input, ql)
					: this.#choicePath(thread, run, state, input);
			case 'Wait':
				return this.#wait(thread, run, state, input, ql);
			case 'Task':
			case 'Parallel':
			case 'Map':
				return this.#executionState(thread, run, state, input, ql);
		}
	}

	/**
	 * AWS prefixes run-time and query errors with the state and the event it was entered at, and
	 * records a failed JSONata evaluation as an `EvaluationFailed` event.
	 */
	#located(e: StatesError, run: StateRun, thread: Thread): StatesFailure {
		if (e.propagated) return e.failure;
		if (e.error === StatesErrors.Runtime || e.error === StatesErrors.QueryEvaluationError) {
			const prefix = `An error occurred while executing the state '${run.name}' (entered at the event id #${run.enteredId}).`;
			const cause = e.cause?.startsWith('An error occurred while executing the state')
				? e.cause
				: `${prefix} ${e.cause ?? ''}`;
			if (e.error === StatesErrors.QueryEvaluationError) {
				this.#emit(thread, 'EvaluationFailed', {
					stateName: run.name,
					evaluationFailedEventDetails: { error: e.error, cause, state: run.name }
				});
			}
			return { Error: e.error, Cause: cause };
		}
		return e.failure;
	}

	#exit(
		thread: Thread,
		name: string,
		type: StateType,
		output: JsonValue,
		assigned?: Assignment
	): void {
		let vars: { [k: string]: string } | undefined;
		if (assigned && assigned.size) {
			// AWS: all the variables of an execution hold at most 10 MiB (40 times the payload limit).
			const stored = thread.storedBytesWith(assigned);
			if (stored > this.#maxPayload * 40) {
				throw new StatesError(
					StatesErrors.DataLimitExceeded,
					`The execution's variables would hold ${stored} bytes, over the limit of ${this.#maxPayload * 40} bytes.`,
					false,
					true
				);
			}
			vars = {};
			for (const [k, v] of assigned) vars[k] = toJson(v);
		}
		const details = new OutputDetails(name, output, vars);
		this.#emit(thread, `${type}StateExited` as HistoryEventType, {
			stateName: name,
			stateExitedEventDetails: details as HistoryEvent['stateExitedEventDetails'],
			...(thread.stages ? { stages: thread.stages } : {})
		});
		thread.active = undefined;
		thread.stages = undefined;
	}

	/** Records a processing stage of the current visit (when `recordStages` is on); returns `value`. */
	#stage<T extends JsonValue>(thread: Thread, name: string, value: T): T {
		thread.stages?.push({ name, value: toJson(value) });
		return value;
	}

	/** Applies assignments after the state: new values are visible from the next state on. */
	#commit(thread: Thread, assigned: Assignment | undefined): void {
		if (assigned && assigned.size) thread.assign(assigned);
	}

	#transition(state: { Next?: string; End?: boolean }, output: JsonValue): Outcome {
		return state.End || state.Next === undefined
			? { kind: 'end', output }
			: { kind: 'next', next: state.Next, output };
	}

	/**
	 * Fails with the terminal `States.DataLimitExceeded` when `value` is over the payload limit:
	 * a state's output, or (`input`) a Task or Parallel state's input after `Parameters` or
	 * `Arguments` ("When, after Parameters processing, the input of a state is larger than the
	 * payload size quota", AWS guide, error handling).
	 */
	#checkSize(value: JsonValue, what: string, input = false): void {
		const size = jsonSizeBound(value, this.#maxPayload);
		if (size >= 0 && size <= this.#maxPayload) return;
		// The bound stops counting (and looking for depth) past the limit: look on.
		if (size < 0 || nestedTooDeepShared(value)) {
			throw new StatesError(
				StatesErrors.Runtime,
				tooDeepCause(`The ${input ? 'input' : 'output'} of the state '${what}'`),
				false,
				true
			);
		}
		const text = toJson(value);
		if (text.length > this.#maxPayload / 4 && utf8Length(text) > this.#maxPayload) {
			throw new StatesError(
				StatesErrors.DataLimitExceeded,
				input
					? // Differs from AWS: AWS's wording for an oversized input is not recorded.
						`The state/task '${what}' has an input with a size exceeding the maximum number of bytes service limit.`
					: `The state/task '${what}' returned a result with a size exceeding the maximum number of bytes service limit.`,
				false,
				true
			);
		}
	}

	// -- evaluation environments ----------------------------------------------------------------

	/** The context object of a state, built on first use. */
	#context(run: StateRun, extra?: Partial<StateContext>): Context {
		let built: JsonValue | undefined;
		return () =>
			(built ??= contextObject(run.execution ?? this.#id, {
				name: run.name,
				enteredTime: run.enteredTime,
				...extra
			}));
	}

	#pathEnv(thread: Thread, input: JsonValue, context: Context): IntrinsicEnv {
		return { input, context, variables: thread.scope, random: this.#random };
	}

	/** `$states` for JSONata: `context` is only built if an expression reads it. */
	#jsonataScope(
		thread: Thread,
		fields: { input: JsonValue; context: Context; result?: JsonValue; errorOutput?: JsonValue }
	): JsonataScope {
		const states: { [k: string]: JsonValue } = { input: fields.input };
		if (fields.result !== undefined) states.result = fields.result;
		if (fields.errorOutput !== undefined) states.errorOutput = fields.errorOutput;
		Object.defineProperty(states, 'context', { enumerable: true, get: fields.context });
		return {
			states,
			variable: (n) => thread.scope.get(n),
			variableNames: () => thread.scope.names(),
			random: this.#random,
			nowMs: this.#id.startTime + this.#sched.now
		};
	}

	/** JSONPath `Assign`: a payload template evaluated with `$` = `value`. */
	#assignPath(thread: Thread, assign: JsonObject | undefined, value: JsonValue, context: Context) {
		if (!assign) return undefined;
		const env = this.#pathEnv(thread, value, context);
		const out = new Assignment();
		for (const key in assign) {
			if (key.endsWith('.$')) out.set(key.slice(0, -2), evaluateDynamic(key, assign[key], env));
			else out.set(key, evaluateTemplate(assign[key], env));
		}
		this.#checkVariables(out);
		return out;
	}

	async #assignJsonata(assign: JsonObject | undefined, scope: JsonataScope) {
		if (!assign) return undefined;
		const out = new Assignment();
		for (const key in assign)
			out.set(key, await evaluateJsonataTemplate(assign[key], scope, `Assign/${key}`));
		this.#checkVariables(out);
		return out;
	}

	/**
	 * AWS's limits on one `Assign` field (workflow variables guide, "Limits"): at most 256 KiB for a
	 * single variable and 256 KiB for all the values the field sets. Records each value's size.
	 */
	#checkVariables(values: Assignment): void {
		let total = 0;
		for (const [k, v] of values) {
			if (nestedTooDeep(v)) {
				throw new StatesError(
					StatesErrors.Runtime,
					tooDeepCause(`The value of the variable '${k}'`),
					false,
					true
				);
			}
			const size = utf8Length(toJson(v));
			if (size > this.#maxPayload) {
				throw new StatesError(
					StatesErrors.DataLimitExceeded,
					`The variable '${k}' has a size of ${size} bytes, over the limit of ${this.#maxPayload} bytes.`,
					false,
					true
				);
			}
			values.bytes.set(k, size);
			total += size;
		}
		if (total > this.#maxPayload) {
			throw new StatesError(
				StatesErrors.DataLimitExceeded,
				`The variables assigned by this state have a combined size of ${total} bytes, over the limit of ${this.#maxPayload} bytes.`,
				false,
				true
			);
		}
	}

	// -- Pass, Succeed, Fail, Choice, Wait --------------------------------------------------------

	async #passJsonata(
		thread: Thread,
		run: StateRun,
		state: PassState,
		raw: JsonValue
	): Promise<Outcome> {
		const scope = this.#jsonataScope(thread, { input: raw, context: this.#context(run) });
		const assigned = await this.#assignJsonata(state.Assign, scope);
		const output =
			state.Output !== undefined
				? await evaluateJsonataTemplate(state.Output, scope, 'Output')
				: raw;
		return this.#passDone(thread, run, state, output, assigned);
	}

	#passPath(thread: Thread, run: StateRun, state: PassState, raw: JsonValue): Outcome {
		const context = this.#context(run);
		let effective = applyInputPath(state.InputPath, raw, this.#pathEnv(thread, raw, context));
		if (state.InputPath !== undefined) this.#stage(thread, 'InputPath', effective);
		if (state.Parameters !== undefined) {
			effective = this.#stage(
				thread,
				'Parameters',
				evaluateTemplate(state.Parameters, this.#pathEnv(thread, effective, context))
			);
		}
		const result =
			state.Result !== undefined ? this.#stage(thread, 'Result', state.Result) : effective;
		this.#checkSize(result, run.name);
		const assigned = this.#assignPath(thread, state.Assign, result, context);
		const merged = applyResultPath(state.ResultPath, raw, result);
		if (state.ResultPath !== undefined) this.#stage(thread, 'ResultPath', merged);
		const output = applyOutputPath(state.OutputPath, merged, this.#pathEnv(thread, raw, context));
		if (state.OutputPath !== undefined) this.#stage(thread, 'OutputPath', output);
		return this.#passDone(thread, run, state, output, assigned);
	}

	#passDone(
		thread: Thread,
		run: StateRun,
		state: PassState,
		output: JsonValue,
		assigned: Assignment | undefined
	): Outcome {
		this.#checkSize(output, run.name);
		this.#exit(thread, run.name, 'Pass', output, assigned);
		this.#commit(thread, assigned);
		return this.#transition(state, output);
	}

	async #succeed(
		thread: Thread,
		run: StateRun,
		state: SucceedState,
		raw: JsonValue,
		ql: QueryLanguage
	): Promise<Outcome> {
		const context = this.#context(run);
		let output: JsonValue;
		if (ql === 'JSONata') {
			const scope = this.#jsonataScope(thread, { input: raw, context });
			output =
				state.Output !== undefined
					? await evaluateJsonataTemplate(state.Output, scope, 'Output')
					: raw;
		} else {
			const env = this.#pathEnv(thread, raw, context);
			output = applyOutputPath(state.OutputPath, applyInputPath(state.InputPath, raw, env), env);
		}
		this.#checkSize(output, run.name);
		this.#exit(thread, run.name, 'Succeed', output);
		return { kind: 'end', output };
	}

	async #fail(
		thread: Thread,
		run: StateRun,
		state: FailState,
		raw: JsonValue,
		ql: QueryLanguage
	): Promise<Outcome> {
		const context = this.#context(run);
		let error: JsonValue | undefined = state.Error;
		let cause: JsonValue | undefined = state.Cause;
		if (ql === 'JSONata') {
			const scope = this.#jsonataScope(thread, { input: raw, context });
			error = await this.#jsonataFailText(error, scope, 'Error');
			cause = await this.#jsonataFailText(cause, scope, 'Cause');
		} else {
			const env = this.#pathEnv(thread, raw, context);
			if (state.ErrorPath !== undefined) error = this.#failPath(state.ErrorPath, env, 'ErrorPath');
			if (state.CausePath !== undefined) cause = this.#failPath(state.CausePath, env, 'CausePath');
		}
		const failure: { Error: string; Cause?: string } = {
			Error: error === undefined ? '' : asText(error)
		};
		if (cause !== undefined) failure.Cause = asText(cause);
		if (error === undefined)
			return {
				kind: 'fail',
				failure:
					cause === undefined ? ({} as StatesFailure) : ({ Cause: failure.Cause } as StatesFailure)
			};
		return { kind: 'fail', failure };
	}

	/** A Fail state's JSONata `Error` or `Cause`: an expression must give a string. */
	async #jsonataFailText(
		value: string | undefined,
		scope: JsonataScope,
		field: 'Error' | 'Cause'
	): Promise<JsonValue | undefined> {
		const expr = jsonataExpression(value);
		if (value === undefined || expr === undefined) return value;
		const v = await evaluateJsonataTemplate(value, scope, field);
		if (typeof v !== 'string') {
			throw new StatesError(
				StatesErrors.QueryEvaluationError,
				`The JSONata expression '${expr}' specified for the field '${field}' returned an unexpected result type. Expected 'string', but was '${jsonTypeName(v)}' for value: ${toJson(v)}`
			);
		}
		return v;
	}

	/**
	 * A Fail state's `ErrorPath` or `CausePath`: "When resolved, the reference path must select a
	 * field that contains a string value", and an intrinsic there must return a string (AWS guide,
	 * "Fail state"). Any other value fails the state with `States.Runtime`, worded as AWS words a
	 * `…Path` field's value of the wrong type.
	 */
	#failPath(expr: string, env: IntrinsicEnv, field: string): string {
		const v = this.#failPathValue(expr, env, field);
		if (typeof v !== 'string') {
			throw new StatesError(
				StatesErrors.Runtime,
				`The ${field} field refers to value "${toJson(v)}" which is not a valid string: ${expr}`
			);
		}
		return v;
	}

	#failPathValue(expr: string, env: IntrinsicEnv, field: string): JsonValue {
		if (looksLikeIntrinsic(expr)) return evaluateIntrinsic(parseIntrinsic(expr), env);
		try {
			return selectPath(expr, env, field);
		} catch (e) {
			if (
				e instanceof StatesError &&
				e.error === StatesErrors.Runtime &&
				e.cause?.startsWith('Invalid path')
			) {
				throw new StatesError(
					StatesErrors.Runtime,
					`The JSONPath '${expr}' specified for the field '${field}' could not be found in the input '${toJson(env.input)}'`
				);
			}
			throw e;
		}
	}

	#choicePath(thread: Thread, run: StateRun, state: ChoiceState, raw: JsonValue): Outcome {
		const context = this.#context(run);
		const effective = applyInputPath(state.InputPath, raw, this.#pathEnv(thread, raw, context));
		if (state.InputPath !== undefined) this.#stage(thread, 'InputPath', effective);
		const env = this.#pathEnv(thread, effective, context);
		const matched = state.Choices.find((rule) => evaluateRule(rule, env));
		const assigned = this.#assignPath(thread, (matched ?? state).Assign, effective, context);
		const next = matched ? matched.Next : state.Default;
		const output = applyOutputPath(state.OutputPath, effective, env);
		if (state.OutputPath !== undefined) this.#stage(thread, 'OutputPath', output);
		return this.#choiceDone(thread, run, next, output, assigned);
	}

	#choiceDone(
		thread: Thread,
		run: StateRun,
		next: string | undefined,
		output: JsonValue,
		assigned: Assignment | undefined
	): Outcome {
		if (next === undefined) throw new StatesError(StatesErrors.NoChoiceMatched, `No Matches!`);
		this.#checkSize(output, run.name);
		this.#exit(thread, run.name, 'Choice', output, assigned);
		this.#commit(thread, assigned);
		return { kind: 'next', next, output };
	}

	async #choice(
		thread: Thread,
		run: StateRun,
		state: ChoiceState,
		raw: JsonValue,
		ql: QueryLanguage
	): Promise<Outcome> {
		const context = this.#context(run);
		void ql;
		let next: string | undefined;
		let output: JsonValue;
		let assigned: Assignment | undefined;
		{
			const scope = this.#jsonataScope(thread, { input: raw, context });
			let matched: (typeof state.Choices)[number] | undefined;
			for (const [i, rule] of state.Choices.entries()) {
				let cond: JsonValue | undefined = rule.Condition as JsonValue | undefined;
				const expr = jsonataExpression(cond);
				if (expr !== undefined)
					cond = await evaluateJsonata(expr, scope, `Choices[${i}].Condition`);
				if (typeof cond !== 'boolean') {
					throw new StatesError(
						StatesErrors.QueryEvaluationError,
						`The JSONata expression '${expr ?? JSON.stringify(cond)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${jsonTypeName(cond)}' for value: ${cond === undefined ? 'undefined' : toJson(cond)}`
					);
				}
				if (cond) {
					matched = rule;
					break;
				}
			}
			const source = matched ?? state;
			assigned = await this.#assignJsonata(source.Assign, scope);
			output =
				source.Output !== undefined
					? await evaluateJsonataTemplate(source.Output, scope, 'Output')
					: raw;
			next = matched ? matched.Next : state.Default;
		}
		return this.#choiceDone(thread, run, next, output, assigned);
	}

	async #wait(
		thread: Thread,
		run: StateRun,
		state: WaitState,
		raw: JsonValue,
		ql: QueryLanguage
	): Promise<Outcome> {
		const context = this.#context(run);
		let untilMs: number;
		let output: JsonValue;
		let assigned: Assignment | undefined;
		const now = this.#sched.now;
		if (ql === 'JSONata') {
			const scope = this.#jsonataScope(thread, { input: raw, context });
			if (state.Seconds !== undefined) {
				const s = await this.#jsonataNumberField(state.Seconds, scope, 'Seconds');
				if (s > MAX_SECONDS_FIELD) {
					throw new StatesError(
						StatesErrors.QueryEvaluationError,
						`The Seconds field must be an integer from 0 to ${MAX_SECONDS_FIELD}, got ${s}`
					);
				}
				untilMs = now + this.#waitSeconds(s, 'Seconds', StatesErrors.QueryEvaluationError);
			} else {
				const ts =
					state.Timestamp === undefined
						? undefined
						: await evaluateJsonataTemplate(state.Timestamp, scope, 'Timestamp');
				const parsed = typeof ts === 'string' ? parseTimestamp(ts) : undefined;
				if (parsed === undefined) {
					throw new StatesError(
						StatesErrors.QueryEvaluationError,
						`The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof ts === 'string' ? ts : toJson(ts ?? null)}`
					);
				}
				untilMs = this.#waitUntil(parsed);
			}
			assigned = await this.#assignJsonata(state.Assign, scope);
			output =
				state.Output !== undefined
					? await evaluateJsonataTemplate(state.Output, scope, 'Output')
					: raw;
		} else {
			const env0 = this.#pathEnv(thread, raw, context);
			const effective = applyInputPath(state.InputPath, raw, env0);
			const env = this.#pathEnv(thread, effective, context);
			if (state.Seconds !== undefined) {
				untilMs = now + this.#waitSeconds(state.Seconds as number, 'Seconds');
			} else if (state.SecondsPath !== undefined) {
				const v = selectPath(state.SecondsPath, env, 'SecondsPath');
				if (typeof v !== 'number' || !Number.isInteger(v)) {
					throw new StatesError(
						StatesErrors.Runtime,
						`The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${toJson(v)}`
					);
				}
				if (v < 0) {
					throw new StatesError(
						StatesErrors.Runtime,
						`The SecondsPath parameter references a negative value: ${state.SecondsPath} == ${v}`
					);
				}
				untilMs = now + this.#waitSeconds(v, 'SecondsPath');
			} else if (state.Timestamp !== undefined) {
				const parsed = parseTimestamp(state.Timestamp);
				if (parsed === undefined) {
					throw new StatesError(
						StatesErrors.Runtime,
						`The Timestamp field is not a valid timestamp: ${state.Timestamp}`
					);
				}
				untilMs = this.#waitUntil(parsed);
			} else {
				const v = selectPath(state.TimestampPath ?? '$', env, 'TimestampPath');
				const parsed = typeof v === 'string' ? parseTimestamp(v) : undefined;
				if (parsed === undefined) {
					throw new StatesError(
						StatesErrors.Runtime,
						`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.TimestampPath} == ${typeof v === 'string' ? v : toJson(v)}`
					);
				}
				untilMs = this.#waitUntil(parsed);
			}
			assigned = this.#assignPath(thread, state.Assign, effective, context);
			output = applyOutputPath(state.OutputPath, effective, env);
		}
		await this.#sched.sleepUntil(thread, untilMs);
		this.#checkSize(output, run.name);
		this.#exit(thread, run.name, 'Wait', output, assigned);
		this.#commit(thread, assigned);
		return this.#transition(state, output);
	}

	/** A relative wait in ms; out-of-range values fail with `error` (Runtime, or QueryEvaluationError in JSONata). */
	#waitSeconds(seconds: number, field: string, error: string = StatesErrors.Runtime): number {
		if (seconds > MAX_WAIT_SECONDS) throw new StatesError(error, 'Wait state delay is too long.');
		if (seconds < 0)
			throw new StatesError(error, `The ${field} value must not be negative, got ${seconds}.`);
		return seconds * 1000;
	}

	/**
	 * Virtual time at which an absolute timestamp falls (now, if it has passed). AWS considers the
	 * time up to seconds and truncates milliseconds (AWS guide, "Wait state").
	 */
	#waitUntil(epochMs: number): number {
		const rel = Math.floor(epochMs / 1000) * 1000 - this.#id.startTime;
		if (rel - this.#sched.now > MAX_WAIT_SECONDS * 1000) {
			throw new StatesError(StatesErrors.Runtime, 'Wait state delay is too long.');
		}
		return rel > this.#sched.now ? Math.ceil(rel) : this.#sched.now;
	}

	async #jsonataNumberField(
		value: JsonValue | string,
		scope: JsonataScope,
		field: string
	): Promise<number> {
		const v =
			typeof value === 'string' ? await evaluateJsonataTemplate(value, scope, field) : value;
		if (typeof v !== 'number' || !Number.isInteger(v)) {
			const expr = jsonataExpression(value) ?? String(value);
			throw new StatesError(
				StatesErrors.QueryEvaluationError,
				`The JSONata expression '${expr}' specified for the field '${field}' returned an unexpected result type. Expected 'integer', but was '${jsonTypeName(v)}' for value: ${toJson(v)}`
			);
		}
		return v;
	}

	// -- Task, Parallel, Map: Retry and Catch -----------------------------------------------------

	async #executionState(
		thread: Thread,
		run: StateRun,
		state: TaskState | ParallelState | MapState,
		raw: JsonValue,
		ql: QueryLanguage
	): Promise<Outcome> {
		const retriers: readonly Retrier[] = state.Retry ?? [];
		const counts = retriers.map(() => 0);
		let retryCount = 0;
		for (;;) {
			try {
				const { output, assigned } = await this.#attempt(thread, run, state, raw, ql, retryCount);
				this.#exit(thread, run.name, state.Type, output, assigned);
				this.#commit(thread, assigned);
				return this.#transition(state, output);
			} catch (e) {
				if (!(e instanceof StatesError)) throw e;
				const failure = this.#located(e, run, thread);
				if (failure.Error === StatesErrors.Runtime || failure.terminal)
					return { kind: 'fail', failure };
				const r = firstMatch(retriers, failure.Error);
				if (r >= 0 && counts[r] < maxAttempts(retriers[r])) {
					counts[r]++;
					retryCount++;
					const delay = retryDelayMs(retriers[r], counts[r], this.#random);
					await this.#sched.sleepUntil(thread, this.#sched.now + delay);
					continue;
				}
				if (state.Type === 'Parallel')
					this.#emit(thread, 'ParallelStateFailed', { stateName: run.name });
				if (state.Type === 'Map') this.#emit(thread, 'MapStateFailed', { stateName: run.name });
				const c = firstMatch(state.Catch, failure.Error);
				if (c < 0) return { kind: 'fail', failure };
				return this.#caught(thread, run, state, state.Catch![c], raw, failure, ql);
			}
		}
	}

	async #caught(
		thread: Thread,
		run: StateRun,
		state: TaskState | ParallelState | MapState,
		catcher: Catcher,
		raw: JsonValue,
		failure: StatesFailure,
		ql: QueryLanguage
	): Promise<Outcome> {
		// A Fail state without Error fails its branch or iteration with no error name: the error
		// output then has no Error field, as it has no Cause field without a cause.
		const errorOutput: JsonObject = {};
		if (failure.Error !== undefined) errorOutput.Error = failure.Error;
		if (failure.Cause !== undefined) errorOutput.Cause = failure.Cause;
		this.#stage(thread, 'Error output', errorOutput);
		const context = this.#context(run);
		let output: JsonValue;
		let assigned: Assignment | undefined;
		if (ql === 'JSONata') {
			const scope = this.#jsonataScope(thread, { input: raw, context, errorOutput });
			assigned = await this.#assignJsonata(catcher.Assign, scope);
			output =
				catcher.Output !== undefined
					? await evaluateJsonataTemplate(catcher.Output, scope, 'Output')
					: errorOutput;
		} else {
			assigned = this.#assignPath(thread, catcher.Assign, errorOutput, context);
			output = applyResultPath(catcher.ResultPath, raw, errorOutput);
		}
		// The error output is the state's output: the payload quota holds for it too. A catch that
		// loops back keeps the cause, which quotes the input with the cause before it: without the
		// quota its text doubled on every turn, past what a JavaScript string can hold.
		this.#checkSize(output, run.name);
		this.#exit(thread, run.name, state.Type, output, assigned);
		this.#commit(thread, assigned);
		return { kind: 'next', next: catcher.Next, output };
	}

	/** One attempt of a Task, Parallel or Map state: everything from `InputPath` to `OutputPath`. */
	async #attempt(
		thread: Thread,
		run: StateRun,
		state: TaskState | ParallelState | MapState,
		raw: JsonValue,
		ql: QueryLanguage,
		retryCount: number
	): Promise<{ output: JsonValue; assigned: Assignment | undefined }> {
		// `.waitForTaskToken` tasks get a task token ($$.Task.Token) for the callback.
		const taskToken =
			state.Type === 'Task' && isCallback(state.Resource) ? taskTokenFrom(this.#random) : undefined;
		const context = this.#context(run, { retryCount, ...(taskToken ? { taskToken } : {}) });
		if (thread.stages) thread.stages = [];
		if (ql === 'JSONata') {
			const scope = this.#jsonataScope(thread, { input: raw, context });
			let result: JsonValue;
			if (state.Type === 'Map') {
				result = await this.#map(thread, run, state, raw, ql, scope, context);
			} else {
				const args =
					state.Arguments !== undefined
						? this.#stage(
								thread,
								'Arguments',
								await evaluateJsonataTemplate(state.Arguments, scope, 'Arguments')
							)
						: undefined;
				if (args !== undefined) this.#checkSize(args, run.name, true);
				result =
					state.Type === 'Task'
						? await this.#task(thread, run, state, args ?? raw, raw, ql, scope, context, retryCount)
						: await this.#parallel(thread, run, state, args ?? raw, ql);
			}
			this.#stage(thread, 'Result', result);
			const after = this.#jsonataScope(thread, { input: raw, context, result });
			const assigned = await this.#assignJsonata(state.Assign, after);
			const output =
				state.Output !== undefined
					? await evaluateJsonataTemplate(state.Output, after, 'Output')
					: result;
			if (state.Output !== undefined) this.#stage(thread, 'Output', output);
			this.#checkSize(output, run.name);
			return { output, assigned };
		}
		const env = this.#pathEnv(thread, raw, context);
		const effectiveInput = applyInputPath(state.InputPath, raw, env);
		if (state.InputPath !== undefined) this.#stage(thread, 'InputPath', effectiveInput);
		let result: JsonValue;
		if (state.Type === 'Map') {
			result = await this.#map(thread, run, state, effectiveInput, ql, undefined, context);
		} else {
			const params =
				state.Parameters !== undefined
					? this.#stage(
							thread,
							'Parameters',
							evaluateTemplate(state.Parameters, this.#pathEnv(thread, effectiveInput, context))
						)
					: effectiveInput;
			if (state.Parameters !== undefined) this.#checkSize(params, run.name, true);
			result =
				state.Type === 'Task'
					? await this.#task(thread, run, state, params, raw, ql, undefined, context, retryCount)
					: await this.#parallel(thread, run, state, params, ql);
		}
		this.#stage(thread, 'Result', result);
		if (state.ResultSelector !== undefined) {
			result = this.#stage(
				thread,
				'ResultSelector',
				evaluateTemplate(state.ResultSelector, this.#pathEnv(thread, result, context))
			);
		}
		const assigned = this.#assignPath(thread, state.Assign, result, context);
		const merged = applyResultPath(state.ResultPath, raw, result);
		if (state.ResultPath !== undefined) this.#stage(thread, 'ResultPath', merged);
		const output = applyOutputPath(state.OutputPath, merged, this.#pathEnv(thread, raw, context));
		if (state.OutputPath !== undefined) this.#stage(thread, 'OutputPath', output);
		this.#checkSize(output, run.name);
		return { output, assigned };
	}

	// -- Task -------------------------------------------------------------------------------------

	async #task(
		thread: Thread,
		run: StateRun,
		state: TaskState,
		params: JsonValue,
		raw: JsonValue,
		ql: QueryLanguage,
		scope: JsonataScope | undefined,
		context: Context,
		attempt: number
	): Promise<JsonValue> {
		const timeoutSeconds = await this.#taskSeconds(
			thread,
			state,
			'TimeoutSeconds',
			raw,
			ql,
			scope,
			context
		);
		const heartbeatSeconds = await this.#taskSeconds(
			thread,
			state,
			'HeartbeatSeconds',
			raw,
			ql,
			scope,
			context
		);
		// AWS guide, "Task state": HeartbeatSeconds "must be less than the number specified in
		// the TimeoutSeconds field". Literal values are checked before a run; these came from
		// the input or an expression.
		if (
			timeoutSeconds !== undefined &&
			heartbeatSeconds !== undefined &&
			heartbeatSeconds >= timeoutSeconds
		) {
			throw new StatesError(
				ql === 'JSONata' ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime,
				`The HeartbeatSeconds value (${heartbeatSeconds}) must be less than the TimeoutSeconds value (${timeoutSeconds})`
			);
		}
		const credentials = await this.#taskCredentials(thread, state, raw, ql, scope, context);
		const resource = state.Resource;
		const kind = resourceKind(resource);
		let functionName: string | undefined;
		let payload: JsonValue = params;
		let logTail = false;
		let invocationType: string | undefined;
		let version = '$LATEST';
		if (kind.type === 'lambda-arn') {
			functionName = resource;
			version = functionVersion(resource);
		} else if (kind.type === 'lambda-invoke') {
			const p = (
				params && typeof params === 'object' && !Array.isArray(params) ? params : {}
			) as JsonObject;
			if (typeof p.FunctionName !== 'string') {
				throw new StatesError(
					StatesErrors.Runtime,
					`The Parameters of a lambda:invoke task must include a string 'FunctionName'.`
				);
			}
			functionName = p.FunctionName;
			payload = p.Payload === undefined || p.Payload === null ? {} : p.Payload;
			if (typeof payload === 'string') {
				// A string Payload is the raw request body: Lambda parses it as JSON text.
				const body = payload;
				try {
					payload = JSON.parse(body) as JsonValue;
				} catch {
					throw new StatesError(
						'Lambda.InvalidRequestContentException',
						`Could not parse request body into json: Could not parse payload into json: Unrecognized token '${body.slice(0, 40)}' (Service: AWSLambda; Status Code: 400; Error Code: InvalidRequestContentException)`
					);
				}
			}
			logTail = p.LogType === 'Tail';
			version = functionVersion(p.FunctionName, p.Qualifier);
			if (!isCallback(resource) && typeof p.InvocationType === 'string') {
				invocationType = p.InvocationType;
			}
		} else if (kind.type === 'service') {
			payload = serviceRequest(kind, params, context());
		}
		const requestId = this.#random.uuid();
		// An activity worker or a callback's receiver must call SendTaskHeartbeat every
		// HeartbeatSeconds (AWS API reference); a handler here never can, so the task times out
		// then, as States.HeartbeatTimeout, unless TimeoutSeconds comes first.
		const heartbeatFirst =
			heartbeatSeconds !== undefined &&
			(kind.type === 'activity' || isCallback(resource)) &&
			(timeoutSeconds === undefined || heartbeatSeconds < timeoutSeconds);
		// A callback's receiver, an activity worker or a job (.sync) may never answer: the task then
		// waits for its TimeoutSeconds, AWS's default 99999999 s when none is given (state-task
		// page), so the execution's own time limit ends it first.
		const awaitsAnswer = kind.type === 'activity' || isCallback(resource) || isSyncJob(resource);
		const limitSeconds = heartbeatFirst
			? heartbeatSeconds
			: (timeoutSeconds ?? (awaitsAnswer ? DEFAULT_TASK_TIMEOUT_SECONDS : undefined));
		const timeoutMs = limitSeconds !== undefined ? limitSeconds * 1000 : undefined;
		const timeoutError = heartbeatFirst ? StatesErrors.HeartbeatTimeout : StatesErrors.Timeout;
		if (kind.type === 'lambda-arn') {
			this.#emit(thread, 'LambdaFunctionScheduled', {
				stateName: run.name,
				lambdaFunctionScheduledEventDetails: {
					resource,
					input: toJson(payload),
					inputDetails: NOT_TRUNCATED,
					...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
					...credentials
				}
			});
			this.#emit(thread, 'LambdaFunctionStarted', { stateName: run.name });
		} else if (kind.type === 'activity') {
			// An activity task is recorded as Activity… events (AWS API reference, HistoryEvent);
			// the workspace's handler for the ARN plays the worker that polls and answers it.
			this.#emit(thread, 'ActivityScheduled', {
				stateName: run.name,
				activityScheduledEventDetails: {
					resource,
					input: toJson(params),
					inputDetails: NOT_TRUNCATED,
					...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
					...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {})
				}
			});
			this.#emit(thread, 'ActivityStarted', { stateName: run.name });
		} else {
			this.#emit(thread, 'TaskScheduled', {
				stateName: run.name,
				taskScheduledEventDetails: {
					resourceType: kind.resourceType,
					resource: kind.resourceName,
					region: this.#region,
					parameters: toJson(params),
					...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
					...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
					...credentials
				}
			});
			this.#emit(thread, 'TaskStarted', {
				stateName: run.name,
				taskStartedEventDetails: { resourceType: kind.resourceType, resource: kind.resourceName }
			});
			if (isCallback(resource) || isSyncJob(resource)) {
				// The call that starts a callback task (the Lambda that receives the task token) or a
				// job (.sync) returns at once, recorded as TaskSubmitted; the task then waits for the
				// callback or the job, which the handler answers (or never does). The playground has
				// no service response to record for other services: their output is {}.
				const envelope =
					kind.type === 'lambda-invoke'
						? lambdaEnvelope(null, requestId, this.#id.startTime + this.#sched.now, version)
						: {};
				this.#emit(thread, 'TaskSubmitted', {
					stateName: run.name,
					taskSubmittedEventDetails: {
						resourceType: kind.resourceType,
						resource: kind.resourceName,
						output: toJson(envelope),
						outputDetails: NOT_TRUNCATED
					}
				});
			}
		}
		const invoke = this.#opts.invokeTask;
		const name = functionName ?? resource;
		const fault = this.#opts.faults?.[run.name];
		const injected =
			fault && (!fault.attempts || fault.attempts.includes(attempt)) ? fault : undefined;
		const result: TaskResult = injected
			? injectedFailure(injected, timeoutMs)
			: invocationType === 'DryRun'
				? { ok: true, output: null }
				: invoke
					? await invoke({
							resource,
							functionName,
							payload,
							stateName: run.name,
							attempt,
							timeoutMs,
							context: {
								functionName: lambdaName(name),
								invokedFunctionArn: lambdaArn(name, this.#region),
								awsRequestId: requestId,
								functionVersion: version,
								memoryLimitInMB: '128'
							}
						}).then((r) => (invocationType === 'Event' ? acceptedEvent(r) : r))
					: {
							ok: false,
							Error: StatesErrors.TaskFailed,
							Cause: `No task runner is configured for resource '${resource}'.`
						};
		if (this.#status !== 'RUNNING') throw new Terminated();
		const latency = nonNegativeMs(
			this.#opts.taskLatencyMs?.({ stateName: run.name, resource, attempt, lane: laneOf(thread) })
		);
		const ran = latency + nonNegativeMs(result.elapsedMs);
		// A job whose end Step Functions learns by polling is seen done at the next poll.
		const duration =
			kind.type === 'service' && isSyncJob(resource) && !injected ? jobSeenDoneMs(kind, ran) : ran;
		const logs = result.logs && result.logs.length ? { logs: result.logs } : {};
		// An HTTP Task's call lasts 60 seconds at most, whatever its TimeoutSeconds (guide,
		// "Handling errors": "States.Http.Socket: This error occurs when an HTTP Task times out after
		// 60 seconds"); a shorter TimeoutSeconds still ends it first.
		const socketClosed =
			kind.type === 'service' &&
			kind.resourceType === 'http' &&
			kind.resourceName === 'invoke' &&
			duration > HTTP_TASK_MAX_MS &&
			(timeoutMs === undefined || timeoutMs > HTTP_TASK_MAX_MS);
		// The task's own TimeoutSeconds (virtual): the sandbox stops a handler that sleeps past it.
		const overTime =
			!socketClosed &&
			timeoutMs !== undefined &&
			(duration > timeoutMs ||
				(!result.ok && result.Error === StatesErrors.Timeout && duration >= timeoutMs));
		const timedOut = overTime || (!result.ok && result.Error === StatesErrors.Timeout);
		const ends =
			this.#sched.now + (socketClosed ? HTTP_TASK_MAX_MS : overTime ? timeoutMs! : duration);
		await this.#sched.sleepUntil(thread, ends);

		if (socketClosed) {
			// Differs from AWS: the guide gives no cause text for States.Http.Socket.
			const failure = {
				error: StatesErrors.HttpSocket,
				cause: 'The HTTP Task timed out after 60 seconds.'
			};
			this.#taskEvent(thread, run, kind, 'Failed', failure, logs);
			throw new StatesError(failure.error, failure.cause);
		}
		if (timedOut) {
			// AWS gives an empty cause for its own task timeouts.
			const cause = !overTime && !result.ok ? result.Cause : '';
			const error = overTime ? timeoutError : StatesErrors.Timeout;
			this.#taskEvent(thread, run, kind, 'TimedOut', { error, cause }, logs);
			throw new StatesError(error, cause);
		}
		if (!result.ok) {
			this.#taskEvent(
				thread,
				run,
				kind,
				'Failed',
				{ error: result.Error, cause: result.Cause },
				logs
			);
			throw new StatesError(result.Error, result.Cause);
		}
		// A handler that returns nothing answers `null`, as a Lambda function's response payload does
		// (an `InvokeTask` written in plain JavaScript may pass `undefined` through).
		let value: JsonValue = result.output === undefined ? null : result.output;
		const refused = kind.type === 'service' ? serviceFailure(kind, value) : undefined;
		if (refused) {
			this.#taskEvent(thread, run, kind, 'Failed', refused, logs);
			throw new StatesError(refused.error, refused.cause);
		}
		if (kind.type === 'service' && !isCallback(resource)) {
			value = serviceResponse(kind, payload, value);
		}
		// Emulated callback: the handler's return value is what SendTaskSuccess would send.
		if (!isCallback(resource) && kind.type === 'lambda-invoke') {
			const tail = logTail ? logResult(requestId, result.logs ?? [], duration) : undefined;
			const at = this.#id.startTime + this.#sched.now;
			value =
				invocationType === 'Event' || invocationType === 'DryRun'
					? lambdaAcceptedEnvelope(invocationType, requestId, at)
					: lambdaEnvelope(value, requestId, at, version, tail);
		}
		if (nestedTooDeep(value)) {
			const failure = {
				error: StatesErrors.Runtime,
				cause: tooDeepCause(
					`The result of the state/task '${kind.type === 'lambda-arn' ? resource : kind.resourceType}'`
				)
			};
			this.#taskEvent(thread, run, kind, 'Failed', failure, logs);
			throw new StatesError(failure.error, failure.cause, false, true);
		}
		const text = toJson(value);
		if (utf8Length(text) > this.#maxPayload) {
			const failure = {
				error: StatesErrors.DataLimitExceeded,
				cause: `The state/task '${kind.type === 'lambda-arn' ? resource : kind.resourceType}' returned a result with a size exceeding the maximum number of bytes service limit.`
			};
			this.#taskEvent(thread, run, kind, 'Failed', failure, logs);
			throw new StatesError(failure.error, failure.cause);
		}
		this.#taskEvent(thread, run, kind, 'Succeeded', { output: text }, logs);
		return value;
	}

	#taskEvent(
		thread: Thread,
		run: StateRun,
		kind: ResourceKind,
		outcome: 'Succeeded' | 'Failed' | 'TimedOut',
		data: { output?: string; error?: string; cause?: string },
		logs: { logs?: readonly TaskLog[] }
	): void {
		const errorFields = {
			...(data.error !== undefined ? { error: data.error } : {}),
			...(data.cause !== undefined ? { cause: data.cause } : {})
		};
		if (kind.type === 'activity') {
			const details =
				outcome === 'Succeeded'
					? {
							activitySucceededEventDetails: {
								output: data.output!,
								outputDetails: NOT_TRUNCATED
							}
						}
					: outcome === 'Failed'
						? { activityFailedEventDetails: errorFields }
						: { activityTimedOutEventDetails: errorFields };
			this.#emit(thread, `Activity${outcome}` as HistoryEventType, {
				stateName: run.name,
				...details,
				...logs
			});
			return;
		}
		if (kind.type === 'lambda-arn') {
			const type = `LambdaFunction${outcome}` as HistoryEventType;
			const details =
				outcome === 'Succeeded'
					? {
							lambdaFunctionSucceededEventDetails: {
								output: data.output!,
								outputDetails: NOT_TRUNCATED
							}
						}
					: outcome === 'Failed'
						? { lambdaFunctionFailedEventDetails: errorFields }
						: { lambdaFunctionTimedOutEventDetails: errorFields };
			this.#emit(thread, type, { stateName: run.name, ...details, ...logs });
			return;
		}
		const base = { resourceType: kind.resourceType, resource: kind.resourceName };
		const details =
			outcome === 'Succeeded'
				? {
						taskSucceededEventDetails: {
							...base,
							output: data.output!,
							outputDetails: NOT_TRUNCATED
						}
					}
				: outcome === 'Failed'
					? { taskFailedEventDetails: { ...base, ...errorFields } }
					: { taskTimedOutEventDetails: { ...base, ...errorFields } };
		this.#emit(thread, `Task${outcome}` as HistoryEventType, {
			stateName: run.name,
			...details,
			...logs
		});
	}

	/**
	 * The task's `Credentials` (the role Step Functions assumes for it), evaluated like `Parameters`
	 * against the state input (`"RoleArn.$"` takes a path or an intrinsic function; JSONata
	 * expressions in a JSONata state), as the history records it. The playground assumes no role:
	 * only a path that cannot be applied, or an expression that fails, changes the run.
	 */
	async #taskCredentials(
		thread: Thread,
		state: TaskState,
		raw: JsonValue,
		ql: QueryLanguage,
		scope: JsonataScope | undefined,
		context: Context
	): Promise<{ taskCredentials?: { roleArn: string } }> {
		if (state.Credentials === undefined) return {};
		const value =
			ql === 'JSONata' && scope
				? await evaluateJsonataTemplate(state.Credentials, scope, 'Credentials')
				: evaluateTemplate(state.Credentials, this.#pathEnv(thread, raw, context));
		const roleArn =
			value && typeof value === 'object' && !Array.isArray(value) ? value.RoleArn : undefined;
		return typeof roleArn === 'string' ? { taskCredentials: { roleArn } } : {};
	}

	/** `TimeoutSeconds`/`HeartbeatSeconds` (literal, `…Path`, or JSONata), in seconds. */
	async #taskSeconds(
		thread: Thread,
		state: TaskState,
		field: 'TimeoutSeconds' | 'HeartbeatSeconds',
		raw: JsonValue,
		ql: QueryLanguage,
		scope: JsonataScope | undefined,
		context: Context
	): Promise<number | undefined> {
		const literal = state[field];
		let v: JsonValue | undefined;
		if (literal !== undefined) {
			v =
				ql === 'JSONata' && scope && typeof literal === 'string'
					? await evaluateJsonataTemplate(literal, scope, field)
					: literal;
		} else {
			const path = state[`${field}Path`];
			if (path === undefined) return undefined;
			v = selectPath(path, this.#pathEnv(thread, raw, context), `${field}Path`);
		}
		if (
			typeof v !== 'number' ||
			!Number.isInteger(v) ||
			v <= 0 ||
			v > DEFAULT_TASK_TIMEOUT_SECONDS
		) {
			const err = ql === 'JSONata' ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime;
			throw new StatesError(
				err,
				`The ${field} value must be a positive integer up to ${DEFAULT_TASK_TIMEOUT_SECONDS}, got ${toJson(v ?? null)}`
			);
		}
		return v;
	}

	// -- Parallel ---------------------------------------------------------------------------------

	async #parallel(
		thread: Thread,
		run: StateRun,
		state: ParallelState,
		input: JsonValue,
		ql: QueryLanguage
	): Promise<JsonValue> {
		void ql;
		const startedId = this.#emit(thread, 'ParallelStateStarted', { stateName: run.name });
		const results: JsonValue[] = new Array(state.Branches.length);
		const failure = await this.#runChildren(
			thread,
			state.Branches.length,
			(i) => {
				const t = new Thread(
					thread,
					thread.scope,
					false,
					this.definition.QueryLanguage ?? 'JSONPath',
					{ parentEventId: startedId, branch: i },
					startedId,
					true,
					thread.silent
				);
				return {
					thread: t,
					run: async () => {
						const r = await this.#runBlock(t, state.Branches[i], input);
						if (r.ok) results[i] = r.output;
						else this.#abortFailedState(t);
						return r;
					}
				};
			},
			this.#opts.sequential ? 1 : 0,
			() => false
		);
		if (failure) throw StatesError.propagate(failure);
		this.#emit(thread, 'ParallelStateSucceeded', { stateName: run.name });
		return results;
	}

	/** In a Parallel branch, a Task/Map/Parallel that failed is also reported as aborted (as AWS does). */
	#abortFailedState(t: Thread): void {
		const a = t.active;
		if (!a || !EXECUTION_STATE_TYPES.has(a.type)) return;
		const type = ABORTABLE[a.type];
		if (type) this.#emit(t, type, { stateName: a.name });
		t.active = undefined;
	}

	/**
	 * Runs child threads (branches or iterations) with at most `concurrency` at once (0 = all).
	 * On the first failure that `tolerate` (given the failed child's index and failure) does not accept, aborts
	 * the others and returns it.
	 */
	async #runChildren(
		parent: Thread,
		count: number,
		/** Creates child `index` when it is launched (a Map may have thousands). */
		start: (index: number) => { readonly thread: Thread; readonly run: () => Promise<BlockResult> },
		concurrency: number,
		tolerate: (index: number, failure: StatesFailure) => boolean
	): Promise<StatesFailure | undefined> {
		const limit = concurrency > 0 ? concurrency : count;
		const done: {
			readonly index: number;
			readonly result: BlockResult;
			readonly thread: Thread;
		}[] = [];
		let doneHead = 0;
		let waiter: ((v: void) => void) | undefined;
		let next = 0;
		let running = 0;
		const live = new Set<Thread>();
		const launch = () => {
			while (running < limit && next < count) {
				const index = next++;
				const child = start(index);
				running++;
				live.add(child.thread);
				let completed = false;
				const complete = (result: BlockResult) => {
					if (completed) return;
					completed = true;
					done.push({ index, result, thread: child.thread });
					live.delete(child.thread);
					parent.threads?.delete(child.thread);
					waiter?.();
				};
				child.thread.complete = complete;
				this.#sched.spawn(async () => {
					let result: BlockResult;
					try {
						result = await child.run();
					} catch (e) {
						if (e instanceof Terminated) return;
						throw e;
					}
					complete(result);
				}, child.thread);
			}
		};
		launch();
		let completed = 0;
		while (completed < count) {
			if (doneHead === done.length) {
				const s = this.#sched.suspend<void>(parent);
				waiter = s.wake;
				await this.#sched.park(s.promise);
				waiter = undefined;
			}
			while (doneHead < done.length) {
				const { index, result, thread } = done[doneHead++];
				completed++;
				running--;
				// AWS's histories: the state's Succeeded event follows the last child's last event
				// (a Map's MapIterationSucceeded), its Failed event the failing child's last state event.
				if (!thread.silent) parent.lastEventId = thread.lastEmittedId;
				if (!result.ok && !tolerate(index, result.failure)) {
					if (!thread.silent) parent.lastEventId = thread.lastEventId;
					for (const t of live) this.#abortThread(t);
					return result.failure;
				}
			}
			launch();
		}
		return undefined;
	}

	/**
	 * The items of a Distributed Map's `ItemReader`, read through `invokeTask` from the handler
	 * that stands for Amazon S3, or `undefined` when there is none (the Map then iterates over
	 * its input). The handler receives the reader's evaluated `Parameters` (JSONPath) or
	 * `Arguments` (JSONata); its failure fails the Map with its error, unreadable content with
	 * `States.ItemReaderFailed`. `MaxItems`/`MaxItemsPath` cap the items. Nothing is recorded in
	 * the history for the read and it takes no virtual time: AWS records no event for it.
	 * `source` is `$$.Map.Item.Source`: the bucket's S3 URI for a listing, else the object's.
	 */
	async #readItems(
		run: StateRun,
		state: MapState,
		env: IntrinsicEnv,
		ql: QueryLanguage,
		scope: JsonataScope | undefined
	): Promise<{ items: JsonValue[]; source: string } | undefined> {
		const reader = state.ItemReader;
		if (!isJsonObject(reader)) return undefined;
		const resource = reader.Resource;
		const action = readerAction(resource);
		const invoke = this.#opts.invokeTask;
		if (!action || !invoke || !this.#opts.handles?.(resource as string)) return undefined;
		const template = ql === 'JSONata' ? reader.Arguments : reader.Parameters;
		let params: JsonValue = {};
		if (template !== undefined) {
			params =
				ql === 'JSONata'
					? await evaluateJsonataTemplate(template, scope!, 'Arguments')
					: evaluateTemplate(template, env);
		}
		const config = isJsonObject(reader.ReaderConfig) ? reader.ReaderConfig : {};
		const owner = run.execution ?? this.#id;
		const result = await invoke({
			resource: resource as string,
			payload: params,
			stateName: run.name,
			attempt: 0,
			context: {
				functionName: `s3:${action}`,
				invokedFunctionArn: resource as string,
				awsRequestId: new Random(`${owner.executionArn}/${run.name}/ItemReader`).uuid(),
				functionVersion: '$LATEST',
				memoryLimitInMB: '128'
			}
		});
		if (this.#status !== 'RUNNING') throw new Terminated();
		if (!result.ok) throw new StatesError(result.Error, result.Cause);
		let items = readItems(action, config, result.output);
		const max = await this.#readerMaxItems(config, env, ql, scope);
		if (max !== undefined && max > 0) items = items.slice(0, max);
		const p = isJsonObject(params) ? params : {};
		const bucket = typeof p.Bucket === 'string' ? p.Bucket : '';
		const source =
			action === 'listObjectsV2'
				? `s3://${bucket}`
				: `s3://${bucket}/${typeof p.Key === 'string' ? p.Key : ''}`;
		return { items, source };
	}

	/** `ReaderConfig.MaxItems` (a number, or JSONata) or `MaxItemsPath` (a path on the input). */
	async #readerMaxItems(
		config: JsonObject,
		env: IntrinsicEnv,
		ql: QueryLanguage,
		scope: JsonataScope | undefined
	): Promise<number | undefined> {
		let v: JsonValue | undefined = config.MaxItems;
		if (v !== undefined && ql === 'JSONata' && jsonataExpression(v) !== undefined) {
			v = await evaluateJsonataTemplate(v, scope!, 'MaxItems');
		} else if (v === undefined && typeof config.MaxItemsPath === 'string') {
			v = selectPath(config.MaxItemsPath, env, 'MaxItemsPath');
		}
		if (v === undefined) return undefined;
		if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
			throw new StatesError(
				StatesErrors.ItemReaderFailed,
				`MaxItems must be a non-negative integer, but was ${toJson(v)}.`
			);
		}
		return v;
	}

	/** Aborts a running thread and everything under it, recording AWS's abort events. */
	#abortThread(t: Thread): void {
		for (const c of [...(t.threads ?? [])]) this.#abortThread(c);
		t.wait?.cancel();
		t.child?.deadline?.wait?.cancel();
		t.aborted = true;
		const a = t.active;
		if (a) {
			const type = ABORTABLE[a.type];
			if (type) this.#emit(t, type, { stateName: a.name });
		}
		// An iteration aborted before its turn came never started: AWS records nothing for it.
		if (t.lane.iteration !== undefined && !t.silent && t.started && t.owner?.active) {
			const name = t.owner.active.name;
			this.#emit(t, 'MapIterationAborted', {
				stateName: name,
				mapIterationAbortedEventDetails: { name, index: t.lane.iteration }
			});
		}
		t.owner?.threads?.delete(t);
	}

	// -- Map --------------------------------------------------------------------------------------

	async #map(
		thread: Thread,
		run: StateRun,
		state: MapState,
		effectiveInput: JsonValue,
		ql: QueryLanguage,
		scope: JsonataScope | undefined,
		context: Context
	): Promise<JsonValue> {
		const processor = state.ItemProcessor ?? state.Iterator;
		if (!processor)
			throw new StatesError(StatesErrors.Runtime, 'The Map state has no ItemProcessor.');
		const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
		const env = this.#pathEnv(thread, effectiveInput, context);

		// Items: an array, or an object (one iteration per key-value pair): in JSONPath always
		// (AWS guide, "ItemsPath"); in JSONata only in Distributed mode (AWS guide, "Distributed
		// Map state": Items "must evaluate to an array or object"; "Inline mode": "to an array"),
		// as the AWS recordings show Inline JSONata Map states refusing objects.
		let list: JsonValue;
		let keys: string[] | undefined;
		const pairs = (object: JsonObject): JsonValue[] => {
			keys = Object.keys(object);
			return keys.map((k) => object[k]);
		};
		const reader = await this.#readItems(run, state, env, ql, scope);
		if (reader) {
			list = reader.items;
		} else if (ql === 'JSONata') {
			const expr = state.Items !== undefined ? jsonataExpression(state.Items) : undefined;
			list =
				state.Items !== undefined
					? await evaluateJsonataTemplate(state.Items, scope!, 'Items')
					: effectiveInput;
			if (distributed && isJsonObject(list)) list = pairs(list);
			if (!Array.isArray(list)) {
				throw new StatesError(
					StatesErrors.QueryEvaluationError,
					expr !== undefined
						? `The JSONata expression '${expr}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonTypeName(list)}' for value: ${toJson(list)}`
						: `Map state input must be an array but was: ${toJson(list)}`
				);
			}
		} else {
			list =
				state.ItemsPath !== undefined
					? selectPath(state.ItemsPath, env, 'ItemsPath')
					: effectiveInput;
			if (isJsonObject(list)) list = pairs(list);
			if (!Array.isArray(list)) {
				throw new StatesError(
					StatesErrors.Runtime,
					`Map state input must be an array but was: ${toJson(list)}`
				);
			}
		}

		const concurrency = await this.#mapNumber(state, 'MaxConcurrency', env, ql, scope, 'integer');
		const startedId = this.#emit(thread, 'MapStateStarted', {
			stateName: run.name,
			mapStateStartedEventDetails: { length: list.length }
		});
		const toleratedCount = await this.#mapNumber(
			state,
			'ToleratedFailureCount',
			env,
			ql,
			scope,
			'integer'
		);
		const toleratedPercentage = await this.#mapNumber(
			state,
			'ToleratedFailurePercentage',
			env,
			ql,
			scope,
			'float'
		);
		if (toleratedCount !== undefined && toleratedCount < 0) {
			throw new StatesError(StatesErrors.Runtime, 'ToleratedFailureCount cannot be negative.');
		}
		if (
			toleratedPercentage !== undefined &&
			(toleratedPercentage < 0 || toleratedPercentage > 100)
		) {
			throw new StatesError(
				StatesErrors.Runtime,
				'ToleratedFailurePercentage must be between 0 and 100.'
			);
		}

		// Iteration inputs: ItemSelector (or legacy Parameters) with $$.Map.Item.
		const selector = state.ItemSelector ?? state.Parameters;
		const inputs: JsonValue[] = [];
		for (let i = 0; i < list.length; i++) {
			if (selector === undefined) {
				inputs.push(list[i]);
				continue;
			}
			const mapItem = {
				Index: i,
				Value: list[i],
				...(keys ? { Key: keys[i] } : {}),
				Source: reader?.source ?? 'STATE_DATA'
			};
			const itemContext = this.#context(run, { mapItem, retryCount: undefined });
			if (ql === 'JSONata') {
				const itemScope = this.#jsonataScope(thread, {
					input: effectiveInput,
					context: itemContext
				});
				inputs.push(await evaluateJsonataTemplate(selector, itemScope, 'ItemSelector'));
			} else {
				inputs.push(evaluateTemplate(selector, this.#pathEnv(thread, effectiveInput, itemContext)));
			}
		}
		const batches = state.ItemBatcher
			? await this.#batches(state, inputs, env, ql, scope)
			: undefined;
		const iterationInputs = batches?.inputs ?? inputs;
		/** How many items child `i` processes: a failed batch fails each of its items. */
		const itemsOf = (i: number): number => batches?.sizes[i] ?? 1;

		// AWS guide, "Distributed Map state" (Label): the Map Run ARN is
		// `arn:…:mapRun:<state machine>/<label>:<id>`; without a Label AWS generates one.
		const label = typeof state.Label === 'string' ? state.Label : run.name;
		const owner = run.execution ?? this.#id;
		const mapRunId = new Random(`${owner.executionArn}/${label}:${startedId}`).uuid();
		const mapRunArn = `${owner.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label}:${mapRunId}`;
		if (distributed)
			this.#emit(thread, 'MapRunStarted', {
				stateName: run.name,
				mapRunStartedEventDetails: { mapRunArn }
			});

		const results: JsonValue[] = new Array(iterationInputs.length);
		// AWS guide, "Distributed Map state": the thresholds count failed items, and the
		// percentage is "the total number of failed or timed out items divided by the total number
		// of items"; with ItemBatcher a failed child execution fails every item of its batch.
		let failedItems = 0;
		const totalItems = inputs.length;
		/**
		 * An inline iteration runs in this execution: a `States.Runtime` error or a terminal failure
		 * there fails the execution ("A States.Runtime error … will always cause the execution to
		 * fail", AWS guide, error handling), whatever the thresholds. A child execution of a
		 * Distributed Map that fails so is one failed item.
		 */
		const failsExecution = (f: StatesFailure) =>
			!distributed && (f.Error === StatesErrors.Runtime || f.terminal === true);
		const tolerate = (index: number, f: StatesFailure) => {
			if (failsExecution(f)) return false;
			failedItems += itemsOf(index);
			if (toleratedCount === undefined && toleratedPercentage === undefined) return false;
			const overCount = toleratedCount !== undefined && failedItems > toleratedCount;
			const overPct =
				toleratedPercentage !== undefined && (failedItems / totalItems) * 100 > toleratedPercentage;
			// "If you specify both values, the workflow fails when it exceeds either value."
			return !(overCount || overPct);
		};
		const block = processor;
		const childQl = this.definition.QueryLanguage ?? 'JSONPath';
		// AWS's histories: an iteration starts after the last state event of the iteration that
		// ended before it (the first one after MapStateStarted).
		let cursor = startedId;
		const startIteration = (i: number) => {
			const input = iterationInputs[i];
			const t = new Thread(
				thread,
				distributed ? new VariableScope() : thread.scope,
				distributed,
				childQl,
				{ parentEventId: startedId, iteration: i },
				startedId,
				false,
				distributed || thread.silent
			);
			if (distributed) {
				const express = processor.ProcessorConfig?.ExecutionType === 'EXPRESS';
				t.execution = childExecutionIdentity(
					owner,
					label,
					i,
					express,
					this.#id.startTime + this.#sched.now,
					input
				);
				// AWS's history quota holds for each child execution too (its ExecutionStarted is one).
				const maxEvents = this.#opts.maxEvents ?? (express ? EXPRESS_EVENT_GUARD : 25_000);
				t.child = { root: t, events: 1, maxEvents, express, ended: false };
				if (express) this.#startExpressDeadline(t.child);
			}
			return {
				thread: t,
				run: async (): Promise<BlockResult> => {
					t.lastEventId = cursor;
					this.#emit(t, 'MapIterationStarted', {
						stateName: run.name,
						mapIterationStartedEventDetails: { name: run.name, index: i }
					});
					const r = await this.#runBlock(t, block, input);
					if (t.child) {
						t.child.ended = true;
						t.child.deadline?.wait?.cancel();
					}
					if (r.ok) {
						results[i] = r.output;
						this.#emit(t, 'MapIterationSucceeded', {
							stateName: run.name,
							mapIterationSucceededEventDetails: { name: run.name, index: i }
						});
					} else {
						results[i] = null;
						this.#emit(t, 'MapIterationFailed', {
							stateName: run.name,
							mapIterationFailedEventDetails: { name: run.name, index: i }
						});
					}
					if (!t.silent) cursor = t.lastEventId;
					return r;
				}
			};
		};
		// AWS runs at most 40 inline iterations at a time (Distributed: 10,000 child executions).
		const cap = distributed ? 10_000 : 40;
		const limit = this.#opts.sequential ? 1 : Math.min(concurrency || cap, cap);
		const failure = await this.#runChildren(
			thread,
			iterationInputs.length,
			startIteration,
			limit,
			tolerate
		);
		if (failure) {
			// A Distributed Map run fails by exceeding its tolerated failures (default: none).
			const thresholdBreached =
				!failsExecution(failure) &&
				(distributed || toleratedCount !== undefined || toleratedPercentage !== undefined);
			const f: StatesFailure = thresholdBreached
				? {
						Error: StatesErrors.ExceedToleratedFailureThreshold,
						Cause: 'The specified tolerated failure threshold was exceeded'
					}
				: failure;
			if (distributed) {
				this.#emit(thread, 'MapRunFailed', {
					stateName: run.name,
					mapRunFailedEventDetails: {
						error: f.Error,
						...(f.Cause !== undefined ? { cause: f.Cause } : {})
					}
				});
			}
			throw StatesError.propagate(f);
		}
		if (distributed) this.#emit(thread, 'MapRunSucceeded', { stateName: run.name });
		this.#emit(thread, 'MapStateSucceeded', { stateName: run.name });
		return results;
	}

	/** `MaxConcurrency`, `ToleratedFailureCount`, `ToleratedFailurePercentage` and their Path twins. */
	async #mapNumber(
		state: MapState,
		field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage',
		env: IntrinsicEnv,
		ql: QueryLanguage,
		scope: JsonataScope | undefined,
		kind: 'integer' | 'float'
	): Promise<number | undefined> {
		const literal = state[field];
		if (literal !== undefined) {
			if (typeof literal === 'number') return literal;
			if (ql === 'JSONata' && scope) {
				const expr = jsonataExpression(literal);
				const v = await evaluateJsonataTemplate(literal, scope, field);
				if (typeof v !== 'number' || (kind === 'integer' && !Number.isInteger(v))) {
					throw new StatesError(
						StatesErrors.QueryEvaluationError,
						`The JSONata expression '${expr ?? literal}' specified for the field '${field}' returned an unexpected result type. Expected '${kind}', but was '${jsonTypeName(v)}' for value: ${toJson(v)}`
					);
				}
				// AWS guide, "Transforming data": a value outside the field's range fails the
				// state with States.QueryEvaluationError.
				const max = field === 'ToleratedFailurePercentage' ? 100 : Infinity;
				if (v < 0 || v > max) {
					throw new StatesError(
						StatesErrors.QueryEvaluationError,
						`The JSONata expression '${expr ?? literal}' specified for the field '${field}' returned ${v}, which is out of range: it must be ${max === Infinity ? 'at least 0' : `between 0 and ${max}`}`
					);
				}
				return v;
			}
			return undefined;
		}
		const path = state[`${field}Path`];
		if (path === undefined) return undefined;
		const v = selectPath(path, env, `${field}Path`);
		let n: number | undefined;
		if (typeof v === 'number') n = v;
		else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) n = Number(v);
		if (n === undefined || (kind === 'integer' && !Number.isInteger(n))) {
			throw new StatesError(
				StatesErrors.Runtime,
				`The ${field}Path field refers to value "${typeof v === 'string' ? v : toJson(v)}" which is not a valid ${kind}: ${path}`
			);
		}
		return n;
	}

	/**
	 * `ItemBatcher`: groups iteration inputs into `{ Items, BatchInput }` objects (the child
	 * executions' inputs), with the number of items in each.
	 */
	async #batches(
		state: MapState,
		inputs: JsonValue[],
		env: IntrinsicEnv,
		ql: QueryLanguage,
		scope: JsonataScope | undefined
	): Promise<{ inputs: JsonValue[]; sizes: number[] }> {
		const b = state.ItemBatcher!;
		const num = async (
			field: 'MaxItemsPerBatch' | 'MaxInputBytesPerBatch'
		): Promise<number | undefined> => {
			const literal = b[field];
			if (typeof literal === 'number') return literal;
			// AWS guide, "ItemBatcher": a batch holds at most 256 KiB.
			const max = field === 'MaxInputBytesPerBatch' ? MAX_BATCH_BYTES : Infinity;
			const valid = (v: JsonValue): v is number =>
				typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max;
			const range = max === Infinity ? 'a positive integer' : `an integer from 1 to ${max}`;
			if (typeof literal === 'string' && ql === 'JSONata' && scope) {
				const v = await evaluateJsonataTemplate(literal, scope, `ItemBatcher/${field}`);
				if (!valid(v)) {
					throw new StatesError(
						StatesErrors.QueryEvaluationError,
						`The JSONata expression '${jsonataExpression(literal) ?? literal}' specified for the field '${field}' returned ${toJson(v)}, but it must be ${range}`
					);
				}
				return v;
			}
			const path = b[`${field}Path`];
			if (path !== undefined) {
				const v = selectPath(path, env, `${field}Path`);
				if (!valid(v)) {
					throw new StatesError(
						StatesErrors.Runtime,
						`The ${field}Path field refers to value "${toJson(v)}" which is not ${range}: ${path}`
					);
				}
				return v;
			}
			return undefined;
		};
		const maxItems = (await num('MaxItemsPerBatch')) ?? Infinity;
		// AWS guide, "ItemBatcher": "If you use batching and don't specify a maximum batch size,
		// the interpreter processes as many items it can process up to 256 KiB".
		const maxBytes = (await num('MaxInputBytesPerBatch')) ?? MAX_BATCH_BYTES;
		let batchInput: JsonValue | undefined;
		if (b.BatchInput !== undefined) {
			batchInput =
				ql === 'JSONata' && scope
					? await evaluateJsonataTemplate(b.BatchInput, scope, 'ItemBatcher/BatchInput')
					: evaluateTemplate(b.BatchInput, env);
		}
		const out: JsonValue[] = [];
		const sizes: number[] = [];
		let cur: JsonValue[] = [];
		let bytes = 0;
		const flush = () => {
			if (!cur.length) return;
			out.push(batchInput !== undefined ? { BatchInput: batchInput, Items: cur } : { Items: cur });
			sizes.push(cur.length);
			cur = [];
			bytes = 0;
		};
		for (const item of inputs) {
			const size = utf8Length(toJson(item));
			if (cur.length >= maxItems || (cur.length > 0 && bytes + size > maxBytes)) flush();
			cur.push(item);
			bytes += size;
		}
		flush();
		return { inputs: out, sizes };
	}
}

// ---------------------------------------------------------------------------------------------

interface ResourceKind {
	readonly type: 'lambda-arn' | 'lambda-invoke' | 'activity' | 'service';
	readonly resourceType: string;
	readonly resourceName: string;
}

/** Classifies a Task `Resource` the way AWS reports it in task events. */
function resourceKind(resource: string): ResourceKind {
	// The region and account may be the guide's placeholders ("region", "account-id") or absent.
	if (/^arn:[^:]+:lambda:(?:[^:]*:){0,2}function:/.test(resource)) {
		return { type: 'lambda-arn', resourceType: 'lambda', resourceName: resource };
	}
	const m = /^arn:[^:]+:states:::([^:]+):?(.*)$/.exec(resource);
	if (m) {
		const service = m[1];
		const action = m[2] || service;
		if (service === 'lambda' && /^invoke(\.|$)/.test(action)) {
			return { type: 'lambda-invoke', resourceType: 'lambda', resourceName: action };
		}
		// An SDK integration names its service in the type: `aws-sdk:s3` and `listBuckets`, as
		// GetExecutionHistory reports `arn:aws:states:::aws-sdk:s3:listBuckets`.
		const sdk = service === 'aws-sdk' ? /^([^:]+):(.+)$/.exec(action) : null;
		if (sdk) return { type: 'service', resourceType: `aws-sdk:${sdk[1]}`, resourceName: sdk[2] };
		return { type: 'service', resourceType: service, resourceName: action };
	}
	if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) {
		return { type: 'activity', resourceType: 'activity', resourceName: resource };
	}
	return { type: 'service', resourceType: 'activity', resourceName: resource };
}

/**
 * The function version Lambda runs for a function name (or ARN) and an optional `Qualifier`: a
 * numbered version when one is named, else `$LATEST`. An alias resolves to a version the
 * playground does not know, so it also runs `$LATEST`.
 */
function functionVersion(nameOrArn: string, qualifier?: JsonValue): string {
	const named =
		typeof qualifier === 'string' ? qualifier : /(?:^|function:)[\w-]+:(\d+)$/.exec(nameOrArn)?.[1];
	return named !== undefined && /^\d+$/.test(named) ? named : '$LATEST';
}

function lambdaName(nameOrArn: string): string {
	const m = /^(?:arn:[^:]+:lambda:(?:[^:]*:){0,2}function:|[^:]*:function:|function:)?([^:]+)/.exec(
		nameOrArn
	);
	return m ? m[1] : nameOrArn;
}

function lambdaArn(nameOrArn: string, region: string): string {
	return nameOrArn.startsWith('arn:')
		? nameOrArn
		: `arn:aws:lambda:${region}:111111111111:function:${lambdaName(nameOrArn)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 date, as in the HTTP `Date` header. */
function httpDate(epochMs: number): string {
	const iso = formatTimestamp(epochMs);
	const [y, mo, d] = iso.slice(0, 10).split('-').map(Number);
	const dow = DAYS[(Math.floor(epochMs / 86_400_000) + 4) % 7];
	return `${dow}, ${String(d).padStart(2, '0')} ${MONTHS[mo - 1]} ${y} ${iso.slice(11, 19)} GMT`;
}

/** `LogType: Tail`: the base64 tail of the invocation's log, as Lambda returns it. */
function logResult(requestId: string, logs: readonly TaskLog[], durationMs: number): string {
	const lines = [`START RequestId: ${requestId} Version: $LATEST`];
	for (const l of logs) lines.push(`${l.level.toUpperCase()}\t${l.message}`);
	lines.push(`END RequestId: ${requestId}`);
	lines.push(
		`REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\tMemory Size: 128 MB`
	);
	const text = lines.join('\n') + '\n';
	return base64Encode(text.length > 4096 ? text.slice(-4096) : text);
}

/** The response AWS wraps around a `lambda:invoke` result. */
function lambdaEnvelope(
	payload: JsonValue,
	requestId: string,
	epochMs: number,
	version: string,
	logTail?: string
): JsonValue {
	const length = String(utf8Length(toJson(payload)));
	const date = httpDate(epochMs);
	const trace = `Root=1-${requestId.slice(0, 8)}-${requestId.replace(/-/g, '').slice(8, 32)}`;
	return {
		ExecutedVersion: version,
		...(logTail !== undefined ? { LogResult: logTail } : {}),
		Payload: payload,
		SdkHttpMetadata: {
			AllHttpHeaders: {
				...(logTail !== undefined ? { 'X-Amz-Log-Result': [logTail] } : {}),
				'X-Amz-Executed-Version': [version],
				'x-amzn-Remapped-Content-Length': ['0'],
				Connection: ['keep-alive'],
				'x-amzn-RequestId': [requestId],
				'Content-Length': [length],
				Date: [date],
				'X-Amzn-Trace-Id': [trace],
				'Content-Type': ['application/json']
			},
			HttpHeaders: {
				Connection: 'keep-alive',
				'Content-Length': length,
				'Content-Type': 'application/json',
				Date: date,
				'X-Amz-Executed-Version': version,
				'x-amzn-Remapped-Content-Length': '0',
				'x-amzn-RequestId': requestId,
				'X-Amzn-Trace-Id': trace
			},
			HttpStatusCode: 200
		},
		SdkResponseMetadata: { RequestId: requestId },
		StatusCode: 200
	};
}

/**
 * What `lambda:invoke` returns for `InvocationType` `Event` (asynchronous: Lambda queues the event
 * and answers 202 at once) and `DryRun` (204, nothing runs): a status code and an empty payload,
 * without the function's result or `ExecutedVersion` (Lambda API reference, Invoke: "For the
 * Event invocation type, this status code is 202. For the DryRun invocation type, the status code
 * is 204.").
 */
function lambdaAcceptedEnvelope(
	invocationType: 'Event' | 'DryRun',
	requestId: string,
	epochMs: number
): JsonValue {
	const status = invocationType === 'Event' ? 202 : 204;
	const date = httpDate(epochMs);
	const trace = `Root=1-${requestId.slice(0, 8)}-${requestId.replace(/-/g, '').slice(8, 32)}`;
	return {
		Payload: '',
		SdkHttpMetadata: {
			AllHttpHeaders: {
				Connection: ['keep-alive'],
				'x-amzn-RequestId': [requestId],
				'Content-Length': ['0'],
				Date: [date],
				'X-Amzn-Trace-Id': [trace]
			},
			HttpHeaders: {
				Connection: 'keep-alive',
				'Content-Length': '0',
				Date: date,
				'x-amzn-RequestId': requestId,
				'X-Amzn-Trace-Id': trace
			},
			HttpStatusCode: status
		},
		SdkResponseMetadata: { RequestId: requestId },
		StatusCode: status
	};
}

/** Errors with which Lambda refuses an invocation request itself, before the function runs. */
const LAMBDA_REQUEST_ERRORS: ReadonlySet<string> = new Set([
	'Lambda.ResourceNotFoundException',
	'Lambda.ServiceException'
]);

/**
 * An asynchronous invocation (`InvocationType: Event`): the task does not wait for the function,
 * and the function's own failure (or timeout) does not reach it. Lambda still refuses the
 * request itself (an unknown function, a service error), which fails the task.
 */
function acceptedEvent(result: TaskResult): TaskResult {
	if (!result.ok && LAMBDA_REQUEST_ERRORS.has(result.Error)) return { ...result, elapsedMs: 0 };
	return { ok: true, output: null, ...(result.logs ? { logs: result.logs } : {}) };
}

/** An option's value raised to `min`, or `fallback` when it is absent or not a number. */
function atLeast(min: number, value: number | undefined, fallback: number): number {
	return value === undefined || Number.isNaN(value) ? fallback : Math.max(min, value);
}

/**
 * The outcome of an attempt with an injected fault. A timeout runs past the task's
 * TimeoutSeconds when it has one (so the engine times it out), else fails as States.Timeout.
 */
function injectedFailure(fault: FaultInjection, timeoutMs: number | undefined): TaskResult {
	const cause = fault.cause ?? `Injected by the playground: ${fault.error}`;
	if (fault.error === StatesErrors.Timeout && timeoutMs !== undefined) {
		return { ok: true, output: null, elapsedMs: timeoutMs + 1 };
	}
	return { ok: false, Error: fault.error, Cause: cause };
}

/** A callback task: `….waitForTaskToken`. */
function isCallback(resource: string): boolean {
	return resource.endsWith('.waitForTaskToken');
}

/** A service integration that runs a job and waits for it: `….sync` or `….sync:2`. */
function isSyncJob(resource: string): boolean {
	return /^arn:[^:]+:states:::.+\.sync(?::2)?$/.test(resource);
}

/** An opaque task token, from the execution's PRNG (AWS tokens are long base64 strings). */
function taskTokenFrom(random: Random): string {
	const hex = (random.uuid() + random.uuid() + random.uuid()).replace(/-/g, '');
	let out = 'AAAA';
	for (let i = 0; i + 2 <= hex.length; i += 2) {
		out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[
			parseInt(hex.slice(i, i + 2), 16) & 63
		];
	}
	return out;
}

/** A duration in whole virtual ms (the clock only holds integers). */
function nonNegativeMs(v: number | undefined): number {
	return v !== undefined && v > 0 ? Math.round(v) : 0;
}

/** `b1/i3`: the branch and iteration indices from the top level down to a thread. */
function laneOf(thread: Thread): string {
	const parts: string[] = [];
	for (let t: Thread | undefined = thread; t; t = t.owner) {
		if (t.lane.branch !== undefined) parts.push(`b${t.lane.branch}`);
		else if (t.lane.iteration !== undefined) parts.push(`i${t.lane.iteration}`);
	}
	return parts.reverse().join('/');
}

function failureDetails(f: StatesFailure): { error?: string; cause?: string } {
	const out: { error?: string; cause?: string } = {};
	if (f.Error !== undefined) out.error = f.Error;
	if (f.Cause !== undefined) out.cause = f.Cause;
	return out;
}

function asText(v: JsonValue): string {
	return typeof v === 'string' ? v : toJson(v);
}

function jsonTypeName(v: JsonValue | undefined): string {
	if (v === undefined) return 'undefined';
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	return typeof v;
}
