import type { Diagnostic } from '../../../engine/index.js';
import { stateSnippet } from './state-snippet.js';

/**
 * One-click fixes for the two ways a definition pasted from the AWS Step Functions Developer
 * Guide most often fails to be a state machine: a snippet of states rather than a whole
 * definition, and JSONata states (the guide's default since 2024) in a machine that does not say
 * it uses JSONata.
 */

/** A fix offered under the definition: what is wrong, the button's label, the fixed text. */
export interface DefinitionFix {
	readonly message: string;
	readonly action: string;
	readonly definition: string;
}

/** Fields only JSONata states have: under JSONPath each is reported as of the other language. */
const JSONATA_ONLY = new Set(['Arguments', 'Output', 'Condition', 'Items']);

/**
 * The fix for `text`, whose parse gave `definition` (undefined if it is not a JSON object) and
 * whose checks gave `diagnostics`; undefined when there is nothing this can fix.
 */
export function definitionFix(
	text: string,
	definition: unknown,
	diagnostics: readonly Diagnostic[]
): DefinitionFix | undefined {
	if (!diagnostics.some((d) => d.severity === 'error')) return undefined;
	const snippet = stateSnippet(text);
	if (snippet)
		return {
			message: `${snippet.count === 1 ? 'This is one state' : `These are ${snippet.count} states`} cut out of a larger example, not a whole state machine.`,
			action: 'Wrap in a state machine',
			definition: snippet.definition
		};
	const jsonata = usesJsonataUndeclared(definition, diagnostics) && withJsonata(text);
	if (jsonata)
		return {
			message:
				'These states are written in JSONata ({% … %}, Condition, Output, Arguments), but the state machine does not say so, and JSONPath is the default.',
			action: 'Use JSONata',
			definition: jsonata
		};
	return undefined;
}

function usesJsonataUndeclared(definition: unknown, diagnostics: readonly Diagnostic[]): boolean {
	if (typeof definition !== 'object' || definition === null || 'QueryLanguage' in definition)
		return false;
	return diagnostics.some(
		(d) =>
			d.code === 'field_not_allowed_in_query_language' &&
			JSONATA_ONLY.has(d.path.slice(d.path.lastIndexOf('/') + 1))
	);
}

/** `text` with `"QueryLanguage": "JSONata"` as the first field, indented like the next line. */
function withJsonata(text: string): string | undefined {
	const open = text.indexOf('{');
	if (open < 0) return undefined;
	const after = text.slice(open + 1);
	const nextLine = /^[ \t]*\r?\n([ \t]*)\S/.exec(after);
	const field = '"QueryLanguage": "JSONata",';
	const insertion = nextLine ? `\n${nextLine[1]}${field}` : ` ${field}`;
	return text.slice(0, open + 1) + insertion + after;
}
