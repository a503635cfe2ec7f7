/**
 * XLSX export benchmark: the county's 汇总表 of a 5,000-household dossier with 150 fields per
 * household, built through the real document API and exported through the real export (the
 * campaign form's columns, show-if, computed income figures from each household's card and
 * income sheet, the dictionary, the file compressed). The form is the official 附件1 (53
 * columns with the card's) widened to 150 fields with questions of every kind, since no
 * official form has 150. Reports the time to build the rows and to write the file.
 */
import { DossierDoc } from '../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../src/lib/dossier/layout';
import { AUGUST_2022, campaignFormKey, campaignSchema, INCOME_SHEET } from '../src/lib/campaign/campaign';
import { householdScreening2022 } from '../src/lib/templates/official/householdScreening2022';
import { defineTemplate, type TemplateInput, type Template } from '../src/lib/templates/template';
import { getTemplate } from '../src/lib/templates/registry';
import { columnsOf } from '../src/lib/templates/columns';
import { householdSummaryXlsx } from '../src/lib/export/xlsx/summary';
import { xlsxWords } from '../src/lib/export/xlsx/words';

export interface ExportRow {
	households: number;
	fields: number;
	buildMs: number;
	rowsMs: number;
	fileMs: number;
	totalMs: number;
	/** CPU time of the process over the export (the main thread and the collector's): wall time on a busy machine overstates. */
	cpuMs: number;
	fileMb: number;
	cells: number;
	heapMb: number;
}

type Q = TemplateInput['sections'][number]['questions'][number];

/** The official 附件1 with extra sections of every kind of question, to `fields` columns in all. */
export function wideTemplate(fields: number): Template {
	const base = householdScreening2022;
	// 序号, 户主, 身份证号, 户类型, 村民组 lead every row; the form's own head and type are those.
	const lead = 5 - 2;
	let have = lead + columnsOf(base).length;
	const extra: TemplateInput['sections'] = [];
	for (let s = 0; have < fields; s++) {
		const questions: Q[] = [];
		for (let q = 0; q < 12 && have < fields; q++) {
			const id = `x${s}_${q}`;
			const kind = q % 6;
			const label = { zh: `附加问题${s + 1}-${q + 1}：是否存在需要进一步核实的情况`, en: `Extra ${s + 1}-${q + 1}` };
			if (kind <= 2 && have + 2 <= fields) {
				questions.push({ id, type: 'yesno', required: true, problemWhen: 'yes', label });
				have += 2;
			} else if (kind === 3) {
				questions.push({ id, type: 'money', min: 0, label: { ...label, zh: `附加金额${s + 1}-${q + 1}（元）` } });
				have++;
			} else if (kind === 4) {
				questions.push({ id, type: 'integer', min: 0, label: { ...label, zh: `附加人数${s + 1}-${q + 1}（人）` } });
				have++;
			} else {
				questions.push({
					id,
					type: 'choice',
					label: { ...label, zh: `附加类别${s + 1}-${q + 1}` },
					options: [
						{ value: 'a', label: { zh: '已落实', en: 'Done' } },
						{ value: 'b', label: { zh: '未落实', en: 'Not done' } },
						{ value: 'c', label: { zh: '不适用', en: 'N/A' } }
					]
				});
				have++;
			}
		}
		extra.push({ id: `extra${s}`, title: { zh: `${13 + s}. 附加事项${s + 1}`, en: `${13 + s}. Extra ${s + 1}` }, questions });
	}
	const sections = [...base.sections];
	sections.splice(sections.length - 1, 0, ...(extra as Template['sections']));
	return defineTemplate({ ...base, version: 99, sections });
}

function gc() {
	(globalThis as { gc?: () => void }).gc?.();
}

/**
 * Builds a dossier of `households` households (three members each, one with an ID number ending
 * in X now and then; an income sheet; every question answered, one in ten a problem described)
 * and times the 汇总表 export of `fields` columns. `onProgress` sees the export's progress.
 */
