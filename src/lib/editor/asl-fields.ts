import type { QueryLanguage, StateType } from '../../../engine/index.js';
import { CHOICE_OPERATORS, FIELDS, type FieldInfo } from './asl-docs.js';

/**
 * Which fields each kind of object in a definition takes, in which query language
 * (asl-reference.md §1.2–1.3, and the tables of the engine's validator, which stays the judge of
 * what is valid). The docs are in `asl-docs.ts`.
 */

/** The kinds of object in a definition that have a fixed set of fields. */
export type ObjectKind =
	| 'machine'
	| 'branch'
	| 'processor'
	| 'processorConfig'
	| 'state'
	| 'retrier'
	| 'catcher'
	| 'choiceRule'
	| 'nestedRule'
	| 'itemBatcher'
	| 'itemReader'
	| 'readerConfig'
	| 'resultWriter';

/** `'A B C'` → `['A', 'B', 'C']`, to keep the field lists below readable. */
const words = (list: string): string[] => list.split(' ');

const COMMON = words('Type Comment QueryLanguage');
const FLOW = words('Next End');
const IO = words('InputPath OutputPath Output Assign');
const WORKER = words('Parameters Arguments ResultPath ResultSelector Retry Catch');

/** The fields of each state type (asl-reference.md §1.2–1.3), both query languages together. */
const STATE_FIELDS: Readonly<Record<StateType, readonly string[]>> = {
	Task: [
		...COMMON,
		'Resource',
		...FLOW,
		...IO,
		...WORKER,
		...words('TimeoutSeconds TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Credentials')
	],
	Pass: [...COMMON, ...FLOW, ...IO, ...words('Result ResultPath Parameters')],
	Choice: [...COMMON, 'Choices', 'Default', ...IO],
	Wait: [...COMMON, ...FLOW, ...words('Seconds Timestamp SecondsPath TimestampPath'), ...IO],
	Succeed: [...COMMON, ...words('InputPath OutputPath Output')],
	Fail: [...COMMON, ...words('Error Cause ErrorPath CausePath')],
	Parallel: [...COMMON, 'Branches', ...FLOW, ...IO, ...WORKER],
	Map: [
		...COMMON,
		'ItemProcessor',
		...FLOW,
		...words('ItemsPath Items ItemSelector MaxConcurrency MaxConcurrencyPath'),
		...words('ToleratedFailurePercentage ToleratedFailurePercentagePath'),
		...words('ToleratedFailureCount ToleratedFailureCountPath'),
		...words('ItemBatcher ItemReader ResultWriter Label Iterator'),
		...IO,
		...WORKER.filter((name) => name !== 'Arguments')
	]
};

const RULE = [...words('Variable And Or Not'), ...CHOICE_OPERATORS.keys()];
const OBJECT_FIELDS: Readonly<Record<Exclude<ObjectKind, 'state'>, readonly string[]>> = {
	machine: words('StartAt States Comment QueryLanguage TimeoutSeconds Version'),
	branch: words('StartAt States Comment'),
	processor: words('StartAt States ProcessorConfig Comment'),
	processorConfig: words('Mode ExecutionType'),
	retrier: words(
		'ErrorEquals IntervalSeconds MaxAttempts BackoffRate MaxDelaySeconds JitterStrategy Comment'
	),
	catcher: words('ErrorEquals Next ResultPath Output Assign Comment'),
	choiceRule: [...words('Condition Next Output Assign Comment'), ...RULE],
	nestedRule: RULE,
	itemBatcher: words(
		'MaxItemsPerBatch MaxItemsPerBatchPath MaxInputBytesPerBatch MaxInputBytesPerBatchPath BatchInput'
	),
	itemReader: words('Resource ReaderConfig Parameters Arguments'),
	readerConfig: words('InputType CSVHeaderLocation CSVHeaders MaxItems MaxItemsPath'),
	resultWriter: words('Resource Parameters Arguments WriterConfig')
};

/** Fields that almost every object of a kind needs: offered first. */
export const KEY_FIELDS: ReadonlySet<string> = new Set(
	words(
		'Type Next End Resource Choices Default Branches ItemProcessor StartAt States ErrorEquals ' +
			'Variable Condition Seconds Mode Error Cause'
	)
);

/** Where a field sits: the kind of object, and for a state its type. */
export interface FieldContext {
	readonly kind: ObjectKind;
	/** The state's `Type`, when `kind` is `'state'` and the type is known. */
	readonly stateType?: string;
	readonly language: QueryLanguage;
}

/** The doc of field `name` in an object of `kind`; undefined for a name ASL does not define. */
export function fieldInfo(name: string, kind: ObjectKind): FieldInfo | undefined {
	return FIELDS[`${kind}.${name}`] ?? FIELDS[name] ?? CHOICE_OPERATORS.get(name);
}

/**
 * The fields an object may have, in offering order, filtered by query language. A state whose
 * type is not known (yet) gets the common fields and `Next`/`End`.
 */
export function fieldsOf(context: FieldContext): string[] {
	const { kind, stateType, language } = context;
	const names =
		kind === 'state'
			? (STATE_FIELDS[stateType as StateType] ?? [...COMMON, ...FLOW])
			: OBJECT_FIELDS[kind];
	return names.filter((name) => {
		const info = fieldInfo(name, kind);
		return info !== undefined && (info.language === undefined || info.language === language);
	});
}
