import { describe, expect, it } from 'vitest';
import {
	clearWorkspace,
	loadWorkspace,
	saveWorkspace,
	WORKSPACE_STORAGE_KEY
} from '../../src/lib/workspace/storage.js';
import type { WorkspaceData } from '../../src/lib/workspace/types.js';

/** An in-memory `Storage`; `failWith` makes every write throw that error. */
class MemoryStorage implements Storage {
	readonly #items = new Map<string, string>();
	failWith: unknown;
	get length() {
		return this.#items.size;
	}
	key(index: number) {
		return [...this.#items.keys()][index] ?? null;
	}
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		if (this.failWith !== undefined) throw this.failWith;
		this.#items.set(key, String(value));
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	clear() {
		this.#items.clear();
	}
}

const WORKSPACE: WorkspaceData = {
	v: 1,
	definition: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
	input: '{}',
	handlers: { f: 'export const handler = () => "🙂";' },
	settings: { seed: 7, latency: { byState: { A: 100 } } },
	exampleId: 'image-pipeline'
};

describe('workspace storage', () => {
	it('saves and loads a workspace under one versioned key', () => {
		const storage = new MemoryStorage();
		expect(saveWorkspace(storage, WORKSPACE)).toEqual({ ok: true });
		expect(storage.length).toBe(1);
		expect(storage.key(0)).toBe('asl-playground:workspace:v1');
		expect(loadWorkspace(storage)).toEqual(WORKSPACE);
	});

	it('saves only the known fields', () => {
		const storage = new MemoryStorage();
		saveWorkspace(storage, { ...WORKSPACE, events: [1, 2, 3] } as WorkspaceData);
		expect(JSON.parse(storage.getItem(WORKSPACE_STORAGE_KEY)!)).not.toHaveProperty('events');
	});

	it('loads nothing from empty storage', () => {
		expect(loadWorkspace(new MemoryStorage())).toBeUndefined();
	});

	it('loads nothing from corrupt, foreign or newer data, without throwing', () => {
		const storage = new MemoryStorage();
		for (const text of [
			'',
			'{',
			'null',
			'[]',
			'"text"',
			'{"foo":1}',
			JSON.stringify({ ...WORKSPACE, v: 2 }),
			JSON.stringify({ ...WORKSPACE, handlers: { 'bad name': 'x' } }),
			JSON.stringify({ ...WORKSPACE, settings: { seed: 'x' } }),
			'{"__proto__":{"polluted":true},"v":1}'
		]) {
			storage.setItem(WORKSPACE_STORAGE_KEY, text);
			expect(loadWorkspace(storage), text).toBeUndefined();
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('loads nothing when the storage itself throws (disabled storage)', () => {
		const storage = new MemoryStorage();
		storage.getItem = () => {
			throw new DOMException('The operation is insecure.', 'SecurityError');
		};
		expect(loadWorkspace(storage)).toBeUndefined();
	});

	it('reports a full quota instead of throwing', () => {
		const storage = new MemoryStorage();
		storage.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		const result = saveWorkspace(storage, WORKSPACE);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/storage is full/);
	});

	it('reports any other write failure instead of throwing', () => {
		const storage = new MemoryStorage();
		storage.failWith = new DOMException('The operation is insecure.', 'SecurityError');
		expect(saveWorkspace(storage, WORKSPACE).ok).toBe(false);
		storage.failWith = 'not even an Error';
		expect(saveWorkspace(storage, WORKSPACE).ok).toBe(false);
	});

	it('clears the saved workspace', () => {
		const storage = new MemoryStorage();
		saveWorkspace(storage, WORKSPACE);
		storage.setItem('other-app', 'kept');
		clearWorkspace(storage);
		expect(loadWorkspace(storage)).toBeUndefined();
		expect(storage.getItem('other-app')).toBe('kept');
	});
});
