/**
 * The playground as a visitor gets it: builds the static site, serves it with `vite preview`, opens
 * it in headless Chromium and measures
 *   - time to interactive: navigation start → the workspace is loaded and the page responds
 *     (the `playground-ready` mark), in ms (target < 1500);
 *   - JavaScript loaded before the first run, gzipped, in KB: everything the page fetches until
 *     it settles, but for what loads lazily off the critical path (ELK in its worker, QuickJS at
 *     the first run, the ASL validator: our language service) (target ≤ 250); of it, what the
 *     page needs to become interactive; and, apart, the lazy part;
 *   - a Map of 10,000 items at MaxConcurrency 40 with 100 ms tasks: simulation time in the
 *     execution worker (target < 2 s) and the longest main-thread task while it plays back
 *     at 100× (target ≤ 50 ms).
 * `scenarios()` returns the figures for `run.ts`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';

export interface SiteFigure {
	readonly name: string;
	readonly unit: string;
	readonly value: number;
	readonly target: string;
}

const PORT = 4390;
const ROOT = new URL('..', import.meta.url).pathname;

function chromiumPath(): string | undefined {
	if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

async function waitForServer(url: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The preview server did not start at ${url}`);
}

/** A 10,000-item Map with 100 ms tasks, as a share-free workspace in local storage. */
function bigMapWorkspace(): string {
	const definition = {
		StartAt: 'ProcessAll',
		States: {
			ProcessAll: {
				Type: 'Map',
				MaxConcurrency: 40,
				ItemProcessor: {
					StartAt: 'Work',
					States: {
						Work: {
							Type: 'Task',
							Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
							End: true
						}
					}
				},
				End: true
			}
		}
	};
	return JSON.stringify({
		v: 1,
		definition: JSON.stringify(definition, null, 2),
		input: JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i)),
		handlers: { work: 'export const handler = async (event) => event * 2;\n' },
		// 10,000 inline iterations need ~40,000 events: above AWS's 25,000-event history (AWS
		// itself would fail this run), so the workspace raises its history limit.
		settings: { seed: 0, latency: { default: 100 }, maxEvents: 100_000 }
	});
}

/** The built file (`_app/immutable/…`) of a dynamically imported module, from Vite's manifest. */
function chunkOf(source: string): string | undefined {
	const manifest = JSON.parse(
		readFileSync(`${ROOT}.svelte-kit/output/client/.vite/manifest.json`, 'utf8')
	) as Record<string, { file: string }>;
	return manifest[source]?.file;
}

