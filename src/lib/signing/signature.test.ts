import { describe, expect, it } from 'vitest';
import { canonicalAnswers, readSignature, sha256Hex, signatureRecordRefusal, signatureStatus, signedContent, signForm, SIGNATURE_IMAGE_PREFIX } from './signature';
import { householdScreening2022 } from '../templates/official/householdScreening2022';
import { completeScreening } from './signingFixtures';

const image = SIGNATURE_IMAGE_PREFIX + btoa('<svg xmlns="http://www.w3.org/2000/svg"/>');

describe('signatures', () => {
	it('cover the answers whatever their order, and not computed values', () => {
		const a = canonicalAnswers(householdScreening2022, { s2_unsafe: true, s2_unsafe__desc: '漏雨', s3_dropout: false });
		const b = canonicalAnswers(householdScreening2022, { s3_dropout: false, s2_unsafe__desc: '漏雨', s2_unsafe: true, s1_net: 5, unrelated: 'x' });
		expect(a).toBe(b);
		expect(JSON.parse(a)).toEqual({ s2_unsafe: true, s2_unsafe__desc: '漏雨', s3_dropout: false });
	});

	it('bind everything the form shows: an income line changed after signing changes a computed figure', () => {
		const answers = { s2_unsafe: true };
		const shownAt = (net: number) => signedContent(householdScreening2022, answers, { s1_net: net }, { village: '东村', household: '张三', campaign: 'aug2022' });
		const record = signForm('sig0000001', shownAt(2_400_000), { id: 'p1', name: '孙干部' }, image, new Date('2022-08-08T02:00:00Z'));
		const signature = readSignature(record)!;
		const now = (net: number, a = answers) => ({ shown: signedContent(householdScreening2022, a, { s1_net: net }, { village: '东村', household: '张三', campaign: 'aug2022' }), answers: canonicalAnswers(householdScreening2022, a) });
		expect(signatureStatus(null, now(2_400_000))).toBe('unsigned');
		expect(signatureStatus(signature, now(2_400_000))).toBe('signed');
		// 800 元 → 900 元 on the income sheet: section 1's net income moves, the signature reads changed.
		expect(signatureStatus(signature, now(2_410_000))).toBe('changedAfterSigning');
		expect(signatureStatus(signature, now(2_400_000, { s2_unsafe: false }))).toBe('changedAfterSigning');
		// A digest that is not of what the record says was shown binds nothing.
		expect(signatureStatus({ ...signature, digest: sha256Hex('something else') }, now(2_400_000))).toBe('changedAfterSigning');
	});

	it('still read layout 1’s signatures, which bound the answers alone', () => {
		const answers = { s2_unsafe: true };
		const legacy = { by: '孙干部', at: '2022-08-08T10:00:00+08:00', image, answers: canonicalAnswers(householdScreening2022, answers) };
		const signature = readSignature(legacy)!;
		expect(signature).toMatchObject({ by: { id: null, name: '孙干部' }, digest: null });
		expect(signatureStatus(signature, { shown: '', answers: canonicalAnswers(householdScreening2022, answers) })).toBe('signed');
		expect(signatureStatus(signature, { shown: '', answers: canonicalAnswers(householdScreening2022, { s2_unsafe: false }) })).toBe('changedAfterSigning');
	});

	it('are records the server takes only from the person they name, at their own key', () => {
		const me = { id: 'p1', name: '孙干部' };
		const record = signForm('sig0000001', completeScreening(), me, image);
		const form = 'h1:household-screening-2022@aug2022:checker_signature';
		expect(signatureRecordRefusal(`${form}#sig0000001`, record, me)).toBeNull();
		expect(signatureRecordRefusal(`${form}#sig0000001`, record, { id: 'p2', name: '李审核' })).toMatch(/person it names/);
		expect(signatureRecordRefusal(form, record, me)).toMatch(/its id/);
		expect(signatureRecordRefusal(`${form}#sig0000001`, { ...record, shown: '{"x":1}' }, me)).toMatch(/digest/);
		// Only a complete form is signed (signedCompleteness.test.ts has the rule itself).
		const incomplete = signForm('sig0000002', completeScreening({ surveyed_on: '2022-08-01' }), me, image);
		expect(signatureRecordRefusal(`${form}#sig0000002`, incomplete, me)).toMatch(/Signed incomplete/);
		const legacy = { by: '孙干部', at: '2022-08-08T10:00:00+08:00', image, answers: '{}' };
		expect(signatureRecordRefusal('h1:form@c:sign', legacy, me)).toBeNull();
		expect(signatureRecordRefusal('h1:form@c:sign', { ...legacy, by: '李审核' }, me)).toMatch(/person it names/);
	});

	it('accept only SVG data URLs as images', () => {
		const base = { by: '孙', at: '2022-08-08T10:00:00+08:00', answers: '{}' };
		expect(readSignature({ ...base, image: 'javascript:alert(1)' })).toBeNull();
		expect(readSignature({ ...base, image: 'data:text/html;base64,PHNjcmlwdD4=' })).toBeNull();
		expect(readSignature({ ...base, image })).not.toBeNull();
	});
});
