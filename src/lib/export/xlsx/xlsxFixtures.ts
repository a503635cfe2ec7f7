/**
 * Test fixtures for the XLSX exports: a small village dossier as cadres fill it in (three
 * households, one withdrawn; members with ID numbers, one ending in X; answers; an income sheet;
 * a signature), the village form, ledger rows, a second version of 附件1, and reading a file
 * back with exceljs. Tests only.
 */
import { DossierDoc } from '../../dossier/dossierDoc';
import { CARD_FORM } from '../../dossier/layout';
import { AUGUST_2022, campaignFormKey, campaignSchema, INCOME_SHEET, type Campaign } from '../../campaign/campaign';
import { householdScreening2022 } from '../../templates/official/householdScreening2022';
import { villageScreening2022 } from '../../templates/official/villageScreening2022';
import { defineTemplate, type Template } from '../../templates/template';
import { getTemplate } from '../../templates/registry';
import { signatureKey, signForm, SIGNATURE_IMAGE_PREFIX } from '../../signing/signature';
import { ReviewDoc } from '../../review/reviewDoc';
import { people, reviewerSigned, sampleFinding } from '../../ledger/ledgerFixtures';
import type { LedgerRow } from '../../ledger/ledgerReport';
import { ExcelJS, type Workbook } from './exceljs';

export const HEAD_ID_X = '41052219800101100X';
export const HEAD_ID_DIGITS = '410522198001011237';
export const FORM = campaignFormKey(householdScreening2022.id, AUGUST_2022.id);
export const VILLAGE_FORM = campaignFormKey(villageScreening2022.id, AUGUST_2022.id);
export const INCOME = campaignFormKey(INCOME_SHEET, AUGUST_2022.id);
export const CHECKER = { id: 'p-checker', name: '王五' };
const IMAGE = SIGNATURE_IMAGE_PREFIX + 'PHN2Zy8+';

/** A signature of a household's 附件1 made with template version `version`. */
export function signHousehold(d: DossierDoc, householdId: string, version: number, at: string, by = CHECKER, formKey = FORM): void {
	const shown = JSON.stringify({ template: `${householdScreening2022.id}@${version}`, header: {}, answers: {}, computed: {} });
	d.sign(signatureKey({ householdId }, formKey, 'checker_signature'), signForm(`sig${householdId}${version}`.replace(/[^A-Za-z0-9]/g, '').padEnd(8, '0'), shown, by, IMAGE, new Date(at)));
}

export interface Fixture {
	dossier: DossierDoc;
	ids: { zhang: string; li: string; wang: string; gone: string };
}

export function fixtureDossier(campaign: Campaign = AUGUST_2022): Fixture {
	const d = new DossierDoc();
	d.init({ id: 'export0001', township: '洺州镇', village: '东街村', createdBy: 'x', createdAt: '2022-08-01T00:00:00.000Z' });
	d.addCampaign(campaign);
	const form = campaignFormKey(householdScreening2022.id, campaign.id);
	const income = campaignFormKey(INCOME_SHEET, campaign.id);
	const at = (n: number) => ({ name: '干部', at: new Date(Date.UTC(2022, 7, 1, 0, 0, n)) });

	// 张三: lifted out of poverty; two residents (he works), a son living away; an income sheet;
	// an unsafe house described; signed.
	const zhang = d.createHousehold({ head: '张三', type: 'lifted' }, at(1), 'hZhangSan000001');
	d.setAnswer(zhang, CARD_FORM, 'group', '一组');
	d.setAnswer(zhang, CARD_FORM, 'phone', '03195551234');
	d.addRow(zhang, CARD_FORM, 'members', { name: '张三', relation: 'head', id_number: HEAD_ID_X, resident: true, able_to_work: true });
	d.addRow(zhang, CARD_FORM, 'members', { name: '李梅', relation: 'spouse', resident: true, able_to_work: false });
	d.addRow(zhang, CARD_FORM, 'members', { name: '张小三', relation: 'child', resident: false });
	d.addRow(zhang, income, 'lines', { category: 'wage', amount: 12000_00, note: '县城打工' });
	d.addRow(zhang, income, 'lines', { category: 'business', amount: 3000_00 });
	d.addRow(zhang, income, 'lines', { category: 'transfer', amount: 1500_50 });
	d.setAnswer(zhang, income, 'production_costs', 500_00);
	d.setAnswer(zhang, income, 'education', 2000_00);
	d.setAnswer(zhang, income, 'medical', 6000_01);
	d.setAnswer(zhang, form, 'surveyed_on', '2022-08-06');
	d.setAnswer(zhang, form, 's2_unsafe', true);
	d.setAnswer(zhang, form, 's2_unsafe__desc', '=屋顶漏雨，墙体开裂');
	d.setAnswer(zhang, form, 's2_unappraised', false);
	d.setAnswer(zhang, form, 's2_unappraised__desc', '旧描述，不应导出');
	d.setAnswer(zhang, form, 's2_repaired', false);
	d.setAnswer(zhang, form, 's3_college', false);
	d.setAnswer(zhang, form, 's12_knows_team', true);
	d.setAnswer(zhang, form, 's12_satisfied', false);
	d.setAnswer(zhang, form, 's12_satisfied__desc', '希望多来走访');
	signHousehold(d, zhang, 1, '2022-08-08T02:00:00.000Z');

	// 李明: ordinary; his ID number is all digits; the sheet has text in an amount; a stale
	// answer to a question the form no longer asks (the house is safe).
	const li = d.createHousehold({ head: '李明', type: 'ordinary' }, at(2), 'hLiMing00000001');
	d.addRow(li, CARD_FORM, 'members', { name: '李明', relation: 'head', id_number: HEAD_ID_DIGITS, resident: true, able_to_work: true });
	d.addRow(li, income, 'lines', { category: 'wage', amount: 20000_00 });
	d.setAnswer(li, income, 'education', '两千');
	d.setAnswer(li, form, 's2_unsafe', false);
	d.setAnswer(li, form, 's2_repaired', true);
	d.setAnswer(li, form, 's3_college', true);
	d.setAnswer(li, form, 's3_college__desc', '大学学费困难');

	// 王芳: monitored; no income sheet yet.
	const wang = d.createHousehold({ head: '王芳', type: 'monitored' }, at(3), 'hWangFang000001');
	d.addRow(wang, CARD_FORM, 'members', { name: '王芳', relation: 'head', resident: true });
	d.setAnswer(wang, form, 's2_unsafe', false);

	// A household withdrawn: never exported.
	const gone = d.createHousehold({ head: '赵六', type: 'ordinary' }, at(4), 'hZhaoLiu0000001');
	d.removeHousehold(gone, { name: '干部' }, '迁出');

	// The village form (附件2): the village's own answers.
	const village = campaignFormKey(villageScreening2022.id, campaign.id);
	d.setVillageAnswer(village, 'surveyed_on', '2022-08-10');
	d.setVillageAnswer(village, 'village_type', 'lifted');
	d.setVillageAnswer(village, 'v2_mechanism_missing', false);
	d.setVillageAnswer(village, 'v2_irregular', true);
	d.setVillageAnswer(village, 'v2_irregular__desc', '一户应纳未纳');
	d.setVillageAnswer(village, 'v4_collective_income', 3_456_700);
	d.setVillageAnswer(village, 'v5_has_projects', false);
	// A copy of the township's part an older app left in the village: not shown.
	d.setVillageAnswer(village, 't_meeting_missing', true);
	return { dossier: d, ids: { zhang, li, wang, gone } };
}

