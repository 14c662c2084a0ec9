import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState, TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

/**
 * Completion inside a JSONata expression (a string `"{% … %}"`): after `$`, the reserved
 * `$states` and its fields, the workflow variables the definition assigns, and JSONata's
 * functions with AWS's additions (AWS Step Functions developer guide, "Transforming data with
 * JSONata"). Null outside an expression, or where no `$name` is being typed.
 */
export function completeJsonata(context: CompletionContext): CompletionResult | null {
	const { state, pos } = context;
	const node = syntaxTree(state).resolveInner(pos, -1);
	if (node.name !== 'String' || pos <= node.from) return null;
	const before = state.doc.sliceString(node.from + 1, pos);
	// An expression fills the whole string, from `{%` to `%}`: past `%}` is outside it.
	if (!/^\s*\{%/.test(before) || before.includes('%}')) return null;
	const word = /\$[\w.]*$/.exec(before);
	if (!word) return null;
	const from = pos - word[0].length;
	const options = word[0].startsWith('$states.')
		? STATES_FIELDS
		: [STATES, ...variablesOf(state), ...FUNCTIONS];
	return { from, options, validFor: /^\$[\w.]*$/ };
}

const STATES: Completion = {
	label: '$states',
	type: 'variable',
	info: 'Reserved: the state’s input, its result, a caught error and the context object.'
};

const field = (label: string, info: string, detail?: string): Completion => ({
	label,
	type: 'property',
	info,
	detail
});

const STATES_FIELDS: readonly Completion[] = [
	field('$states.input', 'The input the state received.'),
	field('$states.result', 'The task’s (or Parallel’s, Map’s) result.', 'in Output, Assign'),
	field('$states.errorOutput', 'The error a Catch caught: { Error, Cause }.', 'in a Catch'),
	field('$states.context', 'The context object: execution, state, task token, Map item.'),
	field('$states.context.Execution.Input', 'The execution’s original input.'),
	field('$states.context.Execution.Name', 'The execution’s name.'),
	field('$states.context.Execution.StartTime', 'When the execution started (ISO 8601).'),
	field('$states.context.State.Name', 'The current state’s name.'),
	field('$states.context.State.EnteredTime', 'When the state was entered (ISO 8601).'),
	field('$states.context.State.RetryCount', 'How many times the state has been retried.'),
	field('$states.context.Map.Item.Index', 'The Map item’s index (in ItemSelector).'),
	field('$states.context.Map.Item.Value', 'The Map item itself (in ItemSelector).'),
	field('$states.context.Task.Token', 'The task token of a .waitForTaskToken task.')
];

const fn = (label: string, info: string, detail?: string): Completion => ({
	label,
	type: 'function',
	info,
	detail,
	apply: (view: EditorView, _c: Completion, from: number, to: number) =>
		view.dispatch(functionInsertion(view.state, label, from, to))
});

/**
 * The edit that completing function `name` makes over `from..to` (the `$na` typed so far):
 * `$name()` with the cursor between the parentheses, as a key completion leaves it inside the
 * empty value. Before a `(` already there, only the name, with the cursor after that `(`.
 */
export function functionInsertion(
	state: EditorState,
	name: string,
	from: number,
	to: number
): TransactionSpec {
	const open = state.doc.sliceString(to, to + 1) === '(';
	return {
		changes: { from, to, insert: open ? name : `${name}()` },
		selection: { anchor: from + name.length + 1 }
	};
}

const FUNCTIONS: readonly Completion[] = [
	fn('$sum', 'The sum of an array of numbers.'),
	fn('$count', 'The number of items in an array.'),
	fn('$max', 'The largest number in an array.'),
	fn('$min', 'The smallest number in an array.'),
	fn('$average', 'The mean of an array of numbers.'),
	fn('$round', 'A number rounded, to a number of decimals.'),
	fn('$string', 'A value as a string (objects as JSON).'),
	fn('$number', 'A string parsed as a number.'),
	fn('$boolean', 'A value as true or false.'),
	fn('$exists', 'Whether a value (a path) exists.'),
	fn('$keys', 'The keys of an object.'),
	fn('$lookup', 'The value of a key of an object.'),
	fn('$merge', 'Objects merged into one (later keys win).'),
	fn('$append', 'Two arrays joined into one.'),
	fn('$map', 'An array with a function applied to each item.'),
	fn('$filter', 'The items of an array for which a function is true.'),
	fn('$reduce', 'An array folded into one value.'),
	fn('$sort', 'An array sorted, optionally by a function.'),
	fn('$join', 'An array of strings joined, with a separator.'),
	fn('$split', 'A string split into an array.'),
	fn('$substring', 'Part of a string, from a start index.'),
	fn('$uppercase', 'A string in upper case.'),
	fn('$lowercase', 'A string in lower case.'),
	fn('$contains', 'Whether a string contains a substring or matches a pattern.'),
	fn('$replace', 'A string with a substring or pattern replaced.'),
	fn('$now', 'The current time, as an ISO 8601 string.'),
	fn('$millis', 'The current time, in ms since the epoch.'),
	fn('$partition', 'An array split into chunks of a size.', 'AWS'),
	fn('$range', 'An array of numbers from a start to an end, by a step.', 'AWS'),
	fn('$hash', 'The hash of a string (MD5, SHA-1, SHA-256, SHA-384, SHA-512).', 'AWS'),
	fn('$random', 'A random number between 0 and 1, optionally seeded.', 'AWS'),
	fn('$uuid', 'A random version 4 UUID.', 'AWS'),
	fn('$parse', 'A JSON string parsed into a value.', 'AWS')
];

/** `$name` for every variable an `Assign` block of the definition sets, in order, once each. */
function variablesOf(state: EditorState): Completion[] {
	const names = new Set<string>();
	syntaxTree(state).iterate({
		enter(node) {
			if (node.name !== 'Property') return;
			const key = node.node.getChild('PropertyName');
			const colon = key?.nextSibling;
			const value = colon?.name === ':' ? colon.nextSibling : colon;
			if (!key || value?.name !== 'Object') return;
			if (state.doc.sliceString(key.from, key.to) !== '"Assign"') return;
			for (const member of value.getChildren('Property')) {
				const name = member.getChild('PropertyName');
				if (name) names.add(state.doc.sliceString(name.from + 1, name.to - 1));
			}
		}
	});
	return [...names].map((name) => ({
		label: `$${name}`,
		type: 'variable',
		info: 'A workflow variable set by an Assign in this definition.'
	}));
}
