import { describe, expect, it } from 'vitest';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { AUGUST_2022, campaignFormKey } from './campaign';
import { departmentListPlan, listQuestions, listValues, maskId, type ListQuestion } from './departmentList';
import { householdScreening2022 } from '../templates/official/householdScreening2022';
import { carriedKey } from '../templates/template';
import { formState, signingBlockers } from '../templates/formState';
import { checkCharacter } from '../household/residentId';
import { ImportJob } from '../import/importJob';

const id = (first17: string) => first17 + checkCharacter(first17);
const HEAD = id('41010219800101001');
const CHILD = id('41010220100909003');
/** Ends in X: a list may write it in lower case. */
const PUPIL = '41010219900303005X';
const OTHER = id('41010219700707004');
const STRANGER = id('41010219850505002');
const form = campaignFormKey(householdScreening2022.id, AUGUST_2022.id);
const LIST = '2022年春季学期资助学生名单';

function village() {
	const dossier = new DossierDoc();
	dossier.init({ id: 'v1', township: '洺州镇', village: '东街村', createdBy: '王干部' });
	const liu = dossier.createHousehold({ head: '刘大', type: 'lifted' }, { name: '王干部' });
	const zhang = dossier.createHousehold({ head: '张三', type: 'ordinary' }, { name: '王干部' });
	const wang = dossier.createHousehold({ head: '王五', type: 'ordinary' }, { name: '王干部' });
	const chen = dossier.createHousehold({ head: '陈六', type: 'ordinary' }, { name: '王干部' });
	dossier.addRow(liu, CARD_FORM, 'members', { name: '刘大', relation: 'head', id_number: HEAD });
	dossier.addRow(liu, CARD_FORM, 'members', { name: '刘小', relation: 'child', id_number: CHILD });
	dossier.addRow(zhang, CARD_FORM, 'members', { name: '张三', relation: 'head', id_number: OTHER });
	dossier.addRow(wang, CARD_FORM, 'members', { name: '王五', relation: 'head', id_number: PUPIL });
	// Chen's member has no ID number yet: never matched.
	dossier.addRow(chen, CARD_FORM, 'members', { name: '陈六', relation: 'head' });
	return { dossier, liu, zhang, wang, chen };
}

