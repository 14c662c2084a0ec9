import { handlerStub } from '../editor/functions.js';
import { ExecutionClient, RunCancelled, createExecutionWorker } from '../execution/client.js';
import { examples } from '../examples/index.js';
import { Player } from '../run/player.svelte.js';
import { decodeWorkspace, encodeWorkspace, MAX_FRAGMENT_CHARS } from '../share/url-hash.js';
import { debounce } from '../workspace/debounce.js';
import { defaultWorkspace, workspaceFromExample } from '../workspace/defaults.js';
import { loadWorkspace, saveWorkspace } from '../workspace/storage.js';
import { Workspace } from '../workspace/workspace.svelte.js';
import { lineColumn } from '../../../engine/core.js';
import type { HistoryEvent, StateMachineDefinition } from '../../../engine/index.js';
import type { RunRequest } from '../execution/messages.js';
import type { WorkspaceData } from '../workspace/types.js';

/** A message for the visitor: what happened, how bad it is, and maybe a way back. */
export interface Notice {
	readonly kind: 'info' | 'error';
	readonly text: string;
	/** A button beside the text, such as "Undo" after the workspace was replaced. */
	readonly action?: { readonly label: string; readonly run: () => void };
	/** A link to copy by hand, shown in a one-line field (a share link is thousands of characters). */
	readonly link?: string;
}

/** Which pane of the editor side is showing. */
export type EditorTab = 'definition' | 'handlers' | 'input';
/** Which panel of the run side is showing. */
export type RunTab = 'outcome' | 'history' | 'inspector' | 'timeline' | 'compare';

/** The workflow run as written and sequentialised, with the same latencies and seed. */
export interface Comparison {
	/** The definition compared (the text may have changed since). */
	readonly definition: StateMachineDefinition;
	readonly asWritten: readonly HistoryEvent[];
	readonly sequential: readonly HistoryEvent[];
	/** The workspace compared (`Playground.workspaceKey`), to tell when it has changed since. */
	readonly workspaceKey: string;
}

/**
 * The playground page's state and actions: the workspace being edited, the current run (its
 * events, played back by `player`) and what is selected. Components render it and call its
 * actions; only this class talks to the execution worker, storage and the URL.
 */
export class Playground {
	readonly workspace = new Workspace();
	readonly player = new Player();
	editorTab: EditorTab = $state('definition');
	/** The handler editor's selected tab (a function name or handler key); undefined: the first. */
	handlerTab: string | undefined = $state();
	runTab: RunTab = $state('outcome');
	running = $state(false);
	/**
	 * The workspace is loaded and the page usable: what is not needed to get there (the validator,
	 * the handlers' JavaScript grammar) loads from then on.
	 */
	ready = $state(false);
	notice: Notice | undefined = $state.raw();
	/** The definition of the run being shown (the text may have changed since). */
	runDefinition: StateMachineDefinition | undefined = $state.raw();
	/** The workspace the run being shown was made from (`workspaceKey`). */
	runWorkspaceKey: string | undefined = $state();
	/** The failures the simulation injected into the run being shown (settings may change since). */
	runFaults: RunRequest['faults'] = $state.raw();
	selectedState: string | undefined = $state();
	selectedEventId: number | undefined = $state();
	comparison: Comparison | undefined = $state.raw();
	comparing = $state(false);

	#client: ExecutionClient | undefined;
	#saveLater = debounce(() => this.#save(), 300);
	#started = false;
	/** Whether a workspace is loaded (until then, the visitor's work is only in storage). */
	#loaded = false;

