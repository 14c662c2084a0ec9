import { executionOutcome } from '../../../engine/core.js';
import type {
	FaultInjection,
	HistoryEvent,
	State,
	StateMachineBlock,
	StateMachineDefinition,
	StateType
} from '../../../engine/index.js';
import { lambdaErrorPayload } from './history-rows.js';
import { mapRunProgress } from './map-run.js';
import { failedVisits, lastTopLevelVisit, visitAt, type StateVisit } from './visits.js';

/** Why a run did not succeed, in words. */
export interface FailureExplanation {
	readonly status: 'FAILED' | 'TIMED_OUT' | 'ABORTED';
	/** The state that failed (the last visit that failed), when one did. */
	readonly stateName?: string;
	readonly stateType?: StateType;
	/** `…StateEntered` id of the failed visit. */
	readonly enteredId?: number;
	/** Where the failed visit ran (`''` at the top level). */
	readonly lane?: string;
	readonly error: string;
	readonly cause?: string;
	/** A short headline, e.g. `"Charge" timed out`. */
	readonly title: string;
	/** One or two plain-English sentences. */
	readonly explanation: string;
	/**
	 * The Lambda function that has no handler (`Lambda.ResourceNotFoundException`), so the UI can
	 * offer to add one: a name only known at run time (`FunctionName.$`) has no tab to add it in.
	 */
	readonly missingFunction?: string;
}

