/**
 * The `HistoryEventType` values of the AWS Step Functions API reference (`HistoryEvent`), as
 * listed in asl-reference.md §1.12. An event type outside this list would not paste into or out of
 * a real `GetExecutionHistory` response.
 */
export const AWS_HISTORY_EVENT_TYPES: ReadonlySet<string> = new Set(
	`ActivityFailed ActivityScheduled ActivityScheduleFailed ActivityStarted
	ActivitySucceeded ActivityTimedOut ChoiceStateEntered ChoiceStateExited
	ExecutionAborted ExecutionFailed ExecutionStarted ExecutionSucceeded
	ExecutionTimedOut ExecutionRedriven FailStateEntered
	LambdaFunctionFailed LambdaFunctionScheduled LambdaFunctionScheduleFailed
	LambdaFunctionStarted LambdaFunctionStartFailed LambdaFunctionSucceeded
	LambdaFunctionTimedOut MapIterationAborted MapIterationFailed
	MapIterationStarted MapIterationSucceeded MapRunAborted MapRunFailed
	MapRunRedriven MapRunStarted MapRunSucceeded MapStateAborted MapStateEntered
	MapStateExited MapStateFailed MapStateStarted MapStateSucceeded
	ParallelStateAborted ParallelStateEntered ParallelStateExited
	ParallelStateFailed ParallelStateStarted ParallelStateSucceeded
	PassStateEntered PassStateExited SucceedStateEntered SucceedStateExited
	TaskFailed TaskScheduled TaskStarted TaskStartFailed TaskStateAborted
	TaskStateEntered TaskStateExited TaskSubmitFailed TaskSubmitted TaskSucceeded
	TaskTimedOut WaitStateAborted WaitStateEntered WaitStateExited
	EvaluationFailed`.split(/\s+/)
);
