import { describe, expect, it } from 'vitest';
import { canonicalAnswers, formSignatureSchema, signatureStatus, SIGNATURE_IMAGE_PREFIX } from './signature';
import { householdScreening2022 } from '../templates/official/householdScreening2022';

const image = SIGNATURE_IMAGE_PREFIX + btoa('<svg xmlns="http://www.w3.org/2000/svg"/>');

describe('signatures', () => {
	it('cover the answers whatever their order, and not computed values', () => {
		const a = canonicalAnswers(householdScreening2022, { s2_unsafe: true, s2_unsafe__desc: '漏雨', s3_dropout: false });
		const b = canonicalAnswers(householdScreening2022, { s3_dropout: false, s2_unsafe__desc: '漏雨', s2_unsafe: true, s1_net: 5, unrelated: 'x' });
		expect(a).toBe(b);
		expect(JSON.parse(a)).toEqual({ s2_unsafe: true, s2_unsafe__desc: '漏雨', s3_dropout: false });
	});

	it('turn into "changed after signing" when an answer changes, and back when signed again', () => {
		const answers = { s2_unsafe: true };
		const signed = { by: '孙干部', at: '2022-08-08T10:00:00+08:00', image, answers: canonicalAnswers(householdScreening2022, answers) };
		expect(formSignatureSchema.parse(signed)).toEqual(signed);
		expect(signatureStatus(null, '{}')).toBe('unsigned');
		expect(signatureStatus(signed, canonicalAnswers(householdScreening2022, answers))).toBe('signed');
		expect(signatureStatus(signed, canonicalAnswers(householdScreening2022, { s2_unsafe: false }))).toBe('changedAfterSigning');
		expect(signatureStatus(signed, canonicalAnswers(householdScreening2022, { s2_unsafe: true, s2_unsafe__desc: '补充' }))).toBe('changedAfterSigning');
	});

	it('accept only SVG data URLs as images', () => {
		const base = { by: '孙', at: '2022-08-08T10:00:00+08:00', answers: '{}' };
		expect(formSignatureSchema.safeParse({ ...base, image: 'javascript:alert(1)' }).success).toBe(false);
		expect(formSignatureSchema.safeParse({ ...base, image: 'data:text/html;base64,PHNjcmlwdD4=' }).success).toBe(false);
		expect(formSignatureSchema.safeParse({ ...base, image }).success).toBe(true);
	});
});
