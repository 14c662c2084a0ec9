import type { StateMachineDefinition } from '../../engine/index.js';

/** A case's definition: an object as recorded, or text (for cases that test the parser). */
export function parseDefinitionValue(definition: unknown): StateMachineDefinition {
	return (
		typeof definition === 'string' ? JSON.parse(definition) : definition
	) as StateMachineDefinition;
}
