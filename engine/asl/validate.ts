import type { Diagnostic } from '../errors.js';
import type { SourceMap } from './json-source.js';
import { describeJson } from './parse.js';
import type { QueryLanguage } from './types.js';
import {
	Checker,
	checkObjectFields,
	checkStateFields,
	child,
	closestName,
	FLOW_TYPES,
	hasField,
	isObject,
	STATE_TYPES,
	type Obj
} from './validate-fields.js';
import { checkTarget, type BlockNames } from './validate-rules.js';
import { checkDataFields, STATE_CHECKS, type StateContext } from './validate-states.js';
import {
	checkComment,
	checkEnum,
	checkNumber,
	checkString,
	TIMEOUT_SECONDS
} from './validate-values.js';

/**
 * Static validation of a state machine definition (the second phase: definition → diagnostics).
 * This file walks the machine block by block and state by state, and checks names, transitions
 * and reachability. The rest is split by concern:
 * - `validate-fields.ts`: the diagnostic collector and which fields each state type allows;
 * - `validate-states.ts`: the checks specific to each state type;
 * - `validate-rules.ts`: Choice rules, Retry and Catch;
 * - `validate-values.ts`: numbers, paths, payload templates, JSONata and variable names.
 */

/** What the validator may know beyond the definition. */
export interface ValidateOptions {
	/**
	 * Whether a handler of the workspace stands for a service resource (the engine's `handles`
	 * option): a Distributed Map's `ItemReader` with one reads through it, and its `not_emulated`
	 * warning says so instead of saying the Map iterates over its input.
	 */
	readonly handles?: (resource: string) => boolean;
}

/**
 * Checks a parsed definition against the Amazon States Language as AWS accepts it and returns
 * every problem found, sorted by source position. Pure and synchronous; never throws, whatever
 * the input. Each diagnostic's `path` is the JSON Pointer of the offending value (of the member
 * name for unknown or misplaced fields); `from`/`to` come from `sourceMap` (the nearest existing
 * ancestor when the pointer is absent, 0/0 without a map).
 */
export function validateDefinition(
	definition: unknown,
	sourceMap?: SourceMap,
	options: ValidateOptions = {}
): Diagnostic[] {
	const c = new Checker(sourceMap, options.handles);
	if (!isObject(definition)) {
		c.report('not_an_object', { found: describeJson(definition) }, '');
		return c.diagnostics;
	}
	const language = machineLanguage(c, definition);
	const all = new Set<string>();
	collectStateNames(c, definition, '', all, 0);
	checkLabelsUnique(c, definition, '', new Set(), 0);
	const machine: Machine = { language, all };
	checkBlock(c, machine, definition, '', 'machine', 'The state machine', 0);
	if (hasField(definition, 'TimeoutSeconds')) {
		const value = definition.TimeoutSeconds;
		checkNumber(c, value, '/TimeoutSeconds', 'TimeoutSeconds', TIMEOUT_SECONDS, 'JSONPath');
	}
	if (hasField(definition, 'Version')) checkString(c, definition.Version, '/Version', 'Version');
	// Stable sort: diagnostics at the same offset keep the walk order.
	return c.diagnostics.sort((a, b) => a.from - b.from);
}

/** What every state needs to know about the whole machine. */
interface Machine {
	/** The top-level query language, which every state inherits (asl-reference.md §1.1). */
	readonly language: QueryLanguage;
	/** Every state name in the machine, to tell a typo from a transition across blocks. */
	readonly all: ReadonlySet<string>;
}

const LANGUAGES = ['JSONPath', 'JSONata'];

function machineLanguage(c: Checker, definition: Obj): QueryLanguage {
	if (!hasField(definition, 'QueryLanguage')) return 'JSONPath';
	const value = definition.QueryLanguage;
	if (value === 'JSONPath' || value === 'JSONata') return value;
	checkEnum(c, value, '/QueryLanguage', 'QueryLanguage', LANGUAGES);
	return 'JSONPath';
}

