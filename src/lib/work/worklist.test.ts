import { describe, expect, it } from 'vitest';
import { ReviewDoc } from '../review/reviewDoc';
import { people, reviewerSigned, sampleFinding } from '../ledger/ledgerFixtures';
import { findingThread, questionThread } from '../ledger/finding';
import type { VillageRoles } from '../organisation/organisationDoc';
import type { Round } from '../organisation/round';
import { foldRecordReview, newRecordReviewStep } from '../review/recordReview';
import { asksAction, elapsedShare, itemKey, targetHref, targetOf, worklist, type HouseholdWork, type VillageWorkInput, type WorkItem } from './worklist';

const TODAY = '2022-08-20';
const VILLAGE = { dossierId: 'village0001', name: '北关村', groupId: 'g-a' };
const none: VillageRoles = { owner: false, checker: false, reviewer: false };
const round: Round = { id: 'r1', name: '第一轮互查', startsOn: '2022-08-06', endsOn: '2022-08-25', createdAt: '2022-08-01T00:00:00.000Z', createdBy: '乡镇' };
const { cadre, checker, reviewer } = people;

/** A village's review document with a finding in each state the worklist tells apart. */
function ledger(): ReviewDoc {
	const review = new ReviewDoc(VILLAGE.dossierId);
	const owner = { by: cadre, role: 'owner' as const };
	// Returned by the reviewer, with the reason.
	review.raise(sampleFinding({ id: 'returned1', description: '危房未鉴定', deadline: '2022-08-30' }));
	review.transition('returned1', { type: 'submit', ...owner, measure: '已联系鉴定', at: '2022-08-15T01:00:00.000Z' }, ['owner']);
	review.transition('returned1', { type: 'return', by: reviewer, role: 'reviewer', reason: '缺鉴定报告', at: '2022-08-16T01:00:00.000Z', ...reviewerSigned }, ['reviewer']);
	// Past its deadline.
	review.raise(sampleFinding({ id: 'late1', description: '未参加医保', deadline: '2022-08-18' }));
	// Due the day after tomorrow.
	review.raise(sampleFinding({ id: 'soon1', description: '饮水不安全', deadline: '2022-08-22' }));
	// Due in a fortnight: nothing to say yet.
	review.raise(sampleFinding({ id: 'later1', description: '就业信息缺', deadline: '2022-09-03' }));
	// Submitted, with the reviewer.
	review.raise(sampleFinding({ id: 'submitted1', description: '低保未纳入', deadline: '2022-08-30' }));
	review.transition('submitted1', { type: 'submit', ...owner, measure: '已申报低保', at: '2022-08-19T01:00:00.000Z' }, ['owner']);
	// Closed: never on anyone's list.
	review.raise(sampleFinding({ id: 'closed1', description: '已整改', deadline: '2022-08-30' }));
	review.transition('closed1', { type: 'submit', ...owner, measure: '已改', at: '2022-08-12T01:00:00.000Z' }, ['owner']);
	review.transition('closed1', { type: 'close', by: reviewer, role: 'reviewer', at: '2022-08-13T01:00:00.000Z', ...reviewerSigned }, ['reviewer']);
	return review;
}

function village(review: ReviewDoc, roles: Partial<VillageRoles>, extra: Partial<VillageWorkInput> = {}): VillageWorkInput {
	return {
		village: VILLAGE,
		roles: { ...none, ...roles },
		checkingRound: null,
		entries: review.entries(),
		threads: review.threads(),
		seen: (thread) => review.seen(extra.village?.dossierId ?? 'nobody', thread),
		households: null,
		caretaking: [],
		campaign: null,
		...extra
	};
}

const kinds = (items: WorkItem[]) => items.map((i) => `${i.kind}:${'findingId' in i ? i.findingId : 'householdId' in i ? i.householdId : 'comment' in i ? i.comment.text : 'dossierId' in i ? i.dossierId : ''}`);

