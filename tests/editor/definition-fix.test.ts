import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../engine/core.js';
import { validateDefinition } from '../../engine/asl/validate.js';
import { definitionFix } from '../../src/lib/editor/definition-fix.js';

/** `definitionFix` of `text`, with the diagnostics the page computes for it. */
function fixOf(text: string) {
	const parsed = parseDefinition(text);
	const diagnostics = parsed.definition
		? [...parsed.diagnostics, ...validateDefinition(parsed.definition, parsed.sourceMap)]
		: parsed.diagnostics;
	return definitionFix(text, parsed.definition, diagnostics);
}

/** Errors left once `text` is fixed. */
function errorsAfter(text: string) {
	const parsed = parseDefinition(text);
	return validateDefinition(parsed.definition!, parsed.sourceMap).filter(
		(d) => d.severity === 'error'
	);
}

// The guide's Choice example, in JSONata, with no top-level QueryLanguage.
const JSONATA_CHOICE = `{
  "StartAt": "ChoiceStateX",
  "States": {
    "ChoiceStateX": {
      "Type": "Choice",
      "Choices": [
        { "Condition": "{% $states.input.type != 'Private' %}", "Next": "Public", "Assign": { "isPrivate": false } }
      ],
      "Default": "Public"
    },
    "Public": { "Type": "Pass", "Output": { "private": "{% $isPrivate %}" }, "End": true }
  }
}`;

describe('definitionFix', () => {
	it('wraps a snippet of states', () => {
		const fix = fixOf('"Done": { "Type": "Succeed" }');
		expect(fix?.action).toBe('Wrap in a state machine');
		expect(errorsAfter(fix!.definition)).toEqual([]);
	});

	it('declares JSONata for JSONata states in a machine that does not say so', () => {
		const fix = fixOf(JSONATA_CHOICE);
		expect(fix?.action).toBe('Use JSONata');
		expect(fix?.definition.split('\n').slice(0, 3)).toEqual([
			'{',
			'  "QueryLanguage": "JSONata",',
			'  "StartAt": "ChoiceStateX",'
		]);
		expect(errorsAfter(fix!.definition)).toEqual([]);
		// On one line too.
		const oneLine = fixOf(JSON.stringify(JSON.parse(JSONATA_CHOICE)));
		expect(errorsAfter(oneLine!.definition)).toEqual([]);
	});

	it('offers nothing for a valid definition, other errors, or a machine that names its language', () => {
		expect(fixOf('{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }')).toBeUndefined();
		expect(fixOf('{ "StartAt": "B", "States": { "A": { "Type": "Succeed" } } }')).toBeUndefined();
		const declared = JSON.parse(JSONATA_CHOICE);
		declared.QueryLanguage = 'JSONPath';
		expect(fixOf(JSON.stringify(declared))).toBeUndefined();
	});
});
