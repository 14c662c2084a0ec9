import { describe, expect, it } from 'vitest';
import {
	lineColumn,
	parseDefinition,
	validateDefinition,
	type Diagnostic
} from '../../engine/index.js';
import { diagnosticsToProblems, toEditorDiagnostics } from '../../src/lib/editor/asl-lint.js';
import { jsonSyntaxDiagnostics } from '../../src/lib/editor/json-lint.js';

const diagnostic = (
	code: string,
	from: number,
	to = from + 1,
	severity: Diagnostic['severity'] = 'error'
) => ({
	code,
	message: `message of ${code}`,
	severity,
	path: '/States',
	from,
	to
});

describe('diagnosticsToProblems', () => {
	it('gives 1-based line and column, in document order, errors first at one place', () => {
		const text = '{\n  "a": 1,\n\n  "b": 2\n}';
		const problems = diagnosticsToProblems(text, [
			diagnostic('late', text.indexOf('"b"')),
			diagnostic('warned', 0, 1, 'warning'),
			diagnostic('first', 0)
		]);
		expect(problems.map((p) => [p.code, p.line, p.column, p.severity])).toEqual([
			['first', 1, 1, 'error'],
			['warned', 1, 1, 'warning'],
			['late', 4, 3, 'error']
		]);
		expect(problems[2]).toMatchObject({
			message: 'message of late',
			from: 15,
			to: 16,
			path: '/States'
		});
	});

	it('agrees with the engine lineColumn on a real definition', () => {
		const text = JSON.stringify(
			{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' }, B: { Type: 'Succeed' } } },
			null,
			2
		);
		const parsed = parseDefinition(text);
		const diagnostics = validateDefinition(parsed.definition!, parsed.sourceMap);
		const problems = diagnosticsToProblems(text, diagnostics);
		expect(problems.map((p) => p.code)).toEqual(['unknown_next_state', 'unreachable_state']);
		for (const p of problems)
			expect({ line: p.line, column: p.column }).toEqual(lineColumn(text, p.from));
	});

	it('survives offsets past the end of a text that changed since', () => {
		expect(diagnosticsToProblems('{}', [diagnostic('stale', 50)])[0]).toMatchObject({
			line: 1,
			column: 3
		});
		expect(diagnosticsToProblems('', [])).toEqual([]);
	});
});

describe('toEditorDiagnostics', () => {
	it('keeps severity and message, shows the code as source, clamps offsets', () => {
		const shown = toEditorDiagnostics(
			[diagnostic('unknown_next_state', 3, 9), diagnostic('stale', 40, 60, 'warning')],
			20
		);
		expect(shown).toEqual([
			{
				from: 3,
				to: 9,
				severity: 'error',
				message: 'message of unknown_next_state',
				source: 'unknown_next_state'
			},
			{ from: 20, to: 20, severity: 'warning', message: 'message of stale', source: 'stale' }
		]);
	});
});

describe('jsonSyntaxDiagnostics', () => {
	it('locates the first syntax error and accepts any JSON value', () => {
		expect(jsonSyntaxDiagnostics('{"a": 1,}')).toEqual([
			expect.objectContaining({ from: 7, severity: 'error', source: 'invalid_json' })
		]);
		expect(jsonSyntaxDiagnostics('"text"')).toEqual([]);
		expect(jsonSyntaxDiagnostics('  ')).toHaveLength(1);
	});
});
