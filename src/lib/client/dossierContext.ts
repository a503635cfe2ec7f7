/**
 * The dossier a component is shown in, for the few deep components that need it (a photo is
 * uploaded and fetched through its dossier) without every form layer passing it down.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('dossier');

/** Called by a page showing a dossier; `id` is read each time, so the page may switch dossiers. */
export function provideDossier(id: () => string): void {
	setContext(KEY, id);
}

/** The dossier id a component is shown in, or null outside any dossier. */
export function dossierInContext(): (() => string) | null {
	return getContext<(() => string) | undefined>(KEY) ?? null;
}
