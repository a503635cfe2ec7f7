/**
 * The review marks a grid cell carries: the findings raised on that question of that household
 * (by the state that matters most: overdue, then open, then closed) and how many comments its
 * thread holds. One pass over the ledger and the threads per change, looked up per cell.
 */
import type { LedgerEntry } from '../review/reviewDoc';
import type { Comment } from '../review/comments';
import { isOverdue } from '../ledger/ledger';

export type MarkState = 'overdue' | 'open' | 'closed';

export interface CellMark {
	/** The most pressing state among the cell's findings; null: no finding. */
	state: MarkState | null;
	findings: number;
	comments: number;
}

/** The key of a cell's mark: household and `<formKey>:<questionId>` (a grid column's id). */
export function markKey(householdId: string, columnId: string): string {
	return `${householdId}|${columnId}`;
}

const RANK: Record<MarkState, number> = { closed: 0, open: 1, overdue: 2 };

export function cellMarks(entries: readonly LedgerEntry[], threads: ReadonlyMap<string, readonly Comment[]>, today: string): Map<string, CellMark> {
	const marks = new Map<string, CellMark>();
	const mark = (key: string) => {
		let m = marks.get(key);
		if (!m) marks.set(key, (m = { state: null, findings: 0, comments: 0 }));
		return m;
	};
	for (const { finding, status } of entries) {
		const target = finding.target;
		if (target.kind !== 'question') continue;
		const m = mark(markKey(target.householdId, `${target.formKey}:${target.questionId}`));
		const state: MarkState = status.state === 'closed' ? 'closed' : isOverdue(status, today) ? 'overdue' : 'open';
		m.findings++;
		if (!m.state || RANK[state] > RANK[m.state]) m.state = state;
	}
	for (const [thread, comments] of threads) {
		// Question threads are `q:<householdId>:<formKey>:<questionId>` (questionThread).
		const parts = thread.split(':');
		if (parts.length !== 4 || parts[0] !== 'q' || !comments.length) continue;
		mark(markKey(parts[1]!, `${parts[2]}:${parts[3]}`)).comments += comments.length;
	}
	return marks;
}
