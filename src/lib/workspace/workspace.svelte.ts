import { parseDefinition, parseJsonWithSourceMap } from '../../../engine/core.js';
import type { Diagnostic, JsonValue, StateMachineDefinition } from '../../../engine/index.js';
import type { validateDefinition as Validate } from '../../../engine/asl/validate.js';
import type { FaultInjection, LatencySpec } from '../../../engine/index.js';
import { taskHandlersOf } from '../editor/functions.js';
import { serviceTask } from '../sandbox/function-names.js';
import { DEFAULT_SETTINGS, matchesExample } from './defaults.js';
import type { WorkspaceData, WorkspaceSettings } from './types.js';

/**
 * What the visitor is editing: the definition, the handlers, the input and the run settings, as
 * text, plus everything derived from them (parse, diagnostics, the Lambda functions the
 * definition uses). The page renders it; it never runs anything itself.
 */
export class Workspace {
	definition = $state('');
	input = $state('{}');
	handlers: Readonly<Record<string, string>> = $state.raw({});
	settings: WorkspaceSettings = $state.raw(DEFAULT_SETTINGS);
	exampleId: string | undefined = $state();

	/**
	 * The ASL validator, loaded after the page (it brings the JSONata library, which checks
	 * `{% %}` expressions): until then only JSON problems are known and nothing can run.
	 */
	#validate: typeof Validate | undefined = $state.raw();
	/** Parse result of the definition text (the definition object even with ASL errors). */
	readonly parsed = $derived(parseDefinition(this.definition));
	/** JSON and ASL diagnostics of the definition, located for the editor. */
	readonly diagnostics: readonly Diagnostic[] = $derived(
		this.parsed.definition && this.#validate
			? [
					...this.parsed.diagnostics,
					...this.#validate(this.parsed.definition, this.parsed.sourceMap, {
						handles: (resource) => hasServiceHandler(this.handlers, resource)
					})
				]
			: this.parsed.diagnostics
	);
	readonly errorCount = $derived(this.diagnostics.filter((d) => d.severity === 'error').length);
	/** The definition, when it has been validated and has no errors (only then can it run). */
	readonly runnable: StateMachineDefinition | undefined = $derived(
		this.parsed.definition && this.#validate && this.errorCount === 0
			? this.parsed.definition
			: undefined
	);
	/** Whether the validator has loaded. */
	readonly validated = $derived(this.#validate !== undefined);
	/** Whether the workspace has changed since it was loaded from its example (`exampleId`). */
	readonly edited = $derived(this.exampleId !== undefined && !matchesExample(this.snapshot()));

	/** Loads the validator (once). */
	async loadValidator(): Promise<void> {
		this.#validate ??= (await import('../../../engine/asl/validate.js')).validateDefinition;
	}
	/**
	 * What the definition's tasks need a handler for, in order of appearance: Lambda functions,
	 * and service integrations or activities by resource (`taskHandlersOf`).
	 */
	readonly functions = $derived(taskHandlersOf(this.parsed.definition));
	/** The parsed input, or the located JSON error. */
	readonly inputParse = $derived.by(() => {
		const parsed = parseJsonWithSourceMap(this.input.trim() === '' ? '{}' : this.input);
		return parsed.error
			? ({ ok: false, error: parsed.error } as const)
			: ({ ok: true, value: parsed.value as JsonValue } as const);
	});

	constructor(data?: WorkspaceData) {
		if (data) this.load(data);
	}

	/** Replaces everything with `data` (an example, a share link, the saved workspace). */
	load(data: WorkspaceData): void {
		this.definition = data.definition;
		this.input = data.input;
		this.handlers = { ...data.handlers };
		this.settings = data.settings;
		this.exampleId = data.exampleId;
	}

	/** The workspace as data, for saving and sharing. */
	snapshot(): WorkspaceData {
		return {
			v: 1,
			definition: this.definition,
			input: this.input,
			handlers: { ...this.handlers },
			settings: this.settings,
			...(this.exampleId ? { exampleId: this.exampleId } : {})
		};
	}

	setHandler(name: string, source: string): void {
		this.handlers = { ...this.handlers, [name]: source };
	}

	/** Sets (or, with undefined, clears) the simulated duration of a Task state. */
	setLatency(stateName: string, spec: LatencySpec | undefined): void {
		const byState = { ...this.settings.latency?.byState };
		if (spec === undefined) delete byState[stateName];
		else byState[stateName] = spec;
		this.settings = { ...this.settings, latency: { ...this.settings.latency, byState } };
	}

	/** Sets (or clears) the failure injected into a Task state. */
	setFault(stateName: string, fault: FaultInjection | undefined): void {
		const faults = { ...this.settings.faults };
		if (fault === undefined) delete faults[stateName];
		else faults[stateName] = fault;
		this.settings = { ...this.settings, faults };
	}

	removeHandler(name: string): void {
		const next = { ...this.handlers };
		delete next[name];
		this.handlers = next;
	}
}

/**
 * Whether `handlers` has one keyed by `resource`'s service key, as the sandbox finds it
 * (`createLambdaInvoker`'s `handles`): such a handler stands for the service.
 */
function hasServiceHandler(handlers: Readonly<Record<string, string>>, resource: string): boolean {
	const service = serviceTask(resource);
	return service !== undefined && service.key in handlers;
}
