import { describe, expect, it } from 'vitest';
import { stateStatuses, type HistoryEvent } from '../../engine/index.js';
import {
	MAX_IDLE_MS,
	Player,
	SAME_TIME_BUDGET_MS,
	SAME_TIME_STEP_MS,
	SKIP_MS,
	countAtOrBefore
} from '../../src/lib/run/player.svelte.js';
import { FakeFrames } from './frames.js';
import { history, lambda, latency, MIXED, mixedInvoker, ZERO_TIME_LOOP } from './histories.js';

const mixed = await history(MIXED, {}, { invokeTask: mixedInvoker, taskLatencyMs: latency });
const zero = await history(ZERO_TIME_LOOP);
const longWait = await history({
	StartAt: 'Nap',
	States: { Nap: { Type: 'Wait', Seconds: 86_400, Next: 'Done' }, Done: { Type: 'Succeed' } }
});

function setup(events: readonly HistoryEvent[] = []) {
	const frames = new FakeFrames();
	const player = new Player(frames);
	player.append(events);
	return { frames, player };
}

/** The prefix shown is consistent with the playhead. */
function expectConsistent(player: Player) {
	const { events, revealed, playhead } = player;
	for (let i = 0; i < revealed; i++) expect(events[i].timestamp).toBeLessThanOrEqual(playhead);
	if (revealed < events.length) expect(events[revealed].timestamp).toBeGreaterThanOrEqual(playhead);
	expect(playhead).toBeLessThanOrEqual(player.duration);
}

