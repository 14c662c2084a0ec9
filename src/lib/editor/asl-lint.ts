import { setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { Diagnostic } from '../../../engine/index.js';

/**
 * Engine diagnostics in the editor and in the problems list. The page computes them
 * (`parseDefinition` + `validateDefinition`, debounced) and pushes them in; nothing here parses.
 */

/**
 * Engine diagnostics as CodeMirror diagnostics for a document of `length` characters: same
 * severity and message, the code as `source` (shown in the tooltip), offsets clamped to the
 * document (diagnostics computed for a slightly older text must not throw).
 */
export function toEditorDiagnostics(
	diagnostics: readonly Diagnostic[],
	length: number
): EditorDiagnostic[] {
	return diagnostics.map((d) => {
		const from = clamp(Math.min(d.from, d.to), length);
		const to = clamp(Math.max(d.from, d.to), length);
		return { from, to, severity: d.severity, message: d.message, source: d.code };
	});
}

/** Shows `diagnostics` in `view` (underlines, gutter markers, tooltips), replacing the last set. */
export function showDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[]): void {
	const shown = toEditorDiagnostics(diagnostics, view.state.doc.length);
	view.dispatch(setDiagnostics(view.state, shown));
}

/** One row of the problems list. */
export interface Problem {
	/** 1-based line and column (UTF-16 code units) of `from`. */
	readonly line: number;
	readonly column: number;
	readonly message: string;
	/** The diagnostic code, e.g. `unknown_next_state`. */
	readonly code: string;
	readonly severity: 'error' | 'warning';
	/** Source offsets, for revealing the problem in the editor. */
	readonly from: number;
	readonly to: number;
	/** JSON Pointer of the offending value. */
	readonly path: string;
}

/**
 * The rows of the problems list for `diagnostics` computed on `text`: in document order, errors
 * before warnings at the same place. Line and column agree with the engine's `lineColumn`.
 */
export function diagnosticsToProblems(text: string, diagnostics: readonly Diagnostic[]): Problem[] {
	const starts = lineStarts(text);
	const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
	return [...diagnostics]
		.sort((a, b) => a.from - b.from || rank(a) - rank(b))
		.map((d) => {
			const offset = clamp(d.from, text.length);
			const index = lineIndex(starts, offset);
			return {
				line: index + 1,
				column: offset - starts[index] + 1,
				message: d.message,
				code: d.code,
				severity: d.severity,
				from: d.from,
				to: d.to,
				path: d.path
			};
		});
}

function clamp(offset: number, length: number): number {
	return Math.max(0, Math.min(length, Number.isFinite(offset) ? offset : 0));
}

/** Offsets where each line starts (after each `\n`). */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return starts;
}

/** The index of the line holding `offset`: the last start ≤ offset (binary search). */
function lineIndex(starts: readonly number[], offset: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (starts[mid] <= offset) low = mid;
		else high = mid - 1;
	}
	return low;
}
