import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import {
	newQuickJSWASMModuleFromVariant,
	newVariant,
	type QuickJSWASMModule
} from 'quickjs-emscripten-core';

const PAGE_BYTES = 64 * 1024;

/** Bytes of WebAssembly memory a module starts with (the variant's own default, 16 MiB). */
export const INITIAL_WASM_MEMORY_BYTES = 16 * 1024 * 1024;

/**
 * Bytes of WebAssembly memory a module may ever hold: the hard memory ceiling. About 5.2 MiB of it
 * is QuickJS's C stack and static data, so a handler gets roughly 34 MiB of heap.
 */
export const DEFAULT_WASM_MEMORY_BYTES = 40 * 1024 * 1024;

/** The WebAssembly memory ceiling of a module this file did not make: the variant's own 2 GiB. */
const VARIANT_MEMORY_BYTES = 2 * 1024 * 1024 * 1024;

/** Anything `runHandler` can run on: a QuickJS module or a wrapper around one. */
export type QuickJSModuleLike = Pick<QuickJSWASMModule, 'newRuntime' | 'getWasmMemory'>;

interface Entry {
	readonly promise: Promise<QuickJSWASMModule>;
	module?: QuickJSWASMModule;
}

const loaded = new Map<string, Entry>();
const ceilings = new WeakMap<WebAssembly.Memory, number>();

/**
 * Loads the QuickJS WebAssembly module (release, sync variant) once and memoises it per
 * `(wasmUrl, memoryBytes)`. Works in Node and in any module worker.
 *
 * - `wasmUrl`: where to fetch the `.wasm` file. Omit it in Node: the variant then reads the file
 *   next to its own module. A Vite-built page or worker must pass the `?url` import from
 *   `wasm-url.ts`, because Vite pre-bundles the variant in development and the variant's
 *   `new URL('emscripten-module.wasm', import.meta.url)` then points to the wrong place.
 * - `memoryBytes`: the module's WebAssembly memory ceiling in bytes (at least 16 MiB). The module
 *   gets its own `WebAssembly.Memory` with this `maximum`, so growth past it fails inside `malloc`
 *   and QuickJS throws a clean `InternalError: out of memory`.
 *
 * A failed load is forgotten, so the next call tries again.
 */
export function loadQuickJS(
	wasmUrl?: string,
	memoryBytes: number = DEFAULT_WASM_MEMORY_BYTES
): Promise<QuickJSWASMModule> {
	const key = `${wasmUrl ?? ''}\n${memoryBytes}`;
	const existing = loaded.get(key);
	if (existing) return existing.promise;
	const initial = INITIAL_WASM_MEMORY_BYTES / PAGE_BYTES;
	const maximum = Math.max(initial, Math.ceil(memoryBytes / PAGE_BYTES));
	const variant = newVariant(releaseSync, {
		wasmMemory: () => {
			const memory = new WebAssembly.Memory({ initial, maximum });
			ceilings.set(memory, maximum * PAGE_BYTES);
			return Promise.resolve(memory);
		},
		...(wasmUrl === undefined ? {} : { wasmLocation: wasmUrl })
	});
	const entry: Entry = {
		promise: newQuickJSWASMModuleFromVariant(variant).then(
			(module) => {
				entry.module = module;
				return module;
			},
			(error: unknown) => {
				if (loaded.get(key) === entry) loaded.delete(key);
				throw error;
			}
		)
	};
	loaded.set(key, entry);
	return entry.promise;
}

/**
 * Forgets `module` if `loadQuickJS` memoised it, so the next `loadQuickJS` call builds a fresh
 * module (with fresh memory). Call it when an outcome says `discardModule`. A module not made
 * by `loadQuickJS` is ignored.
 */
export function discardQuickJS(module: QuickJSModuleLike): void {
	for (const [key, entry] of loaded) {
		if (entry.module === module) loaded.delete(key);
	}
}

/**
 * The bytes `module`'s WebAssembly memory can grow to: the `memoryBytes` given to `loadQuickJS`
 * (rounded up to whole 64 KiB pages), or 2 GiB for a module made some other way.
 */
export function wasmMemoryCeiling(module: QuickJSModuleLike): number {
	return ceilings.get(module.getWasmMemory()) ?? VARIANT_MEMORY_BYTES;
}
