import { HighlightStyle } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * One editor theme for both colour schemes. Every colour is a custom property on the editor,
 * written as `light-dark(light, dark)` (or taken from the app's design tokens in `app.css` when
 * they exist), so the scheme follows `prefers-color-scheme` unless an ancestor (normally
 * `<html>`) sets `data-theme="dark"` or `data-theme="light"`. The app's tokens (`--bg-raised`,
 * `--fg`, `--border`, `--focus`, …) win where they are defined; to restyle only the editors, set
 * `--cm-*` on `.cm-editor` with a more specific selector.
 */
export const editorTheme = EditorView.theme({
	'&': {
		colorScheme: 'light dark',
		'--cm-bg': 'var(--bg-raised, light-dark(#ffffff, #161d26))',
		'--cm-fg': 'var(--fg, light-dark(#16191f, #e6edf3))',
		'--cm-muted': 'var(--fg-muted, light-dark(#5f6b7a, #9aa7b5))',
		'--cm-border': 'var(--border, light-dark(#d5dbe3, #2b3642))',
		'--cm-focus': 'var(--focus, light-dark(#0b6bcb, #7cb8f0))',
		'--cm-gutter-bg': 'var(--bg-sunken, light-dark(#f3f5f8, #0f141a))',
		'--cm-active-line': 'light-dark(rgb(11 107 203 / 0.06), rgb(124 184 240 / 0.08))',
		'--cm-selection': 'light-dark(#c8def7, #2a4a6e)',
		'--cm-bracket': 'light-dark(rgb(29 129 2 / 0.2), rgb(79 195 90 / 0.28))',
		'--cm-search': 'light-dark(#fff1a8, #5c4a00)',
		'--cm-err': 'var(--err, light-dark(#d13212, #ff6b5a))',
		'--cm-warn': 'var(--warn, light-dark(#b06d00, #f0b429))',
		'--cm-property': 'light-dark(#953800, #ffa657)',
		'--cm-string': 'light-dark(#0a3069, #a5d6ff)',
		'--cm-literal': 'light-dark(#0550ae, #79c0ff)',
		'--cm-keyword': 'light-dark(#cf222e, #ff7b72)',
		'--cm-function': 'light-dark(#8250df, #d2a8ff)',
		'--cm-comment': 'light-dark(#6e7781, #8b949e)',
		color: 'var(--cm-fg)',
		backgroundColor: 'var(--cm-bg)',
		height: '100%'
	},
	':where([data-theme="dark"]) &': { colorScheme: 'dark' },
	':where([data-theme="light"]) &': { colorScheme: 'light' },
	'&.cm-focused': { outline: '2px solid var(--cm-focus)', outlineOffset: '-2px' },
	'.cm-scroller': {
		fontFamily: 'var(--font-mono, ui-monospace, Menlo, Consolas, monospace)',
		fontSize: 'var(--editor-font-size, 13px)',
		lineHeight: '1.5'
	},
	'.cm-content': { caretColor: 'var(--cm-fg)' },
	'.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--cm-fg)' },
	'&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
		{ backgroundColor: 'var(--cm-selection)' },
	'.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
	'.cm-gutters': {
		backgroundColor: 'var(--cm-gutter-bg)',
		color: 'var(--cm-muted)',
		borderRight: '1px solid var(--cm-border)'
	},
	'.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line)', color: 'var(--cm-fg)' },
	'&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--cm-bracket)' },
	'&.cm-focused .cm-nonmatchingBracket': { outline: '1px solid var(--cm-err)' },
	'.cm-searchMatch': { backgroundColor: 'var(--cm-search)' },
	'.cm-panels': { backgroundColor: 'var(--cm-gutter-bg)', color: 'var(--cm-fg)' },
	'.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--cm-border)' },
	'.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--cm-border)' },
	'.cm-tooltip': {
		backgroundColor: 'var(--cm-bg)',
		color: 'var(--cm-fg)',
		border: '1px solid var(--cm-border)',
		borderRadius: '4px'
	},
	'.cm-tooltip-autocomplete > ul > li[aria-selected]': {
		backgroundColor: 'var(--cm-focus)',
		color: 'var(--cm-bg)'
	},
	'.cm-completionDetail': { color: 'var(--cm-muted)', fontStyle: 'normal', marginLeft: '0.75em' },
	'.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
	'.cm-diagnostic-error': { borderLeftColor: 'var(--cm-err)' },
	'.cm-diagnostic-warning': { borderLeftColor: 'var(--cm-warn)' },
	'.cm-diagnosticSource': { color: 'var(--cm-muted)', opacity: '1' }
});

/** Syntax colours for JSON and JavaScript, from the theme's custom properties. */
export const editorHighlightStyle = HighlightStyle.define([
	{ tag: t.propertyName, color: 'var(--cm-property)' },
	{ tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cm-string)' },
	{ tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-literal)' },
	{ tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword], color: 'var(--cm-keyword)' },
	{
		tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)],
		color: 'var(--cm-function)'
	},
	{
		tag: [t.comment, t.lineComment, t.blockComment],
		color: 'var(--cm-comment)',
		fontStyle: 'italic'
	},
	{ tag: t.invalid, color: 'var(--cm-err)' }
]);
