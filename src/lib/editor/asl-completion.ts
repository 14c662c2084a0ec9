import {
	startCompletion,
	type Completion,
	type CompletionContext,
	type CompletionResult
} from '@codemirror/autocomplete';
import type { EditorState, TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { SyntaxNode } from '@lezer/common';
import { ERROR_NAMES, FIELD_VALUES, type ValueShape } from './asl-docs.js';
import { KEY_FIELDS, fieldInfo, fieldsOf } from './asl-fields.js';
import { cursorTarget, type CursorTarget } from './cursor-target.js';
import { completeJsonata } from './jsonata-completion.js';
import { memberNames, placeOf, stateNamesOf, type Place } from './json-tree.js';

/**
 * ASL completion, computed from the JSON syntax tree (so it works on half-typed text). Loaded
 * lazily by `asl-language.ts` the first time the definition editor asks for a completion.
 */

/** What completion needs from the page. */
export interface AslCompletionOptions {
	/** Lambda function names (or ARNs) to offer for a Task `Resource`. */
	readonly functionNames?: () => readonly string[];
}

/** The Lambda ARN offered for a bare function name (the account and region are placeholders). */
export const lambdaArn = (name: string): string =>
	name.startsWith('arn:') ? name : `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** Completion source for ASL field names and values. Null where it has nothing to offer. */
export function completeAsl(
	context: CompletionContext,
	options: AslCompletionOptions = {}
): CompletionResult | null {
	const jsonata = completeJsonata(context);
	if (jsonata) return jsonata;
	const target = cursorTarget(context.state, context.pos, context.explicit);
	if (!target) return null;
	const place = placeOf(context.state, target.object);
	if (!place) return null;
	const result =
		target.role === 'key'
			? keyCompletions(context.state, target, place)
			: valueCompletions(context.state, target, place, options);
	return result && result.options.length ? result : null;
}

function keyCompletions(state: EditorState, target: CursorTarget, place: Place): CompletionResult {
	const present = memberNames(state, target.object, target.from);
	const options = fieldsOf(place)
		.filter((name) => !present.has(name))
		.map((name): Completion => {
			const info = fieldInfo(name, place.kind);
			const boost = name === 'Type' ? 2 : KEY_FIELDS.has(name) ? 1 : 0;
			return {
				label: name,
				type: 'property',
				detail: info?.language ? `${info.language} only` : undefined,
				info: info?.doc,
				boost,
				apply: (view: EditorView, _c: Completion, from: number, to: number) => {
					const shape = info?.shape ?? 'any';
					view.dispatch(keyInsertion(view.state, name, shape, from, to));
					if (shape === 'string') startCompletion(view);
				}
			};
		});
	return { from: target.from + (target.quoted ? 1 : 0), to: target.to, options, validFor: /^\w*$/ };
}

/**
 * The edit that completing field `name` makes over `from..to` (the typed name, with or without
 * its quotes): the quoted name, then, unless a colon already follows, `: ` and an empty value of
 * the field's shape with the cursor inside it, and a comma when another member follows.
 */
export function keyInsertion(
	state: EditorState,
	name: string,
	shape: ValueShape,
	from: number,
	to: number
): TransactionSpec {
	const text = state.doc;
	let start = from;
	let end = to;
	if (text.sliceString(start - 1, start) === '"') start--;
	if (text.sliceString(end, end + 1) === '"') end++;
	const after = text.sliceString(end, Math.min(text.length, end + 200));
	const quoted = JSON.stringify(name);
	if (/^\s*:/.test(after)) {
		return {
			changes: { from: start, to: end, insert: quoted },
			selection: { anchor: start + quoted.length }
		};
	}
	const [open, close] = EMPTY_VALUE[shape];
	const comma = /^\s*"/.test(after) ? ',' : '';
	const insert = `${quoted}: ${open}${close}${comma}`;
	const anchor = start + quoted.length + 2 + open.length;
	return { changes: { from: start, to: end, insert }, selection: { anchor } };
}

/** The empty value inserted after a completed field name, split at the cursor. */
const EMPTY_VALUE: Readonly<Record<ValueShape, [string, string]>> = {
	string: ['"', '"'],
	object: ['{', '}'],
	array: ['[', ']'],
	boolean: ['true', ''],
	number: ['', ''],
	any: ['', '']
};

function valueCompletions(
	state: EditorState,
	target: CursorTarget,
	place: Place,
	options: AslCompletionOptions
): CompletionResult | null {
	const values = valueChoices(state, target, place, options);
	if (!values) return null;
	const completions = values.map(([value, doc, detail]): Completion => {
		const json = JSON.stringify(value);
		const inside = json.slice(1, -1);
		const apply = target.quoted ? inside + (target.closed ? '' : '"') : json;
		return { label: value, apply, type: 'constant', info: doc, detail };
	});
	const from = target.from + (target.quoted ? 1 : 0);
	return { from, to: target.to, options: completions, validFor: /^[^"\\]*$/ };
}

/** `[value, doc, detail]` choices for the string at the cursor, or undefined for none. */
function valueChoices(
	state: EditorState,
	target: CursorTarget,
	place: Place,
	options: AslCompletionOptions
): [string, string?, string?][] | undefined {
	const { key, role } = target;
	if (role === 'item') {
		const inRule = place.kind === 'retrier' || place.kind === 'catcher';
		return inRule && key === 'ErrorEquals' ? Object.entries(ERROR_NAMES) : undefined;
	}
	if (key === undefined) return undefined;
	const names = (states: SyntaxNode | undefined) =>
		stateNamesOf(state, states).map(([name, type]): [string, string?, string?] => [
			name,
			undefined,
			type
		]);
	if (key === 'StartAt' && ['machine', 'branch', 'processor'].includes(place.kind)) {
		return names(place.states);
	}
	if (key === 'Next' && ['state', 'catcher', 'choiceRule'].includes(place.kind)) {
		return names(place.states);
	}
	if (key === 'Default' && place.kind === 'state') return names(place.states);
	if (key === 'Resource' && place.kind === 'state') {
		const functions = (options.functionNames?.() ?? []).map((name): [string, string, string] => [
			lambdaArn(name),
			`Runs the Lambda handler "${name}".`,
			'Lambda'
		]);
		return [
			...functions,
			[
				'arn:aws:states:::lambda:invoke',
				'Lambda integration: put FunctionName and Payload in Parameters (Arguments in JSONata).',
				'Lambda'
			]
		];
	}
	if (key === 'Type' && place.kind !== 'state') return undefined;
	const fixed = FIELD_VALUES[key];
	return fixed ? Object.entries(fixed) : undefined;
}