export async function siteFigures(
	log: (line: string) => void = console.log
): Promise<SiteFigure[]> {
	log('building the site…');
	execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
	const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
		cwd: ROOT,
		stdio: 'ignore',
		detached: true
	});
	const base = `http://localhost:${PORT}/`;
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	try {
		await waitForServer(base);
		// Cold load: interactive time and the scripts fetched before the first run.
		const context = await browser.newContext();
		const page = await context.newPage();
		const sizes = new Map<string, number>();
		page.on('response', async (response) => {
			const url = response.url();
			if (!url.endsWith('.js')) return;
			const body = await response.body().catch(() => Buffer.alloc(0));
			sizes.set(url, gzipSync(body).length);
		});
		await page.goto(base);
		await page.waitForSelector('[data-ready="true"]');
		const interactive = await page.evaluate(
			() => performance.getEntriesByName('playground-ready')[0]?.startTime ?? NaN
		);
		// Everything the page loads on its own before a run: the graph, the validator, …
		await page.waitForSelector('[data-state-name]');
		await page.waitForTimeout(1000);
		// Page scripts requested before the page was ready are what it needs to become interactive.
		// Everything else it fetches before a run counts too, but for what loads lazily off the
		// critical path: workers (ELK) and the ASL validator (the language service, with JSONata).
		const started = await page.evaluate(() =>
			Object.fromEntries(performance.getEntriesByType('resource').map((r) => [r.name, r.startTime]))
		);
		const languageService = chunkOf('engine/asl/validate.ts');
		let initial = 0;
		let beforeRun = 0;
		let lazy = 0;
		const rows: [number, string, string][] = [];
		for (const [url, size] of sizes) {
			const path = url.replace(base, '');
			const isLazy = path.includes('/workers/') || path === languageService;
			const isInitial = !isLazy && (started[url] ?? Infinity) <= interactive;
			if (isLazy) lazy += size;
			else beforeRun += size;
			if (isInitial) initial += size;
			rows.push([size, isLazy ? 'lazy' : isInitial ? 'initial' : 'later', '/' + path]);
		}
		const beforeRunKb = beforeRun / 1024;
		const pageKb = initial / 1024;
		const lazyKb = lazy / 1024;
		log(`time to interactive: ${interactive.toFixed(0)} ms`);
		log(
			`JavaScript before the first run: ${beforeRunKb.toFixed(1)} KB gzipped (${pageKb.toFixed(1)} KB of it to become interactive), + ${lazyKb.toFixed(1)} KB loaded lazily (ELK, the validator)`
		);
		for (const [size, kind, url] of rows.sort((a, b) => b[0] - a[0]).slice(0, 10)) {
			log(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${kind.padEnd(8)} ${url}`);
		}
		await context.close();

		// The 10,000-item Map: simulated in the worker, played back at 100×.
		const big = await browser.newContext();
		await big.addInitScript(
			(ws) => localStorage.setItem('asl-playground:workspace:v1', ws),
			bigMapWorkspace()
		);
		const p2 = await big.newPage();
		await p2.goto(base);
		await p2.waitForSelector('[data-ready="true"]');
		await p2.evaluate(() => {
			const w = window as unknown as { longTasks: number[] };
			w.longTasks = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) w.longTasks.push(e.duration);
			}).observe({ type: 'longtask', buffered: false });
		});
		await p2.getByTestId('speed-100').click();
		const t0 = Date.now();
		await p2.getByTestId('run').click();
		await p2.waitForFunction(() => !document.querySelector('[data-testid="stop"]'), null, {
			timeout: 60_000
		});
		const simulateMs = Date.now() - t0;
		await p2.waitForFunction(
			() =>
				document.querySelector('[data-testid="run-outcome"]')?.getAttribute('data-status') ===
				'SUCCEEDED',
			null,
			{ timeout: 120_000 }
		);
		const longest = await p2.evaluate(() =>
			Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)
		);
		log(
			`Map of 10,000 items (MaxConcurrency 40, 100 ms tasks): simulated in ${simulateMs} ms; longest main-thread task during playback ${longest ? `${longest.toFixed(0)} ms` : 'none over 50 ms (the Long Tasks API sees no shorter one)'}`
		);
		await big.close();
		return [
			{
				name: 'site-time-to-interactive',
				unit: 'ms',
				value: Math.round(interactive),
				target: '< 1500'
			},
			{
				name: 'site-js-before-first-run',
				unit: 'KB gzip',
				value: Number(beforeRunKb.toFixed(1)),
				target: '≤ 250'
			},
			{
				name: 'site-js-to-interactive',
				unit: 'KB gzip',
				value: Number(pageKb.toFixed(1)),
				target: 'part of the above'
			},
			{
				name: 'site-js-lazy-before-first-run',
				unit: 'KB gzip',
				value: Number(lazyKb.toFixed(1)),
				target: 'lazy'
			},
			{ name: 'map-10000-items-simulation', unit: 'ms', value: simulateMs, target: '< 2000' },
			{
				name: 'map-10000-items-longest-task',
				unit: 'ms',
				value: Math.round(longest),
				target: '≤ 50'
			}
		];
	} finally {
		await browser.close();
		try {
			process.kill(-server.pid!);
		} catch {
			/* already gone */
		}
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await siteFigures();
