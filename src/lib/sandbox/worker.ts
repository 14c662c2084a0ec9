/**
 * The sandbox module worker: start it with
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })` (as `client.ts`
 * does) and talk to it with the `messages.ts` protocol.
 */
import { QUICKJS_WASM_URL } from './wasm-url.js';
import { serveSandbox, type SandboxPort } from './worker-host.js';

serveSandbox(self as unknown as SandboxPort, QUICKJS_WASM_URL);
