/** The file name QuickJS reports for prelude frames; `describe` drops those frames from stacks. */
export const PRELUDE_FILE = 'sandbox-prelude.js';

/**
 * Guest-side code evaluated (as a global script) once in every new context, before the handler
 * module. It evaluates to a function of `(hostLog)`, where `hostLog(level, text)` is the only host
 * function the guest ever sees.
 *
 * Calling it installs `console`, virtual timers (`setTimeout`, `setInterval`, `setImmediate`
 * and their `clear…`), `queueMicrotask` and a `Date` whose clock is `epochMs` plus the virtual
 * time, then returns the internals the host drives, which user code cannot reach:
 * - `begin(settingsJson)`: starts an invocation; `settingsJson` is
 *   `{"epochMs": number, "timeoutMs": number | null}`. It moves the virtual clock back to 0 and
 *   drops every timer still pending (a warm context's earlier invocation must not reach into
 *   this one). Timer ids keep counting, so a stale timer handle never names a new timer;
 * - `invoke(handler, eventJson, contextJson)`: a promise for the handler's result (see below);
 * - `peek()`: the due time (virtual ms) of the next timer, or -1 when no referenced timer is left;
 * - `idle()`: called when the event loop is empty (no jobs, no referenced timers): settles an
 *   invocation waiting for that, and returns whether there was one;
 * - `fire()`: moves the clock to the next timer and runs it (its exception propagates);
 * - `describe(error)`: JSON text `{errorType, errorMessage, stack, fileName?, lineNumber?}`;
 * - `serialise(value)`: `JSON.stringify(value)`, with `undefined` as `"null"`;
 * - `commonjs(fileName)`: before a CommonJS handler is evaluated as a script, defines what a
 *   CommonJS module sees: `module`, `exports`, `__filename`, `__dirname`, and a `require` that finds
 *   nothing (it throws an `Error` with code `MODULE_NOT_FOUND`, as Node.js does);
 * - `commonjsHandler()`: afterwards, `module.exports.handler`.
 *
 * Stacks keep at most 10 frames, like Node's default `Error.stackTraceLimit`.
 *
 * A handler is called as by Lambda's Node.js runtimes up to nodejs22.x, with
 * `(event, context, callback)`; the first of these settles the invocation, later ones are ignored
 * (aws-lambda-nodejs-runtime-interface-client, `Runtime.js` and `CallbackContext.js`):
 * - a returned promise (or thenable), when it settles;
 * - `callback(error)`: fails at once; `callback(null, result)`: succeeds with `result` once the
 *   event loop is empty, or at once if `context.callbackWaitsForEmptyEventLoop` is false;
 * - `context.done(error, result)`, `context.succeed(result)`, `context.fail(error)`: at once;
 * - a thrown error (thrown synchronously, null or undefined is passed to `callback`, so it succeeds
 *   with null; a promise rejected with null or undefined fails with the string 'handled').
 * A handler of three or more parameters that returns anything else succeeds with `null` once the
 * event loop is empty, as on Lambda. Differs from AWS: a handler of fewer parameters that returns
 * a plain value succeeds with it (Lambda would answer `null`). Differs from Node.js 24 and later,
 * which refuse handlers of three parameters.
 *
 * Timers follow Node: a delay that is not a number in [1, 2^31 - 1] becomes 1 ms, timers due at
 * the same time run in creation order, `setTimeout` returns an object with `ref`, `unref`,
 * `hasRef`, `refresh`, `close` and a numeric primitive value. Only referenced timers keep the
 * invocation alive, like Node's event loop.
 */
