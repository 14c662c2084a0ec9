import { closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
	bracketMatching,
	foldGutter,
	foldKeymap,
	indentOnInput,
	indentUnit,
	syntaxHighlighting
} from '@codemirror/language';
import { searchKeymap } from '@codemirror/search';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import {
	drawSelection,
	EditorView,
	highlightActiveLine,
	highlightActiveLineGutter,
	keymap,
	lineNumbers
} from '@codemirror/view';
import { editorHighlightStyle, editorTheme } from './theme.js';

/**
 * The base setup every editor of the playground shares: line numbers, fold gutter, undo history,
 * bracket matching and closing, search (Mod-f), two-space indentation, an active-line highlight
 * and the adaptive light/dark theme. Smaller than `codemirror`'s `basicSetup` on purpose: no
 * multiple selections, no rectangular selection, no word completion.
 *
 * Tab indents (`indentWithTab`). Keyboard users leave an editor with Escape then Tab (or
 * Shift-Tab): Escape turns on CodeMirror's tab-focus mode for two seconds
 * (`EditorView.setTabFocusMode`); Ctrl-m (Alt-Shift-m on macOS) toggles it for good.
 */
export function baseSetup(): Extension {
	return [
		lineNumbers(),
		highlightActiveLineGutter(),
		foldGutter(),
		history(),
		drawSelection(),
		indentOnInput(),
		bracketMatching(),
		closeBrackets(),
		highlightActiveLine(),
		EditorState.tabSize.of(2),
		indentUnit.of('  '),
		syntaxHighlighting(editorHighlightStyle),
		editorTheme,
		keymap.of([
			...closeBracketsKeymap,
			...completionKeymap,
			...defaultKeymap,
			...searchKeymap,
			...historyKeymap,
			...foldKeymap,
			indentWithTab
		])
	];
}

/**
 * Binds Mod-Enter (Ctrl-Enter, Cmd-Enter on macOS) to `run`, ahead of the default keymap (which
 * would insert a blank line). `run` is called at key time, so a closure over a component prop
 * always reaches the current callback.
 */
export function runKeymap(run: () => void): Extension {
	return Prec.highest(
		keymap.of([
			{
				key: 'Mod-Enter',
				run: () => {
					run();
					return true;
				}
			}
		])
	);
}

/**
 * The accessible name and description of an editor's text area (CodeMirror's content element,
 * which is what takes focus): `label` names it, `describedBy` is the id of an element explaining
 * the keys (see `EDITOR_KEYS_HINT`).
 */
export function editorAccessibility(label: string, describedBy: string): Extension {
	return EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy });
}

/** The key hint each editor shows (and links with `aria-describedby`). */
export const EDITOR_KEYS_HINT = 'Escape then Tab leaves the editor. Ctrl+Enter (⌘+Enter) runs.';