/** Child blocks of a state: Parallel branches and the Map processor, with their pointers. */
function childBlocks(state: Obj, pointer: string): [Obj, string, 'branch' | 'processor'][] {
	const out: [Obj, string, 'branch' | 'processor'][] = [];
	if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
		const branches: unknown[] = state.Branches;
		const at = child(pointer, 'Branches');
		for (let i = 0; i < branches.length; i++) {
			const branch = branches[i];
			if (isObject(branch)) out.push([branch, child(at, i), 'branch']);
		}
	} else if (state.Type === 'Map') {
		for (const key of ['ItemProcessor', 'Iterator']) {
			const processor = hasField(state, key) ? state[key] : undefined;
			if (isObject(processor)) out.push([processor, child(pointer, key), 'processor']);
		}
	}
	return out;
}

/** Collects every state name in the machine; a repeated name is `duplicate_state_name`. */
function collectStateNames(
	c: Checker,
	block: Obj,
	pointer: string,
	all: Set<string>,
	depth: number
): void {
	const states = hasField(block, 'States') ? block.States : undefined;
	if (!isObject(states) || depth > MAX_BLOCK_DEPTH) return;
	const statesAt = child(pointer, 'States');
	for (const name of Object.keys(states)) {
		const at = child(statesAt, name);
		if (all.has(name)) c.report('duplicate_state_name', { name }, at, 'key');
		all.add(name);
		const state = states[name];
		if (!isObject(state)) continue;
		for (const [inner, innerAt] of childBlocks(state, at)) {
			collectStateNames(c, inner, innerAt, all, depth + 1);
		}
	}
}

/**
 * A Map `Label` must be unique within the state machine definition (AWS guide, "Distributed Map
 * state", Label); a repeated one is reported where it repeats.
 */
