import type { FaultInjection, LatencyProfile, LatencySpec } from '../../../engine/index.js';
import type { WorkspaceData, WorkspaceSettings } from './types.js';

/**
 * Strict checking of a workspace that came from outside the running page (a share link, browser
 * storage): exact field types, caps on counts and name lengths, forbidden prototype names. The
 * result is a fresh object holding only the known fields, so unknown extra fields are dropped.
 * Nothing here executes or renders what it checks.
 */

/** Most Lambda handlers a workspace may hold. */
export const MAX_HANDLERS = 50;
/** Longest handler name: a full Lambda ARN with a qualifier is at most 170 characters. */
export const MAX_HANDLER_NAME_LENGTH = 170;
/** Most entries in each table of a latency profile. */
export const MAX_LATENCY_ENTRIES = 500;
/** Longest simulated task duration, in ms (one day). */
export const MAX_LATENCY_MS = 24 * 3600 * 1000;

/** Function names, full or partial ARNs and qualifiers (`$LATEST`): Lambda's own charset. */
const HANDLER_NAME = /^[A-Za-z0-9_:$-]+$/;
const EXAMPLE_ID = /^[a-z0-9-]{1,64}$/;
/** Longest state name or resource used as a latency key (ASL state names are at most 80). */
const MAX_LATENCY_KEY_LENGTH = 256;
/** Keys that could reach an object's prototype if a consumer copied them by assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a workspace was refused: `code` for programs and tests, `reason` for people. */
export interface WorkspaceProblem {
	readonly code: WorkspaceProblemCode;
	readonly reason: string;
}

export type WorkspaceProblemCode =
	| 'not_a_workspace'
	| 'newer_version'
	| 'bad_field'
	| 'forbidden_name'
	| 'bad_handler_name'
	| 'too_many_handlers';

export type WorkspaceCheck =
	{ readonly ok: true; readonly data: WorkspaceData } | ({ readonly ok: false } & WorkspaceProblem);

type Fields = Readonly<Record<string, unknown>>;

class Refusal extends Error {
	constructor(
		readonly code: WorkspaceProblemCode,
		readonly reason: string
	) {
		super(reason);
	}
}

/**
 * Checks that `value` (parsed JSON) is a `WorkspaceData` of version 1 and returns a clean copy.
 * Never throws.
 */
export function validateWorkspace(value: unknown): WorkspaceCheck {
	try {
		return { ok: true, data: workspace(value) };
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, code: error.code, reason: error.reason };
		return { ok: false, code: 'not_a_workspace', reason: 'This is not a playground workspace.' };
	}
}

function workspace(value: unknown): WorkspaceData {
	const fields = record(value, 'the workspace');
	if (!fields) throw new Refusal('not_a_workspace', 'This is not a playground workspace.');
	const v = own(fields, 'v');
	if (typeof v === 'number' && Number.isInteger(v) && v > 1) {
		throw new Refusal(
			'newer_version',
			'This workspace is from a newer version of the playground. Reload the page to update it.'
		);
	}
	if (v !== 1) {
		throw new Refusal('not_a_workspace', 'This is not a playground workspace (no version 1).');
	}
	const exampleId = own(fields, 'exampleId');
	if (exampleId !== undefined && (typeof exampleId !== 'string' || !EXAMPLE_ID.test(exampleId))) {
		throw badField('exampleId', 'a short lowercase id');
	}
	const data: WorkspaceData = {
		v: 1,
		definition: text(fields, 'definition'),
		input: text(fields, 'input'),
		handlers: handlers(own(fields, 'handlers')),
		settings: settings(own(fields, 'settings'))
	};
	return exampleId === undefined ? data : { ...data, exampleId };
}

/** JSON text of the workspace's known fields only, in a fixed order (for links and storage). */
export function workspaceJson(data: WorkspaceData): string {
	return JSON.stringify({
		v: 1,
		definition: data.definition,
		input: data.input,
		handlers: data.handlers,
		settings: data.settings,
		...(data.exampleId === undefined ? {} : { exampleId: data.exampleId })
	});
}

function handlers(value: unknown): Record<string, string> {
	const fields = record(value, 'handlers');
	if (!fields) throw badField('handlers', 'an object of function name → source');
	const names = Object.keys(fields);
	if (names.length > MAX_HANDLERS) {
		throw new Refusal(
			'too_many_handlers',
			`A workspace holds at most ${MAX_HANDLERS} Lambda handlers.`
		);
	}
	const entries = names.map((name): [string, string] => {
		if (name.length === 0 || name.length > MAX_HANDLER_NAME_LENGTH || !HANDLER_NAME.test(name)) {
			throw new Refusal(
				'bad_handler_name',
				`A Lambda handler name must be 1–${MAX_HANDLER_NAME_LENGTH} letters, digits, '-', '_', ':' or '$'.`
			);
		}
		const source = fields[name];
		if (typeof source !== 'string') throw badField(`handlers.${name}`, 'source text');
		return [name, source];
	});
	// `Object.fromEntries` defines properties; it never assigns through a prototype setter.
	return Object.fromEntries(entries);
}

