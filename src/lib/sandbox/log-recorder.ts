import type { TaskLog } from '../../../engine/run/task.js';

/** The line that replaces everything past the cap. */
export const TRUNCATION_MESSAGE = '… output truncated';

const LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'debug']);

/**
 * Collects console lines up to `limitChars` UTF-16 code units of message text in total. The line
 * that crosses the cap is cut to fit and followed by one `warn` line `… output truncated`;
 * everything after that is dropped.
 */
export class LogRecorder {
	readonly #limitChars: number;
	readonly #lines: TaskLog[] = [];
	#usedChars = 0;
	#full = false;

	constructor(limitChars: number) {
		this.#limitChars = limitChars;
	}

	/** Records one line; `level` must be a console level, `atMs` is the virtual time. */
	record(level: string, message: string, atMs: number): void {
		if (this.#full) return;
		const known = (LEVELS.has(level) ? level : 'log') as TaskLog['level'];
		const room = this.#limitChars - this.#usedChars;
		if (message.length <= room) {
			this.#lines.push({ level: known, message, atMs });
			this.#usedChars += message.length;
			return;
		}
		if (room > 0) this.#lines.push({ level: known, message: message.slice(0, room), atMs });
		this.#lines.push({ level: 'warn', message: TRUNCATION_MESSAGE, atMs });
		this.#usedChars = this.#limitChars;
		this.#full = true;
	}

	/** The lines so far, oldest first. */
	get lines(): readonly TaskLog[] {
		return this.#lines;
	}
}