export async function exportBench(households = 5000, fields = 150, onProgress?: (done: number, total: number, phase: string) => void): Promise<ExportRow> {
	const template = wideTemplate(fields);
	const campaign = campaignSchema.parse({ ...AUGUST_2022, templates: { ...AUGUST_2022.templates, household: { id: template.id, version: template.version } } });
	const resolve = (id: string, version: number) => (id === template.id && version === template.version ? template : getTemplate(id, version));
	const t0 = performance.now();
	const dossier = new DossierDoc();
	dossier.init({ id: 'benchexport01', township: '大李庄乡', village: '冯老村', createdBy: 'bench' });
	dossier.addCampaign(campaign);
	const form = campaignFormKey(template.id, campaign.id);
	const income = campaignFormKey(INCOME_SHEET, campaign.id);
	const leaves = template.sections.flatMap((s) => s.questions).filter((q) => q.type !== 'computed' && q.type !== 'signature' && q.type !== 'repeat');
	dossier.doc.transact(() => {
		for (let i = 0; i < households; i++) {
			const id = dossier.createHousehold({ head: `户主${i}`, type: i % 3 === 0 ? 'lifted' : i % 3 === 1 ? 'monitored' : 'ordinary' }, { name: '干部', at: new Date(Date.UTC(2022, 7, 1, 0, 0, 0, i)) });
			dossier.setAnswer(id, CARD_FORM, 'group', `${(i % 9) + 1}组`);
			const idNumber = `4105221980${String(101 + (i % 900)).padStart(4, '0')}${String(i % 1000).padStart(3, '0')}${i % 11 === 0 ? 'X' : String(i % 10)}`;
			dossier.addRow(id, CARD_FORM, 'members', { name: `户主${i}`, relation: 'head', id_number: idNumber, resident: true, able_to_work: true }, undefined, `m${i}a`.padEnd(8, '0'));
			dossier.addRow(id, CARD_FORM, 'members', { name: `配偶${i}`, relation: 'spouse', resident: true, able_to_work: i % 2 === 0 }, undefined, `m${i}b`.padEnd(8, '0'));
			dossier.addRow(id, CARD_FORM, 'members', { name: `子女${i}`, relation: 'child', resident: i % 4 !== 0 }, undefined, `m${i}c`.padEnd(8, '0'));
			dossier.addRow(id, income, 'lines', { category: 'wage', amount: 600000 + i * 17 }, undefined, `l${i}a`.padEnd(8, '0'));
			dossier.addRow(id, income, 'lines', { category: 'transfer', amount: 150050 }, undefined, `l${i}b`.padEnd(8, '0'));
			dossier.setAnswer(id, income, 'medical', (i % 50) * 10000);
			dossier.setAnswer(id, form, 'surveyed_on', `2022-08-${String(6 + (i % 7)).padStart(2, '0')}`);
			leaves.forEach((q, k) => {
				if (q.type === 'yesno') {
					const problem = (i + k) % 10 === 0;
					dossier.setAnswer(id, form, q.id, q.problemWhen === 'no' ? !problem : problem);
					if (problem) dossier.setAnswer(id, form, `${q.id}__desc`, `第${k}项：入户核实发现的问题，已告知户主并登记`);
				} else if (q.type === 'money') dossier.setAnswer(id, form, q.id, (i * 31 + k) * 100 + (k % 100));
				else if (q.type === 'integer') dossier.setAnswer(id, form, q.id, (i + k) % 7);
				else if (q.type === 'choice') dossier.setAnswer(id, form, q.id, ['a', 'b', 'c'][(i + k) % 3]!);
			});
		}
	});
	const buildMs = performance.now() - t0;

	// In Node (npm run bench) the heap and CPU are measured too; in a browser's worker only time.
	const node = typeof process !== 'undefined' && typeof process.cpuUsage === 'function';
	gc();
	const before = node ? process.memoryUsage().heapUsed : 0;
	let rowsDone = 0;
	const cpu = node ? process.cpuUsage() : null;
	const t1 = performance.now();
	const file = await householdSummaryXlsx(dossier, campaign, {
		words: xlsxWords('zh'),
		resolve,
		onProgress: (done, total, phase) => {
			if (phase === 'file' && !rowsDone) rowsDone = performance.now();
			onProgress?.(done, total, phase);
		}
	});
	const end = performance.now();
	const used = cpu ? process.cpuUsage(cpu) : null;
	const heapMb = node ? (process.memoryUsage().heapUsed - before) / 1024 / 1024 : NaN;
	const columns = 5 + columnsOf(template).filter((c) => !(c.question.type === 'computed' && (c.question.compute === 'card.head' || c.question.compute === 'card.type'))).length;
	if (columns !== fields) throw new Error(`the bench form has ${columns} columns, not ${fields}`);
	return {
		households,
		fields: columns,
		buildMs,
		rowsMs: rowsDone - t1,
		fileMs: end - rowsDone,
		totalMs: end - t1,
		cpuMs: used ? (used.user + used.system) / 1000 : NaN,
		fileMb: file.bytes.byteLength / 1024 / 1024,
		cells: file.cells,
		heapMb
	};
}

/** `node --expose-gc dist/bench/exportBench.js` after `npm run build:server` with it as an entry, or from run.ts. */
export function printExport(row: ExportRow): void {
	console.table([
		{
			households: row.households,
			fields: row.fields,
			'dossier build (ms)': row.buildMs.toFixed(0),
			'rows (ms)': row.rowsMs.toFixed(0),
			'file (ms)': row.fileMs.toFixed(0),
			'export total (ms)': row.totalMs.toFixed(0),
			'export CPU (ms)': row.cpuMs.toFixed(0),
			'file (MB)': row.fileMb.toFixed(2),
			cells: row.cells,
			'heap after (MB)': row.heapMb.toFixed(0)
		}
	]);
}
