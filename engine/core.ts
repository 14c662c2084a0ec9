/**
 * The part of the engine API that does not run executions: parsing, JSON source maps and the
 * derivations over histories. It has no runtime dependencies (no JSONata), so code that must stay
 * small — the page's main thread — imports it instead of `index.ts`. Everything here is also
 * exported from `index.ts`.
 */
export { parseDefinition } from './asl/parse.js';
export { isStateType, STATE_TYPE_LIST } from './asl/types.js';
export { CSV_DELIMITERS, readerAction, type ReaderAction } from './asl/item-reader.js';
export { parseJsonWithSourceMap, lineColumn } from './asl/json-source.js';
export { errorMatches } from './run/retry.js';
export {
	executionOutcome,
	stateStatuses,
	mapProgress,
	ATTEMPT_FAILURE_TYPES,
	ATTEMPT_START_TYPES,
	BRANCHES_END_TYPES
} from './history.js';
export { stateVisits, criticalPath, timelineLanes } from './analysis.js';
