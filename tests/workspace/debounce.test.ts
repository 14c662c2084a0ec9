import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../src/lib/workspace/debounce.js';

describe('debounce', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs once, with the latest arguments, after the calls stop', () => {
		const fn = vi.fn();
		const save = debounce(fn, 500);
		save('a');
		vi.advanceTimersByTime(400);
		save('b');
		vi.advanceTimersByTime(400);
		expect(fn).not.toHaveBeenCalled();
		vi.advanceTimersByTime(100);
		expect(fn).toHaveBeenCalledExactlyOnceWith('b');
	});

	it('flushes a pending call at once, and only a pending one', () => {
		const fn = vi.fn();
		const save = debounce(fn, 500);
		save.flush();
		expect(fn).not.toHaveBeenCalled();
		save('now');
		save.flush();
		expect(fn).toHaveBeenCalledExactlyOnceWith('now');
		vi.advanceTimersByTime(1000);
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('cancels a pending call', () => {
		const fn = vi.fn();
		const save = debounce(fn, 500);
		save('x');
		save.cancel();
		vi.advanceTimersByTime(1000);
		save.flush();
		expect(fn).not.toHaveBeenCalled();
	});
});
