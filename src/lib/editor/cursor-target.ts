import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import { containerOf, jsonTree, stringValue } from './json-tree.js';

/** What the cursor is on, for completion: a member name, a member's string value, or an array item. */
export interface CursorTarget {
	/** `key`: a member name; `value`: a member's value; `item`: a string in an array. */
	readonly role: 'key' | 'value' | 'item';
	/** For `key` and `value`, the object holding the member; for `item`, the one holding the array. */
	readonly object: SyntaxNode;
	/** The member name of the value, or of the array for an item. */
	readonly key?: string;
	/** Start of the token: its opening quote when `quoted`, else the typed word. */
	readonly from: number;
	/** End of the text to replace: before the closing quote if there is one. */
	readonly to: number;
	readonly quoted: boolean;
	/** A closing quote exists (the string is terminated). */
	readonly closed: boolean;
}

/**
 * Finds what the cursor at `pos` is typing. Uses the syntax tree where the text parses (with
 * CodeMirror's closing brackets, a typed quote is usually closed), and the text itself for an
 * unterminated string or a bare word. A bare position (nothing typed) counts only when the
 * completion was asked for explicitly (Ctrl-Space).
 */
export function cursorTarget(
	state: EditorState,
	pos: number,
	explicit: boolean
): CursorTarget | null {
	const tree = jsonTree(state);
	const node = tree.resolveInner(pos, -1);
	if ((node.name === 'PropertyName' || node.name === 'String') && insideString(state, node, pos)) {
		const closed = isClosed(state, node);
		const to = closed ? node.to - 1 : node.to;
		const base = { from: node.from, to, quoted: true, closed };
		const parent = node.parent;
		if (node.name === 'PropertyName' && parent?.parent?.name === 'Object') {
			return { ...base, role: 'key', object: parent.parent };
		}
		if (parent?.name === 'Property' && parent.parent?.name === 'Object') {
			const keyNode = parent.getChild('PropertyName');
			const key = keyNode ? stringValue(state, keyNode) : undefined;
			return { ...base, role: 'value', object: parent.parent, key };
		}
		if (parent?.name === 'Array') return itemTarget(state, parent, base);
		return null;
	}
	return textTarget(state, pos, explicit);
}

function insideString(state: EditorState, node: SyntaxNode, pos: number): boolean {
	return pos > node.from && (pos < node.to || !isClosed(state, node));
}

function isClosed(state: EditorState, node: SyntaxNode): boolean {
	const text = state.sliceDoc(node.from, node.to);
	return text.length >= 2 && text.endsWith('"') && !/(^|[^\\])(\\\\)*\\"$/.test(text);
}

type TargetBase = Pick<CursorTarget, 'from' | 'to' | 'quoted' | 'closed'>;

function itemTarget(state: EditorState, array: SyntaxNode, base: TargetBase): CursorTarget | null {
	const property = array.parent;
	if (property?.name !== 'Property' || property.parent?.name !== 'Object') return null;
	const keyNode = property.getChild('PropertyName');
	const key = keyNode ? stringValue(state, keyNode) : undefined;
	return { ...base, role: 'item', object: property.parent, key };
}

/** The unterminated string or bare word before `pos` on its line, from the text. */
function textTarget(state: EditorState, pos: number, explicit: boolean): CursorTarget | null {
	const line = state.doc.lineAt(pos);
	const before = line.text.slice(0, pos - line.from);
	const open = openQuote(before);
	const word = open === undefined ? /[A-Za-z]*$/.exec(before)![0] : '';
	if (open === undefined && !word && !explicit) return null;
	const from = open === undefined ? pos - word.length : line.from + open;
	const base = { from, to: pos, quoted: open !== undefined, closed: false };
	// What precedes the token decides its role: ':' a value, '[' an item, '{' or ',' a name or item.
	const lead = /(\S)\s*$/.exec(state.sliceDoc(Math.max(0, from - 500), from));
	const container = containerOf(jsonTree(state).resolveInner(from, -1));
	if (!lead || !container) return null;
	if (lead[1] === ':' && container.name === 'Object') {
		const name = /("(?:[^"\\]|\\.)*")\s*:\s*$/.exec(state.sliceDoc(Math.max(0, from - 500), from));
		const key = name ? decodeString(name[1]) : undefined;
		return key === undefined ? null : { ...base, role: 'value', object: container, key };
	}
	if (lead[1] !== '{' && lead[1] !== ',' && lead[1] !== '[') return null;
	if (container.name === 'Object') return { ...base, role: 'key', object: container };
	return itemTarget(state, container, base);
}

function decodeString(json: string): string | undefined {
	try {
		return JSON.parse(json) as string;
	} catch {
		return undefined;
	}
}

/** Index of the quote opening a string that is still open at the end of `text`, if any. */
function openQuote(text: string): number | undefined {
	let open: number | undefined;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\' && open !== undefined) i++;
		else if (text[i] === '"') open = open === undefined ? i : undefined;
	}
	return open;
}
