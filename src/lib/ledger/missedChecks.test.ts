import { describe, expect, it } from 'vitest';
import { ReviewDoc } from '../review/reviewDoc';
import { people, sampleFinding } from './ledgerFixtures';
import { missedChecks } from './missedChecks';
import { checkPassRefusal, newCheckPass, type CheckPass } from './checkPass';

const FORM = 'household-screening-2022@aug2022';
const { checker, reviewer } = people;
const other = { id: 'p-other', name: '检查员小钱' };
/** 检查员老赵 checks for group g-b in round r1 (August); 小钱 for g-c in r2 (September). */
const roundOf = (by: { id: string }) => (by.id === checker.id ? { groupId: 'g-b', roundId: 'r1' } : { groupId: 'g-c', roundId: 'r2' });
let n = 0;
const pass = (by: { id: string; name: string }, at: string, householdId = 'h1'): CheckPass =>
	newCheckPass({ id: `pass${String(++n).padStart(5, '0')}`, householdId, head: '刘大', formKey: FORM, ...roundOf(by), by, image: 'data:image/svg+xml;base64,PHN2Zy8+', shown: '{"seen":true}' }, new Date(at));
const question = (questionId: string, householdId = 'h1') => ({
	kind: 'question' as const,
	householdId,
	head: '刘大',
	formKey: FORM,
	questionId,
	question: { zh: questionId, en: questionId }
});

describe('漏查: a later finding on a question a checker passed', () => {
	it('links a county finding to the last checker’s pass before it, not a question their round had raised', () => {
		const review = new ReviewDoc('village0001');
		// The round's own finding on s2_unsafe: the checker saw that one.
		review.raise(sampleFinding({ id: 'own', target: question('s2_unsafe'), raisedAt: '2022-08-08T02:00:00.000Z' }));
		const county = { raisedBy: reviewer, role: 'reviewer' as const, source: 'county' as const, roundId: null, checkerGroupId: null, signature: { ...sampleFinding().signature, by: reviewer } };
		review.raise(sampleFinding({ id: 'missedHousing', target: question('s2_unsafe'), raisedAt: '2022-10-01T02:00:00.000Z', ...county }));
		review.raise(sampleFinding({ id: 'missedWater', target: question('s3_water'), raisedAt: '2022-10-01T02:00:00.000Z', ...county }));
		// Before anybody signed: nobody missed it.
		review.raise(sampleFinding({ id: 'early', target: question('s4_medical'), raisedAt: '2022-08-01T02:00:00.000Z', ...county }));
		// Another household, never passed.
		review.raise(sampleFinding({ id: 'elsewhere', target: question('s3_water', 'h2'), raisedAt: '2022-10-01T02:00:00.000Z', ...county }));
		const passes = [pass(checker, '2022-08-09T02:00:00.000Z'), pass(other, '2022-09-10T02:00:00.000Z')];
		const missed = missedChecks(review.entries(), passes);
		// s2_unsafe: 小钱's round (r2) raised nothing on it and passed it last; s3_water likewise.
		expect(missed.map((m) => [m.findingId, m.pass.by.name, m.pass.roundId, m.source]).sort()).toEqual([
			['missedHousing', '检查员小钱', 'r2', 'county'],
			['missedWater', '检查员小钱', 'r2', 'county']
		]);
	});

	it('passes over a pass whose round had raised the question, to the one before', () => {
		const review = new ReviewDoc('village0001');
		review.raise(sampleFinding({ id: 'r2own', target: question('s2_unsafe'), raisedBy: other, signature: { ...sampleFinding().signature, by: other }, roundId: 'r2', checkerGroupId: 'g-c', raisedAt: '2022-09-10T01:00:00.000Z' }));
		review.raise(
			sampleFinding({ id: 'later', target: question('s2_unsafe'), raisedBy: reviewer, role: 'reviewer', source: 'evaluation', roundId: null, checkerGroupId: null, signature: { ...sampleFinding().signature, by: reviewer }, raisedAt: '2022-11-01T02:00:00.000Z' })
		);
		const missed = missedChecks(review.entries(), [pass(checker, '2022-08-09T02:00:00.000Z'), pass(other, '2022-09-10T02:00:00.000Z')]);
		// The later round found what 老赵's round passed: that counts against 老赵 too.
		expect(missed.map((m) => [m.findingId, m.pass.by.name]).sort()).toEqual([
			['later', '检查员老赵'],
			['r2own', '检查员老赵']
		]);
	});

	it('is a pass only from a checker of the village, for their group, binding what they saw', () => {
		const record = pass(checker, '2022-08-09T02:00:00.000Z');
		const sender = { id: checker.id, groupId: 'g-b', roundId: 'r1', checker: true };
		expect(checkPassRefusal(record.id, record, sender)).toBeNull();
		expect(checkPassRefusal(record.id, record, { ...sender, id: other.id })).toBe('A check pass is signed by its sender');
		expect(checkPassRefusal(record.id, record, { ...sender, checker: false })).toMatch(/Only a checker/);
		expect(checkPassRefusal(record.id, record, { ...sender, groupId: 'g-c' })).toMatch(/Only a checker/);
		expect(checkPassRefusal(record.id, record, { ...sender, roundId: 'r9' })).toBe('A check pass names the round the sender checks in');
		expect(checkPassRefusal(record.id, { ...record, shown: '{"seen":false}' }, sender)).toMatch(/digest/);
		expect(checkPassRefusal('elsewhere', record, sender)).toBe('Malformed check pass');
	});
});