/** The township's part of 附件2 as the organisation keeps it. */
export const TOWNSHIP_ANSWERS = { t_meeting_missing: false, t_five_level_missing: false, t_organised: true, t_has_workshop: true, t_workshop_ratio_met: false };

/** Two villages' findings, one closed, one overdue. */
export function fixtureLedger(): LedgerRow[] {
	const { cadre, reviewer } = people;
	const east = new ReviewDoc('export0001');
	east.raise(sampleFinding({ id: 'f1', dossierId: 'export0001', village: '东街村', target: { kind: 'household', householdId: 'hZhangSan000001', head: '张三' }, description: '屋顶漏雨，未鉴定' }));
	east.raise(sampleFinding({ id: 'f2', dossierId: 'export0001', village: '东街村', description: '饮水有异味', deadline: '2022-08-15' }));
	east.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '已加固屋顶', evidence: ['a'.repeat(64), 'b'.repeat(64)] }, ['owner']);
	east.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
	const north = new ReviewDoc('village0002');
	north.raise(sampleFinding({ id: 'f3', dossierId: 'village0002', village: '北关村', target: { kind: 'village' }, description: '公益岗台账未建立' }));
	return [...east.entries(), ...north.entries()];
}

/** 附件1 version 2: a question added after ①, one dropped (the second ③), one reworded. */
export const householdScreeningV2: Template = defineTemplate({
	...householdScreening2022,
	version: 2,
	sections: householdScreening2022.sections.map((section) => {
		if (section.id === 's2_housing') {
			const [first, ...rest] = section.questions;
			return {
				...section,
				questions: [first!, { id: 's2_plate_missing', type: 'yesno', required: true, problemWhen: 'yes', label: { zh: '是否未悬挂住房安全标示牌', en: 'Is the housing safety plate missing?' } }, ...rest]
			};
		}
		if (section.id === 's3_education') {
			return { ...section, questions: section.questions.filter((q) => q.id !== 's3_college').map((q) => (q.id === 's3_aid_gap' ? { ...q, label: { zh: '①学生资助政策是否落实不到位', en: '① Is student aid missing?' } } : q)) };
		}
		return section;
	})
});

export const withV2 = (id: string, version: number) => (id === householdScreeningV2.id && version === 2 ? householdScreeningV2 : getTemplate(id, version));

/** The seed campaign, moved to 附件1 version 2 part-way. */
export const CAMPAIGN_V2: Campaign = campaignSchema.parse({ ...AUGUST_2022, templates: { ...AUGUST_2022.templates, household: { id: householdScreening2022.id, version: 2 } } });

export async function readBack(bytes: ArrayBuffer): Promise<Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes);
	return workbook;
}

/** The merged ranges of a sheet as written ("A1:C1"). */
export function mergesOf(workbook: Workbook, sheet: string): string[] {
	const ws = workbook.getWorksheet(sheet)!;
	return ((ws.model as { merges?: string[] }).merges ?? []).slice().sort();
}
