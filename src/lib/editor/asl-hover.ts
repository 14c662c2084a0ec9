import type { EditorState } from '@codemirror/state';
import { ERROR_NAMES, FIELD_VALUES } from './asl-docs.js';
import { fieldInfo } from './asl-fields.js';
import { jsonTree, membersOf, placeOf, stringMember, stringValue } from './json-tree.js';

/** What a hover over the definition shows. */
export interface HoverInfo {
	/** The hovered token. */
	readonly from: number;
	readonly to: number;
	/** The field name or value, as written. */
	readonly title: string;
	/** A short qualifier: the value's JSON type, "JSONPath only", a state's Type. */
	readonly detail?: string;
	readonly doc: string;
}

/**
 * The documentation for the token at `pos`: a field name (in an object whose fields ASL fixes),
 * a fixed value (`Type`, `QueryLanguage`, `Mode`, …), an error name in `ErrorEquals`, or the
 * target of `Next`/`Default`/`StartAt` (its Type and Comment). Null elsewhere.
 */
export function hoverInfo(state: EditorState, pos: number, side: -1 | 1 = 1): HoverInfo | null {
	const node = jsonTree(state).resolveInner(pos, side);
	const { from, to } = node;
	if (node.name === 'PropertyName') {
		const object = node.parent?.parent;
		const place = object && placeOf(state, object);
		const title = stringValue(state, node);
		const info = place && fieldInfo(title, place.kind);
		if (!info) return null;
		const detail = info.language ? `${info.shape}, ${info.language} only` : info.shape;
		return { from, to, title, detail, doc: info.doc };
	}
	if (node.name !== 'String') return null;
	const value = stringValue(state, node);
	const parent = node.parent;
	const property = parent?.name === 'Array' ? parent.parent : parent;
	const object = property?.parent;
	const keyNode = property?.getChild('PropertyName');
	if (property?.name !== 'Property' || !keyNode || object?.name !== 'Object') return null;
	const key = stringValue(state, keyNode);
	const place = placeOf(state, object);
	if (!place) return null;
	if (parent?.name === 'Array') {
		const doc = key === 'ErrorEquals' ? ERROR_NAMES[value] : undefined;
		return doc ? { from, to, title: value, detail: 'error name', doc } : null;
	}
	if (key === 'Next' || key === 'Default' || key === 'StartAt') {
		const target = place.states && membersOf(state, place.states).find((m) => m.key === value);
		if (!target) return null;
		const body = target.value?.name === 'Object' ? target.value : undefined;
		const type = body && stringMember(state, body, 'Type');
		const comment = body && stringMember(state, body, 'Comment');
		const what = type ? `A ${type} state.` : 'A state.';
		return { from, to, title: value, detail: 'state', doc: comment ? `${what} ${comment}` : what };
	}
	if (key === 'Type' && place.kind !== 'state') return null;
	const doc = FIELD_VALUES[key]?.[value];
	return doc ? { from, to, title: value, detail: key, doc } : null;
}
