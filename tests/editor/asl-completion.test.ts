import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { completeAsl, keyInsertion } from '../../src/lib/editor/asl-completion.js';
import { hoverInfo } from '../../src/lib/editor/asl-hover.js';
import { functionInsertion } from '../../src/lib/editor/jsonata-completion.js';

/** A JSON editor state from text where `|` marks the cursor. */
function stateAt(marked: string): { state: EditorState; pos: number } {
	const pos = marked.indexOf('|');
	const doc = marked.slice(0, pos) + marked.slice(pos + 1);
	return { state: EditorState.create({ doc, extensions: [json()] }), pos };
}

function complete(
	marked: string,
	explicit = true,
	functions: string[] = []
): CompletionResult | null {
	const { state, pos } = stateAt(marked);
	return completeAsl(new CompletionContext(state, pos, explicit), {
		functionNames: () => functions
	});
}

const labels = (marked: string, explicit = true, functions: string[] = []) =>
	complete(marked, explicit, functions)?.options.map((o) => o.label) ?? [];

/** Applies the key completion `name` the way its `apply` does, and returns the text with `|`. */
function applyKey(marked: string, name: string): string {
	const result = complete(marked)!;
	const option = result.options.find((o) => o.label === name)!;
	expect(option).toBeDefined();
	const { state, pos } = stateAt(marked);
	const shape =
		name === 'Next' || name === 'Type' ? 'string' : name === 'End' ? 'boolean' : 'object';
	const next = state.update(keyInsertion(state, name, shape, result.from, result.to ?? pos)).state;
	const head = next.selection.main.head;
	const text = next.doc.toString();
	return text.slice(0, head) + '|' + text.slice(head);
}

const machine = (states: string, top = '') =>
	`{${top}\n  "StartAt": "A",\n  "States": {\n${states}\n  }\n}`;

describe('completeAsl: field names', () => {
	it('offers the fields of a JSONPath Task, without the ones already there', () => {
		const names = labels(machine(`    "A": { "Type": "Task", "|" }`));
		expect(names).toContain('Resource');
		expect(names).toContain('ResultPath');
		expect(names).toContain('Retry');
		expect(names).not.toContain('Type');
		expect(names).not.toContain('Output');
		expect(names).not.toContain('Arguments');
		expect(names).not.toContain('Choices');
	});

	it('leaves out a field that the name being typed has swallowed (a new line above it)', () => {
		// `""` then `"End": true` parses as one member `""` whose `"End"` is an error node.
		const names = labels(
			machine(`    "A": {\n      "Type": "Task",\n      "|"\n      "End": true\n    }`)
		);
		expect(names).toContain('Resource');
		expect(names).not.toContain('End');
		expect(names).not.toContain('Type');
		const typed = labels(
			machine(`    "A": {\n      "Type": "Task",\n      "Re|"\n      "Next": "B"\n    }`)
		);
		expect(typed).not.toContain('Next');
	});

	it('follows the query language: JSONata fields in a JSONata machine', () => {
		const names = labels(
			machine(`    "A": { "Type": "Pass", "|" }`, '\n  "QueryLanguage": "JSONata",')
		);
		expect(names).toEqual(expect.arrayContaining(['Output', 'Assign', 'Next', 'End']));
		expect(names).not.toContain('InputPath');
		expect(names).not.toContain('Result');
		expect(names).not.toContain('Parameters');
	});

	it('a state QueryLanguage overrides the machine one', () => {
		const names = labels(machine(`    "A": { "Type": "Task", "QueryLanguage": "JSONata", "|" }`));
		expect(names).toContain('Arguments');
		expect(names).not.toContain('Parameters');
	});

	it('states inside a Map or Parallel take the machine language, not the parent state one', () => {
		const inner = labels(
			machine(
				`    "M": { "Type": "Map", "QueryLanguage": "JSONata", "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "|" } } } }`
			)
		);
		expect(inner).toContain('ResultPath');
		expect(inner).not.toContain('Output');
	});

	it('offers Type first in a state without one', () => {
		const result = complete(machine(`    "A": { "|" }`))!;
		const type = result.options.find((o) => o.label === 'Type')!;
		expect(type.boost).toBeGreaterThan(0);
		expect(result.options.every((o) => o === type || (o.boost ?? 0) < type.boost!)).toBe(true);
	});

	it('completes a bare word as a key, and top-level fields at the root', () => {
		expect(labels(machine(`    "A": { "Type": "Pass", Ne| }`), false)).toContain('Next');
		expect(labels(`{\n  "|"\n}`)).toEqual(
			expect.arrayContaining(['StartAt', 'States', 'Comment', 'QueryLanguage', 'TimeoutSeconds'])
		);
	});

	it('knows retriers, catchers, Choice rules, branches and Map processors', () => {
		expect(labels(machine(`    "A": { "Type": "Task", "Retry": [{ "|" }] }`))).toEqual(
			expect.arrayContaining(['ErrorEquals', 'MaxAttempts', 'BackoffRate', 'JitterStrategy'])
		);
		const catcher = labels(
			machine(`    "A": { "Type": "Task", "Catch": [{ "ErrorEquals": [], "|" }] }`)
		);
		expect(catcher).toEqual(expect.arrayContaining(['Next', 'ResultPath']));
		expect(catcher).not.toContain('ErrorEquals');
		const rule = labels(machine(`    "A": { "Type": "Choice", "Choices": [{ "|" }] }`));
		expect(rule).toEqual(expect.arrayContaining(['Variable', 'NumericEquals', 'Next', 'And']));
		const nested = labels(
			machine(`    "A": { "Type": "Choice", "Choices": [{ "And": [{ "|" }] }] }`)
		);
		expect(nested).toContain('StringEquals');
		expect(nested).not.toContain('Next');
		const branch = labels(machine(`    "A": { "Type": "Parallel", "Branches": [{ "|" }] }`));
		expect(branch).toEqual(['StartAt', 'States', 'Comment']);
		const processor = labels(machine(`    "A": { "Type": "Map", "ItemProcessor": { "|" } }`));
		expect(processor).toContain('ProcessorConfig');
		const inner = labels(
			machine(
				`    "A": { "Type": "Map", "ItemProcessor": { "StartAt": "B", "States": { "B": { "Type": "Wait", "|" } } } }`
			)
		);
		expect(inner).toEqual(expect.arrayContaining(['Seconds', 'SecondsPath', 'Next']));
	});

	it('offers nothing inside free-form data such as Parameters or the States map', () => {
		expect(complete(machine(`    "A": { "Type": "Pass", "Parameters": { "|" } }`))).toBeNull();
		expect(complete(machine(`    "|"`))).toBeNull();
	});

	it('inserts the quoted name, a colon and an empty value with the cursor inside', () => {
		expect(applyKey(machine(`    "A": { "Type": "Pass", "Ne|" }`), 'Next')).toContain(
			'"A": { "Type": "Pass", "Next": "|" }'
		);
		expect(applyKey(machine(`    "A": { "Type": "Pass", Ne| }`), 'Next')).toContain(
			'"Next": "|" }'
		);
		expect(applyKey(machine(`    "A": { "Type": "Pass", "E|" }`), 'End')).toContain(
			'"End": true| }'
		);
		expect(applyKey(machine(`    "A": { "|" "Type": "Pass" }`), 'Next')).toContain(
			'"Next": "|", "Type"'
		);
		expect(applyKey(machine(`    "A": { "Type": "Pass", "Ne|": "B" }`), 'Next')).toContain(
			'"Next"|: "B"'
		);
	});
});

