import { describe, expect, it } from 'vitest';
import {
	DEFAULT_WASM_MEMORY_BYTES,
	discardQuickJS,
	loadQuickJS,
	wasmMemoryCeiling
} from '../../src/lib/sandbox/quickjs.js';

describe('loadQuickJS', () => {
	it('loads the module once per configuration, in Node without a wasm URL', async () => {
		const [a, b] = await Promise.all([loadQuickJS(), loadQuickJS()]);
		expect(a).toBe(b);
		expect(await loadQuickJS(undefined, 24 * 1024 * 1024)).not.toBe(a);
		expect(a.evalCode('1 + 1')).toBe(2);
	});

	it('gives each module its own capped WebAssembly memory', async () => {
		const module = await loadQuickJS();
		expect(wasmMemoryCeiling(module)).toBe(DEFAULT_WASM_MEMORY_BYTES);
		expect(module.getWasmMemory().buffer.byteLength).toBeLessThanOrEqual(DEFAULT_WASM_MEMORY_BYTES);
		const other = await loadQuickJS(undefined, 24 * 1024 * 1024);
		expect(other.getWasmMemory()).not.toBe(module.getWasmMemory());
		expect(wasmMemoryCeiling(other)).toBe(24 * 1024 * 1024);
	});

	it('builds a fresh module after discardQuickJS', async () => {
		const first = await loadQuickJS();
		discardQuickJS(first);
		const second = await loadQuickJS();
		expect(second).not.toBe(first);
		expect(await loadQuickJS()).toBe(second);
	});
});
