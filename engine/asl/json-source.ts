import type { JsonValue } from './types.js';

/** Where a value (and, for object members, its key) sits in the source text. */
export interface SourceSpan {
	/** Offsets of the value. */
	readonly from: number;
	readonly to: number;
	/** Offsets of the member name, for values inside an object. */
	readonly keyFrom?: number;
	readonly keyTo?: number;
}

/** JSON Pointer → span, for every value in a parsed document. */
export type SourceMap = ReadonlyMap<string, SourceSpan>;

/** A JSON syntax error at a source offset. */
export interface JsonSyntaxError {
	readonly message: string;
	readonly from: number;
	readonly to: number;
}

/** A duplicated member name: JSON allows it, ASL does not. */
export interface DuplicateKey {
	readonly pointer: string;
	readonly from: number;
	readonly to: number;
}

export interface ParsedJson {
	/** The value, or `undefined` when the text is not valid JSON. */
	readonly value: JsonValue | undefined;
	readonly sourceMap: SourceMap;
	readonly error?: JsonSyntaxError;
	readonly duplicates: readonly DuplicateKey[];
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function pointerToken(key: string | number): string {
	return typeof key === 'number' ? String(key) : key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Deeper nesting is refused rather than risking the call stack. */
const MAX_DEPTH = 1000;

class SyntaxFailure {
	constructor(
		readonly message: string,
		readonly from: number,
		readonly to: number
	) {}
}

/**
 * Parses JSON text and records the span of every value by JSON Pointer, so diagnostics can point
 * at the exact characters. Never throws: invalid JSON gives `value: undefined` and the first error
 * with its offset. Follows RFC 8259 strictly (no comments, no trailing commas). A missing comma
 * between two members or elements is placed where the comma belongs, just after the first value
 * (an empty range), not at the next value, which is often on the next line.
 */
export function parseJsonWithSourceMap(text: string): ParsedJson {
	const map = new Map<string, SourceSpan>();
	const duplicates: DuplicateKey[] = [];
	let i = 0;

	const fail = (message: string, from = i, to = Math.min(text.length, from + 1)): never => {
		throw new SyntaxFailure(message, from, Math.max(to, from));
	};
	const describe = (at: number) =>
		at >= text.length ? 'end of input' : `'${text[at] === '\n' ? '\\n' : text[at]}'`;

	const ws = () => {
		for (;;) {
			const c = text.charCodeAt(i);
			if (c === 32 || c === 10 || c === 13 || c === 9) i++;
			else return;
		}
	};

	const parseString = (): string => {
		const start = i;
		i++; // opening quote
		let out = '';
		let chunk = i;
		for (;;) {
			if (i >= text.length) fail('Unterminated string', start, i);
			const c = text.charCodeAt(i);
			if (c === 34) {
				out += text.slice(chunk, i);
				i++;
				return out;
			}
			if (c === 92) {
				out += text.slice(chunk, i);
				const e = text[i + 1];
				switch (e) {
					case '"':
					case '\\':
					case '/':
						out += e;
						i += 2;
						break;
					case 'b':
						out += '\b';
						i += 2;
						break;
					case 'f':
						out += '\f';
						i += 2;
						break;
					case 'n':
						out += '\n';
						i += 2;
						break;
					case 'r':
						out += '\r';
						i += 2;
						break;
					case 't':
						out += '\t';
						i += 2;
						break;
					case 'u': {
						const hex = text.slice(i + 2, i + 6);
						if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid unicode escape', i, i + 6);
						out += String.fromCharCode(parseInt(hex, 16));
						i += 6;
						break;
					}
					default:
						fail('Invalid escape character in string', i, i + 2);
				}
				chunk = i;
				continue;
			}
			if (c < 32) fail('Control character in string', i);
			i++;
		}
	};

	const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
	/** The first character of a JSON value. */
	const VALUE_START = /["{[\-0-9tfn]/;

	let depth = 0;
	const parseValue = (pointer: string, keyFrom?: number, keyTo?: number): JsonValue => {
		ws();
		const from = i;
		if (++depth > MAX_DEPTH) fail(`Nesting deeper than ${MAX_DEPTH} levels`);
		const c = text[i];
		let value: JsonValue;
		if (c === '{') {
			i++;
			const obj: { [k: string]: JsonValue } = {};
			const seen = new Set<string>();
			ws();
			if (text[i] === '}') i++;
			else {
				for (;;) {
					ws();
					if (text[i] !== '"')
						fail(`Expected a property name in double quotes but found ${describe(i)}`);
					const kFrom = i;
					const key = parseString();
					const kTo = i;
					const child = `${pointer}/${pointerToken(key)}`;
					if (seen.has(key)) duplicates.push({ pointer: child, from: kFrom, to: kTo });
					seen.add(key);
					ws();
					if (text[i] !== ':') fail(`Expected ':' after property name but found ${describe(i)}`);
					i++;
					obj[key] = parseValue(child, kFrom, kTo);
					const end = i;
					ws();
					if (text[i] === ',') {
						i++;
						ws();
						if (text[i] === '}') fail('Trailing comma is not allowed in JSON', i - 1);
						continue;
					}
					if (text[i] === '}') {
						i++;
						break;
					}
					// Another member name: the comma is missing, where it belongs.
					if (text[i] === '"') fail("Missing ',' after this property value", end, end);
					fail(`Expected ',' or '}' after property value but found ${describe(i)}`);
				}
			}
			value = obj;
		} else if (c === '[') {
			i++;
			const arr: JsonValue[] = [];
			ws();
			if (text[i] === ']') i++;
			else {
				for (;;) {
					arr.push(parseValue(`${pointer}/${arr.length}`));
					const end = i;
					ws();
					if (text[i] === ',') {
						i++;
						ws();
						if (text[i] === ']') fail('Trailing comma is not allowed in JSON', i - 1);
						continue;
					}
					if (text[i] === ']') {
						i++;
						break;
					}
					if (i < text.length && VALUE_START.test(text[i]))
						fail("Missing ',' after this array element", end, end);
					fail(`Expected ',' or ']' after array element but found ${describe(i)}`);
				}
			}
			value = arr;
		} else if (c === '"') {
			value = parseString();
		} else if (c === 't' && text.startsWith('true', i)) {
			i += 4;
			value = true;
		} else if (c === 'f' && text.startsWith('false', i)) {
			i += 5;
			value = false;
		} else if (c === 'n' && text.startsWith('null', i)) {
			i += 4;
			value = null;
		} else {
			NUMBER.lastIndex = i;
			const m = NUMBER.exec(text);
			if (!m) fail(i >= text.length ? 'Unexpected end of input' : `Unexpected ${describe(i)}`);
			i += m![0].length;
			value = Number(m![0]);
		}
		depth--;
		map.set(pointer, keyFrom === undefined ? { from, to: i } : { from, to: i, keyFrom, keyTo });
		return value;
	};

	try {
		const value = parseValue('');
		ws();
		if (i < text.length) fail(`Unexpected ${describe(i)} after the end of the JSON value`);
		return { value, sourceMap: map, duplicates };
	} catch (e) {
		if (e instanceof SyntaxFailure) {
			return {
				value: undefined,
				sourceMap: map,
				duplicates,
				error: { message: e.message, from: e.from, to: e.to }
			};
		}
		throw e;
	}
}

/** 1-based line and column of an offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let last = -1;
	for (let k = 0; k < offset && k < text.length; k++) {
		if (text.charCodeAt(k) === 10) {
			line++;
			last = k;
		}
	}
	return { line, column: offset - last };
}
