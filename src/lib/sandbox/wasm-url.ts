import url from '@jitl/quickjs-wasmfile-release-sync/wasm?url';

/**
 * The URL Vite emits for QuickJS's `.wasm` file. Vite-only (a `?url` import): import it in
 * browser code, such as a worker that hosts `createLambdaInvoker`, and pass it as `wasmUrl`;
 * Node code must not import this file.
 */
export const QUICKJS_WASM_URL: string = url;