	/** Loads the workspace (share link, then saved, then the first example). Browser only. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		if (!(await this.openLink()))
			this.workspace.load(loadWorkspace(localStorage) ?? defaultWorkspace());
		this.#loaded = true;
		// For `npm run bench`: when the page became usable, in ms since navigation started.
		performance.mark('playground-ready');
		this.ready = true;
		void this.workspace.loadValidator();
	}

	/**
	 * Opens the share link in the address bar, if any (also when one is pasted into an open
	 * playground). A link is applied once: the fragment is then removed, and the workspace lives in
	 * local storage. The visitor's own work (open, or saved when the page opens) can be brought back
	 * from the notice. Returns whether a workspace was loaded.
	 */
	readonly openLink = async (): Promise<boolean> => {
		const hash = location.hash.slice(1);
		if (!hash) return false;
		const decoded = await decodeWorkspace(hash);
		history.replaceState(history.state, '', location.pathname + location.search);
		if (decoded.ok) {
			const previous = this.#loaded ? this.workspace.snapshot() : loadWorkspace(localStorage);
			this.#replaceWorkspace(decoded.data);
			this.#save();
			const text = 'Loaded the workspace from the shared link.';
			const unchanged =
				!previous || JSON.stringify(previous) === JSON.stringify(this.workspace.snapshot());
			this.notice = unchanged
				? { kind: 'info', text }
				: { kind: 'info', text, action: { label: 'Undo', run: () => this.#undoReplace(previous) } };
			return true;
		}
		if (decoded.code !== 'empty') {
			this.notice = { kind: 'error', text: `${decoded.reason} Nothing was loaded from it.` };
		}
		return false;
	};

	/** Call after any edit: saves locally (debounced). */
	changed(): void {
		this.#saveLater();
	}

	/** Saves now (on page hide). */
	flush(): void {
		this.#saveLater.flush();
	}

	#save(): void {
		const result = saveWorkspace(localStorage, this.workspace.snapshot());
		if (!result.ok) this.notice = { kind: 'error', text: result.reason };
	}

	/**
	 * The run request for the workspace as it is now, or undefined after telling the visitor what
	 * to fix (definition problems, invalid input).
	 */
	async #request(): Promise<RunRequest | undefined> {
		const ws = this.workspace;
		await ws.loadValidator();
		const definition = ws.runnable;
		if (!definition) {
			this.editorTab = 'definition';
			this.notice = {
				kind: 'error',
				text: `The definition has ${ws.errorCount} problem${ws.errorCount === 1 ? '' : 's'} to fix before it can run.`
			};
			return undefined;
		}
		const input = ws.inputParse;
		if (!input.ok) {
			this.editorTab = 'input';
			// Located as the definition's invalid_json problem is: input can run to many lines.
			const { line, column } = lineColumn(ws.input, input.error.from);
			this.notice = {
				kind: 'error',
				text: `The execution input is not valid JSON (line ${line}, column ${column}): ${input.error.message}.`
			};
			return undefined;
		}
		return {
			definition,
			input: input.value,
			handlers: ws.handlers,
			seed: ws.settings.seed,
			latency: ws.settings.latency,
			faults: ws.settings.faults,
			maxEvents: ws.settings.maxEvents,
			startTime: Date.now(),
			recordStages: true
		};
	}

	/** What a run depends on (definition, input, handlers, settings), as one comparable string. */
	get workspaceKey(): string {
		const ws = this.workspace;
		return JSON.stringify([ws.definition, ws.input, ws.handlers, ws.settings]);
	}

	/**
	 * Whether the run on show was made from a workspace that has changed since: its statuses,
	 * history and output describe the workflow as it was.
	 */
	get runStale(): boolean {
		return this.runWorkspaceKey !== undefined && this.runWorkspaceKey !== this.workspaceKey;
	}

	/** Whether the comparison on show was made from a workspace that has changed since. */
	get comparisonStale(): boolean {
		return this.comparison !== undefined && this.comparison.workspaceKey !== this.workspaceKey;
	}

	/** Runs the workspace; the events stream into the player, which plays them back. */
	readonly run = async (): Promise<void> => {
		const request = await this.#request();
		if (!request) return;
		this.notice = undefined;
		this.#client ??= new ExecutionClient(createExecutionWorker);
		this.player.reset();
		this.runDefinition = request.definition;
		this.runWorkspaceKey = this.workspaceKey;
		this.runFaults = request.faults;
		this.selectedEventId = undefined;
		this.running = true;
		if (this.runTab !== 'timeline') this.runTab = 'outcome';
		this.player.play();
		try {
			await this.#client.run(request, { onevents: (batch) => this.player.append(batch) });
		} catch (e) {
			if (!(e instanceof RunCancelled)) {
				this.notice = {
					kind: 'error',
					text: `The run could not finish: ${e instanceof Error ? e.message : String(e)}`
				};
			}
		} finally {
			this.running = false;
		}
	};

