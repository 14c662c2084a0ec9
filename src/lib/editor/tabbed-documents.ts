import { Compartment, EditorState, type Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { mountEditor, replaceDocument, revealRange } from './editor-view.js';

/**
 * One `EditorView` showing one of several named documents (the handler editor's tabs). Each
 * document keeps its own `EditorState` while another is shown, so its undo history, selection
 * and scroll survive a tab switch. The language arrives later (`loadLanguage`, a dynamic
 * import), through a `Compartment`, so it stays out of the page's first bundle.
 */
export class TabbedDocuments {
	readonly #view: EditorView;
	readonly #parked = new Map<string, EditorState>();
	readonly #language = new Compartment();
	readonly #extensions: (name: string) => Extension;
	#languageSupport: Extension = [];
	#shown: string | undefined;
	#destroyed = false;

	/**
	 * @param extensions The extensions of document `name` (its change listener names it).
	 * @param loadLanguage Resolves to the language support, e.g. `javascript()`; until then the
	 *   documents are plain text. A failed load leaves them so.
	 */
	constructor(
		parent: HTMLElement,
		extensions: (name: string) => Extension,
		loadLanguage: () => Promise<Extension>
	) {
		this.#view = mountEditor(parent, '', []);
		this.#extensions = extensions;
		loadLanguage().then(
			(support) => this.#setLanguage(support),
			() => undefined
		);
	}

	/**
	 * Shows document `name` holding `text`: switches to it (parking the one shown) and, when its
	 * text differs from `text` (changed from outside), replaces it as one undoable change.
	 */
	show(name: string, text: string): void {
		if (this.#destroyed) return;
		if (name !== this.#shown) {
			if (this.#shown !== undefined) this.#parked.set(this.#shown, this.#view.state);
			this.#view.setState(this.#parked.get(name) ?? this.#create(name, text));
			this.#parked.delete(name);
			this.#shown = name;
		}
		replaceDocument(this.#view, text);
	}

	/** Forgets the parked documents whose names `keep` rejects (removed handlers). */
	prune(keep: (name: string) => boolean): void {
		for (const name of this.#parked.keys()) if (!keep(name)) this.#parked.delete(name);
	}

	focus(): void {
		this.#view.focus();
	}

	/** Selects `from..to` in the document shown, scrolls it into view and focuses the editor. */
	reveal(from: number, to: number = from): void {
		if (!this.#destroyed) revealRange(this.#view, from, to);
	}

	destroy(): void {
		this.#destroyed = true;
		this.#parked.clear();
		this.#view.destroy();
	}

	#create(name: string, text: string): EditorState {
		return EditorState.create({
			doc: text,
			extensions: [this.#language.of(this.#languageSupport), this.#extensions(name)]
		});
	}

	#setLanguage(support: Extension): void {
		if (this.#destroyed) return;
		this.#languageSupport = support;
		const effects = this.#language.reconfigure(support);
		if (this.#language.get(this.#view.state) !== undefined) this.#view.dispatch({ effects });
		for (const [name, state] of this.#parked)
			this.#parked.set(name, state.update({ effects }).state);
	}
}
