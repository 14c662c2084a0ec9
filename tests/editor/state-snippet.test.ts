import { describe, expect, it } from 'vitest';
import { stateSnippet } from '../../src/lib/editor/state-snippet.js';

const choice = `"ChoiceStateX": {
  "Type": "Choice",
  "Choices": [{ "Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero" }],
  "Default": "DefaultState"
}`;

describe('stateSnippet', () => {
	it('wraps named states, as the guide shows them, starting at the first', () => {
		const s = stateSnippet(`${choice},\n"ValueIsZero": { "Type": "Succeed" },`);
		expect(s?.count).toBe(2);
		const definition = JSON.parse(s!.definition);
		expect(definition.StartAt).toBe('ChoiceStateX');
		// DefaultState is not in the snippet: a placeholder stands in for it.
		expect(Object.keys(definition.States)).toEqual(['ChoiceStateX', 'ValueIsZero', 'DefaultState']);
	});

	it('adds a Pass placeholder for each state the snippet goes to but leaves out', () => {
		const s = stateSnippet(
			`${choice}, "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:w", "Next": "ChoiceStateX", "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Oops" }] }`
		);
		const { StartAt, States } = JSON.parse(s!.definition);
		expect(s?.count).toBe(2);
		expect(StartAt).toBe('ChoiceStateX');
		expect(Object.keys(States)).toEqual([
			'ChoiceStateX',
			'Work',
			'ValueIsZero',
			'DefaultState',
			'Oops'
		]);
		expect(States.Oops).toMatchObject({ Type: 'Pass', End: true });
	});

	it('wraps one bare state, named after its type', () => {
		const s = stateSnippet('{ "Type": "Wait", "Seconds": 10, "End": true }');
		expect(JSON.parse(s!.definition)).toEqual({
			StartAt: 'Wait',
			States: { Wait: { Type: 'Wait', Seconds: 10, End: true } }
		});
	});

	it('wraps a States field', () => {
		const s = stateSnippet('"States": { "A": { "Type": "Pass", "End": true } }');
		expect(JSON.parse(s!.definition).StartAt).toBe('A');
	});

	it('wraps named states and a States field copied with their braces', () => {
		const named = stateSnippet(`{ ${choice} }`);
		expect(JSON.parse(named!.definition).StartAt).toBe('ChoiceStateX');
		const states = stateSnippet('{ "States": { "A": { "Type": "Pass", "End": true } } }');
		expect(JSON.parse(states!.definition).StartAt).toBe('A');
	});

	it('leaves alone whole definitions, broken JSON and objects that are not states', () => {
		expect(
			stateSnippet('{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }')
		).toBeUndefined();
		expect(stateSnippet('"A": { "Type": "Pass", ')).toBeUndefined();
		expect(stateSnippet('"A": { "Type": "Lambda" }')).toBeUndefined();
		expect(stateSnippet('"A": { "Type": "Pass" }, "B": 3')).toBeUndefined();
		expect(stateSnippet('')).toBeUndefined();
		expect(stateSnippet('{}')).toBeUndefined();
		expect(stateSnippet('{ "A": { "Type": "Pass" }, "Comment": "x" }')).toBeUndefined();
	});
});
