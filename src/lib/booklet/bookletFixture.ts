/**
 * A village for the booklet's tests: households with and without an income sheet, a signed form,
 * a form changed after signing, findings in several states (one closed with 销号), a village form
 * signed, a withdrawn household, and people named differently by the organisation than by the
 * records they signed. Tests only.
 */
import * as Y from 'yjs';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM, type Answer, type FormValue, type HouseholdType } from '../dossier/layout';
import { AUGUST_2022, campaignFormKey, campaignSchema, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { householdIncome } from '../accounting/incomeForm';
import { ReviewDoc } from '../review/reviewDoc';
import type { FindingInput } from '../ledger/finding';
import { OrganisationDoc } from '../organisation/organisationDoc';
import { campaignTemplate } from '../templates/registry';
import { formState, signingBlockers } from '../templates/formState';
import { findQuestion, type Template } from '../templates/template';
import type { ComputeContext } from '../templates/computations';
import { formContent, formHeader } from '../signing/formContent';
import { SIGNATURE_IMAGE_PREFIX, signForm, signatureKey } from '../signing/signature';

export const DOSSIER_ID = 'bookletVillage01';
export const SIGNATURE = SIGNATURE_IMAGE_PREFIX + btoa('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L10 10"/></svg>');
export const photo = (n: number) => n.toString(16).padStart(64, '0');

/** People as the records name them (the sender's words) and as the organisation names them now. */
export const PEOPLE = {
	cadre: { id: 'cadre0001', name: '王干部' },
	checker: { id: 'checker01', name: '赵检查' },
	reviewer: { id: 'review001', name: '李审核' }
};
export const ORG_NAMES = { cadre0001: '王建国', checker01: '赵检查', review001: '李审核' } as Record<string, string>;

/** Everything answered as "no problem", the day screened, and any choice its first option. */
export function completeForm(template: Template, context: Omit<ComputeContext, 'answers'>, given: Record<string, Answer> = {}): Record<string, Answer> {
	const all: Record<string, FormValue> = { ...given };
	for (let round = 0; round < 6; round++) {
		let added = false;
		for (const section of formState(template, all, context)) {
			for (const { question, value } of section.questions) {
				if (value !== undefined || !question.required) continue;
				let answer: Answer | undefined;
				if (question.type === 'yesno') answer = question.problemWhen === 'no';
				else if (question.type === 'date') answer = '2022-08-06';
				else if (question.type === 'choice') answer = question.options[0]!.value;
				else if (question.type === 'money' || question.type === 'integer') answer = 0;
				else if (question.type === 'text') answer = '无';
				if (answer === undefined) continue;
				all[question.id] = answer;
				added = true;
			}
		}
		if (!added) break;
	}
	const blockers = signingBlockers(formState(template, all, context)).filter((b) => b.sectionId !== 'signoff');
	if (blockers.length) throw new Error(`fixture form incomplete: ${JSON.stringify(blockers)}`);
	return all as Record<string, Answer>;
}

interface HouseholdSpec {
	head: string;
	type: HouseholdType;
	group: string;
	members: string[];
	income: [string, number, string[]][];
	form: 'none' | 'signed' | 'changed';
}

export const HOUSEHOLDS = {
	// 二组 first as entered, to show households are filed by 村民组.
	wang: { head: '王二', type: 'ordinary', group: '2组', members: ['王二', '王妻'], income: [], form: 'none' },
	liu: {
		head: '刘大',
		type: 'lifted',
		group: '1组',
		members: ['刘大', '刘妻', '刘小'],
		income: [
			['wage', 36000_00, [photo(1), photo(2)]],
			['transfer', 2400_00, []],
			['business', 8000_00, [photo(3)]]
		],
		form: 'signed'
	},
	zhang: { head: '张三', type: 'monitored', group: '1组', members: ['张三'], income: [['transfer', 9000_00, []]], form: 'changed' },
	gone: { head: '孙七', type: 'ordinary', group: '1组', members: ['孙七'], income: [], form: 'none' },
	nogroup: { head: '周八', type: 'ordinary', group: '', members: ['周八'], income: [], form: 'none' }
} satisfies Record<string, HouseholdSpec>;
type HouseholdKey = keyof typeof HOUSEHOLDS;

export interface BookletFixture {
	dossier: DossierDoc;
	review: ReviewDoc;
	org: OrganisationDoc;
	campaign: Campaign;
	ids: Record<HouseholdKey, string>;
	findings: { closed: string; open: string; village: string; earlier: string; otherCampaign: string };
}

/** The campaign after AUGUST_2022, for findings that belong to another volume. */
export const LATER: Campaign = campaignSchema.parse({ ...AUGUST_2022, id: 'dec2022', name: '冬季回头看', startsOn: '2022-12-01', endsOn: '2022-12-20' });

export function bookletFixture(): BookletFixture {
	const dossier = new DossierDoc(new Y.Doc());
	dossier.init({ id: DOSSIER_ID, township: '洺州镇', village: '北关村', createdBy: PEOPLE.cadre.name, createdAt: '2022-07-30T02:00:00.000Z' });
	dossier.addCampaign(AUGUST_2022);
	dossier.addCampaign(LATER);
	const campaign = dossier.campaigns().find((c) => c.id === AUGUST_2022.id)!;
	const form = campaignTemplate(campaign, 'household')!;
	const formKey = campaignFormKey(form.id, campaign.id);
	const incomeKey = campaignFormKey(INCOME_SHEET, campaign.id);
	const ids = {} as Record<HouseholdKey, string>;
	let minute = 0;
	for (const [key, h] of Object.entries(HOUSEHOLDS) as [HouseholdKey, HouseholdSpec][]) {
		const id = dossier.createHousehold({ head: h.head, type: h.type }, { name: PEOPLE.cadre.name, at: new Date(Date.parse('2022-08-01T02:00:00Z') + minute++ * 60_000) }, `hh${key}0000`.slice(0, 12));
		ids[key] = id;
		if (h.group) dossier.setAnswer(id, CARD_FORM, 'group', h.group);
		if (key === 'liu') dossier.setAnswer(id, CARD_FORM, 'flags', ['dibao', 'elderly']);
		h.members.forEach((name, m) =>
			dossier.addRow(id, CARD_FORM, 'members', { name, relation: m === 0 ? 'head' : 'child', resident: true, able_to_work: true, ...(key === 'liu' && m === 0 ? { id_number: '11010519491231002X' } : {}) })
		);
		for (const [category, amount, proof] of h.income) dossier.addRow(id, incomeKey, 'lines', { category, amount, note: `${category}说明`, ...(proof.length ? { proof } : {}) });
		if (h.form === 'none') continue;
		const card = dossier.answers(id, CARD_FORM);
		const context = { meta: { township: '洺州镇', village: '北关村' }, card, income: householdIncome(card, dossier.answers(id, incomeKey), campaign) };
		for (const [question, value] of Object.entries(completeForm(form, context))) dossier.setAnswer(id, formKey, question, value);
		const shown = formContent(form, dossier.answers(id, formKey), context, formHeader(dossier.meta(), card['head'], campaign));
		dossier.sign(signatureKey({ householdId: id }, formKey, 'checker_signature'), signForm(`sig${key}000000`, shown, PEOPLE.cadre, SIGNATURE, new Date('2022-08-08T03:00:00Z')));
		if (h.form === 'changed') dossier.setAnswer(id, formKey, 's11_untidy', true);
	}
	dossier.removeHousehold(ids.gone, { name: PEOPLE.cadre.name, id: PEOPLE.cadre.id }, '户籍迁出');

	// The village form, signed; the township's part comes from the organisation.
	const village = campaignTemplate(campaign, 'village')!;
	const villageKey = campaignFormKey(village.id, campaign.id);
	const org = new OrganisationDoc(new Y.Doc());
	const townshipSection = village.sections.find((s) => s.level === 'township')!;
	for (const q of townshipSection.questions) if (q.type === 'yesno') org.setTownshipAnswer(villageKey, q.id, q.problemWhen === 'no');
	const villageContext = { meta: { township: '洺州镇', village: '北关村' } };
	const villageAnswers = completeForm(village, villageContext, org.townshipAnswers(villageKey));
	for (const [question, value] of Object.entries(villageAnswers)) if (!townshipSection.questions.some((q) => q.id === question)) dossier.setVillageAnswer(villageKey, question, value);
	const villageShown = formContent(village, villageAnswers, villageContext, formHeader(dossier.meta(), null, campaign));
	dossier.sign(signatureKey('village', villageKey, 'checker_signature'), signForm('sigvillage0001', villageShown, PEOPLE.cadre, SIGNATURE, new Date('2022-08-09T03:00:00Z')));

	org.saveGroup({ id: 'group0001', name: '第一责任组', createdAt: '2022-07-01T00:00:00.000Z', dissolvedAt: null });
	for (const [id, name] of Object.entries(ORG_NAMES)) org.savePerson({ id, name, phone: '', groupId: id === 'review001' ? null : 'group0001', reviewer: id === 'review001', leftAt: null });
	org.saveVillage({ dossierId: DOSSIER_ID, name: '北关村', groupId: 'group0001' });
	org.setCaretaker(DOSSIER_ID, ids.liu, PEOPLE.cadre.id);

	const review = new ReviewDoc(DOSSIER_ID, new Y.Doc());
	const finding = (id: string, over: Partial<FindingInput>): FindingInput => ({
		id,
		dossierId: DOSSIER_ID,
		village: '北关村',
		target: { kind: 'household', householdId: ids.liu, head: '刘大' },
		category: { id: 'other', label: { zh: '其他', en: 'Other' } },
		description: `${id} 问题描述`,
		evidence: [],
		raisedBy: PEOPLE.checker,
		raisedAt: '2022-08-10T02:00:00.000Z',
		role: 'checker',
		roundId: null,
		checkerGroupId: null,
		signature: { by: PEOPLE.checker, at: '2022-08-10T02:00:00.000Z', image: SIGNATURE },
		deadline: '2022-08-25',
		responsible: null,
		...over
	});
	const unsafe = findQuestion(form, 's2_unsafe')!;
	review.raise(
		finding('findClosed', {
			target: { kind: 'question', householdId: ids.liu, head: '刘大', formKey, questionId: 's2_unsafe', question: unsafe.label },
			category: { id: 's2_housing', label: form.sections.find((s) => s.id === 's2_housing')!.title },
			description: '屋顶漏雨，墙体开裂',
			evidence: [photo(10)],
			raisedAt: '2022-08-11T02:00:00.000Z'
		})
	);
	review.transition('findClosed', { type: 'start', by: PEOPLE.cadre, role: 'owner', at: '2022-08-12T02:00:00.000Z' }, ['owner']);
	review.transition('findClosed', { type: 'submit', by: PEOPLE.cadre, role: 'owner', at: '2022-08-13T02:00:00.000Z', measure: '已修补屋顶', evidence: [photo(11)] }, ['owner']);
	review.transition('findClosed', { type: 'return', by: PEOPLE.reviewer, role: 'reviewer', at: '2022-08-14T02:00:00.000Z', reason: '未见鉴定报告', image: SIGNATURE }, ['reviewer']);
	review.transition('findClosed', { type: 'submit', by: PEOPLE.cadre, role: 'owner', at: '2022-08-15T02:00:00.000Z', measure: '已鉴定为C级并加固', evidence: [photo(12), photo(13)] }, ['owner']);
	review.transition('findClosed', { type: 'close', by: PEOPLE.reviewer, role: 'reviewer', at: '2022-08-16T02:00:00.000Z', image: SIGNATURE }, ['reviewer']);
	review.raise(finding('findOpen', { description: '明白卡未张贴', raisedAt: '2022-08-12T02:00:00.000Z' }));
	review.raise(finding('findVillage', { target: { kind: 'village' }, description: '村级公示栏未更新', raisedAt: '2022-08-12T03:00:00.000Z' }));
	// Raised on the household as a whole before any campaign began: the first campaign's.
	review.raise(finding('findEarlier', { description: '户档案缺页', raisedAt: '2022-07-20T02:00:00.000Z', deadline: null }));
	// On the later campaign's form: that campaign's volume, not this one's.
	review.raise(
		finding('findLater', {
			target: { kind: 'question', householdId: ids.liu, head: '刘大', formKey: campaignFormKey(form.id, LATER.id), questionId: 's2_unsafe', question: unsafe.label },
			raisedAt: '2022-08-20T02:00:00.000Z'
		})
	);
	return { dossier, review, org, campaign, ids, findings: { closed: 'findClosed', open: 'findOpen', village: 'findVillage', earlier: 'findEarlier', otherCampaign: 'findLater' } };
}
