/**
 * What the definition says about a Distributed Map's `ItemReader` (AWS guide, "ItemReader
 * (Map)"), shared by the engine, which reads the items, and the editor, which offers a handler
 * stub for the reader's Amazon S3 resource.
 */

/** The S3 actions a reader can call, by the resource's action name. */
export type ReaderAction = 'getObject' | 'listObjectsV2';

const READER = /^arn:[^:]+:states:::s3:(getObject|listObjectsV2)$/;

/** The reader action `resource` names (`arn:aws:states:::s3:getObject`), or `undefined`. */
export function readerAction(resource: unknown): ReaderAction | undefined {
	return typeof resource === 'string'
		? (READER.exec(resource)?.[1] as ReaderAction | undefined)
		: undefined;
}

/** `CSVDelimiter` values (guide, "ReaderConfig"), COMMA by default. */
export const CSV_DELIMITERS: Readonly<Record<string, string>> = {
	COMMA: ',',
	PIPE: '|',
	SEMICOLON: ';',
	SPACE: ' ',
	TAB: '\t'
};
