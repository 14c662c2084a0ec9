import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import { forEachDiagnostic, linter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Problem } from './asl-lint.js';

/** How long (ms) a lint pass may spend parsing the rest of a long document. */
const PARSE_BUDGET_MS = 200;

/**
 * The first syntax error of a JavaScript document, located where the parser of `state`'s
 * language (Lezer's, from `@codemirror/lang-javascript`) could not go on, or at a string that
 * runs to the end of its line. Only the first: QuickJS, which runs the handler, stops there too,
 * and a parser recovering from one mistake often reports echoes of it further on. None while the
 * document has no JavaScript syntax tree (before the language support has loaded).
 */
export function javascriptSyntaxDiagnostics(state: EditorState): Diagnostic[] {
	const text = state.doc.toString();
	const tree = ensureSyntaxTree(state, state.doc.length, PARSE_BUDGET_MS) ?? syntaxTree(state);
	let first: Diagnostic | undefined;
	tree.iterate({
		enter(node) {
			if (first) return false;
			if (node.type.isError) first = unexpected(text, node.from, node.to);
			else if (node.name === 'String' && !closed(text.slice(node.from, node.to)))
				first = {
					from: node.from,
					to: lineEnd(text, node.from),
					severity: 'error',
					source: 'javascript',
					message: 'This string is not closed: a quote is missing before the end of the line.'
				};
		}
	});
	return first ? [first] : [];
}

/**
 * The keys of `handlers` whose source has a syntax error (`javascriptSyntaxDiagnostics`), for
 * marking the tabs of handlers that are not open. `language` is the JavaScript language support
 * (`javascript()`); the caller loads it, so this module stays out of the page's first bundle.
 */
export function handlersWithSyntaxErrors(
	handlers: Readonly<Record<string, string>>,
	language: Extension
): Set<string> {
	const broken = new Set<string>();
	for (const [key, source] of Object.entries(handlers)) {
		const state = EditorState.create({ doc: source, extensions: [language] });
		if (javascriptSyntaxDiagnostics(state).length) broken.add(key);
	}
	return broken;
}

/** A lint pass that marks `javascriptSyntaxDiagnostics` as the visitor types. */
export function javascriptSyntaxLint(): Extension {
	return linter((view) => javascriptSyntaxDiagnostics(view.state), { delay: 300 });
}

/**
 * Calls `onchange` after every update with the problems the lint pass has marked in the
 * document, located (line and column), so the page can list them as it lists the definition's:
 * a mark in the gutter alone says what is wrong only to a pointer hovering it.
 */
export function problemsListener(onchange: (problems: Problem[]) => void): Extension {
	return EditorView.updateListener.of(({ state }) => {
		const problems: Problem[] = [];
		forEachDiagnostic(state, (d, from, to) => {
			const line = state.doc.lineAt(from);
			problems.push({
				line: line.number,
				column: from - line.from + 1,
				message: d.message,
				code: 'javascript_syntax',
				severity: d.severity === 'error' ? 'error' : 'warning',
				from,
				to,
				path: ''
			});
		});
		onchange(problems);
	});
}

/** The diagnostic for a parse error node at `from..to` (often empty: "the next token"). */
function unexpected(text: string, from: number, to: number): Diagnostic {
	let start = from;
	while (from === to && start < text.length && /\s/.test(text[start])) start++;
	if (start >= text.length) {
		return {
			from: text.length,
			to: text.length,
			severity: 'error',
			source: 'javascript',
			message: 'Unexpected end of the code: is a closing }, ) or ] missing?'
		};
	}
	const end = to > from ? to : start + (/^[\w$]+/.exec(text.slice(start))?.[0].length || 1);
	const token = text.slice(start, end);
	return {
		from: start,
		to: end,
		severity: 'error',
		source: 'javascript',
		// Quoted, as QuickJS quotes it: a bare `;.` or `).` reads as punctuation of the sentence.
		message: `Syntax error: unexpected '${token.length > 30 ? `${token.slice(0, 30)}…` : token}'.`
	};
}

/** Whether a string literal's text ends with its (unescaped) opening quote. */
function closed(literal: string): boolean {
	if (literal.length < 2 || literal.at(-1) !== literal[0]) return false;
	let backslashes = 0;
	for (let i = literal.length - 2; i > 0 && literal[i] === '\\'; i--) backslashes++;
	return backslashes % 2 === 0;
}

function lineEnd(text: string, from: number): number {
	const newline = text.indexOf('\n', from);
	return newline < 0 ? text.length : newline;
}
