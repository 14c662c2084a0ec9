import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ConformanceCase } from '../../scripts/conformance/case.js';

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The AWS-recorded corpus, beside the repository (CI clones `../shared` next to it). */
export const CORPUS_DIR = resolve(ROOT, '../shared/conformance/localstack/cases');
/** Our own engine cases. */
export const OWN_CASES_DIR = resolve(ROOT, 'tests/engine/cases');

export interface LoadedCase {
	readonly id: string;
	readonly file: string;
	readonly data: ConformanceCase;
}

function walk(dir: string): string[] {
	const out: string[] = [];
	for (const f of readdirSync(dir).sort()) {
		const full = join(dir, f);
		if (statSync(full).isDirectory()) out.push(...walk(full));
		else if (f.endsWith('.json')) out.push(full);
	}
	return out;
}

/** Loads every case file under `dir`; ids are paths relative to `dir` without `.json`. */
export function loadCases(dir: string): LoadedCase[] {
	if (!existsSync(dir)) throw new Error(`No case folder at ${dir}`);
	return walk(dir).map((file) => ({
		id: relative(dir, file).replace(/\.json$/, ''),
		file,
		data: JSON.parse(readFileSync(file, 'utf8')) as ConformanceCase
	}));
}

/** `known-gaps.txt`: case id → reason (the `#` paragraph above it). */
export function loadKnownGaps(): Map<string, string> {
	const text = readFileSync(resolve(ROOT, 'tests/engine/known-gaps.txt'), 'utf8');
	const gaps = new Map<string, string>();
	let reason = '';
	let inReason = false;
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (!line) {
			inReason = false;
			continue;
		}
		if (line.startsWith('#')) {
			const t = line.replace(/^#\s?/, '');
			reason = inReason ? `${reason} ${t}` : t;
			inReason = true;
			continue;
		}
		inReason = false;
		gaps.set(line, reason);
	}
	return gaps;
}