const LOCATED =
	/^An error occurred while executing the state '(.*)' \(entered at the event id #(\d+)\)\.\s*/s;

/**
 * Explains a run that failed, timed out or was aborted (undefined while it runs or when it
 * succeeded): which state failed, and a sentence for the common ASL and sandbox errors. The
 * failed state is the one AWS names in a run-time error's cause, else the last failed visit
 * whose error is the execution's, else the last failed visit. `definition` adds detail (a task's
 * `TimeoutSeconds`, the machine's own); `faults`, the run's injected failures (`RunRequest`),
 * tell a timeout the simulation injected from one the task ran into.
 */
export function failureExplanation(
	events: readonly HistoryEvent[],
	definition?: StateMachineDefinition,
	faults?: Readonly<Record<string, FaultInjection>>
): FailureExplanation | undefined {
	const outcome = executionOutcome(events);
	if (outcome.status === 'RUNNING' || outcome.status === 'SUCCEEDED') return undefined;
	const status = outcome.status;
	const error = outcome.error ?? '';
	const cause = outcome.cause;
	const located = cause ? LOCATED.exec(cause) : null;
	const failed = failedVisits(events);
	// A Fail state that passes on a caught error's cause (`"CausePath": "$.Cause"`) ends the run
	// with a cause naming the state that raised it; the run still ended in the Fail state.
	const endedInFail = failed.findLast(
		(v) =>
			v.type === 'Fail' &&
			v.error?.error === error &&
			v.error?.cause === cause &&
			located?.[1] !== v.stateName
	);
	const visit =
		endedInFail ||
		(located && visitAt(events, Number(located[2]))) ||
		failed.findLast((v) => v.error?.error === error) ||
		failed.at(-1) ||
		lastTopLevelVisit(events);
	const name = visit?.stateName;
	const q = name !== undefined ? `"${name}"` : 'the state';
	const base = {
		status,
		error,
		cause,
		stateName: name,
		stateType: visit?.type,
		enteredId: visit?.enteredId,
		lane: visit?.lane
	};
	const say = (title: string, explanation: string): FailureExplanation => ({
		...base,
		title,
		explanation: explanation + retried(visit)
	});
	const detail = cause?.replace(LOCATED, '') ?? '';
	const handler = lambdaErrorPayload(cause);

	if (status === 'ABORTED')
		return {
			...base,
			title: 'The execution was stopped',
			explanation: cause || 'It was aborted before it ended.'
		};
	if (status === 'TIMED_OUT') {
		const limit = definition?.TimeoutSeconds;
		return {
			...base,
			title: 'The execution timed out',
			explanation:
				limit !== undefined && !/maximum duration/.test(cause ?? '')
					? `The whole run took longer than the state machine's TimeoutSeconds (${limit} s)${name ? `; ${q} was running` : ''}.`
					: (cause ?? 'The whole run took longer than it is allowed to.')
		};
	}
	if (visit?.type === 'Fail' && (!located || visit === endedInFail)) {
		return say(
			`The run reached the Fail state ${q}`,
			`The state machine ended in its Fail state ${q}${error ? ` with the error "${error}"` : ''}${cause ? `: ${cause}` : '.'}`
		);
	}
	// An injected timeout ends at the task's first limit: TimeoutSeconds, or HeartbeatSeconds for
	// an activity or a callback.
	if (
		(error === 'States.Timeout' || error === 'States.HeartbeatTimeout') &&
		visit &&
		injected(faults?.[visit.stateName], visit, 'States.Timeout')
	) {
		return say(
			`${q} timed out (injected)`,
			`The simulation settings of ${q} inject a timeout${faults?.[visit.stateName]?.attempts ? ' into this attempt' : ''}: its handler did not run. Set the injected failure to None to run it.`
		);
	}
	switch (error) {
		case 'States.Timeout': {
			if (/CPU limit/.test(cause ?? '')) {
				return say(
					`${q} timed out`,
					`The handler of ${q} ran longer than the sandbox's CPU limit — an endless loop?`
				);
			}
			const seconds = name && definition ? taskTimeout(definition, name) : undefined;
			return say(
				`${q} timed out`,
				`${q} ran longer than its TimeoutSeconds${seconds !== undefined ? ` (${seconds} s)` : ''} (or the sandbox's CPU limit — an endless loop?).`
			);
		}
		case 'States.HeartbeatTimeout': {
			const found = name && definition ? findState(definition, name) : undefined;
			const seconds =
				found?.Type === 'Task' && typeof found.HeartbeatSeconds === 'number'
					? ` (${found.HeartbeatSeconds} s)`
					: '';
			return say(
				`${q} missed its heartbeat`,
				`${q} waits for a worker or a callback that must report progress every HeartbeatSeconds${seconds}. A handler here cannot send heartbeats, so one that takes longer times out, as an AWS worker that never calls SendTaskHeartbeat would.`
			);
		}
		case 'States.Runtime':
			if (/maximum number of history events/.test(detail)) {
				return say(
					'The history grew too long',
					`${detail} A loop that never ends, or a Map over very many items, does this; AWS stops at 25,000 events too.`
				);
			}
			return say(
				`Run-time error in ${q}`,
				`${q} could not run: ${sentence(detail || 'a run-time error')} Run-time errors (a path that matches nothing, a value of the wrong type) cannot be retried or caught.`
			);
		case 'States.DataLimitExceeded':
			return say(
				`Too much data in ${q}`,
				`A value in ${q} (its input, output, task result or a variable) is larger than the 256 KiB payload limit.`
			);
		case 'States.NoChoiceMatched':
			return say(
				`No choice matched in ${q}`,
				`None of the rules of the Choice state ${q} matched its input, and it has no Default.`
			);
		case 'States.QueryEvaluationError':
			return say(
				`Expression failed in ${q}`,
				`A JSONata expression of ${q} could not be evaluated: ${sentence(detail)}`
			);
		case 'States.ExceedToleratedFailureThreshold': {
			const p = name ? mapRunProgress(events, name) : undefined;
			if (p?.distributed) {
				const found = name && definition ? findState(definition, name) : undefined;
				const tolerates = Object.keys(found ?? {}).some((k) => k.startsWith('ToleratedFailure'));
				return say(
					`Items of ${q} failed`,
					(tolerates
						? `More items of the Distributed Map ${q} failed than its ToleratedFailureCount or ToleratedFailurePercentage allows. `
						: `An item of the Distributed Map ${q} failed, and it tolerates none: it sets no ToleratedFailureCount or ToleratedFailurePercentage. `) +
						`Each of its ${p.total} items ran as a child execution; as on AWS, their events are not in this history. To see why an item fails, set its ProcessorConfig Mode to INLINE: each iteration's events then show here.`
				);
			}
			const counts = p ? ` (${p.failed} of ${p.total} iterations failed)` : '';
			return say(
				`Too many iterations of ${q} failed`,
				`More iterations of the Map state ${q} failed than its ToleratedFailureCount or ToleratedFailurePercentage allows${counts}.`
			);
		}
		case 'Lambda.ResourceNotFoundException': {
			const fn = /function:([^\s:;)]+)/.exec(cause ?? '')?.[1];
			const explained = say(
				`No handler${fn ? ` named "${fn}"` : ''}`,
				`There is no handler named "${fn ?? '?'}". Add a handler with that name, or fix the function name in the Resource (or FunctionName) of ${q}.`
			);
			return fn ? { ...explained, missingFunction: fn } : explained;
		}
		case 'Runtime.UserCodeSyntaxError':
			return say(
				`The handler of ${q} does not parse`,
				`The handler code of ${q} has a syntax error: ${handler?.errorMessage ?? cause ?? ''}`
			);
		case 'Runtime.HandlerNotFound':
			return say(
				`The handler of ${q} is missing`,
				`The handler module of ${q} does not export a function named handler.`
			);
		case 'Runtime.OutOfMemory':
			return say(
				`The handler of ${q} ran out of memory`,
				handler?.errorMessage ?? cause ?? 'The handler used more memory than the sandbox allows.'
			);
		case 'Runtime.MarshalError':
			return say(
				`The handler of ${q} returned a value JSON cannot hold`,
				handler?.errorMessage ?? cause ?? ''
			);
		case 'Runtime.ImportModuleError':
			return say(
				`The handler of ${q} imports a module`,
				`Handlers run without modules: ${handler?.errorMessage ?? cause ?? ''}`
			);
	}
	const commonJs =
		handler?.errorType === 'ReferenceError'
			? /^'(exports|module|require)' is not defined$/.exec(handler.errorMessage ?? '')?.[1]
			: undefined;
	// A CommonJS handler runs (as on Lambda, an index.js); these come from an ES module (a file with
	// export or import, an index.mjs) that also uses CommonJS, where those names do not exist.
	if (commonJs === 'require')
		return say(
			`The handler of ${q} calls require`,
			`The handler of ${q} is an ES module (it uses export or import) and loads a module with require, which ES modules do not have. Handlers run as one self-contained file with nothing else deployed: remove the require and write what it gave inline.`
		);
	if (commonJs)
		return say(
			`The handler of ${q} mixes ES module and CommonJS`,
			`The handler of ${q} uses export or import (an ES module, as a Lambda index.mjs) and also sets ${commonJs === 'module' ? 'module.exports' : 'exports.handler'} (CommonJS, as an index.js). A file is one or the other: write "export const handler = async (event) => { … }", or drop export and import.`
		);
	if (handler) {
		return say(
			`${q} failed: ${handler.errorType}`,
			`The handler of ${q} threw ${handler.errorType}: ${handler.errorMessage}`
		);
	}
	return say(
		`${q} failed${error ? `: ${error}` : ''}`,
		`${q} failed with ${error ? `the error "${error}"` : 'an error'}${cause ? `: ${cause}` : '.'}`
	);
}

