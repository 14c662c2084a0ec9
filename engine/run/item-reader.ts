import { isJsonObject, type JsonObject, type JsonValue } from '../asl/types.js';
import { parseTimestamp } from '../clock.js';
import { StatesError, StatesErrors } from '../errors.js';
import { CSV_DELIMITERS, type ReaderAction } from '../asl/item-reader.js';
import { utf8Length } from './variables.js';

/**
 * A Distributed Map's `ItemReader` (AWS guide, "ItemReader (Map)"): the items it reads from the
 * answer of the workspace's handler for the reader's Amazon S3 resource, which stands for S3.
 * The engine calls the handler; this module only turns its answer into items.
 */

/** Step Functions supports CSV headers of up to 10 KiB (guide, "CSVHeaderLocation"). */
const MAX_HEADER_BYTES = 10 * 1024;

const failed = (cause: string): StatesError =>
	new StatesError(StatesErrors.ItemReaderFailed, cause);

/**
 * The items of a reader's dataset, from the handler's `answer`.
 * - `listObjectsV2`: `answer` is S3's ListObjectsV2 response; each of its `Contents` becomes
 *   `{ Etag, Key, LastModified, Size, StorageClass }` as the guide's example item shows it
 *   (`LastModified` in epoch seconds; an ISO timestamp is converted).
 * - `getObject`: `answer` is the object's body as text (a JSON value is accepted for `JSON`),
 *   read per `config.InputType`: `CSV` (rows as objects of strings), `JSON` (an array, or the
 *   array at `ItemsPointer`), `JSONL` (one value per non-empty line).
 * Throws `States.ItemReaderFailed` for content that cannot be read so, and for what is not
 * emulated (`PARQUET`, `MANIFEST`, a listing's `Transformation` other than `NONE`). `MaxItems` is applied by the caller.
 */
export function readItems(
	action: ReaderAction,
	config: JsonObject,
	answer: JsonValue
): JsonValue[] {
	if (action === 'listObjectsV2') {
		const transformation = config.Transformation ?? 'NONE';
		if (transformation !== 'NONE') {
			throw failed(
				`ReaderConfig Transformation ${JSON.stringify(transformation)} is not emulated in the playground.`
			);
		}
		return listedObjects(answer);
	}
	const type = config.InputType;
	if (type === 'JSON') return jsonItems(answer, config.ItemsPointer);
	if (typeof answer !== 'string') {
		throw failed(
			`The s3:getObject handler must return the object's body as a string, but returned ${typeName(answer)}.`
		);
	}
	if (type === 'CSV') return csvItems(answer, config);
	if (type === 'JSONL') return jsonlItems(answer);
	throw failed(`ReaderConfig InputType ${JSON.stringify(type)} is not emulated in the playground.`);
}

function listedObjects(answer: JsonValue): JsonValue[] {
	const contents = isJsonObject(answer) ? (answer.Contents ?? []) : undefined;
	if (!Array.isArray(contents)) {
		throw failed('The s3:listObjectsV2 handler must return an object with a Contents array.');
	}
	return contents.map((object) => {
		if (!isJsonObject(object)) throw failed('Each entry of Contents must be an object.');
		const item: JsonObject = {};
		const etag = object.ETag ?? object.Etag;
		if (etag !== undefined) item.Etag = etag;
		if (object.Key !== undefined) item.Key = object.Key;
		if (object.LastModified !== undefined) item.LastModified = epochSeconds(object.LastModified);
		if (object.Size !== undefined) item.Size = object.Size;
		if (object.StorageClass !== undefined) item.StorageClass = object.StorageClass;
		return item;
	});
}

function epochSeconds(value: JsonValue): JsonValue {
	if (typeof value !== 'string') return value;
	const ms = parseTimestamp(value);
	return ms === undefined ? value : Math.floor(ms / 1000);
}