describe('Player', () => {
	it('starts with nothing revealed and holds appended events', () => {
		const { player } = setup(mixed.slice(0, 10));
		player.append(mixed.slice(10));
		expect(player.events).toHaveLength(mixed.length);
		expect(player.revealed).toBe(0);
		expect(player.cursor).toBe(-1);
		expect(player.visible).toEqual([]);
		expect(player.duration).toBe(4760);
		expect(player.complete).toBe(true);
		expect(player.finished).toBe(false);
	});

	it('plays at 1× in virtual time, keeping the prefix at the playhead', () => {
		const { frames, player } = setup(mixed);
		player.play();
		expect(player.revealed).toBe(1); // ExecutionStarted shows at once
		let last = 0;
		frames.run(1000, 16, () => {
			expectConsistent(player);
			expect(player.playhead).toBeGreaterThanOrEqual(last);
			last = player.playhead;
		});
		// Three events share t = 0 with the first: they take 3 × 60 ms, then 1 ms per ms.
		expect(player.playhead).toBeGreaterThan(600);
		expect(player.playhead).toBeLessThan(1000);
		expect(player.revealed).toBe(countAtOrBefore(mixed, player.playhead));
		expect(player.playing).toBe(true);
	});

	it('reveals events that share a timestamp one at a time, even in a run that takes no time', () => {
		const { frames, player } = setup(zero);
		expect(player.duration).toBe(0);
		player.play();
		const seen: number[] = [player.revealed];
		frames.run(SAME_TIME_STEP_MS * zero.length + 200, 16, () => seen.push(player.revealed));
		// Never more than one new event per frame at 1× and each count is seen.
		for (let i = 1; i < seen.length; i++) expect(seen[i] - seen[i - 1]).toBeLessThanOrEqual(1);
		expect(new Set(seen).size).toBe(zero.length);
		expect(player.finished).toBe(true);
		expect(player.playing).toBe(false);
		expect(frames.pending).toBe(0);
	});

	it('paces same-time events faster at higher speeds', () => {
		const { frames, player } = setup(zero);
		player.setSpeed(10);
		player.play();
		frames.run((SAME_TIME_STEP_MS / 10) * zero.length + 50);
		expect(player.finished).toBe(true);
	});

	it('plays a run 10× and 100× faster', () => {
		const a = setup(mixed);
		a.player.setSpeed(10);
		a.player.play();
		a.frames.run(1000, 16, () => expectConsistent(a.player));
		expect(a.player.finished).toBe(true);

		const b = setup(mixed);
		b.player.setSpeed(100);
		b.player.play();
		b.frames.run(200);
		expect(b.player.finished).toBe(true);
	});

	it('jumps to the end at instant speed', () => {
		const { frames, player } = setup(mixed);
		player.setSpeed('instant');
		player.play();
		expect(player.revealed).toBe(mixed.length);
		expect(player.playhead).toBe(4760);
		expect(player.finished).toBe(true);
		expect(player.playing).toBe(false);
		expect(frames.pending).toBe(0);
	});

	it('switching to instant while playing reveals the rest', () => {
		const { frames, player } = setup(mixed);
		player.play();
		frames.run(100);
		player.setSpeed('instant');
		expect(player.finished).toBe(true);
	});

	it('skips a long idle gap in SKIP_MS, and says so meanwhile', () => {
		const { frames, player } = setup(longWait);
		player.play();
		expect(player.skip).toBeUndefined();
		frames.run(SKIP_MS / 2);
		expect(player.playhead).toBeGreaterThan(86_400_000 * 0.3);
		expect(player.skip).toEqual({ from: 0, to: 86_400_000 });
		expect(player.finished).toBe(false);
		// Then the few events at the end of the Wait, one step each.
		frames.run(SKIP_MS / 2 + 5 * SAME_TIME_STEP_MS);
		expect(player.finished).toBe(true);
		expect(player.skip).toBeUndefined();
	});

	it('stops saying it skips when paused or moved by hand', () => {
		const { frames, player } = setup(longWait);
		player.play();
		frames.run(100);
		expect(player.skip).toBeDefined();
		player.pause();
		expect(player.skip).toBeUndefined();
		player.play();
		frames.run(100);
		expect(player.skip).toBeDefined();
		player.seek(1000);
		expect(player.skip).toBeUndefined();
	});

	it('a long frame (background tab) does not leap', () => {
		const { frames, player } = setup(mixed);
		player.play();
		frames.frame(16);
		frames.frame(60_000);
		expect(player.playhead).toBeLessThanOrEqual(100);
	});

	it('pauses and resumes', () => {
		const { frames, player } = setup(mixed);
		player.play();
		frames.run(400);
		player.pause();
		expect(frames.pending).toBe(0);
		const at = player.playhead;
		frames.run(400);
		expect(player.playhead).toBe(at);
		player.toggle();
		expect(player.playing).toBe(true);
		frames.run(400);
		expect(player.playhead).toBeGreaterThan(at);
	});

	it('steps one event at a time, also through events that share a timestamp', () => {
		const { frames, player } = setup(mixed);
		player.play();
		frames.run(50);
		player.seekToEvent(8); // TaskStateExited at 1500; the next 20 events share t = 1500
		for (let i = 10; i <= 28; i++) {
			player.stepForward();
			expect(player.revealed).toBe(i);
			expect(player.current?.id).toBe(i);
			expect(player.playhead).toBe(1500);
		}
		expect(player.playing).toBe(false);
		player.stepForward();
		expect(player.playhead).toBe(1750);
		player.stepBack();
		player.stepBack();
		expect(player.revealed).toBe(27);
		expect(player.playhead).toBe(1500);
	});

	it('steps stop at both ends', () => {
		const { player } = setup(mixed.slice(0, 2));
		player.stepBack();
		expect(player.revealed).toBe(0);
		expect(player.playhead).toBe(0);
		player.stepForward();
		player.stepForward();
		player.stepForward();
		expect(player.revealed).toBe(2);
	});

	it('seeks by virtual time and by event', () => {
		const { player } = setup(mixed);
		player.seek(1500);
		expect(player.revealed).toBe(28);
		expect(player.visible.at(-1)?.id).toBe(28);
		player.seek(1499);
		expect(player.revealed).toBe(7);
		player.seek(99_999);
		expect(player.playhead).toBe(4760);
		expect(player.finished).toBe(true);
		player.seek(-5); // four events share t = 0
		expect(player.revealed).toBe(4);
		player.seekToEvent(40);
		expect(player.cursor).toBe(40);
		expect(player.playhead).toBe(mixed[40].timestamp);
		player.seekToEvent(-1);
		expect(player.revealed).toBe(0);
	});

	it('playing a finished run starts it again', () => {
		const { player } = setup(mixed);
		player.seekToEvent(mixed.length - 1);
		expect(player.finished).toBe(true);
		player.play();
		expect(player.revealed).toBe(1);
		expect(player.playing).toBe(true);
	});

	it('waits at the last event while the run is still streaming', () => {
		const { frames, player } = setup();
		player.play();
		frames.run(100);
		expect(player.revealed).toBe(0);
		let sent = 0;
		for (const size of [5, 10, 20, 100]) {
			player.append(mixed.slice(sent, sent + size));
			sent += size;
			frames.run(6000, 16, () => expectConsistent(player));
			expect(player.playing).toBe(sent < mixed.length);
		}
		expect(player.finished).toBe(true);
	});

	it('keeps the fold of statuses equal to stateStatuses of the revealed events', () => {
		const { frames, player } = setup(mixed);
		player.setSpeed(10);
		player.play();
		frames.run(1000, 16, () =>
			expect(player.statuses).toEqual(stateStatuses(player.events, player.revealed))
		);
		player.seekToEvent(12);
		expect(player.statuses).toEqual(stateStatuses(mixed, 13));
		player.seekToEvent(-1);
		expect(player.statuses).toEqual(new Map());
		player.seek(0);
		expect(player.statuses).toEqual(new Map([['Fetch', 'running']]));
	});

	it('resets for a new run', () => {
		const { frames, player } = setup(mixed);
		player.play();
		frames.run(300);
		player.reset();
		expect(player.events).toEqual([]);
		expect(player.revealed).toBe(0);
		expect(player.playing).toBe(false);
		expect(player.statuses.size).toBe(0);
		player.append(zero);
		player.stepForward();
		expect(player.statuses).toEqual(stateStatuses(zero.slice(0, 1)));
	});

	it('load shows a whole history', () => {
		const { player } = setup();
		player.load(mixed);
		expect(player.finished).toBe(true);
		expect(player.playhead).toBe(4760);
	});
});

