import type { JsonValue } from '../asl/types.js';
import { StatesError, StatesErrors } from '../errors.js';
import { evaluateIntrinsic, looksLikeIntrinsic, parseIntrinsic, type IntrinsicEnv } from './intrinsics.js';
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

/** Compact JSON text, as AWS prints values in messages and events. */
export const toJson = (v: JsonValue): string => JSON.stringify(v);

/** The value a path names, or a `States.Runtime` failure worded as AWS words it for `field`. */
export function selectPath(text: string, env: IntrinsicEnv, field: string): JsonValue {
	try {
		return evaluatePath(parsePath(text), env);
	} catch (e) {
		if (e instanceof PathNotFoundError) {
			throw new StatesError(StatesErrors.Runtime, `Invalid path '${text}' : ${e.message}`);
		}
		throw wrapOther(e, text, field);
	}
}

function wrapOther(e: unknown, text: string, field: string): unknown {
	if (e instanceof UnknownVariableError) {
		return new StatesError(
			StatesErrors.Runtime,
			`The JSONPath '${text}' specified for the field '${field}' references the undefined variable '${e.variable}'`
		);
	}
	if (e instanceof PathSyntaxError) {
		return new StatesError(StatesErrors.Runtime, `The field '${field}' holds an invalid JSONPath '${text}': ${e.message}`);
	}
	return e;
}

/** `InputPath`: absent = `$`, `null` = `{}`. */
export function applyInputPath(path: string | null | undefined, input: JsonValue, env: IntrinsicEnv): JsonValue {
	if (path === undefined) return input;
	if (path === null) return {};
	return selectPath(path, { ...env, input }, 'InputPath');
}

/** `OutputPath`: absent = `$`, `null` = `{}`. */
export function applyOutputPath(path: string | null | undefined, output: JsonValue, env: IntrinsicEnv): JsonValue {
	if (path === undefined) return output;
	if (path === null) return {};
	return selectPath(path, { ...env, input: output }, 'OutputPath');
}

/**
 * `ResultPath`: absent = `$` (the result replaces the input), `null` = keep the input, otherwise
 * the result is written into a copy of the raw input.
 */
export function applyResultPath(path: string | null | undefined, rawInput: JsonValue, result: JsonValue): JsonValue {
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
				`Unable to apply ResultPath '${path}' to input '${toJson(rawInput)}'`
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
		throw new StatesError(StatesErrors.Runtime, `The value of the field '${field}' must be a path or an intrinsic function`);
	}
	if (looksLikeIntrinsic(expr)) return evaluateIntrinsic(parseIntrinsic(expr), env);
	try {
		return evaluatePath(parsePath(expr), env);
	} catch (e) {
		if (e instanceof PathNotFoundError) {
			const root = expr.startsWith('$$') ? env.context ?? {} : env.input;
			throw new StatesError(
				StatesErrors.Runtime,
				`The JSONPath '${expr}' specified for the field '${field}' could not be found in the input '${toJson(root)}'`
			);
		}
		throw wrapOther(e, expr, field);
	}
}
