import { describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '../../engine/index.js';
import { examples } from '../../src/lib/examples/index.js';
import { concurrencyOf } from '../../src/lib/timeline/concurrency.js';
import { MAP_IN_BRANCH, mapOf } from './histories.js';

const def = (d: object) => d as StateMachineDefinition;
const example = (id: string) =>
	def(JSON.parse(examples.find((e) => e.id === id)?.definition ?? '{}'));

describe('concurrencyOf', () => {
	it('finds Parallel states, Map states, both or neither, at any depth', () => {
		expect(concurrencyOf(example('image-pipeline'))).toBe('parallel');
		expect(concurrencyOf(example('media-pipeline'))).toBe('both');
		expect(concurrencyOf(def(mapOf(2)))).toBe('map');
		expect(concurrencyOf(def(MAP_IN_BRANCH))).toBe('both');
		expect(
			concurrencyOf(def({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } }))
		).toBe('none');
	});

	it('looks inside a Map written with the older Iterator field', () => {
		const inner = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [], End: true } } };
		const map = { Type: 'Map', Iterator: inner, End: true };
		expect(concurrencyOf(def({ StartAt: 'M', States: { M: map } }))).toBe('both');
	});
});
