import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, type Tooltip } from '@codemirror/view';
import type { AslCompletionOptions } from './asl-completion.js';
import type { HoverInfo } from './asl-hover.js';

/**
 * ASL completion and hover docs for the definition editor, as one CodeMirror extension.
 *
 * Completion offers the field names valid at the cursor (by object kind, state `Type` and query
 * language), state names inside `Next`, `Default` and `StartAt`, `Type` and other fixed values,
 * error names in `ErrorEquals`, Lambda ARNs for a Task `Resource`, and inside a `{% %}` JSONata
 * expression `$states`, the definition's variables and JSONata's functions. Hover explains field
 * names, fixed values, error names and `Next` targets.
 *
 * Only this small shell is in the page's first bundle: the tables and the logic
 * (`asl-completion.ts`, `asl-hover.ts`) are imported the first time the editor asks for a
 * completion or a hover.
 */
export function aslLanguage(options: AslCompletionOptions = {}): Extension {
	return [
		autocompletion({
			override: [(context: CompletionContext) => completeLazily(context, options)],
			icons: false
		}),
		hoverTooltip(hoverLazily, { hoverTime: 400 }),
		hoverStyle
	];
}

export type { AslCompletionOptions };

let completion: Promise<typeof import('./asl-completion.js')> | undefined;
let hover: Promise<typeof import('./asl-hover.js')> | undefined;

async function completeLazily(context: CompletionContext, options: AslCompletionOptions) {
	completion ??= import('./asl-completion.js');
	try {
		return (await completion).completeAsl(context, options);
	} catch {
		// A chunk that failed to load (offline): no completion, and try again next time.
		completion = undefined;
		return null;
	}
}

async function hoverLazily(view: EditorView, pos: number, side: -1 | 1): Promise<Tooltip | null> {
	hover ??= import('./asl-hover.js');
	let info: HoverInfo | null;
	try {
		info = (await hover).hoverInfo(view.state, pos, side);
	} catch {
		hover = undefined;
		return null;
	}
	if (!info) return null;
	const shown = info;
	return {
		pos: shown.from,
		end: shown.to,
		above: true,
		create: () => ({ dom: renderHover(shown) })
	};
}

function renderHover(info: HoverInfo): HTMLElement {
	const dom = document.createElement('div');
	dom.className = 'cm-asl-hover';
	const head = dom.appendChild(document.createElement('div'));
	head.appendChild(document.createElement('strong')).textContent = info.title;
	if (info.detail) {
		const detail = head.appendChild(document.createElement('span'));
		detail.className = 'cm-asl-hover-detail';
		detail.textContent = info.detail;
	}
	dom.appendChild(document.createElement('p')).textContent = info.doc;
	return dom;
}

const hoverStyle = EditorView.baseTheme({
	'.cm-asl-hover': { padding: '4px 8px', maxWidth: '28rem', fontFamily: 'system-ui, sans-serif' },
	'.cm-asl-hover p': { margin: '2px 0 0' },
	'.cm-asl-hover-detail': { marginLeft: '0.5em', opacity: '0.75', fontSize: '0.9em' }
});
