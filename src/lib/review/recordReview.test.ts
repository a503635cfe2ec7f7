import { describe, expect, it } from 'vitest';
import { approvedRecords, foldRecordReview, inRecord, newRecordReviewStep, recordAnswers, recordChanges, recordContent, recordReviewRefusal, type RecordAnswers, type RecordReviewEvent } from './recordReview';
import { keyLabel, keyMeaning } from './recordKeys';
import { AUGUST_2022 } from '../campaign/campaign';
import { SIGNATURE_IMAGE_PREFIX } from '../signing/signature';

const cadre = { id: 'cadre01', name: '孙干部' };
const reviewer = { id: 'rev01', name: '李审核' };
const other = { id: 'rev02', name: '周审核' };
const image = SIGNATURE_IMAGE_PREFIX + 'AAAA';
const FORM = 'household-screening-2022@aug2022';

let clock = 0;
function step(type: RecordReviewEvent['type'], by: { id: string; name: string }, record: RecordAnswers, extra: Partial<RecordReviewEvent> = {}, at?: string): RecordReviewEvent {
	clock++;
	return newRecordReviewStep(
		{ id: `step${String(clock).padStart(6, '0')}`, householdId: 'hh1', campaignId: 'aug2022', head: '赵大', type, by, record, ...(type === 'approve' ? { image } : {}), ...extra },
		new Date(at ?? `2022-08-10T0${Math.min(clock, 9)}:00:00.000Z`)
	);
}

const filledRecord: RecordAnswers = { 'card:head': '赵大', [`${FORM}:s2_unsafe`]: false };
const digestOf = (r: RecordAnswers) => recordContent(r).digest;

describe('a household record’s review', () => {
	it('is 待填 or 已填 before anyone submits it', () => {
		expect(foldRecordReview([], { digest: null, filled: false }).state).toBe('draft');
		expect(foldRecordReview([], { digest: null, filled: true }).state).toBe('filled');
	});

	it('goes 待审 → 退回 with a reason per question → 已更正 → 审定, and reopens when edited after', () => {
		const submit = step('submit', cadre, filledRecord);
		const ret = step('return', reviewer, filledRecord, { reasons: [{ key: `${FORM}:s2_unsafe`, reason: '房屋照片显示漏雨' }, { key: 'card:phone', reason: '电话缺' }] });
		const corrected: RecordAnswers = { ...filledRecord, [`${FORM}:s2_unsafe`]: true, 'card:phone': '13800000000' };
		const resubmit = step('submit', cadre, corrected);
		const approve = step('approve', reviewer, corrected);
		const now = { digest: digestOf(corrected), filled: true };
		expect(foldRecordReview([submit], now).state).toBe('submitted');
		const returned = foldRecordReview([submit, ret], now);
		expect(returned.state).toBe('returned');
		expect(returned.returned?.reasons).toHaveLength(2);
		expect(foldRecordReview([submit, ret, resubmit], now).state).toBe('corrected');
		const done = foldRecordReview([approve, resubmit, ret, submit], now); // any order
		expect(done.state).toBe('approved');
		expect(done.approved?.id).toBe(approve.id);
		expect(done.lastReview?.id).toBe(approve.id);
		expect(foldRecordReview([submit, ret, resubmit, approve], { digest: digestOf({ ...corrected, 'card:phone': '13900000000' }), filled: true }).state).toBe('reopened');
	});

	it('keeps both of two reviewers acting at once, applies the first and shows the second as not applied', () => {
		const submit = step('submit', cadre, filledRecord);
		const approve = step('approve', reviewer, filledRecord, {}, '2022-08-11T10:00:00.000Z');
		const ret = step('return', other, filledRecord, { reasons: [{ key: 'card:head', reason: '姓名有误' }] }, '2022-08-11T10:00:01.000Z');
		for (const order of [
			[submit, approve, ret],
			[ret, approve, submit]
		]) {
			const status = foldRecordReview(order, { digest: digestOf(filledRecord), filled: true });
			expect(status.state).toBe('approved');
			expect(status.notApplied).toEqual([{ event: ret, why: 'notSubmitted' }]);
		}
	});

	it('does not take a second submission while one waits, an approval of one’s own submission, or a resubmission of an unchanged approved record', () => {
		const submit = step('submit', reviewer, filledRecord);
		const again = step('submit', cadre, filledRecord);
		const own = step('approve', reviewer, filledRecord);
		const approve = step('approve', other, filledRecord);
		const unchanged = step('submit', cadre, filledRecord);
		const status = foldRecordReview([submit, again, own, approve, unchanged], { digest: digestOf(filledRecord), filled: true });
		expect(status.notApplied.map((n) => n.why)).toEqual(['alreadySubmitted', 'ownSubmission', 'notChanged']);
		expect(status.state).toBe('approved');
	});

	it('skips steps that do not parse, and refuses returns without reasons and approvals without a signature', () => {
		expect(() => step('return', reviewer, filledRecord)).toThrow();
		expect(() => step('approve', reviewer, filledRecord, { image: undefined })).toThrow();
		expect(foldRecordReview([{ type: 'approve' }, null, 'x'], { digest: null, filled: false }).state).toBe('draft');
	});

	it('reads the record of a campaign: the card and that campaign’s forms, without carry-over marks', () => {
		expect(inRecord('card:head', 'aug2022')).toBe(true);
		expect(inRecord(`${FORM}:s2_unsafe`, 'aug2022')).toBe(true);
		expect(inRecord('income-sheet@aug2022:lines:r1:amount', 'aug2022')).toBe(true);
		expect(inRecord('household-screening-2022@aug2021:s2_unsafe', 'aug2022')).toBe(false);
		expect(inRecord(`${FORM}:s2_unsafe__from`, 'aug2022')).toBe(false);
		expect(recordAnswers([['card:head', '赵大'], ['card:phone', null], ['x@other:q', 1]], 'aug2022')).toEqual({ 'card:head': '赵大' });
		expect(recordContent({ b: 1, a: 2 }).shown).toBe('{"a":2,"b":1}');
	});

	it('lists what changed since the last review, key by key', () => {
		expect(recordChanges({ a: 1, b: [1, 2] as unknown as string[], c: 'x' }, { a: 1, b: [2, 1] as unknown as string[], d: true })).toEqual([
			{ key: 'b', before: [1, 2], after: [2, 1] },
			{ key: 'c', before: 'x', after: undefined },
			{ key: 'd', before: undefined, after: true }
		]);
	});

	it('is stored only in the sender’s own name, in the role the step needs, with a true digest', () => {
		const submit = step('submit', cadre, filledRecord);
		expect(recordReviewRefusal(submit.id, submit, { id: cadre.id, roles: ['owner'] })).toBeNull();
		expect(recordReviewRefusal(submit.id, submit, { id: reviewer.id, roles: ['owner', 'reviewer'] })).toMatch(/own name/);
		expect(recordReviewRefusal(submit.id, submit, { id: cadre.id, roles: ['checker'] })).toMatch(/keeping group/);
		const approve = step('approve', reviewer, filledRecord);
		expect(recordReviewRefusal(approve.id, approve, { id: reviewer.id, roles: ['reviewer'] })).toBeNull();
		expect(recordReviewRefusal(approve.id, approve, { id: reviewer.id, roles: ['owner'] })).toMatch(/township reviewer/);
		expect(recordReviewRefusal(approve.id, { ...approve, shown: '{}' }, { id: reviewer.id, roles: ['reviewer'] })).toMatch(/digest/);
		expect(recordReviewRefusal('elsewhere', approve, { id: reviewer.id, roles: ['reviewer'] })).toMatch(/Malformed/);
	});
});

