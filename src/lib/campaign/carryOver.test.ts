import { describe, expect, it } from 'vitest';
import { DossierDoc } from '../dossier/dossierDoc';
import { AUGUST_2022, campaignFormKey, type Campaign } from './campaign';
import { carryOverPlan, previousCampaign } from './carryOver';
import { householdScreening2022 } from '../templates/official/householdScreening2022';
import { carriedKey, describeKey } from '../templates/template';
import { formState, signingBlockers } from '../templates/formState';
import { canonicalAnswers } from '../signing/signature';

const next: Campaign = { ...AUGUST_2022, id: 'mar2023', name: '2023年春季排查', startsOn: '2023-03-01', endsOn: '2023-03-31' };
const before = campaignFormKey(householdScreening2022.id, AUGUST_2022.id);
const now = campaignFormKey(householdScreening2022.id, next.id);

function village() {
	const dossier = new DossierDoc();
	dossier.init({ id: 'v1', township: '洺州镇', village: '东街村', createdBy: '王干部' });
	const a = dossier.createHousehold({ head: '刘大', type: 'lifted' }, { name: '王干部' });
	const b = dossier.createHousehold({ head: '张三', type: 'ordinary' }, { name: '王干部' });
	dossier.setAnswers([
		{ householdId: a, formKey: before, key: 's2_unsafe', value: true },
		{ householdId: a, formKey: before, key: describeKey('s2_unsafe'), value: '屋顶漏雨' },
		{ householdId: a, formKey: before, key: 's3_dropout', value: false },
		{ householdId: a, formKey: before, key: 'surveyed_on', value: '2022-08-05' },
		{ householdId: b, formKey: before, key: 's3_dropout', value: false },
		// Already answered this round: kept as it is.
		{ householdId: b, formKey: now, key: 's3_dropout', value: true }
	]);
	return { dossier, a, b };
}

describe('starting a round from the last one (减负)', () => {
	it('carries what is asked again, marks it, and leaves this round’s answers and the visit day alone', () => {
		const { dossier, a, b } = village();
		const plan = carryOverPlan(dossier, householdScreening2022, AUGUST_2022.id, next.id);
		expect(plan).toMatchObject({ households: 1, answers: 2 });
		dossier.setAnswers(plan.writes);
		const carried = dossier.answers(a, now);
		expect(carried).toMatchObject({ s2_unsafe: true, [describeKey('s2_unsafe')]: '屋顶漏雨', s3_dropout: false, [carriedKey('s2_unsafe')]: 'campaign:aug2022' });
		expect(carried.surveyed_on).toBeUndefined();
		expect(dossier.answers(b, now)).toEqual({ s3_dropout: true });
	});

	it('asks for each carried answer to be confirmed before the form is signed', () => {
		const { dossier, a } = village();
		dossier.setAnswers(carryOverPlan(dossier, householdScreening2022, AUGUST_2022.id, next.id).writes);
		const ctx = { meta: dossier.meta(), card: dossier.answers(a, 'card'), income: null };
		const sections = formState(householdScreening2022, dossier.answers(a, now), ctx);
		expect(sections.flatMap((s) => s.questions).filter((q) => q.carried).map((q) => q.question.id)).toEqual(['s2_unsafe', 's3_dropout']);
		expect(signingBlockers(sections).filter((b) => b.code === 'form.blocked.carried').map((b) => b.params)).toEqual([{ count: 1 }, { count: 1 }]);
		// Confirming removes the mark; answering again (even the same) does too.
		dossier.setAnswer(a, now, carriedKey('s2_unsafe'), undefined);
		dossier.setAnswer(a, now, 's3_dropout', false);
		expect(formState(householdScreening2022, dossier.answers(a, now), ctx).some((s) => s.carried > 0)).toBe(false);
	});

	it('binds the marks into what a signature covers, and finds the round to start from', () => {
		expect(canonicalAnswers(householdScreening2022, { s3_dropout: false, [carriedKey('s3_dropout')]: 'campaign:aug2022' })).toContain('s3_dropout__from');
		expect(previousCampaign([AUGUST_2022, next], next)?.id).toBe('aug2022');
		expect(previousCampaign([AUGUST_2022, next], AUGUST_2022)).toBeNull();
	});
});