describe('prefilling a campaign’s forms from a department’s list (减负)', () => {
	it('matches by the ID number of any member on the card, and marks what it writes', () => {
		const { dossier, liu, zhang, wang, chen } = village();
		// The child (not the head) is on the school's list; Wang's ID is listed with a lower-case x.
		const plan = departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [CHILD, ` ${PUPIL.toLowerCase()} `, STRANGER, CHILD], 's3_aid_gap', false, ` ${LIST} `);
		expect(plan).toMatchObject({ households: 2, matchedHouseholds: 2, answered: 0, notAsked: 0 });
		expect(plan.matched).toEqual([CHILD, PUPIL]);
		expect(plan.unmatched).toEqual([STRANGER]);
		dossier.setAnswers(plan.writes);
		for (const household of [liu, wang]) expect(dossier.answers(household, form)).toEqual({ s3_aid_gap: false, [carriedKey('s3_aid_gap')]: `list:${LIST}` });
		for (const household of [zhang, chen]) expect(dossier.answers(household, form)).toEqual({});
	});

	it('matches the head as well, and never overwrites an answer given', () => {
		const { dossier, liu, zhang } = village();
		dossier.setAnswer(zhang, form, 's3_aid_gap', true);
		// Another campaign's answer is not this campaign's.
		dossier.setAnswer(liu, campaignFormKey(householdScreening2022.id, 'mar2023'), 's3_aid_gap', true);
		const plan = departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [HEAD, OTHER], 's3_aid_gap', false, LIST);
		expect(plan).toMatchObject({ households: 1, matchedHouseholds: 2, answered: 1, matched: [HEAD, OTHER], unmatched: [] });
		dossier.setAnswers(plan.writes);
		expect(dossier.answers(zhang, form)).toEqual({ s3_aid_gap: true });
		expect(dossier.answer(liu, form, 's3_aid_gap')).toBe(false);
	});

	it('leaves a household whose form does not ask the question, and refuses what the form cannot answer', () => {
		const { dossier } = village();
		// 标示牌 is asked of lifted and monitored households only: Liu is lifted, Zhang is not.
		const plan = departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [HEAD, OTHER], 's2_sign_matches', true, '标示牌核查名单');
		expect(plan).toMatchObject({ households: 1, matchedHouseholds: 2, notAsked: 1 });
		expect(() => departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [HEAD], 's1_below_line', true, LIST)).toThrow();
		expect(() => departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [HEAD], 's3_aid_gap', '是', LIST)).toThrow();
		expect(() => departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [HEAD], 's3_aid_gap', false, '  ')).toThrow();
	});

	it('offers the yes/no and single-choice questions a cadre answers, not dates, figures or signatures', () => {
		const offered = listQuestions(householdScreening2022).map((q) => q.id);
		expect(offered).toContain('s3_aid_gap');
		expect(offered).toContain('s4_insurance_known');
		for (const not of ['surveyed_on', 's1_below_line', 's1_net', 'checker_signature']) expect(offered).not.toContain(not);
		expect(listValues(listQuestions(householdScreening2022)[0]!)).toEqual([
			{ value: true, label: null },
			{ value: false, label: null }
		]);
		const choice: ListQuestion = { id: 'x', type: 'choice', label: { zh: '类', en: 'kind' }, options: [{ value: 'a', label: { zh: '甲', en: 'A' } }] };
		expect(listValues(choice)).toEqual([{ value: 'a', label: { zh: '甲', en: 'A' } }]);
	});

	it('asks for a prefilled answer to be confirmed before the form is signed', () => {
		const { dossier, liu } = village();
		dossier.setAnswers(departmentListPlan(dossier, householdScreening2022, AUGUST_2022.id, [HEAD], 's3_aid_gap', false, LIST).writes);
		const ctx = { meta: dossier.meta(), card: dossier.answers(liu, CARD_FORM), income: null };
		const sections = formState(householdScreening2022, dossier.answers(liu, form), ctx);
		expect(sections.flatMap((s) => s.questions).filter((q) => q.carried).map((q) => [q.question.id, q.carried])).toEqual([['s3_aid_gap', `list:${LIST}`]]);
		expect(signingBlockers(sections).some((b) => b.code === 'form.blocked.carried')).toBe(true);
	});

	it('masks an ID number shown for privacy', () => {
		expect(maskId('410102199003030051')).toBe('4101********0051');
		expect(maskId('41010219900303005x')).toBe('4101********005X');
	});
});

describe('the ID numbers of a list’s column (ImportJob.idsIn)', () => {
	it('reads each as the card keeps it and says why a cell is refused', () => {
		const csv = [
			'2022年春季学期资助学生名单',
			'序号,姓名,学校,身份证号',
			`1,刘小,东街小学,${CHILD}`,
			`2,王五,东街中学,${PUPIL.toLowerCase()}`,
			// Full-width digits typed with a Chinese input method.
			`3,张三,东街中学,${[...OTHER].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('')}`,
			`4,李四,东街中学,${HEAD.slice(0, 17)}${HEAD.endsWith('1') ? '2' : '1'}`,
			'5,赵七,东街中学,4.10102E+17',
			'6,钱八,东街中学,'
		].join('\n');
		const job = new ImportJob();
		const read = job.read(new TextEncoder().encode(csv), '资助名单.csv');
		if (!read.ok) throw new Error(read.code);
		const column = read.columns.find((c) => c.title === '身份证号')!.index;
		expect(read.mapping['member.id_number']).toBe(column);
		const { ids, refused } = job.idsIn(column);
		expect(ids).toEqual([
			{ row: 3, idNumber: CHILD },
			{ row: 4, idNumber: PUPIL },
			{ row: 5, idNumber: OTHER }
		]);
		expect(refused.map((r) => [r.row, r.column?.letter, r.code])).toEqual([
			[6, 'D', 'answer.id_checksum'],
			[7, 'D', 'import.cell.idAsNumber']
		]);
		expect(() => new ImportJob().idsIn(0)).toThrow();
	});
});
