import { isJsonObject, type JsonValue } from '../asl/types.js';

/**
 * JSONPath as AWS Step Functions evaluates it (AWS uses Jayway JsonPath): reference paths for
 * `ResultPath`, and full paths (wildcards, slices, unions, deep scan, filters, functions) for
 * `InputPath`, `OutputPath`, `ItemsPath`, payload templates and Choice variables.
 *
 * A definite path (no wildcard, slice, union, scan or filter) yields one value or fails; an
 * indefinite path always yields an array (empty when nothing matches), as in Jayway.
 *
 * Path functions (`length()`, `sum()`, …) parse, as AWS accepts them in a definition, but name
 * nothing at run time: AWS answers `$.Jobs.sum()` with "could not be found in the input" (AWS
 * re:Post, "sum() function returns error about not finding path"), and the guide says "Functions
 * such as length() aren't supported".
 */

/** One step of a parsed path. */
export type Segment =
	| { readonly kind: 'prop'; readonly name: string }
	| { readonly kind: 'props'; readonly names: readonly string[] }
	| { readonly kind: 'index'; readonly index: number }
	| { readonly kind: 'indices'; readonly indices: readonly number[] }
	| {
			readonly kind: 'slice';
			readonly start?: number;
			readonly end?: number;
			readonly step?: number;
	  }
	| { readonly kind: 'wildcard' }
	| { readonly kind: 'scan'; readonly name?: string }
	| { readonly kind: 'filter'; readonly expr: FilterExpr }
	| { readonly kind: 'function'; readonly name: string };

/** Where a path starts: `$` (the input), `$$` (the context object) or `$name` (a variable). */
export type PathRoot =
	| { readonly kind: 'input' }
	| { readonly kind: 'context' }
	| { readonly kind: 'variable'; readonly name: string };

export interface ParsedPath {
	readonly text: string;
	readonly root: PathRoot;
	readonly segments: readonly Segment[];
	/** No wildcard, slice, union, deep scan or filter: the path names at most one value. */
	readonly definite: boolean;
	/** Only `.name`, `['name']` and `[n]` steps: usable as a `ResultPath`. */
	readonly reference: boolean;
}

/** A path that cannot be parsed. `offset` is the character in the path text where it fails. */
export class PathSyntaxError extends Error {
	constructor(
		message: string,
		readonly offset: number
	) {
		super(message);
	}
}

/** A definite path that names nothing in the document; the message follows Jayway's. */
export class PathNotFoundError extends Error {}

// ---------------------------------------------------------------------------------------------
// Filter expressions: `[?(@.price < 10 && @.tag == 'x')]`.

export type FilterExpr =
	| { readonly kind: 'literal'; readonly value: JsonValue }
	| { readonly kind: 'path'; readonly relative: boolean; readonly path: ParsedPath }
	| { readonly kind: 'not'; readonly operand: FilterExpr }
	| {
			readonly kind: 'binary';
			readonly op: string;
			readonly left: FilterExpr;
			readonly right: FilterExpr;
	  }
	| { readonly kind: 'regex'; readonly left: FilterExpr; readonly regex: RegExp };

const cache = new Map<string, ParsedPath>();

/** Parses a path (memoised). Throws `PathSyntaxError`. */
export function parsePath(text: string): ParsedPath {
	let parsed = cache.get(text);
	if (!parsed) {
		parsed = new PathParser(text).parseWhole();
		if (cache.size > 5000) cache.clear();
		cache.set(text, parsed);
	}
	return parsed;
}

/**
 * The relational operators of Jayway's filters: the symbols, then the words (`in`, `nin`,
 * `subsetof`, `anyof`, `noneof`, `size`, `empty`, `contains`, `all`, `exists`), which the guide's
 * paths page calls "lexical operators" and excludes only from reference paths.
 */
const FILTER_OPERATOR =
	/^(===|!==|==|!=|<=|>=|=~|<|>|(?:in|nin|subsetof|anyof|noneof|size|empty|contains|all|exists)(?![A-Za-z0-9_]))/;