describe('a record key in its form’s words', () => {
	const words = { describe: '说明', row: '第{{n}}行' };
	it('names questions, descriptions and members by name', () => {
		const record: RecordAnswers = { 'card:members:r1': 0, 'card:members:r1:name': '赵二', 'card:members:r2': 1 };
		expect(keyLabel(keyMeaning('card:head', AUGUST_2022), 'zh', words)).toBe('户主姓名');
		const m = keyMeaning('card:members:r1:id_number', AUGUST_2022, record);
		expect(m.form).toBe('card');
		expect(keyLabel(m, 'zh', words)).toMatch(/^家庭成员「赵二」 · /);
		expect(keyLabel(keyMeaning('card:members:r2', AUGUST_2022, record), 'zh', words)).toBe('家庭成员第2行');
		const desc = keyMeaning(`${FORM}:s2_unsafe__desc`, AUGUST_2022);
		expect(desc.form).toBe('screening');
		expect(desc.description).toBe(true);
		expect(keyLabel(desc, 'zh', words)).toMatch(/（说明）$/);
	});
});

describe('the approvals that still hold, for the statistics', () => {
	it('counts an approved record unchanged since, with the approval’s time, and neither a reopened one nor another campaign’s', () => {
		const steps = (householdId: string, campaignId: string, record: RecordAnswers) => {
			const submit = newRecordReviewStep({ id: `s-${householdId}-${campaignId}-1`, householdId, campaignId, head: '', type: 'submit', by: cadre, record }, new Date('2022-08-10T01:00:00Z'));
			const approve = newRecordReviewStep({ id: `s-${householdId}-${campaignId}-2`, householdId, campaignId, head: '', type: 'approve', by: reviewer, image, record }, new Date('2022-08-11T01:00:00Z'));
			return [`${householdId}|${campaignId}`, [submit, approve]] as const;
		};
		const now: Record<string, RecordAnswers> = { h1: filledRecord, h2: { ...filledRecord, 'card:phone': '13800000000' }, h3: filledRecord };
		const all = new Map([steps('h1', 'aug2022', filledRecord), steps('h2', 'aug2022', filledRecord), steps('h3', 'other', filledRecord)]);
		expect([...approvedRecords(all, 'aug2022', (id) => now[id]!)]).toEqual([['h1', '2022-08-11T01:00:00.000Z']]);
	});
});

