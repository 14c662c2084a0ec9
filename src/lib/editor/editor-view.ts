import { isolateHistory } from '@codemirror/commands';
import {
	Annotation,
	EditorSelection,
	Transaction,
	EditorState,
	type Extension,
	type TransactionSpec
} from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * The plumbing the editor components share: create a view, keep its text in line with a prop
 * without echoing the change back, and reveal a range.
 */

/** Marks a transaction that brings the document in line with an outside value. */
const outsideChange = Annotation.define<boolean>();

/**
 * Calls `onchange` with the new text after each change the user (or a command) makes. Changes
 * made by `replaceDocument` are not reported: the caller already has that text.
 */
export function changeListener(onchange: (text: string) => void): Extension {
	return EditorView.updateListener.of((update) => {
		if (!update.docChanged) return;
		if (update.transactions.some((tr) => tr.annotation(outsideChange))) return;
		onchange(update.state.doc.toString());
	});
}

/** Creates an editor in `parent` holding `doc`. The caller destroys it. */
export function mountEditor(parent: HTMLElement, doc: string, extensions: Extension): EditorView {
	return new EditorView({ parent, state: EditorState.create({ doc, extensions }) });
}

/**
 * The transaction that turns `state`'s document into `text`, or null when they are equal. It
 * replaces only the part that differs (so folds outside it stay put), as its own undo step:
 * Mod-z brings the previous text back. The text comes from outside the editor (another example,
 * a reset, a share link), never from the visitor's own typing or undo, which the change listener
 * has already reported: so it reads as a new document, with the cursor at its start, scrolled to
 * the top. Filling an empty editor is not an undo step: an editor mounted before the workspace
 * loaded would otherwise be emptied by the visitor's first Mod-z.
 */
export function documentReplacement(state: EditorState, text: string): TransactionSpec | null {
	const current = state.doc.toString();
	if (current === text) return null;
	let start = 0;
	const shorter = Math.min(current.length, text.length);
	while (start < shorter && current.charCodeAt(start) === text.charCodeAt(start)) start++;
	let end = 0;
	while (
		end < shorter - start &&
		current.charCodeAt(current.length - 1 - end) === text.charCodeAt(text.length - 1 - end)
	) {
		end++;
	}
	return {
		changes: {
			from: start,
			to: current.length - end,
			insert: text.slice(start, text.length - end)
		},
		selection: EditorSelection.cursor(0),
		// Centring the first position scrolls to the very top ('start' stops a few pixels short).
		effects: EditorView.scrollIntoView(0, { y: 'center', x: 'start' }),
		annotations: [
			outsideChange.of(true),
			current === '' ? Transaction.addToHistory.of(false) : isolateHistory.of('full')
		]
	};
}

/** Makes `view` hold `text` (see `documentReplacement`); does nothing when it already does. */
export function replaceDocument(view: EditorView, text: string): void {
	const spec = documentReplacement(view.state, text);
	if (spec) view.dispatch(spec);
}

/**
 * Selects `from..to` (clamped to the document), scrolls it to the middle of the editor and
 * focuses the editor, so typing goes there.
 */
export function revealRange(view: EditorView, from: number, to: number = from): void {
	const length = view.state.doc.length;
	const anchor = Math.max(0, Math.min(length, from));
	const head = Math.max(0, Math.min(length, to));
	view.dispatch({
		selection: EditorSelection.single(anchor, head),
		effects: EditorView.scrollIntoView(EditorSelection.range(anchor, head), { y: 'center' })
	});
	view.focus();
}
