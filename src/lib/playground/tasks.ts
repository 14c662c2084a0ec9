/** The names of every Task state in a definition (any JSON), through branches and processors. */
export function taskStateNames(definition: unknown): Set<string> {
	const names = new Set<string>();
	const visit = (block: unknown, depth: number) => {
		if (depth > 50 || !block || typeof block !== 'object') return;
		const states = (block as { States?: unknown }).States;
		if (!states || typeof states !== 'object') return;
		for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
			if (!state || typeof state !== 'object') continue;
			const s = state as Record<string, unknown>;
			if (s.Type === 'Task') names.add(name);
			if (Array.isArray(s.Branches)) for (const b of s.Branches) visit(b, depth + 1);
			visit(s.ItemProcessor ?? s.Iterator, depth + 1);
		}
	};
	visit(definition, 0);
	return names;
}