describe('completeAsl: values', () => {
	const states = `    "A": { "Type": "Pass", "Next": "|" },\n    "B": { "Type": "Wait", "Seconds": 1, "End": true }`;

	it('offers the state names of the same block for Next, Default, StartAt and catchers', () => {
		expect(labels(machine(states))).toEqual(['A', 'B']);
		expect(labels(`{ "StartAt": "|", "States": { "X": {}, "Y": {} } }`)).toEqual(['X', 'Y']);
		const branch = `    "P": { "Type": "Parallel", "Branches": [{ "StartAt": "In", "States": { "In": { "Type": "Pass", "Next": "|" } } }] }`;
		expect(labels(machine(branch))).toEqual(['In']);
		const choice = `    "C": { "Type": "Choice", "Default": "|", "Choices": [] },\n    "D": { "Type": "Succeed" }`;
		expect(labels(machine(choice))).toEqual(['C', 'D']);
		const caught = `    "T": { "Type": "Task", "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "|" }] }`;
		expect(labels(machine(caught))).toEqual(['T']);
	});

	it('replaces only the inside of the quotes, and closes an unterminated string', () => {
		const result = complete(machine(`    "A": { "Type": "Pass", "Next": "B|x" },\n    "B": {}`))!;
		const { state } = stateAt(machine(`    "A": { "Type": "Pass", "Next": "B|x" },\n    "B": {}`));
		expect(state.sliceDoc(result.from, result.to)).toBe('Bx');
		expect(result.options.find((o) => o.label === 'B')!.apply).toBe('B');
		// An open string swallows the text after it, so the States it names come before it here.
		const open = complete(`{ "States": { "X": {} },\n  "StartAt": "|\n}`)!;
		expect(open.options.map((o) => [o.label, o.apply])).toEqual([['X', 'X"']]);
	});

	it('offers Type values, query languages, Map modes and error names', () => {
		expect(labels(machine(`    "A": { "Type": "|" }`))).toEqual([
			'Task',
			'Pass',
			'Choice',
			'Wait',
			'Succeed',
			'Fail',
			'Parallel',
			'Map'
		]);
		expect(labels(`{ "QueryLanguage": "|" }`)).toEqual(['JSONPath', 'JSONata']);
		expect(
			labels(
				machine(
					`    "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "|" } } }`
				)
			)
		).toEqual(['INLINE', 'DISTRIBUTED']);
		expect(
			labels(machine(`    "A": { "Type": "Task", "Retry": [{ "ErrorEquals": ["|"] }] }`))
		).toContain('States.ALL');
	});

	it('offers Lambda ARNs for the known functions and the lambda:invoke integration', () => {
		expect(
			labels(machine(`    "A": { "Type": "Task", "Resource": "|" }`), true, ['resize'])
		).toEqual([
			'arn:aws:lambda:us-east-1:123456789012:function:resize',
			'arn:aws:states:::lambda:invoke'
		]);
	});

	it('stays quiet on plain typing outside strings and inside free text', () => {
		expect(complete(machine(`    "A": { "Type": "Pass", "Comment": "hel|" }`))).toBeNull();
		expect(complete(machine(`    "A": { "Type": "Pass", | }`), false)).toBeNull();
	});
});