describe('Player speed', async () => {
	/** Real ms (in 16-ms frames) until `player` has played to the end; Infinity past `limit`. */
	function playTime(events: readonly HistoryEvent[], speed: 1 | 10 | 100, limit = 120_000) {
		const { frames, player } = setup(events);
		player.setSpeed(speed);
		player.play();
		let spent = 0;
		while (!player.finished && spent <= limit) {
			frames.frame(16);
			spent += 16;
		}
		return player.finished ? spent : Infinity;
	}

	const sleeper = await history(
		{ StartAt: 'Sleep', States: { Sleep: { Type: 'Task', Resource: lambda('sleep'), End: true } } },
		{},
		{ invokeTask: async () => ({ ok: true, output: 1, elapsedMs: 3000 }) }
	);

	it('plays a 3-s task in 3 s at 1× (a gap in virtual time is not squeezed)', () => {
		expect(sleeper.at(-1)!.timestamp).toBe(3000);
		const t = playTime(sleeper, 1);
		expect(t).toBeGreaterThanOrEqual(3000);
		expect(t).toBeLessThan(3000 + 10 * SAME_TIME_STEP_MS);
	});

	it('plays idle gaps just under MAX_IDLE_MS at the chosen speed, not skipped', async () => {
		const seconds = MAX_IDLE_MS / 1000 - 1;
		const wait = await history({
			StartAt: 'Nap',
			States: { Nap: { Type: 'Wait', Seconds: seconds, End: true } }
		});
		const t = playTime(wait, 1);
		expect(t).toBeGreaterThanOrEqual(seconds * 1000);
		expect(t).toBeLessThan(seconds * 1000 + 500);
		// Ten times as long at 10×: the same real time.
		const tenfold = await history({
			StartAt: 'Nap',
			States: { Nap: { Type: 'Wait', Seconds: seconds * 10, End: true } }
		});
		expect(Math.abs(playTime(tenfold, 10) - t)).toBeLessThan(100);
	});

	// A Map over 2,000 items, 40 at a time, 500 ms each: 25 s of virtual time and 14,000 events,
	// nearly all of them in bursts at the same instant (50 waves of starts and ends).
	const wide = await history(
		{
			StartAt: 'Each',
			States: {
				Each: {
					Type: 'Map',
					MaxConcurrency: 40,
					ItemProcessor: {
						StartAt: 'Work',
						States: { Work: { Type: 'Task', Resource: lambda('work'), End: true } }
					},
					End: true
				}
			}
		},
		Array.from({ length: 2000 }, (_, i) => i),
		{
			recordStages: false,
			taskLatencyMs: () => 500,
			invokeTask: async () => ({ ok: true, output: 1 })
		}
	);

	it('plays a 25-s Map of 14,000 events in about 25 s at 1×: bursts share one small budget', () => {
		expect(wide.length).toBeGreaterThan(14_000);
		expect(wide.at(-1)!.timestamp).toBe(25_000);
		const t = playTime(wide, 1);
		expect(t).toBeGreaterThanOrEqual(25_000);
		expect(t).toBeLessThanOrEqual(25_000 + SAME_TIME_BUDGET_MS + 100);
	});

	it('keeps up with virtual time from the start of that Map', () => {
		const { frames, player } = setup(wide);
		player.play();
		frames.run(2000);
		// Two seconds in: about two seconds of the run shown, less a share of the burst budget.
		expect(player.playhead).toBeGreaterThan(1500);
		expect(player.playhead).toBeLessThanOrEqual(2000);
		expect(player.revealed).toBeGreaterThan(1000);
	});

	it('plays that Map 10× and 100× faster', () => {
		const ten = playTime(wide, 10);
		expect(ten).toBeGreaterThanOrEqual(2500);
		expect(ten).toBeLessThanOrEqual(2500 + SAME_TIME_BUDGET_MS / 10 + 100);
		const hundred = playTime(wide, 100);
		expect(hundred).toBeGreaterThanOrEqual(250);
		expect(hundred).toBeLessThanOrEqual(250 + SAME_TIME_BUDGET_MS / 100 + 100);
	});

	it('reveals a burst gradually: at most a few events per frame while the budget allows', () => {
		const { frames, player } = setup(wide);
		player.play();
		const atZero = countAtOrBefore(wide, 0);
		frames.frame(16);
		frames.frame(16);
		expect(player.revealed).toBeGreaterThan(1);
		expect(player.revealed).toBeLessThan(atZero);
	});
});
