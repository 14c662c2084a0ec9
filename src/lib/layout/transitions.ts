import { catchLabel, choiceRuleLabel } from './choice-label.js';
import type { EdgeKind } from './edge-path.js';

/**
 * Reading transitions out of possibly broken definition JSON: which states a state leads to,
 * and in what order to give states to ELK.
 */

/** A JSON object, fields unchecked. */
export type Json = { readonly [key: string]: unknown };

/** Whether `value` is a JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The block's states in flow order: reverse postorder of a depth-first walk from `StartAt`, so
 * every state comes before the states it leads to except along loops; then the unreachable
 * states, walked the same way in the order written. ELK reads this model order for cycle breaking
 * (`MODEL_ORDER`), so exactly the loop edges point backwards.
 */
export function flowOrder(states: Json, startAt: unknown): [string, Json][] {
	const seen = new Set<string>();
	const order: string[] = [];
	const walk = (root: string) => {
		const postorder: string[] = [];
		const stack: { name: string; next: string[] }[] = [];
		// Targets are popped last-first, so the first transition's states end up first.
		const enter = (name: string) => {
			seen.add(name);
			const targets = transitions(stateAt(states, name)).map((t) => t.to);
			const next = targets.filter((t): t is string => t !== END && Object.hasOwn(states, t));
			stack.push({ name, next });
		};
		enter(root);
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			const child = top.next.pop();
			if (child === undefined) postorder.push(stack.pop()!.name);
			else if (!seen.has(child)) enter(child);
		}
		order.push(...postorder.reverse());
	};
	if (typeof startAt === 'string' && Object.hasOwn(states, startAt)) walk(startAt);
	for (const name of Object.keys(states)) if (!seen.has(name)) walk(name);
	return order.map((name) => [name, stateAt(states, name)]);
}

const stateAt = (states: Json, name: string): Json => {
	const state = states[name];
	return isObject(state) ? state : {};
};

/** The target of a transition into the block's End marker. */
export const END = Symbol('end');

/** One outgoing transition: its target state name (or `END`), kind and edge label. */
export interface Transition {
	readonly to: string | typeof END;
	readonly kind: EdgeKind;
	readonly label?: string;
}

/** The outgoing transitions of one state, in the order they are drawn. */
export function transitions(state: Json): Transition[] {
	const out: Transition[] = [];
	const to = (target: unknown, kind: EdgeKind, label?: string) => {
		if (typeof target === 'string') out.push({ to: target, kind, label });
	};
	if (state.Type === 'Choice') {
		for (const rule of Array.isArray(state.Choices) ? state.Choices : []) {
			if (isObject(rule)) to(rule.Next, 'choice', choiceRuleLabel(rule));
		}
		to(state.Default, 'default', 'Default');
	} else if (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true) {
		out.push({ to: END, kind: 'end' });
	} else {
		to(state.Next, 'next');
	}
	for (const catcher of Array.isArray(state.Catch) ? state.Catch : []) {
		if (isObject(catcher)) to(catcher.Next, 'catch', catchLabel(catcher.ErrorEquals));
	}
	return out;
}
