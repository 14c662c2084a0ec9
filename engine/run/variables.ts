import type { JsonValue } from '../asl/types.js';

/**
 * Workflow variables. Each `States` block run (the machine, a Parallel branch, a Map iteration)
 * has its own scope; inner scopes read outer variables, and their own variables vanish when the
 * branch or iteration ends (AWS Step Functions developer guide, "Passing data between states with
 * variables").
 */
export class VariableScope {
	readonly #values = new Map<string, JsonValue>();
	/** UTF-8 size of each variable's JSON text, and their sum. */
	readonly #bytes = new Map<string, number>();
	#total = 0;
	constructor(readonly parent?: VariableScope) {}

	/** The visible value of a variable, or `undefined` when none is defined. */
	get(name: string): JsonValue | undefined {
		for (let s: VariableScope | undefined = this; s; s = s.parent) {
			const v = s.#values.get(name);
			if (v !== undefined) return v;
		}
		return undefined;
	}

	/** Sets variables in this scope; all values were computed from the state-entry view. */
	assign(values: Assignment): void {
		for (const [k, v] of values) {
			const size = values.bytes.get(k) ?? 0;
			this.#total += size - (this.#bytes.get(k) ?? 0);
			this.#bytes.set(k, size);
			this.#values.set(k, v);
		}
	}

	/**
	 * Bytes held by the variables visible here (this scope and the outer ones) once `values` are
	 * assigned in this scope (`own`) or in a new scope inside it: what AWS's 10 MiB limit on an
	 * execution's variables counts.
	 */
	storedBytesWith(values: Assignment, own: boolean): number {
		let n = 0;
		for (let s: VariableScope | undefined = this; s; s = s.parent) n += s.#total;
		for (const [k, size] of values.bytes) n += size - (own ? (this.#bytes.get(k) ?? 0) : 0);
		return n;
	}

	/** Every visible variable name (inner scopes shadow outer ones). */
	names(): Set<string> {
		const out = new Set<string>();
		for (let s: VariableScope | undefined = this; s; s = s.parent)
			for (const k of s.#values.keys()) out.add(k);
		return out;
	}

	/** Whether any scope (this or outer) defines at least one variable. */
	get empty(): boolean {
		for (let s: VariableScope | undefined = this; s; s = s.parent) if (s.#values.size) return false;
		return true;
	}
}

/** The values one `Assign` field sets, with the UTF-8 size of each value's JSON text. */
export class Assignment extends Map<string, JsonValue> {
	readonly bytes = new Map<string, number>();
}

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}
