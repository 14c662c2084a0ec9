import type { WorkspaceData } from '../workspace/types.js';
import {
	validateWorkspace,
	workspaceJson,
	type WorkspaceProblemCode
} from '../workspace/validate.js';

/**
 * Share links: a whole workspace in the URL fragment, so a static site can share without a
 * server. The fragment is `v1.` + base64url(gzip(JSON)) with the padding stripped; the prefix
 * names the format so a later one can be told apart and migrated.
 *
 * Decoding treats the fragment as hostile: it is size-capped before and during decompression
 * (a zip bomb stops at the cap), checked field by field (`validateWorkspace`), and never executed
 * or rendered as HTML here.
 */

/** The marker of the current format, before the dot. */
export const SHARE_FORMAT = 'v1';
/** Longest fragment `decodeWorkspace` accepts, in characters (256 KiB). */
export const MAX_FRAGMENT_CHARS = 256 * 1024;
/** Largest JSON text a fragment may unpack to, in bytes (2 MiB). */
export const MAX_UNPACKED_BYTES = 2 * 1024 * 1024;

/**
 * Compressed bytes fed to the decompressor at a time. Deflate expands at most about 1032:1, so
 * one chunk can never unpack to more than about 1 MiB before the cap is checked again.
 */
const FEED_BYTES = 1024;

export type ShareProblemCode =
	| 'empty'
	| 'not_a_link'
	| 'too_large'
	| 'not_base64'
	| 'not_gzip'
	| 'too_large_unpacked'
	| 'not_text'
	| 'not_json'
	| 'unsupported_browser'
	| WorkspaceProblemCode;

export type DecodedWorkspace =
	| { readonly ok: true; readonly data: WorkspaceData }
	| { readonly ok: false; readonly code: ShareProblemCode; readonly reason: string };

/** What each refusal of a link says to the visitor (workspace problems say why, after a prefix). */
const REASONS = {
	empty: 'This link holds no workspace.',
	not_a_link: 'This link is not a playground link (its format is unknown).',
	newer_version:
		'This link is from a newer version of the playground. Reload the page to update it.',
	too_large: `This link is too large to open (over ${MAX_FRAGMENT_CHARS / 1024} KB).`,
	not_base64: 'This link is damaged (not valid base64).',
	unsupported_browser: 'This browser cannot open share links (no DecompressionStream).',
	too_large_unpacked: `This link unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, so it was not opened.`,
	not_gzip: 'This link is damaged (its data could not be unpacked).',
	not_text: 'This link is damaged (its contents are not text).',
	not_json: 'This link is damaged (its contents are not valid JSON).'
} as const;

/**
 * Encodes a workspace as a URL fragment (without the `#`). Only the known fields are written.
 * The result may be longer than `MAX_FRAGMENT_CHARS` for a very large workspace: check its length
 * before offering it as a link, since `decodeWorkspace` would refuse it.
 * Rejects only where the browser has no `CompressionStream`.
 */
export async function encodeWorkspace(data: WorkspaceData): Promise<string> {
	const json = workspaceJson(data);
	const packed = await gzip(new TextEncoder().encode(json));
	return `${SHARE_FORMAT}.${toBase64Url(packed)}`;
}

/**
 * Decodes a fragment made by `encodeWorkspace` (a leading `#` is ignored). Never throws; every
 * refusal has a `code` and a `reason` fit to show to the visitor.
 */
export async function decodeWorkspace(hash: string): Promise<DecodedWorkspace> {
	try {
		return await decode(hash);
	} catch {
		return refuse('not_gzip');
	}
}

async function decode(hash: string): Promise<DecodedWorkspace> {
	const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
	if (fragment.length === 0) return refuse('empty');
	if (fragment.length > MAX_FRAGMENT_CHARS) return refuse('too_large');
	const marker = /^v(\d{1,6})\./.exec(fragment);
	const version = marker ? Number(marker[1]) : 0;
	if (version > 1) return refuse('newer_version');
	if (!marker || version !== 1) return refuse('not_a_link');
	const bytes = fromBase64Url(fragment.slice(marker[0].length));
	if (!bytes) return refuse('not_base64');
	if (typeof DecompressionStream === 'undefined') return refuse('unsupported_browser');
	const unpacked = await gunzip(bytes, MAX_UNPACKED_BYTES);
	if (unpacked === 'too_large') return refuse('too_large_unpacked');
	if (unpacked === 'damaged') return refuse('not_gzip');
	let json: string;
	try {
		json = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
	} catch {
		return refuse('not_text');
	}
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return refuse('not_json');
	}
	const checked = validateWorkspace(value);
	if (checked.ok) return checked;
	if (checked.code === 'newer_version') return refuse('newer_version');
	const reason = `This link cannot be opened: ${lowerFirst(checked.reason)}`;
	return { ok: false, code: checked.code, reason };
}

function refuse(code: keyof typeof REASONS): DecodedWorkspace {
	return { ok: false, code, reason: REASONS[code] };
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = chunksOf(bytes, 64 * 1024).pipeThrough(new CompressionStream('gzip'));
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
	}
	return concat(chunks);
}

/**
 * Unpacks gzip data, stopping (and cancelling the stream) as soon as the output passes `limit`
 * bytes. Truncated, garbled or trailing-garbage input is `damaged`.
 */
async function gunzip(
	bytes: Uint8Array,
	limit: number
): Promise<Uint8Array | 'too_large' | 'damaged'> {
	const reader = chunksOf(bytes, FEED_BYTES)
		.pipeThrough(new DecompressionStream('gzip'))
		.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.byteLength;
			if (total > limit) {
				reader.cancel().catch(() => {});
				return 'too_large';
			}
			chunks.push(value);
		}
	} catch {
		return 'damaged';
	}
	return concat(chunks);
}

/** A pull-based stream of `bytes` in slices, so the consumer's backpressure paces the input. */
function chunksOf(bytes: Uint8Array, size: number): ReadableStream<BufferSource> {
	let offset = 0;
	return new ReadableStream<BufferSource>(
		{
			pull(controller) {
				if (offset >= bytes.byteLength) {
					controller.close();
					return;
				}
				controller.enqueue(bytes.slice(offset, offset + size));
				offset += size;
			}
		},
		{ highWaterMark: 0 }
	);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	// `String.fromCharCode` takes its arguments on the stack: convert in slices.
	for (let i = 0; i < bytes.byteLength; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Unpadded base64url → bytes, or undefined when `text` is not exactly that. */
function fromBase64Url(text: string): Uint8Array | undefined {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
	const base64 =
		text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	let binary: string;
	try {
		binary = atob(base64);
	} catch {
		return undefined;
	}
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
