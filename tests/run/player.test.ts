import { describe, expect, it } from 'vitest';
import { stateStatuses, type HistoryEvent } from '../../engine/index.js';
import {
	MAX_GAP_MS,
	Player,
	SAME_TIME_STEP_MS,
	countAtOrBefore
} from '../../src/lib/run/player.svelte.js';
import { FakeFrames } from './frames.js';
import { history, latency, MIXED, mixedInvoker, ZERO_TIME_LOOP } from './histories.js';

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

	it('crosses a long idle gap in at most MAX_GAP_MS of real time', () => {
		const { frames, player } = setup(longWait);
		player.play();
		frames.run(MAX_GAP_MS / 2);
		expect(player.playhead).toBeGreaterThan(86_400_000 * 0.3);
		expect(player.finished).toBe(false);
		frames.run(MAX_GAP_MS);
		expect(player.finished).toBe(true);
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
			frames.run(3000, 16, () => expectConsistent(player));
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

describe('Player pacing of events that share a timestamp', async () => {
	const { MAX_SAME_TIME_MS } = await import('../../src/lib/run/player.svelte.js');
	// 300 Map iterations, 40 at a time (AWS's inline Map concurrency): clusters of up to 280
	// events every 100 ms, from t = 0 to t = 800.
	const wide = await history(
		{
			StartAt: 'Each',
			States: {
				Each: {
					Type: 'Map',
					ItemProcessor: {
						StartAt: 'Work',
						States: { Work: { Type: 'Task', Resource: 'w', End: true } }
					},
					End: true
				}
			}
		},
		Array.from({ length: 300 }, (_, i) => i),
		{ taskLatencyMs: () => 100, invokeTask: async () => ({ ok: true, output: 1 }) }
	);

	it('reveals a large cluster within MAX_SAME_TIME_MS, still gradually', () => {
		const { frames, player } = setup(wide);
		player.play();
		frames.run(MAX_SAME_TIME_MS / 2);
		const atZero = countAtOrBefore(wide, 0);
		expect(player.revealed).toBeGreaterThan(atZero * 0.3);
		expect(player.revealed).toBeLessThan(atZero * 0.7);
		frames.run(MAX_SAME_TIME_MS / 2 + 50);
		expect(player.revealed).toBeGreaterThanOrEqual(atZero);
		expect(player.playhead).toBeGreaterThan(0);
	});

	it('plays the whole wide run in about one MAX_SAME_TIME_MS per cluster', () => {
		const clusters = new Set(wide.map((e) => e.timestamp)).size;
		expect(clusters).toBe(9);
		const { frames, player } = setup(wide);
		player.play();
		frames.run((clusters - 2) * MAX_SAME_TIME_MS);
		expect(player.finished).toBe(false);
		frames.run(2 * MAX_SAME_TIME_MS + 1000);
		expect(player.finished).toBe(true);
	});
});
