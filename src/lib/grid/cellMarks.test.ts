import { describe, expect, it } from 'vitest';
import { cellMarks, markKey } from './cellMarks';
import { findingSchema } from '../ledger/finding';
import { sampleFinding } from '../ledger/ledgerFixtures';
import { questionThread } from '../ledger/finding';
import type { LedgerEntry } from '../review/reviewDoc';
import type { LedgerStatus } from '../ledger/ledger';
import type { Comment } from '../review/comments';

const entry = (id: string, state: LedgerStatus['state'], deadline = '2022-08-25', questionId = 's2_unsafe'): LedgerEntry => {
	const base = findingSchema.parse(sampleFinding({ id, deadline }));
	const finding = { ...base, target: { ...base.target, questionId } } as LedgerEntry['finding'];
	return { finding, status: { state, deadline } as LedgerStatus };
};

describe('cell marks', () => {
	const column = 'household-screening-2022@aug2022:s2_unsafe';

	it('shows the most pressing finding state of a cell and counts its comments', () => {
		const comment = { id: 'c1' } as Comment;
		const threads = new Map([[questionThread('h1', 'household-screening-2022@aug2022', 's2_unsafe'), [comment, comment]]]);
		const marks = cellMarks([entry('f1', 'closed'), entry('f2', 'open')], threads, '2022-08-20');
		expect(marks.get(markKey('h1', column))).toEqual({ state: 'open', findings: 2, comments: 2 });
		expect(cellMarks([entry('f1', 'closed'), entry('f2', 'rectifying')], new Map(), '2022-08-30').get(markKey('h1', column))?.state).toBe('overdue');
		expect(cellMarks([entry('f1', 'closed')], new Map(), '2022-08-30').get(markKey('h1', column))?.state).toBe('closed');
	});

	it('ignores threads and findings that are not about a household question', () => {
		const marks = cellMarks([], new Map([['household:h1', [{ id: 'c' } as Comment]]]), '2022-08-20');
		expect(marks.size).toBe(0);
	});
});
