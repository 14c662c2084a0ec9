import { isStateType } from '../../../engine/core.js';

/**
 * Most examples in the AWS Step Functions Developer Guide show one state, or a few, cut out of a
 * larger definition. Pasted as they are, they are not a state machine; these helpers recognise
 * such a snippet and build the smallest state machine that holds it.
 */

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isState = (value: unknown): value is Obj => isObject(value) && isStateType(value.Type);

/** A snippet of states and the state machine that runs them. */
export interface StateSnippet {
	/** How many states the snippet holds. */
	readonly count: number;
	/**
	 * The whole definition: `StartAt` the snippet's first state, then its states, then a Pass
	 * placeholder for each state they go to that the snippet leaves out; two-space indentation.
	 */
	readonly definition: string;
}

/**
 * Recognises `text` as states copied out of a definition: `"Name": { "Type": … }` entries (a
 * trailing comma allowed, with or without the braces around them), a `"States": { … }` field
 * (likewise), or one bare state `{ "Type": "Task", … }` (named after its type). Undefined for
 * anything else, whole definitions included.
 */
export function stateSnippet(text: string): StateSnippet | undefined {
	const trimmed = text.trim().replace(/,$/, '');
	if (!trimmed) return undefined;
	const whole = parse(trimmed);
	if (isState(whole)) return machine({ [whole.Type as string]: whole });
	// The entries with their braces: `{ "Name": { "Type": … } }` or `{ "States": { … } }`.
	if (isObject(whole)) return statesOf(whole);
	if (whole !== undefined) return undefined;
	const fields = parse(`{${trimmed}}`);
	return isObject(fields) ? statesOf(fields) : undefined;
}

/** The machine for `fields` holding states by name, or only a `States` field holding them. */
function statesOf(fields: Obj): StateSnippet | undefined {
	const keys = Object.keys(fields);
	if (keys.length === 1 && keys[0] === 'States' && isObject(fields.States))
		return machine(fields.States);
	return machine(fields);
}

function machine(states: Obj): StateSnippet | undefined {
	const names = Object.keys(states);
	if (names.length === 0 || !Object.values(states).every(isState)) return undefined;
	const placeholders: Obj = {};
	for (const target of targets(Object.values(states) as Obj[])) {
		if (!(target in states))
			placeholders[target] = {
				Type: 'Pass',
				Comment: 'A placeholder for a state the snippet does not include.',
				End: true
			};
	}
	const all = { ...states, ...placeholders };
	const definition = JSON.stringify({ StartAt: names[0], States: all }, null, 2);
	return { count: names.length, definition };
}

/** The state names `states` go to: `Next`, `Default`, and each Choice rule's and Catcher's `Next`. */
function targets(states: readonly Obj[]): Set<string> {
	const names = new Set<string>();
	const add = (value: unknown) => {
		if (typeof value === 'string') names.add(value);
	};
	const addEach = (list: unknown) => {
		if (Array.isArray(list)) for (const item of list) if (isObject(item)) add(item.Next);
	};
	for (const state of states) {
		add(state.Next);
		addEach(state.Choices);
		add(state.Default);
		addEach(state.Catch);
	}
	return names;
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
