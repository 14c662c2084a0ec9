import { EditorState } from '@codemirror/state';
import { history, undo, undoDepth } from '@codemirror/commands';
import { describe, expect, it } from 'vitest';
import { documentReplacement } from '../../src/lib/editor/editor-view.js';

describe('documentReplacement', () => {
	const apply = (from: string, to: string) => {
		const state = EditorState.create({ doc: from });
		const spec = documentReplacement(state, to);
		return spec && state.update(spec);
	};

	it('is null when the text is the same', () => {
		expect(apply('same', 'same')).toBeNull();
	});

	it('changes only the middle that differs', () => {
		const tr = apply('{ "a": 1, "b": 2 }', '{ "a": 1, "c": 3, "b": 2 }')!;
		expect(tr.state.doc.toString()).toBe('{ "a": 1, "c": 3, "b": 2 }');
		const changed: [number, number, string][] = [];
		tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) =>
			changed.push([fromA, toA, inserted.toString()])
		);
		expect(changed).toEqual([[11, 11, 'c": 3, "']]);
	});

	it('handles a full replacement, an emptied document and repeated characters', () => {
		expect(apply('abc', 'xyz')!.state.doc.toString()).toBe('xyz');
		expect(apply('abc', '')!.state.doc.toString()).toBe('');
		expect(apply('aaaa', 'aa')!.state.doc.toString()).toBe('aa');
		expect(apply('', 'new')!.state.doc.toString()).toBe('new');
	});

	it('reads as a new document: the cursor goes to its start', () => {
		const state = EditorState.create({ doc: 'line 1\nline 2\nline 3', selection: { anchor: 17 } });
		const tr = state.update(documentReplacement(state, 'line 1\nline 2\nline three')!);
		expect(tr.state.selection.main.head).toBe(0);
		expect(tr.effects).toHaveLength(1);
	});
});

describe('documentReplacement and undo', () => {
	const withHistory = (doc: string) => EditorState.create({ doc, extensions: history() });

	it('can be undone: Mod-z brings the previous text back', () => {
		let state = withHistory('old');
		state = state.update(documentReplacement(state, 'new')!).state;
		expect(undoDepth(state)).toBe(1);
		undo({ state, dispatch: (tr) => (state = tr.state) });
		expect(state.doc.toString()).toBe('old');
	});

	it('filling an empty editor (its first load) is not an undo step: Mod-z cannot empty it', () => {
		let state = withHistory('');
		state = state.update(documentReplacement(state, 'loaded')!).state;
		expect(undoDepth(state)).toBe(0);
		undo({ state, dispatch: (tr) => (state = tr.state) });
		expect(state.doc.toString()).toBe('loaded');
	});
});
