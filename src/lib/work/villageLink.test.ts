import { describe, expect, it } from 'vitest';
import { targetHref, type WorkTarget } from './worklist';
import { readVillageLink } from './villageLink';

const read = (target: WorkTarget) => readVillageLink(new URL(targetHref(target), 'http://app').searchParams);

describe('links into a village', () => {
	it('read back every place a work item leads to', () => {
		expect(read({ kind: 'finding', dossierId: 'village0001', findingId: 'f1' })).toEqual({ view: 'ledger', findingId: 'f1' });
		expect(read({ kind: 'household', dossierId: 'village0001', householdId: 'h1', formKey: 'household-screening-2022@aug2022', questionId: 's2_unsafe', comments: true })).toEqual({
			view: 'households',
			householdId: 'h1',
			formKey: 'household-screening-2022@aug2022',
			questionId: 's2_unsafe',
			comments: true
		});
		expect(read({ kind: 'household', dossierId: 'village0001', householdId: 'h1' })).toEqual({ view: 'households', householdId: 'h1', formKey: null, questionId: null, comments: false });
		expect(read({ kind: 'village', dossierId: 'village0001', formKey: 'village-2022@aug2022', questionId: 'q1', comments: true })).toEqual({
			view: 'village',
			formKey: 'village-2022@aug2022',
			questionId: 'q1',
			comments: true
		});
	});

	it('ignore what is not such a place', () => {
		expect(readVillageLink(new URLSearchParams(''))).toBeNull();
		expect(readVillageLink(new URLSearchParams('finding=<script>'))).toBeNull();
		expect(readVillageLink(new URLSearchParams('household=h1&question=q1'))).toEqual({ view: 'households', householdId: 'h1', formKey: null, questionId: null, comments: false });
	});
});