export const PRELUDE_SOURCE = String.raw`(function (hostLog) {
	'use strict';
	const G = globalThis;
	const parse = JSON.parse;
	const stringify = JSON.stringify;
	const RealDate = Date;
	const toText = String;
	const defineProperty = Object.defineProperty;
	const construct = Reflect.construct;
	let settings = { epochMs: 0, timeoutMs: null };
	const PRELUDE = '${PRELUDE_FILE}';
	const TIMEOUT_MAX = 2147483647;
	const LAMBDA_MAX_MS = 900000;
	const MAX_FRAMES = 10;
	let clock = 0;
	let lastSeq = 0;
	/** What to do when the event loop is empty: settle a callback handler's invocation. */
	let onIdle = null;
	const timers = Object.create(null);

	function define(target, name, value) {
		defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
	}

	function typeName(value) {
		if (value === null) return 'null';
		if (typeof value === 'function') return 'function ' + (value.name || '(anonymous)');
		if (typeof value === 'object') {
			const ctor = value.constructor;
			return 'an instance of ' + ((ctor && ctor.name) || 'Object');
		}
		if (typeof value === 'string') return "type string ('" + value + "')";
		if (typeof value === 'symbol') return 'type symbol';
		return 'type ' + typeof value + ' (' + toText(value) + ')';
	}

	class Timeout {
		#id;
		constructor(id) { this.#id = id; }
		ref() { const t = timers[this.#id]; if (t) t.ref = true; return this; }
		unref() { const t = timers[this.#id]; if (t) t.ref = false; return this; }
		hasRef() { const t = timers[this.#id]; return t ? t.ref : false; }
		refresh() {
			const t = timers[this.#id];
			if (t) { t.due = clock + t.delay; t.seq = ++lastSeq; }
			return this;
		}
		close() { delete timers[this.#id]; return this; }
		[Symbol.toPrimitive]() { return this.#id; }
	}

	function requireFunction(callback) {
		if (typeof callback !== 'function') {
			const received = typeName(callback);
			throw new TypeError('The "callback" argument must be of type function. Received ' + received);
		}
	}

	function schedule(callback, delay, args, kind) {
		requireFunction(callback);
		let after = 0;
		if (kind !== 'immediate') {
			after = Number(delay);
			after = after >= 1 && after <= TIMEOUT_MAX ? Math.trunc(after) : 1;
		}
		const id = ++lastSeq;
		const handle = new Timeout(id);
		const repeat = kind === 'interval';
		const due = clock + after;
		timers[id] = { id, due, seq: id, delay: after, repeat, ref: true, callback, args };
		return handle;
	}

	function clear(timer) {
		if (timer instanceof Timeout) delete timers[+timer];
		else if (typeof timer === 'number' || typeof timer === 'string') delete timers[timer];
	}

	define(G, 'setTimeout', function setTimeout(callback, delay, ...args) {
		return schedule(callback, delay, args, 'timeout');
	});
	define(G, 'setInterval', function setInterval(callback, delay, ...args) {
		return schedule(callback, delay, args, 'interval');
	});
	define(G, 'setImmediate', function setImmediate(callback, ...args) {
		return schedule(callback, 0, args, 'immediate');
	});
	define(G, 'clearTimeout', function clearTimeout(timer) { clear(timer); });
	define(G, 'clearInterval', function clearInterval(timer) { clear(timer); });
	define(G, 'clearImmediate', function clearImmediate(timer) { clear(timer); });
	define(G, 'queueMicrotask', function queueMicrotask(callback) {
		requireFunction(callback);
		Promise.resolve().then(() => callback());
	});

	function earliest() {
		let best;
		let referenced = false;
		for (const key in timers) {
			const t = timers[key];
			if (t.ref) referenced = true;
			if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
		}
		return referenced ? best : undefined;
	}

	function peek() {
		const t = earliest();
		return t ? t.due : -1;
	}

	function fire() {
		const t = earliest();
		if (!t) return;
		clock = t.due;
		if (t.repeat) { t.due = clock + t.delay; t.seq = ++lastSeq; }
		else delete timers[t.id];
		const callback = t.callback;
		callback(...t.args);
	}

	function VirtualDate(...args) {
		if (new.target === undefined) return toText(new RealDate(settings.epochMs + clock));
		return construct(RealDate, args.length === 0 ? [settings.epochMs + clock] : args, new.target);
	}
	defineProperty(VirtualDate, 'length', { value: 7 });
	defineProperty(VirtualDate, 'name', { value: 'Date' });
	VirtualDate.prototype = RealDate.prototype;
	define(RealDate.prototype, 'constructor', VirtualDate);
	define(VirtualDate, 'now', function now() { return settings.epochMs + clock; });
	define(VirtualDate, 'parse', RealDate.parse);
	define(VirtualDate, 'UTC', RealDate.UTC);
	define(G, 'Date', VirtualDate);

	function frames(error) {
		const lines = [];
		if (typeof error.stack !== 'string') return lines;
		for (const line of error.stack.split('\n')) {
			if (lines.length === MAX_FRAMES) break;
			if (line.trim() !== '' && !line.includes(PRELUDE)) lines.push(line);
		}
		return lines;
	}

	function isErrorLike(value) {
		if (value instanceof Error) return true;
		if (value === null || typeof value !== 'object') return false;
		const { name, message, stack } = value;
		return typeof name === 'string' && typeof message === 'string' && typeof stack === 'string';
	}

	function inspect(value) {
		switch (typeof value) {
			case 'string': return value;
			case 'bigint': return toText(value) + 'n';
			case 'symbol': return toText(value);
			case 'function': return '[Function: ' + (value.name || '(anonymous)') + ']';
			case 'undefined': return 'undefined';
		}
		if (value === null || typeof value !== 'object') return toText(value);
		if (isErrorLike(value)) {
			const head = value.message === '' ? toText(value.name) : value.name + ': ' + value.message;
			return [head].concat(frames(value)).join('\n');
		}
		try {
			const text = stringify(value);
			if (text !== undefined) return text;
		} catch (_) {}
		return Object.prototype.toString.call(value);
	}

	function format(args) {
		let out = '';
		let next = 0;
		if (typeof args[0] === 'string' && args.length > 1) {
			next = 1;
			out = args[0].replace(/%([sdifjoOc%])/g, (match, code) => {
				if (code === '%') return '%';
				if (next >= args.length) return match;
				const arg = args[next++];
				switch (code) {
					case 's': return typeof arg === 'string' ? arg : inspect(arg);
					case 'd':
						if (typeof arg === 'bigint') return arg + 'n';
						return typeof arg === 'symbol' ? 'NaN' : toText(Number(arg));
					case 'i': return typeof arg === 'symbol' ? 'NaN' : toText(parseInt(arg, 10));
					case 'f': return typeof arg === 'symbol' ? 'NaN' : toText(parseFloat(arg));
					case 'j': try { return toText(stringify(arg)); } catch (_) { return '[Circular]'; }
					case 'c': return '';
					default: return inspect(arg);
				}
			});
		} else if (args.length > 0) {
			out = inspect(args[0]);
			next = 1;
		}
		for (; next < args.length; next++) out += ' ' + inspect(args[next]);
		return out;
	}

	const console = {};
	for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
		define(console, level, function (...args) { hostLog(level, format(args)); });
	}
	define(console, 'dir', function dir(value) { hostLog('log', inspect(value)); });
	define(console, 'trace', function trace(...args) {
		hostLog('error', ['Trace: ' + format(args)].concat(frames(new Error())).join('\n'));
	});
	define(G, 'console', console);

	function isThenable(value) {
		return (
			value !== null &&
			(typeof value === 'object' || typeof value === 'function') &&
			typeof value.then === 'function'
		);
	}

	function invoke(handler, eventJson, contextJson) {
		const event = parse(eventJson);
		const context = parse(contextJson);
		const budget = settings.timeoutMs === null ? LAMBDA_MAX_MS : settings.timeoutMs;
		define(context, 'getRemainingTimeInMillis', function getRemainingTimeInMillis() {
			return Math.max(0, budget - clock);
		});
		context.callbackWaitsForEmptyEventLoop = true;
		// The handler is called outside the promise's executor, so no native frame of it shows
		// in the handler's stack traces.
		let resolve, reject;
		const result = new Promise((yes, no) => {
			resolve = yes;
			reject = no;
		});
		let finished = false;
		const first = (settle) => function (...args) {
			if (finished) return;
			finished = true;
			onIdle = null;
			settle(...args);
		};
		const failed = (error) => error !== undefined && error !== null;
		const succeed = first(resolve);
		const raise = first(reject);
		const callback = first(function callback(error, value) {
			if (failed(error)) reject(error);
			else if (!context.callbackWaitsForEmptyEventLoop) resolve(value);
			else onIdle = () => resolve(value);
		});
		define(context, 'done', first((error, value) => {
			if (failed(error)) reject(error);
			else resolve(value);
		}));
		define(context, 'succeed', succeed);
		define(context, 'fail', first((error) => reject(failed(error) ? error : 'handled')));
		try {
			const returned = handler(event, context, callback);
			// A promise rejected with nothing fails as the string 'handled', like context.fail().
			if (isThenable(returned)) {
				returned.then(succeed, (error) => raise(failed(error) ? error : 'handled'));
			} else if (handler.length < 3) succeed(returned);
			else if (!finished) onIdle = () => resolve(null);
		} catch (error) {
			// The runtime passes a synchronous throw to callback(): throwing null or undefined
			// succeeds with null once the event loop is empty.
			if (failed(error)) raise(error);
			else callback(error);
		}
		return result;
	}

	function idle() {
		const settle = onIdle;
		onIdle = null;
		if (settle) settle();
		return settle !== null;
	}

	function describe(error) {
		try {
			if (isErrorLike(error)) {
				const errorType = toText(error.name);
				const errorMessage = toText(error.message);
				const head = errorMessage === '' ? errorType : errorType + ': ' + errorMessage;
				const result = { errorType, errorMessage, stack: [head].concat(frames(error)) };
				if (typeof error.lineNumber === 'number') {
					result.fileName = toText(error.fileName);
					result.lineNumber = error.lineNumber;
				}
				return stringify(result);
			}
			return stringify({ errorType: typeof error, errorMessage: toText(error), stack: [] });
		} catch (_) {
			return stringify({
				errorType: 'handled',
				errorMessage: 'the thrown value has a message, name or stack that cannot be read',
				stack: []
			});
		}
	}

	/** The module object of a CommonJS handler (see commonjs). */
	let cjsModule = null;

	function commonjs(fileName) {
		cjsModule = { exports: {}, id: '.', filename: fileName, loaded: false };
		define(G, 'module', cjsModule);
		define(G, 'exports', cjsModule.exports);
		define(G, 'require', function require(name) {
			const error = new Error(
				"Cannot find module '" + toText(name) + "' required from " + fileName +
					': the sandbox has no modules, so a handler must be one self-contained file'
			);
			error.code = 'MODULE_NOT_FOUND';
			throw error;
		});
		define(G, '__filename', fileName);
		define(G, '__dirname', '.');
	}

	function commonjsHandler() {
		cjsModule.loaded = true;
		const exported = cjsModule.exports;
		return exported === null || exported === undefined ? undefined : exported.handler;
	}

	function begin(settingsJson) {
		settings = parse(settingsJson);
		clock = 0;
		onIdle = null;
		for (const key in timers) delete timers[key];
	}

	function serialise(value) {
		const text = stringify(value);
		return text === undefined ? 'null' : text;
	}

	return { begin, invoke, peek, idle, fire, describe, serialise, commonjs, commonjsHandler };
})`;
