import type { WorkspaceData } from './types.js';
import { validateWorkspace, workspaceJson } from './validate.js';

/**
 * Local persistence of the workspace in a Web `Storage` (`localStorage` on the page), under one
 * versioned key. Reading tolerates anything (corrupt JSON, another app's data, a newer format,
 * storage that throws when disabled) by returning `undefined`; writing reports failures (a full
 * quota, disabled storage) as a value. Neither ever throws.
 */

/** The one key the workspace is saved under; a new format gets a new key. */
export const WORKSPACE_STORAGE_KEY = 'asl-playground:workspace:v1';

export type SaveResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The saved workspace, checked like a share link, or `undefined` if there is none usable. */
export function loadWorkspace(storage: Storage): WorkspaceData | undefined {
	let text: string | null;
	try {
		text = storage.getItem(WORKSPACE_STORAGE_KEY);
	} catch {
		return undefined;
	}
	if (text === null) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	const checked = validateWorkspace(value);
	return checked.ok ? checked.data : undefined;
}

/** Saves the workspace (its known fields only), replacing the previous one. */
export function saveWorkspace(storage: Storage, data: WorkspaceData): SaveResult {
	const text = workspaceJson(data);
	try {
		storage.setItem(WORKSPACE_STORAGE_KEY, text);
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: saveFailureReason(error) };
	}
}

/** Forgets the saved workspace. Never throws. */
export function clearWorkspace(storage: Storage): void {
	try {
		storage.removeItem(WORKSPACE_STORAGE_KEY);
	} catch {
		// Disabled storage has nothing saved to forget.
	}
}

function saveFailureReason(error: unknown): string {
	const name =
		error instanceof Error || isDomException(error) ? (error as { name: string }).name : '';
	// Firefox used NS_ERROR_DOM_QUOTA_REACHED before adopting the standard name.
	if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
		return 'Browser storage is full, so this workspace is not saved locally. Share a link to keep it.';
	}
	return 'This browser does not allow saving, so this workspace is not saved locally.';
}

function isDomException(value: unknown): boolean {
	return typeof DOMException !== 'undefined' && value instanceof DOMException;
}