describe('hoverInfo', () => {
	function hover(marked: string) {
		const { state, pos } = stateAt(marked);
		return hoverInfo(state, pos, 1);
	}

	it('documents field names where ASL fixes them', () => {
		const info = hover(machine(`    "A": { "Type": "Pass", "Res|ultPath": "$.x", "End": true }`));
		expect(info).toMatchObject({ title: 'ResultPath', detail: 'string, JSONPath only' });
		expect(info!.doc.length).toBeGreaterThan(10);
		expect(hover(machine(`    "A": { "Type": "Pass", "Parameters": { "Fo|o": 1 } }`))).toBeNull();
	});

	it('documents Type values, error names and Next targets', () => {
		expect(hover(machine(`    "A": { "Type": "Par|allel" }`))).toMatchObject({
			title: 'Parallel',
			detail: 'Type'
		});
		expect(
			hover(
				machine(`    "A": { "Type": "Task", "Retry": [{ "ErrorEquals": ["States.Time|out"] }] }`)
			)
		).toMatchObject({ title: 'States.Timeout', detail: 'error name' });
		const next = hover(
			machine(
				`    "A": { "Type": "Pass", "Next": "|B" },\n    "B": { "Type": "Wait", "Comment": "Pause." }`
			)
		);
		expect(next).toMatchObject({ title: 'B', detail: 'state', doc: 'A Wait state. Pause.' });
	});
});

describe('completeAsl: inside a JSONata expression', () => {
	const jsonataMachine = (output: string) =>
		machine(
			`    "A": { "Type": "Pass", "Assign": { "total": 1, "prefix": "x" }, "Next": "B" },\n` +
				`    "B": { "Type": "Pass", "Output": "${output}", "End": true }`,
			'\n  "QueryLanguage": "JSONata",'
		);

	it('offers $states, the variables the definition assigns and functions after $', () => {
		const offered = labels(jsonataMachine('{% $| %}'));
		expect(offered.slice(0, 3)).toEqual(['$states', '$total', '$prefix']);
		expect(offered).toContain('$sum');
		expect(offered).toContain('$partition');
		const result = complete(jsonataMachine('{% $st| %}'))!;
		// It replaces the whole `$st` typed so far.
		expect(result.from).toBe(jsonataMachine('{% $st| %}').indexOf('$st'));
	});

	it('completes a function with both parentheses, the cursor between them', () => {
		const apply = (marked: string) => {
			const result = complete(marked)!;
			expect(typeof result.options.find((o) => o.label === '$sum')!.apply).toBe('function');
			const { state, pos } = stateAt(marked);
			const next = state.update(functionInsertion(state, '$sum', result.from, pos)).state;
			const head = next.selection.main.head;
			const text = next.doc.toString();
			return text.slice(0, head) + '|' + text.slice(head);
		};
		expect(apply(jsonataMachine('{% $su| %}'))).toContain('"{% $sum(|) %}"');
		// Before a `(` already typed, no second one.
		expect(apply(jsonataMachine('{% $su|($states.input) %}'))).toContain(
			'"{% $sum(|$states.input) %}"'
		);
	});

	it('offers the fields of $states after $states.', () => {
		const offered = labels(jsonataMachine('{% $states.| %}'));
		expect(offered).toContain('$states.input');
		expect(offered).toContain('$states.context.Map.Item.Index');
		expect(offered).not.toContain('$sum');
	});

	it('offers nothing outside an expression or without a $', () => {
		expect(labels(jsonataMachine('$st|'))).toEqual([]);
		expect(labels(jsonataMachine('{% $x %} $|'))).toEqual([]);
		expect(labels(jsonataMachine('{% 1 + | %}'))).toEqual([]);
	});
});
