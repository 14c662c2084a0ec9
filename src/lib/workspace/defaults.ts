import { examples, type Example } from '../examples/index.js';
import type { WorkspaceData, WorkspaceSettings } from './types.js';

/** Settings of a fresh workspace: seed 0 and no simulated latency. */
export const DEFAULT_SETTINGS: WorkspaceSettings = { seed: 0 };

/** A fresh workspace holding a copy of `example`, with its latency profile and id. */
export function workspaceFromExample(example: Example): WorkspaceData {
	const settings: WorkspaceSettings =
		example.latency === undefined
			? DEFAULT_SETTINGS
			: { ...DEFAULT_SETTINGS, latency: example.latency };
	return {
		v: 1,
		definition: example.definition,
		input: example.input,
		handlers: { ...example.handlers },
		settings,
		exampleId: example.id
	};
}

/** The workspace a first visit (or an undecodable link) opens: the first example. */
export function defaultWorkspace(): WorkspaceData {
	return workspaceFromExample(examples[0]);
}

/**
 * The example `exampleId` names, while `definition` is still its state machine (the same JSON,
 * layout aside): what the example says about its workflow still holds. Input, handlers and
 * settings may differ; trying them is what the examples invite.
 */
export function exampleWorkflowOf(
	exampleId: string | undefined,
	definition: string
): Example | undefined {
	const example = examples.find((e) => e.id === exampleId);
	if (!example) return undefined;
	if (definition === example.definition) return example;
	try {
		return sameJson(JSON.parse(definition), JSON.parse(example.definition)) ? example : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Whether `data` is still exactly the example it started from (`exampleId`): the same text,
 * handlers and settings (member order aside). False when it names no known example.
 */
export function matchesExample(data: WorkspaceData): boolean {
	const example = examples.find((e) => e.id === data.exampleId);
	if (!example) return false;
	const fresh = workspaceFromExample(example);
	return (
		data.definition === fresh.definition &&
		data.input === fresh.input &&
		sameJson(data.handlers, fresh.handlers) &&
		sameJson(data.settings, fresh.settings)
	);
}

/**
 * Whether every handler in `handlers` is, to the letter, the one example `exampleId` ships under
 * that name (true for none at all): handlers an example ships are known to be free of syntax
 * errors (a test checks), so nothing needs to parse them before the visitor opens or changes them.
 */
export function handlersFromExample(
	exampleId: string | undefined,
	handlers: Readonly<Record<string, string>>
): boolean {
	const shipped = examples.find((e) => e.id === exampleId)?.handlers ?? {};
	return Object.entries(handlers).every(([name, source]) => shipped[name] === source);
}

/**
 * Deep equality of JSON-like values, ignoring the order of object members and members that are
 * empty objects (clearing the last injected failure leaves `faults: {}`).
 */
function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	const ka = Object.keys(ra).filter((k) => !isEmptyObject(ra[k]));
	const kb = Object.keys(rb).filter((k) => !isEmptyObject(rb[k]));
	return ka.length === kb.length && ka.every((k) => k in rb && sameJson(ra[k], rb[k]));
}

function isEmptyObject(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.keys(value).length === 0
	);
}
