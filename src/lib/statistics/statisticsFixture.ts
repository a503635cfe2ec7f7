/**
 * A township of two villages for the statistics' tests, unit and browser alike: a dozen
 * households of every type and flag, forms in every state, income below the line and in the
 * band, findings in every ledger state (two overdue by their deadlines, one raised before the
 * campaign). Dates are days from `today`, so the campaign is always 19 days old with 5 to go
 * (unit tests pass today = 2022-08-20: the campaign is 8月1日–8月25日).
 *
 * Written through the documents' own APIs (DossierDoc, ReviewDoc), phase by phase, so the browser
 * test can write each phase as the person the server allows to (the keeping group writes the
 * dossier and rectifies, a checker raises, a reviewer closes). Tests only.
 *
 * The hand count is in statistics.test.ts; change one and change the other.
 */
import type { MonitoringStepKind } from '../household/monitoring';
import type { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM, type Answer, type FormValue, type HouseholdType } from '../dossier/layout';
import { campaignFormKey, campaignSchema, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import type { IncomeCategory } from '../accounting/incomeSheet';
import { householdIncome } from '../accounting/incomeForm';
import { addDays } from '../calendar/calendar';
import type { ReviewDoc } from '../review/reviewDoc';
import type { FindingInput } from '../ledger/finding';
import type { Role } from '../ledger/ledger';
import type { Actor } from '../organisation/organisation';
import { campaignTemplate } from '../templates/registry';
import { villageScreening2022 } from '../templates/official/villageScreening2022';
import { formState, signingBlockers } from '../templates/formState';
import { findQuestion, type Template } from '../templates/template';
import { formContent, formHeader } from '../signing/formContent';
import { SIGNATURE_IMAGE_PREFIX, signForm, signatureKey } from '../signing/signature';

export const FIXTURE_TOWNSHIP = '洺州镇';
export const SIGNATURE_IMAGE = SIGNATURE_IMAGE_PREFIX + btoa('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L10 10"/></svg>');

/** 19 days in, 5 to go; line 7,300 yuan; band up to 1.5 × the line (10,950 yuan). */
export function fixtureCampaign(today: string): Campaign {
	return campaignSchema.parse({
		id: 'stats-fixture',
		name: '巩固脱贫成果“八月攻坚”整改专项行动',
		startsOn: addDays(today, -19),
		endsOn: addDays(today, 5),
		povertyLineFen: 7300_00,
		monitoringFactor: 1.5,
		templates: { household: { id: 'household-screening-2022', version: 1 }, village: { id: 'village-screening-2022', version: 1 } }
	});
}

type FormStage = 'none' | 'partial' | 'complete' | 'signed' | 'changed';

interface HouseholdSpec {
	key: string;
	head: string;
	type: HouseholdType;
	flags: string[];
	/** Members: resident? (a non-resident member is a member all the same: 家庭人口). */
	members: boolean[];
	income: [IncomeCategory, number][];
	medicalFen?: number;
	form: FormStage;
	/** Day of signing, from today. */
	signedOn?: number;
	withdrawn?: boolean;
	/** Monitoring steps taken, in order, 60, 40 and 20 days ago. */
	monitoring?: MonitoringStepKind[];
	/** Who looks after the household (帮扶责任人): the keeping group's cadre, or a helper who has households in both villages. */
	caretaker?: 'cadre' | 'helper';
	/** Day its record was approved (审定), from today. */
	reviewedOn?: number;
}

interface FindingSpec {
	key: string;
	/** A household's key, or the village as a whole. */
	on: string | 'village';
	/** A question of 附件1, of the income sheet (`income:<question>`), or the household as a whole (none). */
	question?: string;
	raisedBy: 'checker' | 'reviewer';
	raisedOn: number;
	deadline: number | null;
	/** Owner's steps, then the reviewer's, each [type, day from today]. */
	owner: ['start' | 'submit', number][];
	reviewer: ['close' | 'return', number][];
}

export interface VillageSpec {
	key: 'A' | 'B';
	name: string;
	households: HouseholdSpec[];
	findings: FindingSpec[];
}

export const VILLAGE_A: VillageSpec = {
	key: 'A',
	name: '北关村',
	households: [
		{ key: 'A1', head: '刘大', type: 'lifted', flags: ['dibao'], members: [true, true, true], income: [['wage', 60000_00]], form: 'signed', signedOn: -14, caretaker: 'cadre', reviewedOn: -5 },
		{ key: 'A2', head: '王二', type: 'ordinary', flags: [], members: [true, true, true, false], income: [['wage', 100000_00]], form: 'signed', signedOn: -13, caretaker: 'cadre' },
		// Below the line: 12,000 yuan for 2 residents is 6,000 each; medical spending above the income is large.
		{ key: 'A3', head: '张三', type: 'monitored', flags: ['seriously_ill', 'low_income'], members: [true, true], income: [['transfer', 12000_00]], medicalFen: 15000_00, form: 'signed', signedOn: -12, monitoring: ['included', 'assisted'], caretaker: 'cadre', reviewedOn: -4 },
		// In the band: 9,000 yuan for 1 resident, between 7,300 and 10,950.
		{ key: 'A4', head: '李四', type: 'lifted', flags: ['elderly'], members: [true], income: [['transfer', 9000_00]], form: 'complete', monitoring: ['included', 'assisted', 'riskCleared'], caretaker: 'helper' },
		{ key: 'A5', head: '赵五', type: 'ordinary', flags: [], members: [true, true, true, true, true], income: [], form: 'partial', caretaker: 'helper' },
		{ key: 'A6', head: '钱六', type: 'ordinary', flags: ['disabled'], members: [true, true], income: [['business', 40000_00]], form: 'changed', signedOn: -13 },
		// Withdrawn: neither its caretaker nor its approval counts.
		{ key: 'A7', head: '孙七', type: 'ordinary', flags: [], members: [true, true], income: [['wage', 30000_00]], form: 'signed', signedOn: -13, withdrawn: true, caretaker: 'cadre', reviewedOn: -3 }
	],
	findings: [
		{ key: 'fA1', on: 'A1', question: 's2_unsafe', raisedBy: 'checker', raisedOn: -12, deadline: 5, owner: [['start', -10], ['submit', -8]], reviewer: [['close', -6]] },
		{ key: 'fA2', on: 'A3', question: 's4_treatment_gap', raisedBy: 'checker', raisedOn: -12, deadline: 5, owner: [['submit', -5]], reviewer: [] },
		{ key: 'fA3', on: 'A3', question: 's9_loan_unmet', raisedBy: 'checker', raisedOn: -11, deadline: -5, owner: [], reviewer: [] },
		{ key: 'fA4', on: 'A5', question: 's10_materials_gap', raisedBy: 'checker', raisedOn: -10, deadline: 5, owner: [['start', -8]], reviewer: [] },
		{ key: 'fA5', on: 'A2', raisedBy: 'checker', raisedOn: -9, deadline: -2, owner: [['submit', -4]], reviewer: [['return', -3]] },
		{ key: 'fA6', on: 'village', raisedBy: 'reviewer', raisedOn: -8, deadline: null, owner: [], reviewer: [] }
	]
};

export const VILLAGE_B: VillageSpec = {
	key: 'B',
	name: '南街村',
	households: [
		{ key: 'B1', head: '周一', type: 'monitored', flags: ['dibao', 'disabled'], members: [true, true, true], income: [['wage', 45000_00]], form: 'signed', signedOn: -14, caretaker: 'cadre', reviewedOn: -5 },
		{ key: 'B2', head: '吴二', type: 'ordinary', flags: [], members: [true, true], income: [['wage', 50000_00]], form: 'signed', signedOn: -11, caretaker: 'cadre' },
		{ key: 'B3', head: '郑三', type: 'lifted', flags: ['tekun'], members: [true], income: [['transfer', 20000_00]], form: 'signed', signedOn: -10, caretaker: 'helper' },
		// An 老人户 nobody has visited yet: 9类重点户必到 is not met for 老人户.
		{ key: 'B4', head: '冯四', type: 'ordinary', flags: ['elderly'], members: [true, true, true, true], income: [], form: 'none', caretaker: 'helper' },
		{ key: 'B5', head: '陈五', type: 'lifted', flags: ['sudden_hardship'], members: [true, true, true], income: [['wage', 40000_00]], form: 'partial' }
	],
	findings: [
		{ key: 'fB1', on: 'B1', question: 's2_unappraised', raisedBy: 'checker', raisedOn: -13, deadline: 5, owner: [['submit', -9]], reviewer: [['close', -7]] },
		{ key: 'fB2', on: 'B2', question: 's5_certified', raisedBy: 'checker', raisedOn: -11, deadline: 5, owner: [['submit', -6]], reviewer: [['close', -4]] },
		{ key: 'fB3', on: 'B3', question: 's12_knows_team', raisedBy: 'checker', raisedOn: -10, deadline: -5, owner: [], reviewer: [] },
		{ key: 'fB4', on: 'B5', question: 'income:medical', raisedBy: 'checker', raisedOn: -9, deadline: 5, owner: [['start', -7]], reviewer: [] },
		// Raised before the campaign began, on the household as a whole: not this campaign's.
		{ key: 'fB5', on: 'B4', raisedBy: 'checker', raisedOn: -40, deadline: -30, owner: [], reviewer: [] }
	]
};

/** An instant on a day from today, at 10:00 in Beijing. */
export const at = (today: string, days: number): string => `${addDays(today, days)}T02:00:00.000Z`;

/** Ids of the fixture's households and findings, unique per village (and per run, by `prefix`). */
export const fixtureId = (prefix: string, key: string): string => `${prefix}${key}`;

/** Every question the form shows answered the way that is no problem on the ground, and the day it was screened. */
function completeForm(template: Template, answers: Record<string, FormValue>, context: Parameters<typeof formState>[2], surveyedOn: string): Record<string, Answer> {
	const out: Record<string, Answer> = {};
	const all = { ...answers };
	for (let round = 0; round < 5; round++) {
		let added = false;
		for (const section of formState(template, all, context)) {
			for (const { question, value } of section.questions) {
				if (value !== undefined || !question.required) continue;
				const answer = question.type === 'yesno' ? question.problemWhen === 'no' : question.type === 'date' ? surveyedOn : undefined;
				if (answer === undefined) continue;
				out[question.id] = all[question.id] = answer;
				added = true;
			}
		}
		if (!added) break;
	}
	if (signingBlockers(formState(template, all, context)).length) throw new Error('fixture form is not complete');
	return out;
}

/**
 * The keeping group's part: the dossier's identity, the campaign, the households with their
 * cards, income sheets, forms and the checker's signatures (here the group's cadre signs).
 */
export function writeDossier(dossier: DossierDoc, spec: VillageSpec, opts: { dossierId: string; prefix: string; today: string; cadre: Actor }): void {
	const { today, cadre, prefix } = opts;
	const campaign = fixtureCampaign(today);
	dossier.init({ id: opts.dossierId, township: FIXTURE_TOWNSHIP, village: spec.name, createdBy: cadre.name, createdAt: at(today, -30) });
	dossier.addCampaign(campaign);
	const stored = dossier.campaigns().find((c) => c.id === campaign.id)!;
	const form = campaignTemplate(stored, 'household')!;
	const formKey = campaignFormKey(form.id, stored.id);
	const incomeKey = campaignFormKey(INCOME_SHEET, stored.id);
	spec.households.forEach((h, index) => {
		const id = fixtureId(prefix, h.key);
		dossier.createHousehold({ head: h.head, type: h.type }, { name: cadre.name, at: new Date(Date.parse(at(today, -30)) + index * 60_000) }, id);
		if (h.flags.length) dossier.setAnswer(id, CARD_FORM, 'flags', h.flags);
		h.members.forEach((resident, m) =>
			dossier.addRow(id, CARD_FORM, 'members', {
				name: m === 0 ? h.head : `${h.head.slice(0, 1)}成员${m}`,
				relation: m === 0 ? 'head' : 'child',
				resident,
				able_to_work: resident,
				health: 'healthy'
			})
		);
		for (const [category, amount] of h.income) dossier.addRow(id, incomeKey, 'lines', { category, amount });
		if (h.medicalFen) dossier.setAnswer(id, incomeKey, 'medical', h.medicalFen);
		(h.monitoring ?? []).forEach((step, n) =>
			dossier.addMonitoringStep({ id: fixtureId(prefix, `monitoring-${h.key}-${n}`), householdId: id, step, on: addDays(today, -60 + n * 20), reason: '监测记录', by: { id: cadre.id ?? 'cadre', name: cadre.name }, at: at(today, -60 + n * 20) })
		);

		if (h.form === 'none') return;
		const card = dossier.answers(id, CARD_FORM);
		const context = { meta: dossier.meta(), card, income: householdIncome(card, dossier.answers(id, incomeKey), stored) };
		const surveyedOn = addDays(today, h.signedOn ?? -12);
		if (h.form === 'partial') {
			dossier.setAnswer(id, formKey, 'surveyed_on', surveyedOn);
			dossier.setAnswer(id, formKey, 's2_unsafe', false);
			return;
		}
		for (const [question, value] of Object.entries(completeForm(form, {}, context, surveyedOn))) dossier.setAnswer(id, formKey, question, value);
		if (h.form === 'complete') return;
		const answers = dossier.answers(id, formKey);
		const shown = formContent(form, answers, context, formHeader(dossier.meta(), card['head'], stored));
		dossier.sign(signatureKey({ householdId: id }, formKey, 'checker_signature'), signForm(fixtureId(prefix, `signature-${h.key}`), shown, cadre, SIGNATURE_IMAGE, new Date(at(today, h.signedOn ?? -12))));
		// Found untidy after the signature: the form now says what nobody signed.
		if (h.form === 'changed') dossier.setAnswer(id, formKey, 's11_untidy', true);
		if (h.withdrawn) dossier.removeHousehold(id, { name: cadre.name, id: cadre.id }, '户籍迁出');
	});
}

export interface FixtureFinders {
	checker: Actor;
	/** The checking group (the checker's) and the round it checks in. */
	checkerGroupId: string;
	roundId: string;
	reviewer: Actor;
}

/** A finding as the checker (or reviewer) raises and signs it. */
export function findingInput(spec: VillageSpec, finding: FindingSpec, opts: { dossierId: string; prefix: string; today: string } & FixtureFinders): FindingInput {
	const { today, prefix } = opts;
	const campaign = fixtureCampaign(today);
	const form = campaignTemplate(campaign, 'household')!;
	const by = finding.raisedBy === 'checker' ? opts.checker : opts.reviewer;
	const household = spec.households.find((h) => h.key === finding.on);
	let target: FindingInput['target'];
	let category: FindingInput['category'];
	if (!household) {
		const section = villageScreening2022.sections.find((s) => s.id === 'v2_monitoring')!;
		target = { kind: 'village' };
		category = { id: section.id, label: section.title };
	} else if (!finding.question) {
		target = { kind: 'household', householdId: fixtureId(prefix, household.key), head: household.head };
		category = { id: 'other', label: { zh: '其他', en: 'Other' } };
	} else if (finding.question.startsWith('income:')) {
		const questionId = finding.question.slice('income:'.length);
		target = {
			kind: 'question',
			householdId: fixtureId(prefix, household.key),
			head: household.head,
			formKey: campaignFormKey(INCOME_SHEET, campaign.id),
			questionId,
			question: { zh: '医疗合规报销后自付费用（元）', en: 'Medical costs out of pocket after reimbursement (yuan)' }
		};
		category = { id: 'spending', label: { zh: '支出', en: 'Spending' } };
	} else {
		const section = form.sections.find((s) => s.questions.some((q) => q.id === finding.question))!;
		target = {
			kind: 'question',
			householdId: fixtureId(prefix, household.key),
			head: household.head,
			formKey: campaignFormKey(form.id, campaign.id),
			questionId: finding.question,
			question: findQuestion(form, finding.question)!.label
		};
		category = { id: section.id, label: section.title };
	}
	return {
		id: fixtureId(prefix, finding.key),
		dossierId: opts.dossierId,
		village: spec.name,
		target,
		category,
		description: `${finding.key}：问题描述`,
		evidence: [],
		raisedBy: by,
		raisedAt: at(today, finding.raisedOn),
		role: finding.raisedBy,
		roundId: finding.raisedBy === 'checker' ? opts.roundId : null,
		checkerGroupId: finding.raisedBy === 'checker' ? opts.checkerGroupId : null,
		signature: { by, at: at(today, finding.raisedOn), image: SIGNATURE_IMAGE },
		deadline: finding.deadline === null ? null : addDays(today, finding.deadline),
		responsible: null
	};
}

/** The findings `who` raised in a village. */
export function raiseFindings(review: ReviewDoc, spec: VillageSpec, who: 'checker' | 'reviewer', opts: { dossierId: string; prefix: string; today: string } & FixtureFinders): void {
	for (const finding of spec.findings) if (finding.raisedBy === who) review.raise(findingInput(spec, finding, opts));
}

/** The keeping group's steps (开始整改, 提交整改), or the reviewer's (销号, 退回), on every finding. */
export function takeSteps(review: ReviewDoc, spec: VillageSpec, role: Extract<Role, 'owner' | 'reviewer'>, opts: { prefix: string; today: string; actor: Actor }): void {
	for (const finding of spec.findings) {
		for (const [type, day] of role === 'owner' ? finding.owner : finding.reviewer) {
			review.transition(
				fixtureId(opts.prefix, finding.key),
				{
					type,
					by: opts.actor,
					role,
					at: at(opts.today, day),
					...(type === 'submit' ? { measure: '已整改到位' } : {}),
					...(type === 'return' ? { reason: '佐证材料不全' } : {}),
					...(type === 'close' || type === 'return' ? { image: SIGNATURE_IMAGE } : {})
				},
				[role]
			);
		}
	}
}

/** Who looks after each household (帮扶责任人), as the statistics are given it: householdId → personId. */
export function fixtureCaretakers(spec: VillageSpec, prefix: string, people: Record<'cadre' | 'helper', string>): Map<string, string> {
	return new Map(spec.households.flatMap((h) => (h.caretaker ? [[fixtureId(prefix, h.key), people[h.caretaker]] as const] : [])));
}

/** The households whose record was approved (审定), as the statistics are given them: householdId → when. */
export function fixtureReviewed(spec: VillageSpec, prefix: string, today: string): Map<string, string> {
	return new Map(spec.households.flatMap((h) => (h.reviewedOn !== undefined ? [[fixtureId(prefix, h.key), at(today, h.reviewedOn)] as const] : [])));
}