function jsonItems(answer: JsonValue, pointer: JsonValue | undefined): JsonValue[] {
	let value = answer;
	if (typeof answer === 'string') {
		try {
			value = JSON.parse(answer) as JsonValue;
		} catch {
			throw failed('The object is not valid JSON.');
		}
	}
	if (typeof pointer === 'string') value = atPointer(value, pointer);
	if (!Array.isArray(value)) {
		throw failed(`The JSON dataset must be an array, but is ${typeName(value)}.`);
	}
	return value;
}

/** The value at a JSON Pointer (RFC 6901), or `States.ItemReaderFailed`. */
function atPointer(value: JsonValue, pointer: string): JsonValue {
	if (pointer === '') return value;
	if (!pointer.startsWith('/')) throw failed(`ItemsPointer '${pointer}' is not a JSON Pointer.`);
	let at: JsonValue | undefined = value;
	for (const raw of pointer.slice(1).split('/')) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (Array.isArray(at) && /^(0|[1-9]\d*)$/.test(key)) at = at[Number(key)];
		else if (isJsonObject(at)) at = at[key];
		else at = undefined;
		if (at === undefined) throw failed(`ItemsPointer '${pointer}' does not point to a value.`);
	}
	return at;
}

function jsonlItems(text: string): JsonValue[] {
	const items: JsonValue[] = [];
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trim() === '') continue;
		try {
			items.push(JSON.parse(lines[i]) as JsonValue);
		} catch {
			throw failed(`Line ${i + 1} of the JSON Lines object is not valid JSON.`);
		}
	}
	return items;
}

/**
 * CSV rows as objects keyed by the header (guide, "Parsing input CSV files"): fields are
 * strings; double quotes enclose fields that hold delimiters, newlines or doubled quotes; a row
 * shorter than the header gets empty strings, a longer one loses its extra fields.
 */
function csvItems(text: string, config: JsonObject): JsonValue[] {
	const delimiterName = config.CSVDelimiter ?? 'COMMA';
	const delimiter = typeof delimiterName === 'string' ? CSV_DELIMITERS[delimiterName] : undefined;
	if (delimiter === undefined) {
		throw failed(
			`CSVDelimiter ${JSON.stringify(delimiterName)} is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB.`
		);
	}
	const rows = csvRows(text, delimiter);
	let headers: string[];
	if (config.CSVHeaderLocation === 'GIVEN') {
		const given = config.CSVHeaders;
		if (!Array.isArray(given) || !given.every((h) => typeof h === 'string')) {
			throw failed('CSVHeaderLocation GIVEN needs CSVHeaders, an array of strings.');
		}
		headers = given as string[];
	} else if (config.CSVHeaderLocation === 'FIRST_ROW') {
		headers = rows.shift() ?? [];
	} else {
		throw failed('A CSV dataset needs CSVHeaderLocation FIRST_ROW or GIVEN.');
	}
	if (utf8Length(headers.join('')) > MAX_HEADER_BYTES) {
		throw failed('The CSV header is larger than 10 KiB.');
	}
	return rows.map((row) => {
		const item: JsonObject = {};
		headers.forEach((header, i) => (item[header] = row[i] ?? ''));
		return item;
	});
}

/**
 * Splits CSV text into rows of fields; blank lines are no rows. A field that starts with a double
 * quote is quoted up to the next lone one; elsewhere, a doubled quote stands for one quote.
 */
function csvRows(text: string, delimiter: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	/** Whether the current field has begun (so a quote inside it is no opening quote). */
	let begun = false;
	const endField = () => {
		row.push(field);
		field = '';
		begun = false;
	};
	const endRow = () => {
		if (begun || row.length > 0) endField();
		if (row.length > 0) rows.push(row);
		row = [];
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch !== '"') field += ch;
			else if (text[i + 1] === '"') {
				field += '"';
				i++;
			} else quoted = false;
		} else if (ch === '"' && !begun) {
			quoted = true;
			begun = true;
		} else if (ch === '"') {
			field += '"';
			if (text[i + 1] === '"') i++;
		} else if (ch === delimiter) {
			endField();
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRow();
		} else {
			field += ch;
			begun = true;
		}
	}
	endRow();
	return rows;
}

function typeName(v: JsonValue): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
