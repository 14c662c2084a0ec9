/**
 * `npm run conformance -- [--report FILE] [--filter TEXT] PATH...`
 *
 * Runs conformance case files (the format of ../shared/conformance/localstack/README.md) through
 * the engine, with each case's `handlers` in the QuickJS sandbox, compares them under the corpus
 * rules, and prints `N passed, M failed`. PATH may be a case file or a folder of them.
 * `--report FILE` writes `{"results": [{file, status, output, error, cause, events}]}`: what the
 * engine actually produced for every case.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createLambdaInvoker } from '../src/lib/sandbox/lambda-invoker.js';
import type { ConformanceCase } from './conformance/case.js';
import { compareCase } from './conformance/compare.js';
import { runCase } from './conformance/run-case.js';

interface Args {
	report?: string;
	filter?: string;
	verbose: boolean;
	paths: string[];
}

function parseArgs(argv: string[]): Args {
	const args: Args = { verbose: false, paths: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--report') args.report = argv[++i];
		else if (a === '--filter') args.filter = argv[++i];
		else if (a === '--verbose' || a === '-v') args.verbose = true;
		else if (a === '--help' || a === '-h') {
			console.log(
				'usage: npm run conformance -- [--report FILE] [--filter TEXT] [--verbose] PATH...'
			);
			process.exit(0);
		} else args.paths.push(a);
	}
	if (args.paths.length === 0) {
		console.error(
			'usage: npm run conformance -- [--report FILE] [--filter TEXT] [--verbose] PATH...'
		);
		process.exit(2);
	}
	return args;
}

function caseFiles(paths: string[]): string[] {
	const out: string[] = [];
	for (const p of paths) {
		if (statSync(p).isDirectory()) {
			for (const f of readdirSync(p).sort()) {
				const full = join(p, f);
				if (statSync(full).isDirectory()) out.push(...caseFiles([full]));
				else if (f.endsWith('.json') && f !== 'index.json') out.push(full);
			}
		} else out.push(p);
	}
	return out;
}

const args = parseArgs(process.argv.slice(2));
const files = caseFiles(args.paths).filter((f) => !args.filter || f.includes(args.filter));
const results: unknown[] = [];
let passed = 0;
let failed = 0;
for (const file of files) {
	let problems: string[];
	let c: ConformanceCase;
	try {
		c = JSON.parse(readFileSync(file, 'utf8')) as ConformanceCase;
	} catch (e) {
		// A case file that cannot be read fails alone; the run goes on.
		failed++;
		console.log(`FAIL ${basename(file)}: not a readable case file: ${(e as Error).message}`);
		results.push({ file: basename(file), status: 'ERROR', error: 'CaseFileError', events: [] });
		continue;
	}
	try {
		const run = await runCase(file, c, { invokerFor: (h) => createLambdaInvoker(h) });
		problems = compareCase(c, run);
		results.push({
			file: basename(file),
			status: run.status,
			output: run.output,
			error: run.error,
			cause: run.cause,
			events: run.events
		});
	} catch (e) {
		problems = [`engine error: ${(e as Error).stack ?? String(e)}`];
		results.push({
			file: basename(file),
			status: 'ERROR',
			error: 'EngineError',
			cause: String(e),
			events: []
		});
	}
	if (problems.length) {
		failed++;
		if (args.verbose || files.length <= 20)
			console.log(`FAIL ${basename(file)}\n  ${problems.join('\n  ')}`);
		else console.log(`FAIL ${basename(file)}: ${problems[0].split('\n')[0]}`);
	} else passed++;
}
if (args.report) writeFileSync(args.report, JSON.stringify({ results }, null, 1));
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
