/**
 * The county's 汇总表 of 附件1: every household of a dossier in rows, the campaign form's
 * questions in columns (the union of every template version the campaign used), a two-row
 * header with each section merged over its questions, the header rows and the first columns
 * (序号, 户主, 身份证号) frozen, and the data dictionary beside it.
 *
 * A cell reads what the household's form shows: a question its form does not ask (show-if) or
 * its template version does not have is empty, a problem description only beside an answer
 * flagged as a problem, computed figures from the card and the income sheet.
 */
import type { DossierDoc } from '../../dossier/dossierDoc';
import type { Answer, FormValue } from '../../dossier/layout';
import type { Campaign } from '../../campaign/campaign';
import { localDay } from '../../calendar/calendar';
import { evaluate } from '../../templates/conditions';
import { factsOf, isFlagged, questionValue } from '../../templates/formState';
import type { LeafQuestion, Template } from '../../templates/template';
import { answerCell, columnKind, descriptionCell, questionEntry } from './cells';
import { FROZEN_LEADING, householdsToExport, leadingCells, leadingColumns, readHousehold } from './households';
import { Progress, writeTable, type TableColumn, type XlsxCell } from './sheet';
import { campaignForm, type CampaignFormOptions, type VersionedColumn } from './versions';
import { dictionaryRows, finish, newWorkbook, writeDictionary, type ExportOptions, type XlsxFile } from './workbook';
import type { XlsxWords } from './words';

export interface HouseholdExportOptions extends ExportOptions, CampaignFormOptions {}

/** The form's own copy of the head and type: already the leading columns (as the grid has them). */
const repeatsLeading = (column: VersionedColumn) => column.question.type === 'computed' && (column.question.compute === 'card.head' || column.question.compute === 'card.type');

/** The leaf questions of a template by id, built once per template. */
const leafCache = new WeakMap<Template, Map<string, LeafQuestion>>();
export function leavesOf(template: Template): Map<string, LeafQuestion> {
	let leaves = leafCache.get(template);
	if (!leaves) {
		leaves = new Map();
		for (const section of template.sections) for (const q of section.questions) if (q.type !== 'repeat') leaves.set(q.id, q);
		leafCache.set(template, leaves);
	}
	return leaves;
}

/** The facts line under a title: 乡镇、村、排查活动 … joined as one line. */
export function infoLine(parts: (string | null | undefined)[], words: XlsxWords): string {
	return parts.filter((p): p is string => !!p).join(words.locale === 'zh' ? '\u3000\u3000' : '    ');
}

/**
 * The facts line of a dossier's export: township, village, campaign, what `extra` adds, and when
 * it was exported.
 */
export function dossierInfo(meta: { township: string; village: string } | null, campaign: Campaign, words: XlsxWords, now: Date, extra: string[] = []): string {
	return infoLine(
		[
			meta?.township && words.t('export.info.township', { name: meta.township }),
			meta?.village && words.t('export.info.village', { name: meta.village }),
			words.t('export.info.campaign', { name: campaign.name }),
			...extra,
			words.t('export.info.exportedAt', { when: words.dateTime(now) })
		],
		words
	);
}

/** A campaign form's union columns as table columns, each with its dictionary entry. */
export function formColumns(columns: readonly VersionedColumn[], templateId: string, versionCount: number, words: XlsxWords, notes: (column: VersionedColumn) => string[] = () => []): TableColumn[] {
	return columns.map((column) => {
		const own = notes(column);
		if (column.versions.length < versionCount) own.push(words.t('export.note.onlyIn', { versions: column.versions.map((v) => `@${v}`).join('、') }));
		return {
			header: words.label(column.label),
			group: words.label(column.section),
			kind: columnKind(column.question, column.description),
			dictionary: questionEntry(column, { id: templateId }, column.versions, words, own)
		};
	});
}

export async function householdSummaryXlsx(dossier: DossierDoc, campaign: Campaign, options: HouseholdExportOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const households = householdsToExport(dossier, options.householdIds);
	const form = campaignForm(dossier, campaign, 'household', { ...options, householdIds: households.map((h) => h.id) });
	const columns = form.columns.filter((c) => !repeatsLeading(c));
	const meta = dossier.meta();
	const workbook = newWorkbook(words, now);
	const progress = new Progress(households.length, options.onProgress);

	const tableColumns = [...leadingColumns(words), ...formColumns(columns, form.templateId, form.templates.length, words)];
	const info = dossierInfo(meta, campaign, words, now, [words.t('export.info.households', { count: households.length })]);

	const row = (i: number): XlsxCell[] => {
		const household = readHousehold(dossier, households[i]!, campaign, form.formKey, meta);
		const template = form.templateFor(household.summary.id);
		const leaves = leavesOf(template);
		const answers = household.form;
		const plain = answers as Record<string, Answer>;
		const facts = factsOf({ ...household.context, answers: plain });
		const values = new Map<string, FormValue | undefined>();
		const valueOf = (q: LeafQuestion) => {
			if (!values.has(q.id)) values.set(q.id, questionValue(q, answers, household.context));
			return values.get(q.id);
		};
		const cells = leadingCells(i, household, words);
		for (const column of columns) {
			const question = form.has(template, column.key) ? leaves.get(column.question.id) : undefined;
			if (!question || !evaluate(question.showIf, plain, facts)) {
				cells.push(null);
				continue;
			}
			if (column.description) cells.push(isFlagged(question, valueOf(question)) ? descriptionCell(answers[column.key]) : null);
			else cells.push(answerCell(question, valueOf(question), words));
		}
		return cells;
	};

	const title = words.t('export.summaryTitle', { title: words.label(form.current.title) });
	const layout = writeTable(
		workbook,
		words.t('export.sheet.summary'),
		{
			title,
			info: [info],
			columns: tableColumns,
			rowCount: households.length,
			row,
			frozenColumns: FROZEN_LEADING,
			orientation: 'landscape',
			footer: [[{ label: words.t('ledger.signPreparer') }, { label: words.t('ledger.signReviewer') }, { label: words.t('ledger.signLeader') }]]
		},
		words,
		progress
	);
	writeDictionary(workbook, dictionaryRows(layout, tableColumns, words), words, [info]);
	return finish(workbook, words.t('export.file.summary', { village: meta?.village ?? meta?.id ?? '', day: localDay(now) }), progress);
}