function checkLabelsUnique(
	c: Checker,
	block: Obj,
	pointer: string,
	seen: Set<string>,
	depth: number
): void {
	const states = hasField(block, 'States') ? block.States : undefined;
	if (!isObject(states) || depth > MAX_BLOCK_DEPTH) return;
	for (const name of Object.keys(states)) {
		const state = states[name];
		if (!isObject(state)) continue;
		const at = child(child(pointer, 'States'), name);
		if (state.Type === 'Map' && typeof state.Label === 'string') {
			if (seen.has(state.Label)) {
				const expected = `unique within the state machine: another Map state has the label '${state.Label}'`;
				c.report('invalid_value', { field: 'Label', expected }, child(at, 'Label'));
			}
			seen.add(state.Label);
		}
		for (const [inner, innerAt] of childBlocks(state, at)) {
			checkLabelsUnique(c, inner, innerAt, seen, depth + 1);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Blocks: the machine, Parallel branches and Map processors

const BLOCK_FIELDS = {
	machine: new Set(['StartAt', 'States', 'Comment', 'QueryLanguage', 'TimeoutSeconds', 'Version']),
	branch: new Set(['StartAt', 'States', 'Comment']),
	processor: new Set(['StartAt', 'States', 'Comment', 'ProcessorConfig'])
};
const TOP_LEVEL_ONLY = 'the top level of the state machine';
const BLOCK_ELSEWHERE = {
	machine: new Map([['ProcessorConfig', "a Map state's ItemProcessor"]]),
	branch: new Map([
		['QueryLanguage', TOP_LEVEL_ONLY],
		['TimeoutSeconds', TOP_LEVEL_ONLY],
		['Version', TOP_LEVEL_ONLY],
		['ProcessorConfig', "a Map state's ItemProcessor"]
	]),
	processor: new Map([
		['QueryLanguage', TOP_LEVEL_ONLY],
		['TimeoutSeconds', TOP_LEVEL_ONLY],
		['Version', TOP_LEVEL_ONLY]
	])
};

/**
 * Parallel and Map nesting the walk follows. Parsed text cannot go deeper anyway (its nesting is
 * capped); this keeps a definition built in code from exhausting the call stack.
 */
const MAX_BLOCK_DEPTH = 250;

/** What the reachability walk needs to know about one state. */
interface StateSummary {
	/** Names this state can transition to. */
	readonly targets: readonly string[];
	/**
	 * Ends the block (End, Succeed, Fail), or is a dead end already reported (missing transition,
	 * unknown type), which is counted as an end so one mistake gives one diagnostic.
	 */
	readonly terminal: boolean;
}

function checkBlock(
	c: Checker,
	machine: Machine,
	block: Obj,
	pointer: string,
	kind: 'machine' | 'branch' | 'processor',
	owner: string,
	depth: number
): void {
	if (depth > MAX_BLOCK_DEPTH) return;
	checkObjectFields(c, block, pointer, owner, BLOCK_FIELDS[kind], {
		elsewhere: BLOCK_ELSEWHERE[kind]
	});
	checkComment(c, block, pointer);
	if (kind === 'processor' && hasField(block, 'ProcessorConfig')) {
		checkProcessorConfig(c, block.ProcessorConfig, child(pointer, 'ProcessorConfig'));
	}
	const statesAt = child(pointer, 'States');
	let states: Obj | undefined;
	if (!hasField(block, 'States')) {
		c.missing(pointer, 'States', owner, 'It holds the states, keyed by name.');
	} else if (isObject(block.States)) states = block.States;
	else {
		const expected = 'an object whose keys are state names and whose values are states';
		c.report('invalid_value', { field: 'States', expected }, statesAt);
	}
	const names: BlockNames = { local: new Set(states ? Object.keys(states) : []), all: machine.all };
	const startAt = checkStartAt(c, block, pointer, owner, states ? names : undefined);
	if (!states) return;
	const summaries = new Map<string, StateSummary>();
	for (const name of names.local) {
		const at = child(statesAt, name);
		summaries.set(name, checkState(c, machine, name, states[name], at, names, depth));
	}
	if (startAt !== undefined) checkReachability(c, summaries, startAt, statesAt, owner);
}

/** Returns the StartAt name when it names a state of the block. */
function checkStartAt(
	c: Checker,
	block: Obj,
	pointer: string,
	owner: string,
	names: BlockNames | undefined
): string | undefined {
	const at = child(pointer, 'StartAt');
	if (!hasField(block, 'StartAt')) {
		c.missing(pointer, 'StartAt', owner, 'It names the state to run first.');
		return undefined;
	}
	const value = block.StartAt;
	if (typeof value !== 'string') {
		c.report('invalid_value', { field: 'StartAt', expected: 'the name of a state' }, at);
		return undefined;
	}
	if (!names) return undefined;
	if (names.local.has(value)) return value;
	const suggestion = closestName(value, names.local);
	c.report('unknown_start_at', { name: value, suggestion }, at);
	return undefined;
}

function checkProcessorConfig(c: Checker, value: unknown, pointer: string): void {
	if (!isObject(value)) {
		c.report('invalid_value', { field: 'ProcessorConfig', expected: 'an object' }, pointer);
		return;
	}
	if (hasField(value, 'Mode')) {
		checkEnum(c, value.Mode, child(pointer, 'Mode'), 'Mode', ['INLINE', 'DISTRIBUTED']);
	}
	if (hasField(value, 'ExecutionType')) {
		const options = ['STANDARD', 'EXPRESS'];
		checkEnum(c, value.ExecutionType, child(pointer, 'ExecutionType'), 'ExecutionType', options);
	}
}

/** Unreachable states (warnings), and a block from which no end can be reached. */
function checkReachability(
	c: Checker,
	summaries: ReadonlyMap<string, StateSummary>,
	startAt: string,
	statesAt: string,
	owner: string
): void {
	const reached = new Set<string>([startAt]);
	const queue = [startAt];
	let canEnd = false;
	while (queue.length > 0) {
		const summary = summaries.get(queue.pop()!);
		if (!summary) continue;
		if (summary.terminal) canEnd = true;
		for (const target of summary.targets) {
			if (!reached.has(target) && summaries.has(target)) {
				reached.add(target);
				queue.push(target);
			}
		}
	}
	for (const name of summaries.keys()) {
		if (!reached.has(name)) c.report('unreachable_state', { name }, child(statesAt, name), 'key');
	}
	if (!canEnd) c.report('no_terminal_state', { owner }, statesAt, 'key');
}

// ---------------------------------------------------------------------------------------------
// States

const DEAD_END: StateSummary = { targets: [], terminal: true };

function checkState(
	c: Checker,
	machine: Machine,
	name: string,
	state: unknown,
	pointer: string,
	names: BlockNames,
	depth: number
): StateSummary {
	if (name.length > 80 && [...name].length > 80) {
		c.report('state_name_too_long', { name, length: [...name].length }, pointer, 'key');
	}
	if (!isObject(state)) {
		const expected = 'an object with a "Type" field, like { "Type": "Pass", "End": true }';
		c.report('invalid_value', { field: name, expected }, pointer);
		return DEAD_END;
	}
	const type = state.Type;
	if (!hasField(state, 'Type')) {
		const hint =
			"Use one of 'Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel' or 'Map'.";
		c.missing(pointer, 'Type', `State '${name}'`, hint);
		return DEAD_END;
	}
	if (typeof type !== 'string' || !STATE_TYPES.has(type)) {
		const shown = typeof type === 'string' ? type : JSON.stringify(type);
		c.report('invalid_state_type', { type: shown }, child(pointer, 'Type'));
		return DEAD_END;
	}
	const language = stateLanguage(c, machine, state, pointer, name);
	const allowed = checkStateFields(c, state, pointer, type, language);
	const checkInner: StateContext['checkBlock'] = (block, at, kind, owner) =>
		checkBlock(c, machine, block, at, kind, owner, depth + 1);
	const s: StateContext = {
		c,
		state,
		pointer,
		name,
		type,
		language,
		allowed,
		names,
		checkBlock: checkInner
	};
	checkDataFields(s);
	STATE_CHECKS[type]?.(s);
	return summarize(s);
}

/** The state's own QueryLanguage, else the machine's (never a parent Map's or Parallel's). */
function stateLanguage(
	c: Checker,
	machine: Machine,
	state: Obj,
	pointer: string,
	name: string
): QueryLanguage {
	if (!hasField(state, 'QueryLanguage')) return machine.language;
	const value = state.QueryLanguage;
	const at = child(pointer, 'QueryLanguage');
	if (value !== 'JSONPath' && value !== 'JSONata') {
		checkEnum(c, value, at, 'QueryLanguage', LANGUAGES);
		return machine.language;
	}
	if (machine.language === 'JSONata' && value === 'JSONPath') {
		c.report('cannot_mix_into_jsonata', { name }, at);
	}
	return value;
}

/** Transitions, and the summary the reachability walk uses. */
function summarize(s: StateContext): StateSummary {
	const { c, state, pointer, allowed } = s;
	const targets: string[] = [];
	const push = (value: unknown) => typeof value === 'string' && targets.push(value);
	if (allowed.has('Default')) push(state.Default);
	for (const list of ['Choices', 'Catch']) {
		const entries = allowed.has(list) ? state[list] : undefined;
		if (Array.isArray(entries)) for (const e of entries) if (isObject(e)) push(e.Next);
	}
	// A transition to a missing state is a dead end, already reported: count it as an end.
	const dangling = targets.some((t) => !s.names.local.has(t));
	if (!FLOW_TYPES.has(s.type)) {
		const ends = s.type === 'Succeed' || s.type === 'Fail' || targets.length === 0;
		return { targets, terminal: ends || dangling };
	}
	const end = allowed.has('End') ? state.End : undefined;
	if (end !== undefined && typeof end !== 'boolean') {
		c.report('invalid_value', { field: 'End', expected: 'true' }, child(pointer, 'End'));
	}
	if (allowed.has('Next')) {
		checkTarget(c, state.Next, child(pointer, 'Next'), 'Next', s.names);
		if (end === true) c.report('end_with_next', { name: s.name }, child(pointer, 'End'), 'key');
		const leads = typeof state.Next === 'string' && s.names.local.has(state.Next);
		if (leads) targets.push(state.Next as string);
		return { targets, terminal: end === true || !leads || dangling };
	}
	if (end !== true) c.report('missing_transition', { name: s.name, type: s.type }, pointer, 'key');
	// Without a Next this state ends the block, or is a dead end reported just above.
	return { targets, terminal: true };
}
