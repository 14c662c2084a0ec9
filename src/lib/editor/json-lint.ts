import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { parseJsonWithSourceMap } from '../../../engine/core.js';

/**
 * The JSON syntax error of `text` as a CodeMirror diagnostic (none when the text is valid JSON),
 * located by the engine's parser, which is the one that reads the execution input. Blank text is
 * an error too: an execution input must be a JSON value (`{}` at least).
 */
export function jsonSyntaxDiagnostics(text: string): EditorDiagnostic[] {
	const { error } = parseJsonWithSourceMap(text);
	if (!error) return [];
	const from = Math.min(error.from, text.length);
	const to = Math.min(Math.max(error.to, from), text.length);
	return [{ from, to, severity: 'error', message: error.message, source: 'invalid_json' }];
}
