import type { Diagnostic } from '../errors.js';
import { lineColumn, parseJsonWithSourceMap, type SourceMap } from './json-source.js';
import { createDiagnostic } from './messages.js';
import type { StateMachineDefinition } from './types.js';

/** What `parseDefinition` returns. */
export interface ParsedDefinition {
	/**
	 * The parsed object whenever the text is a JSON object, even one with ASL errors (so the app
	 * can still draw it). Absent when the text is not JSON or not an object. It has NOT been
	 * validated: run `validateDefinition` before trusting its shape.
	 */
	readonly definition?: StateMachineDefinition;
	/** JSON Pointer → source range of every value (partial when the JSON is invalid). */
	readonly sourceMap: SourceMap;
	/** `invalid_json`, `duplicate_key` and `not_an_object` problems only. */
	readonly diagnostics: Diagnostic[];
}

/**
 * Parses definition text (the first phase: text → definition + source map). Reports JSON syntax
 * errors (`invalid_json`, at the error offset, with line and column in the message), repeated
 * member names (`duplicate_key`, at the repeated name) and a top level that is not an object
 * (`not_an_object`). Never throws. ASL rules are checked separately by `validateDefinition`.
 */
export function parseDefinition(text: string): ParsedDefinition {
	const parsed = parseJsonWithSourceMap(text);
	const diagnostics: Diagnostic[] = [];
	if (parsed.error) {
		const { line, column } = lineColumn(text, parsed.error.from);
		const hint = looksLikeYaml(text)
			? ' It looks like YAML (as Workflow Studio can export it): the playground reads the JSON ' +
				'form of the definition; export or copy it as JSON.'
			: '';
		const params = { detail: parsed.error.message, line, column, hint };
		diagnostics.push(
			createDiagnostic('invalid_json', params, '', parsed.error.from, parsed.error.to)
		);
		return { sourceMap: parsed.sourceMap, diagnostics };
	}
	for (const dup of parsed.duplicates) {
		const key = text.slice(dup.from + 1, dup.to - 1);
		diagnostics.push(createDiagnostic('duplicate_key', { key }, dup.pointer, dup.from, dup.to));
	}
	const value = parsed.value;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		const span = parsed.sourceMap.get('') ?? { from: 0, to: text.length };
		const found = describeJson(value);
		diagnostics.push(createDiagnostic('not_an_object', { found }, '', span.from, span.to));
		return { sourceMap: parsed.sourceMap, diagnostics };
	}
	return {
		definition: value as unknown as StateMachineDefinition,
		sourceMap: parsed.sourceMap,
		diagnostics
	};
}

/**
 * Whether text that is not JSON reads as the YAML form of a definition: its first line (after
 * blank lines, `#` comments and a `---` marker) sets a top-level ASL field, as in `StartAt: A`.
 */
function looksLikeYaml(text: string): boolean {
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed === '---' || trimmed.startsWith('#')) continue;
		return /^["']?(Comment|StartAt|States|QueryLanguage|Version|TimeoutSeconds)["']?\s*:(\s|$)/.test(
			trimmed
		);
	}
	return false;
}

/** 'an array', 'a string', … for messages. */
export function describeJson(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	return typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}