	/**
	 * Runs the workspace as written and sequentialised (Parallel branches one after another, Map
	 * iterations one at a time) with the same latencies and seed, for the comparison view.
	 */
	readonly compare = async (): Promise<void> => {
		const workspaceKey = this.workspaceKey;
		const request = await this.#request();
		if (!request) return;
		this.#client ??= new ExecutionClient(createExecutionWorker);
		this.runTab = 'compare';
		this.comparing = true;
		try {
			const runs = await this.#client.compare({ ...request, recordStages: false });
			this.comparison = { definition: request.definition, ...runs, workspaceKey };
			this.notice = undefined;
		} catch (e) {
			if (!(e instanceof RunCancelled)) {
				this.notice = {
					kind: 'error',
					text: `The comparison could not finish: ${e instanceof Error ? e.message : String(e)}`
				};
			}
		} finally {
			this.comparing = false;
		}
	};

	/** Stops the running execution. */
	readonly stop = (): void => {
		this.#client?.cancel();
	};

	/** Replaces the workspace with an example; the notice offers to undo that. */
	readonly loadExample = (id: string): void => {
		this.#loadExample(id, 'Loaded the example');
	};

	/** Restores the current example (or the first one); the notice offers to undo that. */
	readonly reset = (): void => {
		this.#loadExample(this.workspace.exampleId ?? examples[0].id, 'Reset to the example');
	};

	/**
	 * Loads an example over the workspace. Undo brings the whole previous workspace back
	 * (definition, handlers, input and simulation settings), which the editors' own undo cannot
	 * do for the settings.
	 */
	#loadExample(id: string, done: string): void {
		const example = examples.find((e) => e.id === id);
		if (!example) return;
		const previous = this.workspace.snapshot();
		this.#replaceWorkspace(workspaceFromExample(example));
		const text = `${done} “${example.title}”.`;
		const unchanged = JSON.stringify(previous) === JSON.stringify(this.workspace.snapshot());
		this.notice = unchanged
			? { kind: 'info', text }
			: { kind: 'info', text, action: { label: 'Undo', run: () => this.#undoReplace(previous) } };
	}

	#undoReplace(previous: WorkspaceData): void {
		this.#replaceWorkspace(previous);
		this.notice = { kind: 'info', text: 'Your previous workspace is back.' };
	}

	#replaceWorkspace(data: WorkspaceData): void {
		this.stop();
		this.workspace.load(data);
		this.player.reset();
		this.runDefinition = undefined;
		this.runWorkspaceKey = undefined;
		// A comparison of the workspace that was replaced says nothing about this one.
		this.comparison = undefined;
		this.selectedState = undefined;
		this.changed();
	}

	/** Copies a link that restores this exact workspace. */
	readonly share = async (): Promise<void> => {
		const hash = await encodeWorkspace(this.workspace.snapshot());
		if (hash.length > MAX_FRAGMENT_CHARS) {
			this.notice = { kind: 'error', text: 'This workspace is too large to fit in a link.' };
			return;
		}
		const url = `${location.origin}${location.pathname}#${hash}`;
		try {
			await navigator.clipboard.writeText(url);
			this.notice = { kind: 'info', text: 'Link copied: it opens this exact workspace.' };
		} catch {
			this.notice = { kind: 'info', text: 'Copy this link to share the workspace:', link: url };
		}
		this.lastShareUrl = url;
	};
	/** The last link made by `share` (tests read it; the notice shows it when copying fails). */
	lastShareUrl: string | undefined = $state();

	/** Selects a state (graph, history, failure explanation) and shows it in the inspector. */
	readonly selectState = (name: string, eventId?: number): void => {
		this.selectedState = name;
		this.selectedEventId = eventId;
		// The timeline and the comparison highlight the selection in place; other views give way
		// to the inspector.
		if (this.runTab !== 'timeline' && this.runTab !== 'compare') this.runTab = 'inspector';
	};

	/**
	 * Adds a stub handler for the Lambda function `name` (unless it has one) and shows it: a run
	 * names the function it found no handler for, which may be one only known at run time
	 * (`FunctionName.$`), so no tab offers a stub for it.
	 */
	readonly addHandler = (name: string): void => {
		if (!(name in this.workspace.handlers)) {
			this.workspace.setHandler(name, handlerStub(name, this.workspace.parsed.definition));
			this.changed();
		}
		this.handlerTab = name;
		this.editorTab = 'handlers';
	};

	/** Selects a history event: its state goes to the inspector. */
	readonly selectEvent = (eventId: number): void => {
		const event = this.player.events.find((e) => e.id === eventId);
		this.selectedEventId = eventId;
		if (event?.stateName) this.selectedState = event.stateName;
	};

	destroy(): void {
		this.player.destroy();
		this.#client?.dispose();
		this.#saveLater.flush();
	}
}
