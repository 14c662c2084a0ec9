import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { QueryLanguage } from '../../../engine/index.js';
import type { ObjectKind } from './asl-fields.js';

/**
 * Reading an ASL definition from CodeMirror's JSON syntax tree (`@lezer/json`), which survives
 * the half-typed text an editor holds: where an object sits in the definition (a state, a
 * retrier, a branch…), its members, and the state names a `Next` may use.
 */

/** The whole tree, parsing the rest of the document if that is quick. */
export function jsonTree(state: EditorState): Tree {
	return ensureSyntaxTree(state, state.doc.length, 100) ?? syntaxTree(state);
}

/** A string token's value: JSON-decoded, or the raw text between the quotes if it is broken. */
export function stringValue(state: EditorState, node: SyntaxNode): string {
	const text = state.sliceDoc(node.from, node.to);
	try {
		const value: unknown = JSON.parse(text);
		if (typeof value === 'string') return value;
	} catch {
		// An unterminated or badly escaped string: fall through to the raw text.
	}
	return text.replace(/^"/, '').replace(/"$/, '');
}

/** One member of an object: its name, the name token and the value node (absent while typed). */
export interface Member {
	readonly key: string;
	readonly keyNode: SyntaxNode;
	readonly value?: SyntaxNode;
}

/** The members of an `Object` node, in source order. */
export function membersOf(state: EditorState, object: SyntaxNode): Member[] {
	const members: Member[] = [];
	for (let property = object.firstChild; property; property = property.nextSibling) {
		if (property.name !== 'Property') continue;
		const keyNode = property.getChild('PropertyName');
		if (!keyNode) continue;
		const value = keyNode.nextSibling?.name === ':' ? keyNode.nextSibling.nextSibling : null;
		const usable = value && value.name !== '⚠' ? value : undefined;
		members.push({ key: stringValue(state, keyNode), keyNode, value: usable });
	}
	return members;
}

/**
 * The names of `object`'s members, also those a half-typed member has swallowed: with the
 * closing quote CodeMirror adds, typing `"` on the line above `"End": true` gives `""` then
 * `"End": true`, which parses as one member named `""` whose `"End"` is an error node.
 * `except` leaves out the member whose name token starts there (the one being typed).
 */
export function memberNames(state: EditorState, object: SyntaxNode, except?: number): Set<string> {
	const names = new Set<string>();
	for (const member of membersOf(state, object)) {
		if (member.keyNode.from !== except) names.add(member.key);
	}
	for (let property = object.firstChild; property; property = property.nextSibling) {
		if (property.name !== 'Property') continue;
		for (let node = property.firstChild; node; node = node.nextSibling) {
			const text = state.sliceDoc(node.from, node.to);
			if (node.name === '⚠' && node.nextSibling?.name === ':' && /^"(?:[^"\\]|\\.)*"$/.test(text)) {
				names.add(stringValue(state, node));
			}
		}
	}
	return names;
}

/** The string value of member `key` of `object`, if it is a string. */
export function stringMember(
	state: EditorState,
	object: SyntaxNode,
	key: string
): string | undefined {
	const value = membersOf(state, object).find((m) => m.key === key)?.value;
	return value?.name === 'String' ? stringValue(state, value) : undefined;
}

/** The value node of member `key` of `object`, if it is an object. */
function objectMember(state: EditorState, object: SyntaxNode, key: string): SyntaxNode | undefined {
	const value = membersOf(state, object).find((m) => m.key === key)?.value;
	return value?.name === 'Object' ? value : undefined;
}

/** Where an object with known fields sits in the definition. */
export interface Place {
	readonly kind: ObjectKind;
	readonly language: QueryLanguage;
	/** The state's `Type`, for kind `'state'`. */
	readonly stateType?: string;
	/**
	 * The `States` object whose names a `Next`/`Default` here may name (the enclosing block's), or
	 * for a block (`machine`, `branch`, `processor`) its own, which `StartAt` names.
	 */
	readonly states?: SyntaxNode;
	/** The state object, for kinds inside a state (retrier, catcher, rules, Map parts). */
	readonly stateNode?: SyntaxNode;
}

/** One step from a container down to a child value: a member name or an array index. */
interface Step {
	readonly key: string | number;
	readonly node: SyntaxNode;
}