describe('我的工作', () => {
	it('gives the keeping group its findings by urgency: returned with the reason, overdue, due soon', () => {
		const items = worklist({ personId: cadre.id, today: TODAY, villages: [village(ledger(), { owner: true })] });
		expect(kinds(items)).toEqual(['returned:returned1', 'overdue:late1', 'dueSoon:soon1']);
		expect(items[0]).toMatchObject({ reason: '缺鉴定报告', head: '刘大', village: '北关村' });
		expect(items[1]).toMatchObject({ daysOver: 2 });
		expect(items[2]).toMatchObject({ daysLeft: 2 });
	});

	it('gives a reviewer the rectifications waiting for them (not their own findings) and what is overdue', () => {
		const review = ledger();
		review.raise(sampleFinding({ id: 'mine1', raisedBy: reviewer, role: 'reviewer', signature: { ...sampleFinding().signature, by: reviewer }, deadline: '2022-08-30' }));
		review.transition('mine1', { type: 'submit', by: cadre, role: 'owner', measure: '已改', at: '2022-08-19T02:00:00.000Z' }, ['owner']);
		const items = worklist({ personId: reviewer.id, today: TODAY, villages: [village(review, { reviewer: true })] });
		// mine1 is submitted too, but raised by this reviewer: somebody else closes it.
		expect(kinds(items)).toEqual(['overdue:late1', 'toReview:submitted1']);
		expect(items.find((i) => i.kind === 'toReview')).toMatchObject({ measure: '已申报低保' });
	});

	it('tells a checker which of their findings are still with the owner, and asks nothing of them', () => {
		const items = worklist({ personId: checker.id, today: TODAY, villages: [village(ledger(), { checker: true }, { checkingRound: round })] });
		expect(kinds(items)).toEqual(['withOwner:late1', 'withOwner:soon1', 'withOwner:returned1', 'withOwner:later1']);
		expect(items.every((i) => !asksAction(i))).toBe(true);
	});

	it('lists unread comments that mention the person or answer theirs, until they are read', () => {
		const review = new ReviewDoc(VILLAGE.dossierId);
		review.raise(sampleFinding({ id: 'f1' }));
		const thread = questionThread('h1', 'household-screening-2022@aug2022', 's2_unsafe');
		const mine = review.addComment({ thread, parentId: null, by: cadre, text: '已上门核实', mentions: [], at: '2022-08-18T01:00:00.000Z' });
		review.addComment({ thread, parentId: mine.id, by: reviewer, text: '请补照片', mentions: [], at: '2022-08-19T01:00:00.000Z' });
		review.addComment({ thread: findingThread('f1'), parentId: null, by: checker, text: '@帮扶干部小王 请看', mentions: [cadre.id], at: '2022-08-19T02:00:00.000Z' });
		review.addComment({ thread: findingThread('f1'), parentId: null, by: checker, text: '与我无关', mentions: [], at: '2022-08-19T03:00:00.000Z' });
		const input = () => ({ ...village(review, {}), seen: (t: string) => review.seen(cadre.id, t) });
		const items = worklist({ personId: cadre.id, today: TODAY, villages: [input()] });
		expect(kinds(items)).toEqual(['mention:@帮扶干部小王 请看', 'reply:请补照片']);
		expect(targetOf(items[0]!)).toEqual({ kind: 'finding', dossierId: VILLAGE.dossierId, findingId: 'f1' });
		expect(targetHref(targetOf(items[1]!))).toBe(`/d/village0001?household=h1&form=household-screening-2022%40aug2022&question=s2_unsafe&comments=1`);
		review.markSeen(cadre.id, findingThread('f1'), review.comments(findingThread('f1')).map((c) => c.id));
		expect(kinds(worklist({ personId: cadre.id, today: TODAY, villages: [input()] }))).toEqual(['reply:请补照片']);
	});

	it('names a cadre’s own households still to screen or sign, and counts the rest of the village', () => {
		const households: HouseholdWork[] = [
			{ id: 'h1', head: '刘大', state: 'notStarted' },
			{ id: 'h2', head: '王二', state: 'awaitingSignature' },
			{ id: 'h3', head: '张三', state: 'checked' },
			{ id: 'h4', head: '李四', state: 'changedAfterSigning' },
			{ id: 'h5', head: '赵五', state: 'inProgress' }
		];
		const items = worklist({
			personId: cadre.id,
			today: TODAY,
			villages: [village(new ReviewDoc(VILLAGE.dossierId), { owner: true }, { households, caretaking: ['h1', 'h2', 'h3'] })]
		});
		expect(kinds(items)).toEqual(['toSign:h2', 'toScreen:h1', 'villageScreening:village0001']);
		expect(items[2]).toMatchObject({ role: 'owner', checked: 1, total: 5, next: [households[3], households[4]] });
		expect(targetHref(targetOf(items[2]!))).toBe('/d/village0001?household=h4');
	});

	it('gives a checker the village they check, checked against not yet', () => {
		const households: HouseholdWork[] = [
			{ id: 'h1', head: '刘大', state: 'checked' },
			{ id: 'h2', head: '王二', state: 'notStarted' }
		];
		const items = worklist({ personId: checker.id, today: TODAY, villages: [village(new ReviewDoc(VILLAGE.dossierId), { checker: true }, { households, checkingRound: round })] });
		expect(items).toEqual([expect.objectContaining({ kind: 'villageScreening', role: 'checker', round, checked: 1, total: 2 })]);
		const done = worklist({ personId: checker.id, today: TODAY, villages: [village(new ReviewDoc(VILLAGE.dossierId), { checker: true }, { households: [households[0]!], checkingRound: round })] });
		expect(asksAction(done[0]!)).toBe(false);
	});

	it('tells a reviewer which villages trail the campaign’s schedule', () => {
		const households: HouseholdWork[] = Array.from({ length: 10 }, (_, i) => ({ id: `h${i}`, head: `户${i}`, state: i < 2 ? 'checked' : 'notStarted' }));
		const campaign = { startsOn: '2022-08-06', endsOn: '2022-08-25' };
		const behind = worklist({ personId: reviewer.id, today: TODAY, villages: [village(new ReviewDoc(VILLAGE.dossierId), { reviewer: true }, { households, campaign })] });
		// 15 of 20 days gone, 2 of 10 checked: 20% against 75%.
		expect(behind).toEqual([expect.objectContaining({ kind: 'behind', checked: 2, total: 10, expected: 0.75 })]);
		expect(worklist({ personId: reviewer.id, today: '2022-08-08', villages: [village(new ReviewDoc(VILLAGE.dossierId), { reviewer: true }, { households, campaign })] })).toEqual([]);
	});

	it('counts a period’s days gone by, both ends included', () => {
		const period = { startsOn: '2022-08-06', endsOn: '2022-08-15' };
		expect([elapsedShare(period, '2022-08-01'), elapsedShare(period, '2022-08-06'), elapsedShare(period, '2022-08-10'), elapsedShare(period, '2022-08-15')]).toEqual([0, 0.1, 0.5, 1]);
	});

	it('puts set-up last and gives every item its own key', () => {
		const items = worklist({
			personId: cadre.id,
			today: TODAY,
			villages: [village(ledger(), { owner: true, reviewer: true })],
			setup: [{ kind: 'setup', step: 'villageWithoutGroup', name: '南关村', path: '/org' }]
		});
		expect(items.at(-1)).toMatchObject({ kind: 'setup' });
		expect(new Set(items.map(itemKey)).size).toBe(items.length);
		expect(targetHref(targetOf(items.at(-1)!))).toBe('/org');
	});

	it('gives each household record under review to whom it waits for: returned to the owner (first reason’s question), waiting to a reviewer (not their own), reopened to the owner', () => {
		const review = new ReviewDoc(VILLAGE.dossierId);
		const record = { 'card:head': '赵大' };
		let n = 0;
		const step = (householdId: string, type: 'submit' | 'return' | 'approve', by: { id: string; name: string }, extra: object = {}) =>
			review.reviewRecord(
				newRecordReviewStep({ id: `recordstep${n++}`, householdId, campaignId: 'aug2022', head: `户${householdId}`, type, by, record, ...extra }, new Date(Date.UTC(2022, 7, 10, n)))
			);
		step('h1', 'submit', cadre);
		step('h1', 'return', reviewer, { reasons: [{ key: 'household-screening-2022@aug2022:s2_unsafe', reason: '缺鉴定' }] });
		step('h2', 'submit', cadre);
		step('h3', 'submit', reviewer);
		step('h4', 'submit', cadre);
		step('h4', 'approve', reviewer, reviewerSigned);
		const records = [...review.recordReviews()].map(([key, list]) => {
			const householdId = key.split('|')[0]!;
			// h4's record changed after approval.
			const digest = householdId === 'h4' ? 'changed' : null;
			return { householdId, head: list[0]!.head, status: foldRecordReview(list, { digest, filled: true }) };
		});
		const asOwner = worklist({ personId: cadre.id, today: TODAY, villages: [village(new ReviewDoc(VILLAGE.dossierId), { owner: true }, { records })] });
		expect(kinds(asOwner)).toEqual(['recordReturned:h1', 'recordReopened:h4']);
		expect(targetOf(asOwner[0]!)).toEqual({ kind: 'household', dossierId: VILLAGE.dossierId, householdId: 'h1', formKey: 'household-screening-2022@aug2022', questionId: 's2_unsafe' });
		expect(asOwner.every(asksAction)).toBe(true);
		const asReviewer = worklist({ personId: reviewer.id, today: TODAY, villages: [village(new ReviewDoc(VILLAGE.dossierId), { reviewer: true }, { records })] });
		// h3 is the reviewer's own submission: another reviewer approves it.
		expect(kinds(asReviewer)).toEqual(['recordToReview:h2']);
	});
});
