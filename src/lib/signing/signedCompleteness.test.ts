import { describe, expect, it } from 'vitest';
import { formContent } from './formContent';
import { signedFormGap } from './signedCompleteness';
import { signedContent } from './signature';
import { householdIncome } from '../accounting/incomeForm';
import { allAnswered, residentCard, screeningContext, screeningForm, screeningHeader } from './signingFixtures';
import { AUGUST_2022 } from '../campaign/campaign';
import { campaignTemplate } from '../templates/registry';
import { formState, signingBlockers } from '../templates/formState';
import type { FormValue } from '../dossier/layout';

const form = screeningForm;
const village = campaignTemplate(AUGUST_2022, 'village')!;
const base = 'h1:household-screening-2022@aug2022:checker_signature';
const header = screeningHeader;
const meta = { township: '洺州镇', village: '东街村' };
const resident = residentCard;
const income = (card: Record<string, FormValue>) => screeningContext(card).income;

describe('the server tells a complete signed form from its content alone (issue 12, C3)', () => {
	it('takes a form the signer could sign, and agrees with the app on it', () => {
		const context = { meta, card: resident, income: income(resident) };
		expect(signingBlockers(formState(form, allAnswered(), context))).toEqual([]);
		expect(signedFormGap(base, formContent(form, allAnswered(), context, header))).toBeNull();
	});

	it('refuses what the app would not let anyone sign', () => {
		const context = { meta, card: resident, income: income(resident) };
		const missing = allAnswered();
		delete missing.s3_dropout;
		expect(signingBlockers(formState(form, missing, context)).map((b) => b.code)).toEqual(['form.blocked.unanswered']);
		expect(signedFormGap(base, formContent(form, missing, context, header))).toMatch(/s3_dropout answer.required/);
		// An answer that does not fit its question.
		expect(signedFormGap(base, formContent(form, { ...allAnswered(), s2_unsafe: 'maybe' }, context, header))).toMatch(/s2_unsafe/);
		// An answer carried over from the last round and not yet confirmed.
		expect(signedFormGap(base, formContent(form, { ...allAnswered(), s3_dropout__from: 'campaign:jan2022' }, context, header))).toMatch(/s3_dropout carried over/);
		// Section 1 with no income sheet: its figures are missing.
		const noSheet = { meta, card: resident, income: householdIncome(resident, {}, AUGUST_2022) };
		expect(signedFormGap(base, formContent(form, allAnswered(), noSheet, header))).toMatch(/has no figure/);
		// A member whose resident box is unanswered: the count is a guess.
		const unsure = { ...resident, members: { a: { name: '刘大', resident: true }, b: { name: '王芳' } } };
		const unsureContext = { meta, card: unsure, income: income(unsure) };
		expect(signingBlockers(formState(form, allAnswered(), unsureContext)).map((b) => b.code)).toEqual(['form.why.residentUnanswered']);
		expect(signedFormGap(base, formContent(form, allAnswered(), unsureContext, header))).toMatch(/not yet known/);
	});

	it('judges questions by the household facts the signer saw', () => {
		const ordinary = { ...resident, type: 'ordinary' };
		const answers = allAnswered();
		// The sign plate is asked of 脱贫户 and 监测户 only: an ordinary household's form is complete without it.
		delete answers.s2_sign_matches;
		const context = { meta, card: ordinary, income: income(ordinary) };
		expect(signedFormGap(base, formContent(form, answers, context, header))).toBeNull();
		// A lifted household is asked it.
		expect(signedFormGap(base, formContent(form, answers, { ...context, card: resident }, header))).toMatch(/s2_sign_matches/);
		// Content that leaves the facts out shows every question (and cannot vouch for any count).
		const lifted = formContent(form, answers, context, header, false);
		expect(signedFormGap(base, lifted)).toMatch(/not yet known/);
		const facts = JSON.parse(formContent(form, answers, context, header));
		expect(signedFormGap(base, JSON.stringify({ ...facts, household: { ...facts.household, facts: {} } }))).toMatch(/s2_sign_matches/);
	});

	it('refuses content that is not the form at the key', () => {
		const context = { meta, card: resident, income: income(resident) };
		const shown = formContent(form, allAnswered(), context, header);
		expect(signedFormGap('h1:other-form@aug2022:checker_signature', shown)).toMatch(/signs that form/);
		expect(signedFormGap('h1:household-screening-2022@aug2022:s2_unsafe', shown)).toMatch(/not a signature/);
		expect(signedFormGap('h1:household-screening-2022@aug2022', shown)).toMatch(/sits at/);
		expect(signedFormGap(base, '{"a":1}')).toMatch(/not a form/);
		expect(signedFormGap(base, 'not json')).toMatch(/not JSON/);
		expect(signedFormGap(base, shown.replace('household-screening-2022@1', 'household-screening-2022@99'))).toMatch(/not known/);
		expect(signedFormGap(base, signedContent(form, allAnswered(), {}, header, { facts: {}, headcount: null }))).toMatch(/has no figure/);
	});

	it('judges a village form (附件2) the same way', () => {
		const sections = village.sections;
		const signature = sections.flatMap((s) => s.questions).find((q) => q.type === 'signature')!;
		const key = `village:${village.id}@aug2022:${signature.id}`;
		expect(signedFormGap(key, formContent(village, {}, { meta }, header))).toMatch(/Signed incomplete/);
	});
});
