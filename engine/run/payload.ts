import type { JsonValue } from '../asl/types.js';
import { StatesError, StatesErrors } from '../errors.js';
import {
	evaluateIntrinsic,
	looksLikeIntrinsic,
	parseIntrinsic,
	type IntrinsicEnv
} from './intrinsics.js';
import { jsonTextWithoutRecursion } from './json-limits.js';
import {
	evaluatePath,
	parsePath,
	PathNotFoundError,
	PathSyntaxError,
	setAtPath,
	UnknownVariableError
} from './paths.js';

/**
 * JSONPath-mode data processing: `InputPath`, payload templates (`Parameters`, `ResultSelector`,
 * `ItemSelector`, `Assign`), `ResultPath` and `OutputPath`, with AWS's `null` rules and errors.
 */

const texts = new WeakMap<object, string>();

/**
 * Compact JSON text, as AWS prints values in messages and events. Values are never mutated once
 * made, so the text of an object is computed once: a state's output is also the next state's
 * input, and both events show it.
 */
export function toJson(v: JsonValue): string {
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	let t = texts.get(v);
	if (t === undefined) {
		try {
			t = JSON.stringify(v);
		} catch {
			// Only a value too deep for its recursion makes `JSON.stringify` throw: never a state's
			// data (see `MAX_JSON_DEPTH`), but the history still records it as an execution input
			// or a task's result.
			t = jsonTextWithoutRecursion(v);
		}
		texts.set(v, t);
	}
	return t;
}

/** `{ truncated: false }`, shared: AWS attaches it to every payload. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * Event details whose payload is serialised on first read: events carry payloads as JSON text,
 * as AWS records them, but most of that text is never read. `toJSON` gives the plain AWS shape,
 * so `JSON.stringify` of an event is exactly what AWS would show; code that posts events across
 * threads sends that JSON text (see `plainEvents`).
 */
