/**
 * ASL Playground engine: the public API. Everything else under `engine/` is internal.
 *
 * Phases stay separate: parse (text → definition + source map) → validate (→ diagnostics) →
 * execute (→ history events). The engine has no DOM, no wall clock and no `Math.random`.
 */

export type {
	JsonValue,
	JsonObject,
	QueryLanguage,
	StateType,
	State,
	StateMachineBlock,
	StateMachineDefinition,
	PassState,
	TaskState,
	ChoiceState,
	ChoiceRule,
	WaitState,
	SucceedState,
	FailState,
	ParallelState,
	MapState,
	Retrier,
	Catcher
} from './asl/types.js';
export type { Diagnostic, StatesFailure } from './errors.js';
export { StatesErrors } from './errors.js';
export type { SourceMap, SourceSpan } from './asl/json-source.js';
export type { ParsedDefinition } from './asl/parse.js';
// Parsing, source maps and the derivations over histories (the main thread's part of the API).
export * from './core.js';
export { validateDefinition, type ValidateOptions } from './asl/validate.js';
export type { DiagnosticCode } from './asl/messages.js';
export type {
	HistoryEvent,
	HistoryEventType,
	ExecutionStatus,
	ExecutionOutcome,
	StateStatus,
	MapProgress,
	ProcessingStage
} from './history.js';
export type { InvokeTask, TaskRequest, TaskResult, TaskContext, TaskLog } from './run/task.js';
export type { Execution, ExecutionOptions, FaultInjection, LatencyRequest } from './run/execute.js';
export { startExecution } from './run/execute.js';
export type { LatencyProfile, LatencySpec } from './run/latency.js';
export { latencyModel } from './run/latency.js';
export { DEFAULT_START_TIME, formatTimestamp, parseTimestamp } from './clock.js';
export type { StateVisit, VisitSegment, TimelineLane } from './analysis.js';
export type { ScheduleComparison, ScheduleRun } from './compare.js';
export { compareSchedules } from './compare.js';
