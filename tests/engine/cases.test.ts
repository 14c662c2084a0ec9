import { describe, expect, it } from 'vitest';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { compareCase } from '../../scripts/conformance/compare.js';
import { runCase } from '../../scripts/conformance/run-case.js';
import { AWS_HISTORY_EVENT_TYPES } from './aws-event-types.js';
import {
	CORPUS_DIR,
	OWN_CASES_DIR,
	loadCases,
	loadKnownGaps,
	type LoadedCase
} from './load-cases.js';

/**
 * The one engine test runner: every AWS-recorded corpus case and every case of ours
 * (tests/engine/cases), each run twice (the two runs must produce identical events).
 * `FILTER=text` narrows the run to case ids containing `text`.
 */
const filter = process.env.FILTER ?? '';
const gaps = loadKnownGaps();
const invokerFor = (h: Readonly<Record<string, string>>) => createLambdaInvoker(h);

function suite(title: string, cases: LoadedCase[]) {
	describe(title, () => {
		for (const c of cases) {
			if (filter && !c.id.includes(filter)) continue;
			const gap = gaps.get(c.id);
			it(c.id, async () => {
				const first = await runCase(c.file, c.data, { invokerFor });
				const second = await runCase(c.file, c.data, { invokerFor });
				expect(
					JSON.stringify(second.eventsFull),
					'same definition, input and seed give the same events'
				).toBe(JSON.stringify(first.eventsFull));
				expect(
					first.events.filter((type) => !AWS_HISTORY_EVENT_TYPES.has(type)),
					'every event type is an AWS HistoryEventType'
				).toEqual([]);
				const problems = compareCase(c.data, first);
				if (gap !== undefined) {
					expect(
						problems,
						`listed in known-gaps.txt (${gap}) but now passes: remove it`
					).not.toEqual([]);
				} else {
					expect(problems).toEqual([]);
				}
			});
		}
	});
}

const corpus = loadCases(CORPUS_DIR);
suite('AWS-recorded corpus', corpus);
suite('engine cases', loadCases(OWN_CASES_DIR));

it('every known gap names a corpus or engine case', () => {
	const ids = new Set([...corpus.map((c) => c.id), ...loadCases(OWN_CASES_DIR).map((c) => c.id)]);
	expect([...gaps.keys()].filter((id) => !ids.has(id))).toEqual([]);
});

it('the corpus is all there', () => {
	expect(corpus.length).toBe(991);
});
