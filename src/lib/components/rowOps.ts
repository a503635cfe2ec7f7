import type { Answer } from '$lib/dossier/layout';

/** What a form view may do to a repeat group's rows; the page binds it to the session. */
export interface RowOps {
	add(groupId: string): void;
	change(groupId: string, rowId: string, questionId: string, value: Answer | undefined): void;
	remove(groupId: string, rowId: string): void;
}
