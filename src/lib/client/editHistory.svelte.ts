/**
 * Undo and redo of one person's edits in one view (the grid): each edit() is one step, however
 * many cells it writes. Y.UndoManager tracks only this history's own origin, so an edit another
 * cadre made, even to the same cell afterwards, is never undone from here (Yjs leaves a later
 * value by someone else in place; see src/lib/grid/grid.test.ts).
 */
import * as Y from 'yjs';

type StackItem = { meta: Map<unknown, unknown> };

/** What a history writes through: a SyncedDoc in the app (saved, counted, synced). */
export interface EditTarget {
	change(keys: string | string[], edit: () => void, origin: unknown): void;
	markPending(keys: readonly string[]): void;
	trackOrigin(origin: unknown): () => void;
}

export class EditHistory {
	readonly #origin = Symbol('history edit');
	readonly #manager: Y.UndoManager;
	readonly #synced: EditTarget;
	readonly #cleanups: (() => void)[] = [];
	/** The pending-change keys of the step being recorded, kept on its stack item. */
	#keys: readonly string[] = [];

	canUndo = $state(false);
	canRedo = $state(false);

	/**
	 * `captureTimeout`: edits closer together than this make one step (0: each edit is a step).
	 * An import writes in chunks, to keep each frame short, and is still undone as one.
	 */
	constructor(synced: EditTarget, scope: ConstructorParameters<typeof Y.UndoManager>[0], captureTimeout = 0) {
		this.#synced = synced;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs's option, never rendered
		this.#manager = new Y.UndoManager(scope, { trackedOrigins: new Set([this.#origin]), captureTimeout });
		this.#cleanups.push(synced.trackOrigin(this.#origin), synced.trackOrigin(this.#manager));
		const onAdded = (event: { stackItem: StackItem }) => {
			event.stackItem.meta.set('keys', this.#keys);
			this.refresh();
		};
		// Yjs pops past steps that no longer change anything (others overwrote every cell of
		// them), so the step undone is known only here: its cells are what waits for the server,
		// and what its redo (just pushed on the other stack) will touch.
		const onPopped = (event: { stackItem: StackItem; type: 'undo' | 'redo' }) => {
			const keys = (event.stackItem.meta.get('keys') as readonly string[] | undefined) ?? [];
			this.#synced.markPending(keys);
			const opposite = event.type === 'undo' ? this.#manager.redoStack : this.#manager.undoStack;
			opposite.at(-1)?.meta.set('keys', keys);
			this.refresh();
		};
		const refresh = () => this.refresh();
		this.#manager.on('stack-item-added', onAdded);
		this.#manager.on('stack-item-popped', onPopped);
		this.#manager.on('stack-cleared', refresh);
		this.#cleanups.push(() => this.#manager.destroy());
	}

	private refresh(): void {
		this.canUndo = this.#manager.undoStack.length > 0;
		this.canRedo = this.#manager.redoStack.length > 0;
	}

	/** Runs an edit as one undoable step; `keys` are what the sync indicator counts as changed. */
	edit(keys: readonly string[], write: () => void): void {
		this.#keys = keys;
		this.#synced.change([...keys], write, this.#origin);
	}

	/** Ends the step being recorded: the next edit starts a step of its own. */
	seal(): void {
		this.#manager.stopCapturing();
	}

	/** Undoes the last step that still changes something; false when there is none. */
	undo(): boolean {
		return this.#manager.undo() !== null;
	}

	redo(): boolean {
		return this.#manager.redo() !== null;
	}

	destroy(): void {
		for (const cleanup of this.#cleanups) cleanup();
	}
}
