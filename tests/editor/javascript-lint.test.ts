import { javascript } from '@codemirror/lang-javascript';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import {
	handlersWithSyntaxErrors,
	javascriptSyntaxDiagnostics
} from '../../src/lib/editor/javascript-lint.js';
import { handlerStub } from '../../src/lib/editor/functions.js';

/** The diagnostics of `doc`, each as [line:column, marked text, message]. */
function lint(doc: string) {
	const state = EditorState.create({ doc, extensions: [javascript()] });
	return javascriptSyntaxDiagnostics(state).map((d) => {
		const line = state.doc.lineAt(d.from);
		return [`${line.number}:${d.from - line.from + 1}`, doc.slice(d.from, d.to), d.message];
	});
}

describe('javascriptSyntaxDiagnostics', () => {
	it('accepts valid handler modules, modern syntax included', () => {
		expect(lint(handlerStub('resize-image'))).toEqual([]);
		expect(
			lint(
				'export const handler = async (event) => {\n  const { a = 1, ...rest } = event ?? {};\n' +
					'  class C { #x = 1; static y = 2; get z() { return this.#x; } }\n' +
					"  return `${a} ${rest?.b ?? 'none'}` + 'it\\'s';\n};\n"
			)
		).toEqual([]);
	});

	it('places a missing closing brace at the end of the code, as QuickJS does', () => {
		const [error] = lint('export const handler = async (event) => {\n  return 1;\n');
		expect(error[0]).toBe('3:1');
		expect(error[2]).toMatch(/end of the code.*\}/);
	});

	it('marks the unexpected token', () => {
		expect(lint('export const handler = async () => {\n  const x = ;\n};\n')).toEqual([
			['2:13', ';', "Syntax error: unexpected ';'."]
		]);
		expect(lint('export const handler = (e) => {\n  return e.a);\n};\n')).toEqual([
			['2:13', ')', "Syntax error: unexpected ')'."]
		]);
		expect(lint('export const handler = () => ({ a: 1 b: 2 });\n')[0].slice(0, 2)).toEqual([
			'1:38',
			'b'
		]);
	});

	it('reports only the first error', () => {
		expect(lint('const a = ;\nconst b = ;\n')).toHaveLength(1);
	});

	it('marks a string left open to the end of its line', () => {
		const [error] = lint("export const handler = () => {\n  return 'abc;\n};\n");
		expect(error[0]).toBe('2:10');
		expect(error[1]).toBe("'abc;");
		expect(error[2]).toMatch(/not closed/);
		expect(lint("const a = 'x")).toHaveLength(1);
		expect(lint("const a = 'ends with \\\\';\nconst b = 'line \\\ncontinued';\n")).toEqual([]);
	});

	it('finds nothing without the JavaScript language (before it has loaded)', () => {
		const state = EditorState.create({ doc: 'const x = ;' });
		expect(javascriptSyntaxDiagnostics(state)).toEqual([]);
	});
});

describe('handlersWithSyntaxErrors', () => {
	it('names the handlers whose source does not parse, for marking their tabs', () => {
		const handlers = {
			ok: handlerStub('ok'),
			'arn:aws:lambda:us-east-1:123456789012:function:broken':
				'export const handler = async () => {\n  const x = ;\n};\n',
			unclosed: 'export const handler = async (event) => {\n  return event;\n'
		};
		expect([...handlersWithSyntaxErrors(handlers, javascript())]).toEqual([
			'arn:aws:lambda:us-east-1:123456789012:function:broken',
			'unclosed'
		]);
	});
});