export class InputDetails {
	#text: string | undefined;
	readonly #value: JsonValue;
	readonly inputDetails = NOT_TRUNCATED;
	constructor(
		readonly name: string,
		value: JsonValue
	) {
		this.#value = value;
	}
	get input(): string {
		return (this.#text ??= toJson(this.#value));
	}
	toJSON() {
		return { name: this.name, input: this.input, inputDetails: NOT_TRUNCATED };
	}
}

/** See `InputDetails`: `{ name, output, outputDetails, assignedVariables? }`. */
export class OutputDetails {
	#text: string | undefined;
	readonly #value: JsonValue;
	readonly outputDetails = NOT_TRUNCATED;
	constructor(
		readonly name: string | undefined,
		value: JsonValue,
		readonly assignedVariables?: { readonly [name: string]: string }
	) {
		this.#value = value;
	}
	get output(): string {
		return (this.#text ??= toJson(this.#value));
	}
	toJSON() {
		const out: { [k: string]: unknown } = {};
		if (this.name !== undefined) out.name = this.name;
		out.output = this.output;
		out.outputDetails = NOT_TRUNCATED;
		if (this.assignedVariables) {
			out.assignedVariables = this.assignedVariables;
			out.assignedVariablesDetails = NOT_TRUNCATED;
		}
		return out;
	}
}

/** The value a path names, or a `States.Runtime` failure worded as AWS words it for `field`. */
export function selectPath(text: string, env: IntrinsicEnv, field: string): JsonValue {
	try {
		return evaluatePath(parsePath(text), env);
	} catch (e) {
		if (e instanceof PathNotFoundError) {
			throw new StatesError(StatesErrors.Runtime, `Invalid path '${text}' : ${e.message}`);
		}
		throw pathError(e, text, field);
	}
}

/** A path's failure other than a missing match, as the state's run-time error when it is one. */
export function pathError(e: unknown, text: string, field: string): unknown {
	if (e instanceof UnknownVariableError) {
		return new StatesError(
			StatesErrors.Runtime,
			`The JSONPath '${text}' specified for the field '${field}' references the undefined variable '${e.variable}'`
		);
	}
	if (e instanceof PathSyntaxError) {
		return new StatesError(
			StatesErrors.Runtime,
			`The field '${field}' holds an invalid JSONPath '${text}': ${e.message}`
		);
	}
	return e;
}

/**
 * A path over the state's data when that data is `null`: AWS fails the state ("attempting to apply
 * InputPath or OutputPath on a null JSON payload" is the guide's example of `States.Runtime`), even
 * for `$`, with the cause AWS records for a payload template over a `null` input.
 */
function checkNotNull(text: string, data: JsonValue): void {
	if (data === null && isInputRooted(text)) {
		throw new StatesError(
			StatesErrors.Runtime,
			'Unable to apply Path transformation to null or empty input.'
		);
	}
}

/** Whether a path reads the data (`$`, `$.a`, `$[0]`) rather than a variable (`$name`). */
function isInputRooted(text: string): boolean {
	try {
		return parsePath(text).root.kind === 'input';
	} catch {
		return false;
	}
}

/** `InputPath`: absent = `$`, `null` = `{}`. */
export function applyInputPath(
	path: string | null | undefined,
	input: JsonValue,
	env: IntrinsicEnv
): JsonValue {
	if (path === undefined) return input;
	if (path === null) return {};
	checkNotNull(path, input);
	return selectPath(path, { ...env, input }, 'InputPath');
}

/** `OutputPath`: absent = `$`, `null` = `{}`. */
export function applyOutputPath(
	path: string | null | undefined,
	output: JsonValue,
	env: IntrinsicEnv
): JsonValue {
	if (path === undefined) return output;
	if (path === null) return {};
	checkNotNull(path, output);
	return selectPath(path, { ...env, input: output }, 'OutputPath');
}

/**
 * `ResultPath`: absent = `$` (the result replaces the input), `null` = keep the input, otherwise
 * the result is written into a copy of the raw input. A path that runs into something other than
 * an object fails with `States.ResultPathMatchFailure` (the spec's and the guide's name), worded
 * as AWS words it: "Unable to apply ReferencePath $.x to input \"foo\"".
 *
 * Differs from AWS, perhaps: third-party reports of AWS runs show that cause under the error name
 * `States.ReferencePathConflict`, which no AWS document names; the documented name is kept.
 */
export function applyResultPath(
	path: string | null | undefined,
	rawInput: JsonValue,
	result: JsonValue
): JsonValue {
	if (path === undefined) return result;
	if (path === null) return rawInput;
	const parsed = parsePath(path);
	if (parsed.segments.length === 0) return result;
	try {
		return setAtPath(parsed, rawInput, result);
	} catch (e) {
		if (e instanceof PathNotFoundError) {
			throw new StatesError(
				StatesErrors.ResultPathMatchFailure,
				`Unable to apply ReferencePath ${path} to input ${toJson(rawInput)}`
			);
		}
		throw e;
	}
}

/**
 * Evaluates a payload template: keys ending in `.$` take a path or an intrinsic function (the
 * suffix is dropped), everything else is copied as is. `input` is what `$` means here.
 */
export function evaluateTemplate(template: JsonValue, env: IntrinsicEnv): JsonValue {
	if (Array.isArray(template)) return template.map((v) => evaluateTemplate(v, env));
	if (template === null || typeof template !== 'object') return template;
	const out: { [k: string]: JsonValue } = {};
	for (const key in template) {
		const value = template[key];
		if (key.endsWith('.$') && key.length > 2) {
			out[key.slice(0, -2)] = evaluateDynamic(key, value, env);
		} else {
			out[key] = evaluateTemplate(value, env);
		}
	}
	return out;
}

/** The value of one `"key.$": "<path or intrinsic>"` entry. */
export function evaluateDynamic(field: string, expr: JsonValue, env: IntrinsicEnv): JsonValue {
	if (typeof expr !== 'string') {
		throw new StatesError(
			StatesErrors.Runtime,
			`The value of the field '${field}' must be a path or an intrinsic function`
		);
	}
	if (looksLikeIntrinsic(expr)) {
		let call;
		try {
			call = parseIntrinsic(expr);
		} catch (e) {
			// Validation reports this before a run; an unvalidated definition still fails cleanly.
			throw new StatesError(
				StatesErrors.IntrinsicFailure,
				`The intrinsic function in the field '${field}' is invalid: ${(e as Error).message}`
			);
		}
		return evaluateIntrinsic(call, env);
	}
	checkNotNull(expr, env.input);
	try {
		return evaluatePath(parsePath(expr), env);
	} catch (e) {
		if (e instanceof PathNotFoundError) {
			// A context path ($$.…) names the state's input too, not the context object: AWS's
			// recording of a missing `$$.Execution.Input.no_such_jsonpath` shows the same input text
			// as one of a missing `$.no_such_jsonpath` (localstack test_invalid_jsonpath).
			throw new StatesError(
				StatesErrors.Runtime,
				`The JSONPath '${expr}' specified for the field '${field}' could not be found in the input '${toJson(env.input)}'`
			);
		}
		throw pathError(e, expr, field);
	}
}