function settings(value: unknown): WorkspaceSettings {
	const fields = record(value, 'settings');
	if (!fields) throw badField('settings', 'an object');
	const seed = own(fields, 'seed');
	if (typeof seed !== 'number' || !Number.isFinite(seed))
		throw badField('settings.seed', 'a number');
	const latency = own(fields, 'latency');
	const maxEvents = own(fields, 'maxEvents');
	if (
		maxEvents !== undefined &&
		(typeof maxEvents !== 'number' ||
			!Number.isInteger(maxEvents) ||
			maxEvents < 100 ||
			maxEvents > 1_000_000)
	) {
		throw badField('settings.maxEvents', 'a whole number from 100 to 1,000,000');
	}
	const faults = own(fields, 'faults');
	return {
		seed,
		...(latency === undefined ? {} : { latency: latencyProfile(latency) }),
		...(maxEvents === undefined ? {} : { maxEvents }),
		...(faults === undefined ? {} : { faults: faultTable(faults) })
	};
}

function faultTable(value: unknown): Record<string, FaultInjection> {
	return boundedTable(value, 'settings.faults', 'state names', (entry, where) => {
		const fault = record(entry, where);
		if (!fault) throw badField(where, 'an object');
		const error = own(fault, 'error');
		if (typeof error !== 'string' || error.length === 0 || error.length > 256) {
			throw badField(`${where}.error`, 'an error name of 1–256 characters');
		}
		const cause = own(fault, 'cause');
		if (cause !== undefined && (typeof cause !== 'string' || cause.length > 4096)) {
			throw badField(`${where}.cause`, 'text of at most 4096 characters');
		}
		const attempts = own(fault, 'attempts');
		if (
			attempts !== undefined &&
			(!Array.isArray(attempts) ||
				attempts.length > 100 ||
				attempts.some((a) => typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > 1000))
		) {
			throw badField(`${where}.attempts`, 'a list of attempt numbers (0 is the first)');
		}
		return {
			error,
			...(cause === undefined ? {} : { cause: cause as string }),
			...(attempts === undefined ? {} : { attempts: [...(attempts as number[])] })
		};
	});
}

/** An object of at most MAX_LATENCY_ENTRIES entries keyed by names of 1–MAX_LATENCY_KEY_LENGTH
 *  characters (`keyNoun` says what they name), each value read by `entry` at `where.key`. */
function boundedTable<T>(
	value: unknown,
	where: string,
	keyNoun: string,
	entry: (value: unknown, where: string) => T
): Record<string, T> {
	const fields = record(value, where);
	if (!fields) throw badField(where, 'an object');
	const keys = Object.keys(fields);
	if (keys.length > MAX_LATENCY_ENTRIES)
		throw badField(where, `at most ${MAX_LATENCY_ENTRIES} entries`);
	return Object.fromEntries(
		keys.map((key): [string, T] => {
			if (key.length === 0 || key.length > MAX_LATENCY_KEY_LENGTH) {
				throw badField(where, `${keyNoun} of 1–${MAX_LATENCY_KEY_LENGTH} characters`);
			}
			return [key, entry(fields[key], `${where}.${key}`)];
		})
	);
}

function latencyProfile(value: unknown): LatencyProfile {
	const fields = record(value, 'settings.latency');
	if (!fields) throw badField('settings.latency', 'an object');
	const profile: { -readonly [K in keyof LatencyProfile]: LatencyProfile[K] } = {};
	const byState = own(fields, 'byState');
	if (byState !== undefined) profile.byState = latencyTable(byState, 'byState');
	const byResource = own(fields, 'byResource');
	if (byResource !== undefined) profile.byResource = latencyTable(byResource, 'byResource');
	const fallback = own(fields, 'default');
	if (fallback !== undefined) profile.default = latencySpec(fallback, 'settings.latency.default');
	return profile;
}

function latencyTable(value: unknown, name: string): Record<string, LatencySpec> {
	return boundedTable(value, `settings.latency.${name}`, 'names', latencySpec);
}

function latencySpec(value: unknown, where: string): LatencySpec {
	if (typeof value === 'number') return milliseconds(value, where);
	const fields = record(value, where);
	if (!fields) throw badField(where, 'milliseconds or { min, max }');
	return {
		min: milliseconds(own(fields, 'min'), where),
		max: milliseconds(own(fields, 'max'), where)
	};
}

function milliseconds(value: unknown, where: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_LATENCY_MS) {
		throw badField(where, `milliseconds from 0 to ${MAX_LATENCY_MS}`);
	}
	return value;
}

function text(fields: Fields, key: string): string {
	const value = own(fields, key);
	if (typeof value !== 'string') throw badField(key, 'text');
	return value;
}

/** A plain JSON object (not an array or null) with no forbidden key, else undefined. */
function record(value: unknown, where: string): Fields | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	for (const key of Object.keys(value)) {
		if (FORBIDDEN_KEYS.has(key)) {
			throw new Refusal('forbidden_name', `The name '${key}' is not allowed (in ${where}).`);
		}
	}
	return value as Fields;
}

/** Reads an own property only: an inherited `constructor` or `toString` is never a field. */
function own(fields: Fields, key: string): unknown {
	return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

function badField(where: string, expected: string): Refusal {
	return new Refusal('bad_field', `The workspace field '${where}' must be ${expected}.`);
}