/** Ends a message with a full stop when it has none. */
function sentence(text: string): string {
	return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** Whether `fault` injected `error` into the last attempt of `visit`. */
function injected(fault: FaultInjection | undefined, visit: StateVisit, error: string): boolean {
	if (!fault || fault.error !== error) return false;
	return !fault.attempts || fault.attempts.includes(visit.attempts - 1);
}

function retried(visit: StateVisit | undefined): string {
	return visit && visit.attempts > 1 ? ` It was tried ${visit.attempts} times.` : '';
}

/** The literal `TimeoutSeconds` of a Task state named `name`, anywhere in the definition. */
function taskTimeout(block: StateMachineBlock, name: string): number | undefined {
	const found = findState(block, name);
	return found?.Type === 'Task' && typeof found.TimeoutSeconds === 'number'
		? found.TimeoutSeconds
		: undefined;
}

/** The first state named `name`, searching branches and item processors too. */
export function findState(block: StateMachineBlock, name: string): State | undefined {
	const own = block.States?.[name];
	if (own) return own;
	for (const state of Object.values(block.States ?? {})) {
		const inner =
			state.Type === 'Parallel'
				? state.Branches
				: state.Type === 'Map'
					? [state.ItemProcessor ?? state.Iterator].filter((b) => b !== undefined)
					: [];
		for (const b of inner) {
			const hit = findState(b, name);
			if (hit) return hit;
		}
	}
	return undefined;
}