/** The steps from the document's top value down to `node` (an Object or Array). */
function stepsTo(state: EditorState, node: SyntaxNode): { root: SyntaxNode; steps: Step[] } {
	const steps: Step[] = [];
	let current = node;
	for (;;) {
		const parent = current.parent;
		if (!parent || parent.name === 'JsonText') return { root: current, steps: steps.reverse() };
		if (parent.name === 'Property') {
			const keyNode = parent.getChild('PropertyName');
			steps.push({ key: keyNode ? stringValue(state, keyNode) : '', node: current });
			current = parent.parent ?? parent;
		} else if (parent.name === 'Array') {
			let index = 0;
			for (let c = parent.firstChild; c && c.from < current.from; c = c.nextSibling) {
				if (!['[', ']', ',', '⚠'].includes(c.name)) index++;
			}
			steps.push({ key: index, node: current });
			current = parent;
		} else {
			current = parent;
		}
	}
}

const languageOf = (value: string | undefined, fallback: QueryLanguage): QueryLanguage =>
	value === 'JSONata' || value === 'JSONPath' ? value : fallback;

/**
 * The place of the `Object` node `object` in the definition, or undefined for an object whose
 * members are the user's own data (Parameters, Result, Assign, …) or the `States` map itself.
 * A state's query language is its own `QueryLanguage`, else the machine's: states inside a
 * Parallel or Map do not inherit the parent state's (asl-reference.md §1.1).
 */
export function placeOf(state: EditorState, object: SyntaxNode): Place | undefined {
	const { root, steps } = stepsTo(state, object);
	if (root.name !== 'Object') return undefined;
	const machineLanguage = languageOf(stringMember(state, root, 'QueryLanguage'), 'JSONPath');
	const block = (kind: ObjectKind, node: SyntaxNode): Place => ({
		kind,
		language: machineLanguage,
		states: objectMember(state, node, 'States')
	});
	let place: Place = block('machine', root);
	for (let i = 0; i < steps.length; i++) {
		const { key, node } = steps[i];
		const next = steps[i + 1];
		const { kind, stateType } = place;
		const inState = { language: place.language, states: place.states, stateNode: place.stateNode };
		if (node.name !== 'Object' && !next) return undefined;
		if (['machine', 'branch', 'processor'].includes(kind) && key === 'States' && next) {
			const language = languageOf(stringMember(state, next.node, 'QueryLanguage'), machineLanguage);
			const type = stringMember(state, next.node, 'Type');
			place = { kind: 'state', stateType: type, language, states: node, stateNode: next.node };
			i++;
		} else if (kind === 'processor' && key === 'ProcessorConfig') {
			place = { ...inState, kind: 'processorConfig' };
		} else if (kind === 'state' && stateType === 'Parallel' && key === 'Branches' && next) {
			place = block('branch', next.node);
			i++;
		} else if (
			kind === 'state' &&
			stateType === 'Map' &&
			(key === 'ItemProcessor' || key === 'Iterator')
		) {
			place = block('processor', node);
		} else if (kind === 'state' && (key === 'Retry' || key === 'Catch') && next) {
			place = { ...inState, kind: key === 'Retry' ? 'retrier' : 'catcher' };
			i++;
		} else if (kind === 'state' && stateType === 'Choice' && key === 'Choices' && next) {
			place = { ...inState, kind: 'choiceRule' };
			i++;
		} else if (kind === 'state' && stateType === 'Map' && MAP_PARTS[key] !== undefined) {
			place = { ...inState, kind: MAP_PARTS[key] };
		} else if (
			(kind === 'choiceRule' || kind === 'nestedRule') &&
			(key === 'And' || key === 'Or') &&
			next
		) {
			place = { ...inState, kind: 'nestedRule' };
			i++;
		} else if ((kind === 'choiceRule' || kind === 'nestedRule') && key === 'Not') {
			place = { ...inState, kind: 'nestedRule' };
		} else if (kind === 'itemReader' && key === 'ReaderConfig') {
			place = { ...inState, kind: 'readerConfig' };
		} else {
			return undefined;
		}
	}
	return place;
}

const MAP_PARTS: Readonly<Record<string, ObjectKind>> = {
	ItemBatcher: 'itemBatcher',
	ItemReader: 'itemReader',
	ResultWriter: 'resultWriter'
};

/** The state names of a `States` object with each state's `Type`, in source order. */
export function stateNamesOf(
	state: EditorState,
	states: SyntaxNode | undefined
): [string, string?][] {
	if (!states) return [];
	return membersOf(state, states).map((m) => [
		m.key,
		m.value?.name === 'Object' ? stringMember(state, m.value, 'Type') : undefined
	]);
}

/** The nearest `Object` or `Array` node at or above `node`. */
export function containerOf(node: SyntaxNode | null): SyntaxNode | undefined {
	for (let n = node; n; n = n.parent) if (n.name === 'Object' || n.name === 'Array') return n;
	return undefined;
}