const IDENT_START = /[A-Za-z_$\u0080-\uffff]/;
// Jayway accepts almost anything after a dot up to the next `.` or `[`; AWS field names with `-`
// work in dot notation (`$.input-value`). Inside a filter a name also ends at an operator.
const DOT_NAME = /[^.[\]()\s'"=<>!|,\\]/;
const FILTER_DOT_NAME = /[^.[\]()\s'"=<>!&|,\\]/;

class PathParser {
	i = 0;
	constructor(readonly text: string) {}

	parseWhole(): ParsedPath {
		const path = this.parsePathAt(false);
		if (this.i < this.text.length) {
			throw new PathSyntaxError(`Unexpected '${this.text[this.i]}' in path`, this.i);
		}
		return path;
	}

	/** Parses a path starting at `$`/`$$`/`$name` (or `@` inside a filter). */
	parsePathAt(inFilter: boolean): ParsedPath {
		const start = this.i;
		const t = this.text;
		let root: PathRoot;
		let relative = false;
		if (t[this.i] === '@' && inFilter) {
			this.i++;
			root = { kind: 'input' };
			relative = true;
		} else if (t[this.i] !== '$') {
			throw new PathSyntaxError(`A path must start with '$'`, this.i);
		} else if (t[this.i + 1] === '$') {
			this.i += 2;
			root = { kind: 'context' };
		} else {
			this.i++;
			if (this.i < t.length && IDENT_START.test(t[this.i]) && t[this.i] !== '$') {
				const nameStart = this.i;
				while (this.i < t.length && /[\p{ID_Continue}$\u200c\u200d]/u.test(t[this.i])) this.i++;
				root = { kind: 'variable', name: t.slice(nameStart, this.i) };
			} else {
				root = { kind: 'input' };
			}
		}
		void relative;
		const segments: Segment[] = [];
		for (;;) {
			const c = t[this.i];
			if (c === '.') {
				if (t[this.i + 1] === '.') {
					this.i += 2;
					if (t[this.i] === '*') {
						this.i++;
						segments.push({ kind: 'scan' }, { kind: 'wildcard' });
					} else if (t[this.i] === '[') {
						segments.push({ kind: 'scan' });
					} else {
						segments.push({ kind: 'scan', name: this.dotName(inFilter) });
					}
					continue;
				}
				this.i++;
				if (t[this.i] === '*') {
					this.i++;
					segments.push({ kind: 'wildcard' });
					continue;
				}
				// `$.abc.['def ghi']`: the AWS guide's bracket form after a dot.
				if (t[this.i] === '[') continue;
				const name = this.dotName(inFilter);
				if (t[this.i] === '(' && t[this.i + 1] === ')') {
					this.i += 2;
					segments.push({ kind: 'function', name });
				} else {
					segments.push({ kind: 'prop', name });
				}
				continue;
			}
			if (c === '[') {
				segments.push(this.bracket(inFilter));
				continue;
			}
			break;
		}
		if (segments.length === 0 && this.i === start) throw new PathSyntaxError('Empty path', start);
		let definite = true;
		let reference = root.kind !== 'context';
		segments.forEach((s, k) => {
			// `['a','b']` as the last step merges the fields into one object (Jayway), so it is definite.
			const merge = s.kind === 'props' && k === segments.length - 1;
			if (s.kind !== 'prop' && s.kind !== 'index' && s.kind !== 'function' && !merge) {
				definite = false;
			}
			if (s.kind !== 'prop' && s.kind !== 'index') reference = false;
		});
		return { text: t.slice(start, this.i), root, segments, definite, reference };
	}

	/**
	 * A field name in dot notation. A backslash makes the next character part of the name, as in
	 * the spec's reference paths `$.store\.book` (one field, `store.book`) and
	 * `$.foo\@bar.baz\[\[.\?pretty`.
	 */
	dotName(inFilter: boolean): string {
		const t = this.text;
		const from = this.i;
		const allowed = inFilter ? FILTER_DOT_NAME : DOT_NAME;
		let name = '';
		while (this.i < t.length) {
			const c = t[this.i];
			if (c === '\\' && this.i + 1 < t.length) {
				name += t[this.i + 1];
				this.i += 2;
			} else if (allowed.test(c)) {
				name += c;
				this.i++;
			} else break;
		}
		if (this.i === from) throw new PathSyntaxError('Expected a field name after the dot', from);
		return name;
	}

	ws(): void {
		while (this.text[this.i] === ' ') this.i++;
	}

	bracket(inFilter: boolean): Segment {
		const t = this.text;
		const open = this.i;
		this.i++;
		this.ws();
		let seg: Segment;
		if (t[this.i] === '*') {
			this.i++;
			seg = { kind: 'wildcard' };
		} else if (t[this.i] === '?') {
			this.i++;
			this.ws();
			if (t[this.i] !== '(') throw new PathSyntaxError("Expected '(' after '?'", this.i);
			this.i++;
			const expr = this.filterOr();
			this.ws();
			if (t[this.i] !== ')') throw new PathSyntaxError("Expected ')' to close the filter", this.i);
			this.i++;
			seg = { kind: 'filter', expr };
		} else if (t[this.i] === "'" || t[this.i] === '"') {
			const names = [this.quoted()];
			this.ws();
			while (t[this.i] === ',') {
				this.i++;
				this.ws();
				names.push(this.quoted());
				this.ws();
			}
			seg = names.length === 1 ? { kind: 'prop', name: names[0] } : { kind: 'props', names };
		} else {
			const nums: (number | undefined)[] = [];
			let colons = 0;
			let commas = 0;
			nums.push(this.int());
			for (;;) {
				this.ws();
				if (t[this.i] === ':') {
					colons++;
					this.i++;
					this.ws();
					nums.push(this.int());
				} else if (t[this.i] === ',') {
					commas++;
					this.i++;
					this.ws();
					nums.push(this.int());
				} else break;
			}
			if (colons > 0 && commas > 0) throw new PathSyntaxError('Cannot mix slices and unions', open);
			if (colons > 2) throw new PathSyntaxError('Too many colons in slice', open);
			if (colons > 0) {
				if (nums[0] === undefined && nums[1] === undefined) {
					throw new PathSyntaxError('A slice needs a start or an end', open);
				}
				seg = { kind: 'slice', start: nums[0], end: nums[1], step: nums[2] };
			} else {
				if (nums.some((n) => n === undefined))
					throw new PathSyntaxError('Expected an array index', this.i);
				seg =
					nums.length === 1
						? { kind: 'index', index: nums[0]! }
						: { kind: 'indices', indices: nums as number[] };
			}
		}
		this.ws();
		if (t[this.i] !== ']') throw new PathSyntaxError("Expected ']'", this.i);
		this.i++;
		void inFilter;
		return seg;
	}

	int(): number | undefined {
		const m = /^-?\d+/.exec(this.text.slice(this.i));
		if (!m) return undefined;
		this.i += m[0].length;
		return Number(m[0]);
	}

	quoted(): string {
		const t = this.text;
		const q = t[this.i];
		if (q !== "'" && q !== '"') throw new PathSyntaxError('Expected a quoted name', this.i);
		const from = this.i;
		this.i++;
		let out = '';
		for (;;) {
			if (this.i >= t.length) throw new PathSyntaxError('Unterminated quoted name', from);
			const c = t[this.i];
			// Jayway only unescapes the quote character itself; other backslashes are literal.
			if (c === '\\' && t[this.i + 1] === q) {
				out += q;
				this.i += 2;
				continue;
			}
			if (c === q) {
				this.i++;
				return out;
			}
			out += c;
			this.i++;
		}
	}

	// Filter grammar: or := and ('||' and)* ; and := unary ('&&' unary)* ;
	// unary := '!' unary | cmp ; cmp := operand (op operand)? ; operand := literal | path | '(' or ')'
	filterOr(): FilterExpr {
		let left = this.filterAnd();
		for (;;) {
			this.ws();
			if (this.text.startsWith('||', this.i)) {
				this.i += 2;
				left = { kind: 'binary', op: '||', left, right: this.filterAnd() };
			} else return left;
		}
	}

	filterAnd(): FilterExpr {
		let left = this.filterUnary();
		for (;;) {
			this.ws();
			if (this.text.startsWith('&&', this.i)) {
				this.i += 2;
				left = { kind: 'binary', op: '&&', left, right: this.filterUnary() };
			} else return left;
		}
	}

	filterUnary(): FilterExpr {
		this.ws();
		if (this.text[this.i] === '!' && this.text[this.i + 1] !== '=') {
			this.i++;
			return { kind: 'not', operand: this.filterUnary() };
		}
		const left = this.operand();
		this.ws();
		const m = FILTER_OPERATOR.exec(this.text.slice(this.i));
		if (!m) return left;
		this.i += m[0].length;
		this.ws();
		const op = m[0].trim();
		if (op === '=~') {
			const rm = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(this.text.slice(this.i));
			if (!rm) throw new PathSyntaxError('Expected a /regex/ after =~', this.i);
			this.i += rm[0].length;
			// Jayway matches the whole value (Java's `Matcher.matches()`), not a part of it.
			const flags = rm[2].replace(/[^isu]/g, '');
			return { kind: 'regex', left, regex: new RegExp(`^(?:${rm[1]})$`, flags) };
		}
		return { kind: 'binary', op, left, right: this.operand() };
	}

	operand(): FilterExpr {
		const t = this.text;
		this.ws();
		const c = t[this.i];
		if (c === '(') {
			this.i++;
			const e = this.filterOr();
			this.ws();
			if (t[this.i] !== ')') throw new PathSyntaxError("Expected ')'", this.i);
			this.i++;
			return e;
		}
		if (c === '@' || c === '$') {
			const relative = c === '@';
			return { kind: 'path', relative, path: this.parsePathAt(true) };
		}
		if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
		if (c === '[') {
			// A JSON array literal for `in` / `nin`.
			let depth = 0;
			const from = this.i;
			for (; this.i < t.length; this.i++) {
				if (t[this.i] === '[') depth++;
				else if (t[this.i] === ']' && --depth === 0) break;
			}
			this.i++;
			try {
				return { kind: 'literal', value: JSON.parse(t.slice(from, this.i).replace(/'/g, '"')) };
			} catch {
				throw new PathSyntaxError('Invalid array literal in filter', from);
			}
		}
		const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(t.slice(this.i));
		if (!m) throw new PathSyntaxError('Expected a value in the filter', this.i);
		this.i += m[0].length;
		return { kind: 'literal', value: JSON.parse(m[0]) };
	}
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Renders a definite path prefix the way Jayway prints it: `$['a'][0]`. */
function jaywayPath(segments: readonly Segment[], upTo: number): string {
	let s = '$';
	for (let k = 0; k < upTo; k++) {
		const seg = segments[k];
		if (seg.kind === 'prop') s += `['${seg.name}']`;
		else if (seg.kind === 'index') s += `[${seg.index}]`;
	}
	return s;
}

/** The roots a path can start from. */
export interface PathRoots {
	readonly input: JsonValue;
	/** The context object, built on first use (most paths never need it). */
	readonly context?: () => JsonValue;
	/** Workflow variables in scope; `get` gives `undefined` for an undefined variable. */
	readonly variables?: { get(name: string): JsonValue | undefined };
}

/** A variable a path names does not exist. */
export class UnknownVariableError extends Error {
	constructor(readonly variable: string) {
		super(`The variable '${variable}' is not defined`);
	}
}

function rootValue(path: ParsedPath, roots: PathRoots): JsonValue {
	switch (path.root.kind) {
		case 'input':
			return roots.input;
		case 'context':
			return roots.context?.() ?? {};
		case 'variable': {
			const v = roots.variables?.get(path.root.name);
			if (v === undefined) throw new UnknownVariableError(path.root.name);
			return v;
		}
	}
}

/**
 * Evaluates a path. A definite path returns its value or throws `PathNotFoundError`; an
 * indefinite path returns the array of everything it matches.
 */
export function evaluatePath(path: ParsedPath, roots: PathRoots): JsonValue {
	const root = rootValue(path, roots);
	if (path.definite) return evaluateDefinite(path, root);
	const out: JsonValue[] = [];
	collect(path.segments, 0, root, out, roots);
	return out;
}

function evaluateDefinite(path: ParsedPath, root: JsonValue): JsonValue {
	let cur: JsonValue = root;
	const segs = path.segments;
	for (let k = 0; k < segs.length; k++) {
		const seg = segs[k];
		const last = k === segs.length - 1;
		if (seg.kind === 'prop') {
			if (!isJsonObject(cur)) {
				throw new PathNotFoundError(
					last
						? `No results for path: ${jaywayPath(segs, k + 1)}`
						: `Expected to find an object with property ['${seg.name}'] in path ${jaywayPath(segs, k)} but found '${javaType(cur)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.`
				);
			}
			if (!Object.prototype.hasOwnProperty.call(cur, seg.name)) {
				throw new PathNotFoundError(
					last
						? `No results for path: ${jaywayPath(segs, k + 1)}`
						: `Missing property in path ${jaywayPath(segs, k + 1)}`
				);
			}
			cur = cur[seg.name];
		} else if (seg.kind === 'index') {
			if (!Array.isArray(cur)) {
				throw new PathNotFoundError(
					`Filter: [${seg.index}] can only be applied to arrays. Current context is: ${JSON.stringify(cur)}`
				);
			}
			const idx = seg.index < 0 ? cur.length + seg.index : seg.index;
			if (idx < 0 || idx >= cur.length) {
				throw new PathNotFoundError(
					`Index out of bounds when evaluating path ${jaywayPath(segs, k + 1)}`
				);
			}
			cur = cur[idx];
		} else if (seg.kind === 'props') {
			if (!isJsonObject(cur)) {
				throw new PathNotFoundError(
					`Expected to find an object with property ['${seg.names.join("', '")}'] in path ${jaywayPath(segs, k)} but found '${javaType(cur)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.`
				);
			}
			cur = mergeFields(cur, seg.names);
		} else if (seg.kind === 'function') {
			throw unsupportedFunction(seg.name, segs, k);
		}
	}
	return cur;
}

function javaType(v: JsonValue): string {
	if (typeof v === 'string') return 'java.lang.String';
	if (typeof v === 'boolean') return 'java.lang.Boolean';
	if (typeof v === 'number') return Number.isInteger(v) ? 'java.lang.Integer' : 'java.lang.Double';
	if (Array.isArray(v)) return 'net.minidev.json.JSONArray';
	return 'null';
}

function collect(
	segs: readonly Segment[],
	k: number,
	cur: JsonValue,
	out: JsonValue[],
	roots: PathRoots
): void {
	if (k === segs.length) {
		out.push(cur);
		return;
	}
	const seg = segs[k];
	switch (seg.kind) {
		case 'prop':
			if (isJsonObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg.name)) {
				collect(segs, k + 1, cur[seg.name], out, roots);
			}
			return;
		case 'props':
			if (isJsonObject(cur) && k === segs.length - 1) out.push(mergeFields(cur, seg.names));
			else if (isJsonObject(cur)) {
				for (const n of seg.names) {
					if (Object.prototype.hasOwnProperty.call(cur, n))
						collect(segs, k + 1, cur[n], out, roots);
				}
			}
			return;
		case 'index':
		case 'indices':
			if (Array.isArray(cur)) {
				for (const i of seg.kind === 'index' ? [seg.index] : seg.indices) {
					const idx = i < 0 ? cur.length + i : i;
					if (idx >= 0 && idx < cur.length) collect(segs, k + 1, cur[idx], out, roots);
				}
			}
			return;
		case 'slice':
			if (Array.isArray(cur)) {
				for (const idx of sliceIndices(cur.length, seg.start, seg.end)) {
					collect(segs, k + 1, cur[idx], out, roots);
				}
			}
			return;
		case 'wildcard':
			if (Array.isArray(cur)) for (const v of cur) collect(segs, k + 1, v, out, roots);
			else if (isJsonObject(cur)) for (const key in cur) collect(segs, k + 1, cur[key], out, roots);
			return;
		case 'scan':
			scan(segs, k, cur, out, roots, seg.name);
			return;
		case 'filter':
			if (Array.isArray(cur)) {
				for (const v of cur) if (holds(seg.expr, v, roots)) collect(segs, k + 1, v, out, roots);
			} else if (isJsonObject(cur)) {
				if (holds(seg.expr, cur, roots)) collect(segs, k + 1, cur, out, roots);
			}
			return;
		case 'function':
			throw unsupportedFunction(seg.name, segs, k);
	}
}

/**
 * Deep scan (`..`), walked as Jayway walks it: at each object or array, the step after the scan
 * applies to the node itself when the node can take it (an object that has the field, an array
 * for an index or slice, any node for `*`, a node the filter accepts), then the walk goes on
 * into every child. So `$..*` lists a node's children before the children's own children.
 */
function scan(
	segs: readonly Segment[],
	k: number,
	cur: JsonValue,
	out: JsonValue[],
	roots: PathRoots,
	name: string | undefined
): void {
	const next = segs[k + 1];
	let takes: (v: JsonValue) => boolean;
	let apply: (v: JsonValue) => void;
	if (name !== undefined) {
		// `..name`: the field is the step.
		takes = (v) => isJsonObject(v) && Object.prototype.hasOwnProperty.call(v, name);
		apply = (v) => collect(segs, k + 1, (v as { [key: string]: JsonValue })[name], out, roots);
	} else {
		takes = scanAccepts(next, k + 2 === segs.length, roots);
		apply = (v) => collect(segs, k + 1, v, out, roots);
	}
	const walk = (v: JsonValue) => {
		if (isJsonObject(v)) {
			if (takes(v)) apply(v);
			for (const key in v) walk(v[key]);
		} else if (Array.isArray(v)) {
			if (takes(v)) apply(v);
			for (const x of v) walk(x);
		}
	};
	walk(cur);
}

/** Which nodes the step after a bare `..` applies to (Jayway's scan predicates). */
function scanAccepts(
	next: Segment | undefined,
	leaf: boolean,
	roots: PathRoots
): (v: JsonValue) => boolean {
	switch (next?.kind) {
		case 'prop':
			return (v) => isJsonObject(v) && Object.prototype.hasOwnProperty.call(v, next.name);
		case 'props':
			// As a last step the fields merge, and only objects that have all of them qualify.
			return leaf
				? (v) =>
						isJsonObject(v) && next.names.every((n) => Object.prototype.hasOwnProperty.call(v, n))
				: isJsonObject;
		case 'index':
		case 'indices':
		case 'slice':
			return Array.isArray;
		case 'filter':
			return (v) => holds(next.expr, v, roots);
		default:
			return () => true;
	}
}

/**
 * `$['a','b']` as a path's last step: one object with those of the fields that exist, as Jayway
 * merges them (in the order the path names them).
 */
function mergeFields(obj: { [k: string]: JsonValue }, names: readonly string[]): JsonValue {
	const merged: { [k: string]: JsonValue } = {};
	for (const n of names) if (Object.prototype.hasOwnProperty.call(obj, n)) merged[n] = obj[n];
	return merged;
}

/** A path function: AWS accepts it in a definition, but it names nothing at run time. */
function unsupportedFunction(name: string, segs: readonly Segment[], k: number): PathNotFoundError {
	return new PathNotFoundError(
		`Function ${name}() is not supported at ${jaywayPath(segs, k)}: path functions name nothing`
	);
}

/**
 * Indices selected by a slice, as Jayway computes them: `[from:]` and `[:to]` count a negative
 * bound from the end; `[from:to]` only caps `to` at the length, so `[1:-1]` selects nothing while
 * `[-3:-1]` selects the two before the last. A step (`[0:4:2]`) is ignored, as Jayway reads only
 * the first two numbers.
 */
export function sliceIndices(len: number, start?: number, end?: number): number[] {
	const out: number[] = [];
	if (len === 0) return out;
	if (end === undefined) {
		const from = Math.max(0, start === undefined ? 0 : start < 0 ? len + start : start);
		for (let i = from; i < len; i++) out.push(i);
	} else if (start === undefined) {
		const to = Math.min(len, end < 0 ? len + end : end);
		for (let i = 0; i < to; i++) out.push(i);
	} else {
		const to = Math.min(len, end);
		for (let i = start; i < to; i++) {
			const idx = i < 0 ? len + i : i;
			if (idx >= 0 && idx < len) out.push(idx);
		}
	}
	return out;
}

function truthy(v: JsonValue | undefined): boolean {
	return v !== undefined && v !== false && v !== null;
}

/**
 * Whether a filter expression holds for the item `@`. A path on its own is an existence test, as
 * in Jayway: `[?(@.isbn)]` keeps items that have the field, whatever its value (`false` and `null`
 * included), and `[?(!@.isbn)]` keeps the others.
 */
function holds(e: FilterExpr, at: JsonValue, roots: PathRoots): boolean {
	if (e.kind === 'path') {
		const v = evalFilter(e, at, roots);
		return v !== undefined && (e.path.definite || (Array.isArray(v) && v.length > 0));
	}
	return truthy(evalFilter(e, at, roots));
}

/** Evaluates a filter expression against the current item `@`. `undefined` = missing. */
function evalFilter(e: FilterExpr, at: JsonValue, roots: PathRoots): JsonValue | undefined {
	switch (e.kind) {
		case 'literal':
			return e.value;
		case 'path': {
			const base = e.relative ? at : rootValue(e.path, roots);
			try {
				if (e.path.definite) return evaluateDefinite(e.path, base);
				const out: JsonValue[] = [];
				collect(e.path.segments, 0, base, out, roots);
				return out;
			} catch (err) {
				if (err instanceof PathNotFoundError) return undefined;
				throw err;
			}
		}
		case 'not':
			return !holds(e.operand, at, roots);
		case 'regex': {
			// Jayway matches a string, or a number's or boolean's text; anything else (a missing
			// field, null, an object) is matched as the empty string.
			const v = evalFilter(e.left, at, roots);
			const text =
				typeof v === 'string'
					? v
					: typeof v === 'number' || typeof v === 'boolean'
						? String(v)
						: '';
			return e.regex.test(text);
		}
		case 'binary': {
			if (e.op === '&&') return holds(e.left, at, roots) && holds(e.right, at, roots);
			if (e.op === '||') return holds(e.left, at, roots) || holds(e.right, at, roots);
			const l = evalFilter(e.left, at, roots);
			const r = evalFilter(e.right, at, roots);
			if (e.op === 'exists') return typeof r === 'boolean' && (l !== undefined) === r;
			// Jayway: `nin` is "not `in`", so a missing value is not in any list.
			if (e.op === 'nin') return Array.isArray(r) && !(l !== undefined && contains(r, l));
			if (l === undefined || r === undefined) {
				return e.op === '!=' || e.op === '!==' ? l !== r : false;
			}
			switch (e.op) {
				case '==':
					return jaywayEquals(l, r);
				case '!=':
					return !jaywayEquals(l, r);
				case '===':
					return sameJsonType(l, r) && jaywayEquals(l, r);
				case '!==':
					return !(sameJsonType(l, r) && jaywayEquals(l, r));
				case '<':
				case '<=':
				case '>':
				case '>=': {
					if (!(
						(typeof l === 'number' && typeof r === 'number') ||
						(typeof l === 'string' && typeof r === 'string')
					)) {
						return false;
					}
					if (e.op === '<') return l < r;
					if (e.op === '<=') return l <= r;
					if (e.op === '>') return l > r;
					return l >= r;
				}
				case 'in':
					return Array.isArray(r) && contains(r, l);
				case 'subsetof':
					return Array.isArray(l) && Array.isArray(r) && l.every((x) => contains(r, x));
				case 'anyof':
					return Array.isArray(l) && Array.isArray(r) && l.some((x) => contains(r, x));
				case 'noneof':
					return Array.isArray(l) && Array.isArray(r) && !l.some((x) => contains(r, x));
				case 'contains':
					if (typeof l === 'string') return typeof r === 'string' && l.includes(r);
					return Array.isArray(l) && contains(l, r);
				case 'all':
					// Jayway checks only an array on the left; an object passes, a scalar fails.
					if (!Array.isArray(r) || l === null || typeof l !== 'object') return false;
					return !Array.isArray(l) || r.every((x) => contains(l, x));
				case 'size':
					if (typeof r !== 'number') return false;
					return (typeof l === 'string' || Array.isArray(l)) && l.length === Math.trunc(r);
				case 'empty':
					if (typeof r !== 'boolean') return false;
					if (typeof l === 'string' || Array.isArray(l)) return (l.length === 0) === r;
					if (l !== null && typeof l === 'object') return (Object.keys(l).length === 0) === r;
					return false;
			}
			return false;
		}
	}
}

/** Whether a JSON array holds a value, compared as Jayway compares (`v.equals(item)`). */
function contains(list: readonly JsonValue[], v: JsonValue): boolean {
	return list.some((x) => jaywayEquals(v, x));
}

/**
 * Jayway's filter equality (`left.equals(right)` of its value nodes): objects and arrays compare
 * structurally; a number and a string are equal when the number, read as the other's text, is
 * the same (`@.id == '7'` holds for 7; a number on the left parses the string, a string on the
 * left compares with the number's text); other values only equal their own type.
 */
function jaywayEquals(a: JsonValue, b: JsonValue): boolean {
	if (typeof a === 'number' && typeof b === 'string') {
		const n = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(b) ? Number(b) : NaN;
		return n === a;
	}
	if (typeof a === 'string' && typeof b === 'number') return a === String(b);
	return deepEqual(a, b);
}

/** The same JSON type, for Jayway's type-safe `===` and `!==`. */
function sameJsonType(a: JsonValue, b: JsonValue): boolean {
	const type = (v: JsonValue) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
	return type(a) === type(b);
}

/** Structural equality of JSON values (object key order does not matter). */
export function deepEqual(a: JsonValue, b: JsonValue): boolean {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const bo = b as { [k: string]: JsonValue };
	const ak = Object.keys(a);
	if (ak.length !== Object.keys(bo).length) return false;
	for (const k of ak) {
		if (
			!Object.prototype.hasOwnProperty.call(bo, k) ||
			!deepEqual((a as { [k: string]: JsonValue })[k], bo[k])
		) {
			return false;
		}
	}
	return true;
}

/**
 * Writes `value` at a reference path inside a copy of `target` (used by `ResultPath`), creating
 * intermediate objects as needed. `target` is never mutated. Throws `PathNotFoundError` when the
 * path runs into a value that is not an object (ASL: `States.ResultPathMatchFailure`).
 */
export function setAtPath(path: ParsedPath, target: JsonValue, value: JsonValue): JsonValue {
	const segs = path.segments;
	if (segs.length === 0) return value;
	const write = (cur: JsonValue | undefined, k: number): JsonValue => {
		const seg = segs[k];
		if (seg.kind === 'prop') {
			if (cur !== undefined && !isJsonObject(cur)) {
				throw new PathNotFoundError(`Cannot set property '${seg.name}' on a non-object`);
			}
			const obj: { [key: string]: JsonValue } = cur === undefined ? {} : { ...cur };
			obj[seg.name] = k === segs.length - 1 ? value : write(obj[seg.name], k + 1);
			return obj;
		}
		if (seg.kind === 'index') {
			if (!Array.isArray(cur))
				throw new PathNotFoundError(`Cannot set index ${seg.index} on a non-array`);
			const idx = seg.index < 0 ? cur.length + seg.index : seg.index;
			if (idx < 0 || idx >= cur.length)
				throw new PathNotFoundError(`Index ${seg.index} out of bounds`);
			const arr = cur.slice();
			arr[idx] = k === segs.length - 1 ? value : write(arr[idx], k + 1);
			return arr;
		}
		throw new PathNotFoundError(`'${path.text}' is not a reference path`);
	};
	return write(target, 0);
}
