/**
 * The income accounting sheets (收支核算表) as XLSX: all households in rows (the sheet's spending
 * and its figures, with a second sheet of every income line), or one sheet per household laid
 * out as the paper sheet (members, income lines, spending, the figures). The figures are the
 * app's one income accounting (householdIncome, by the campaign's line and rules); the template
 * (campaignIncomeTemplate) names and orders them.
 */
import type { DossierDoc } from '../../dossier/dossierDoc';
import type { Answer, FormValue } from '../../dossier/layout';
import type { Campaign } from '../../campaign/campaign';
import { localDay } from '../../calendar/calendar';
import { isRows } from '../../household/members';
import { columnsOf, type Column } from '../../templates/columns';
import { questionValue } from '../../templates/formState';
import { campaignIncomeTemplate } from '../../templates/registry';
import { householdCard } from '../../templates/householdCard';
import { findQuestion, type LeafQuestion, type RepeatQuestion, type Template } from '../../templates/template';
import { answerCell, columnKind, questionEntry } from './cells';
import { FROZEN_LEADING, householdsToExport, leadingCells, leadingColumns, memberCells, memberColumns, readHousehold, type HouseholdRead } from './households';
import { addSheet, heightFor, linesIn, pageSetup, Progress, setMerged, stylesOf, writeTable, type TableColumn, type XlsxCell } from './sheet';
import { dossierInfo, infoLine } from './summary';
import { dictionaryRows, finish, newWorkbook, writeDictionary, type DictionaryRow, type ExportOptions, type XlsxFile } from './workbook';
import type { Workbook } from './exceljs';
import type { XlsxWords } from './words';

export interface IncomeExportOptions extends ExportOptions {
	/** `rows`: every household in rows (and a sheet of income lines); `sheets`: one sheet per household. */
	layout: 'rows' | 'sheets';
	householdIds?: readonly string[];
}

const LINES = 'lines';

function linesGroup(template: Template): RepeatQuestion {
	const group = findQuestion(template, LINES);
	if (group?.type !== 'repeat') throw new Error('the income sheet template has no income lines');
	return group;
}

/** The sheet's own columns (spending, then the figures): a template's columns, repeat groups aside. */
function sheetColumns(template: Template): Column[] {
	return columnsOf(template);
}

function value(column: Column, household: HouseholdRead, words: XlsxWords): XlsxCell {
	return answerCell(column.question, questionValue(column.question, household.incomeAnswers, household.context), words);
}

function lineRows(household: HouseholdRead): Record<string, Answer>[] {
	const lines = household.incomeAnswers[LINES];
	return isRows(lines) ? Object.values(lines) : [];
}

/** The line's questions as columns (the proof photos as their count). */
function lineQuestions(template: Template): LeafQuestion[] {
	return linesGroup(template).questions.filter((q) => q.type !== 'signature');
}

export async function incomeXlsx(dossier: DossierDoc, campaign: Campaign, options: IncomeExportOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const template = campaignIncomeTemplate(campaign);
	const households = householdsToExport(dossier, options.householdIds);
	const workbook = newWorkbook(words, now);
	const progress = new Progress(households.length, options.onProgress);
	const meta = dossier.meta();
	const info = dossierInfo(meta, campaign, words, now);
	const source = [template.version];
	const entry = (column: Column) => questionEntry(column, template, source, words);
	const columns = sheetColumns(template);
	const lineQs = lineQuestions(template);
	const lineSection = template.sections.find((s) => s.questions.some((q) => q.id === LINES))!.title;
	const lineColumn = (q: LeafQuestion): Column => ({ key: `${LINES}.${q.id}`, section: lineSection, label: q.label, question: q, description: false, readOnly: false });
	const sizeQuestion = findQuestion(householdCard, 'size') as LeafQuestion;
	const sizeColumn: Column = { key: 'size', section: householdCard.sections[0]!.title, label: sizeQuestion.label, question: sizeQuestion, description: false, readOnly: true };
	let dictionary: DictionaryRow[];

	if (options.layout === 'rows') {
		const lines: { index: number; household: HouseholdRead; row: Record<string, Answer> }[] = [];
		const tableColumns: TableColumn[] = [
			...leadingColumns(words),
			{
				header: words.label(sizeQuestion.label),
				kind: 'integer',
				dictionary: { ...questionEntry(sizeColumn, householdCard, [householdCard.version], words), note: words.t('export.note.members') }
			},
			{
				header: words.t('export.column.lines'),
				group: words.label(lineSection),
				kind: 'integer',
				dictionary: { type: words.t('export.type.integer'), unit: words.t('export.unit.item'), source: `${template.id}@${template.version}`, note: words.t('export.note.lines') }
			},
			...columns.map((c) => ({ header: words.label(c.label), group: words.label(c.section), kind: columnKind(c.question), dictionary: entry(c) }))
		];
		const layout = writeTable(
			workbook,
			words.t('export.sheet.incomeSheets'),
			{
				title: words.label(template.title),
				info: [info],
				columns: tableColumns,
				rowCount: households.length,
				row: (i) => {
					const household = readHousehold(dossier, households[i]!, campaign);
					const rows = lineRows(household);
					for (const row of rows) lines.push({ index: i, household, row });
					return [...leadingCells(i, household, words), household.count.total, rows.length, ...columns.map((c) => value(c, household, words))];
				},
				frozenColumns: FROZEN_LEADING,
				orientation: 'landscape'
			},
			words,
			progress
		);
		const lineTable: TableColumn[] = [
			{ header: words.t('export.column.index'), kind: 'integer', width: 6, dictionary: { type: words.t('export.type.integer'), source: words.t('export.source.export') } },
			...leadingColumns(words).slice(1, FROZEN_LEADING),
			...lineQs.map((q) => ({ header: words.label(q.label), kind: columnKind(q), dictionary: entry(lineColumn(q)) }))
		];
		const linesLayout = writeTable(
			workbook,
			words.t('export.sheet.incomeLines'),
			{
				title: words.t('export.sheet.incomeLines'),
				info: [info],
				columns: lineTable,
				rowCount: lines.length,
				row: (i) => {
					const { household, row } = lines[i]!;
					return [i + 1, household.summary.head, household.headId, ...lineQs.map((q) => answerCell(q, row[q.id], words))];
				},
				frozenColumns: FROZEN_LEADING
			},
			words
		);
		dictionary = [...dictionaryRows(layout, tableColumns, words), ...dictionaryRows(linesLayout, lineTable, words)];
	} else {
		households.forEach((summary, i) => {
			writeIncomeSheet(workbook, `${i + 1} ${summary.head}`, readHousehold(dossier, summary, campaign), template, info, words);
			progress.tick();
		});
		const sheet = words.t('export.sheet.eachHousehold');
		const row = (header: string, e: DictionaryRow['entry']): DictionaryRow => ({ sheet, column: '', header, entry: e });
		dictionary = [
			...memberColumns(words).map((c) => row(`${words.label(householdCard.sections[1]!.title)} / ${c.header}`, c.dictionary!)),
			...lineQs.map((q) => row(`${words.label(lineSection)} / ${words.label(q.label)}`, entry(lineColumn(q)))),
			...columns.map((c) => row(`${words.label(c.section)} / ${words.label(c.label)}`, entry(c)))
		];
	}
	writeDictionary(workbook, dictionary, words, [info]);
	return finish(workbook, words.t('export.file.income', { village: meta?.village ?? meta?.id ?? '', day: localDay(now) }), progress);
}

const WIDTHS = [6, 12, 14, 22, 14, 12];

/** One household's income accounting sheet, as paper: members, income lines, spending, figures. */
function writeIncomeSheet(workbook: Workbook, name: string, household: HouseholdRead, template: Template, info: string, words: XlsxWords): void {
	const ws = addSheet(workbook, name);
	const styles = stylesOf(workbook, words);
	WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
	const total = WIDTHS.reduce((a, b) => a + b, 0);
	const n = WIDTHS.length;
	const colon = words.locale === 'zh' ? '：' : ': ';
	let r = 1;
	setMerged(ws, r, 1, r, n, words.label(template.title), styles.title);
	ws.getRow(r).height = 30;
	r++;
	const type = answerCell(findQuestion(householdCard, 'type') as LeafQuestion, household.summary.type as FormValue | undefined, words);
	for (const line of [
		info,
		infoLine(
			[
				`${words.label(findQuestion(householdCard, 'head')!.label)}${colon}${household.summary.head}`,
				`${words.label(findQuestion(householdCard, 'type')!.label)}${colon}${typeof type === 'string' ? type : ''}`,
				`${words.t('export.info.people')}${colon}${words.headcount(household.count)}`
			],
			words
		)
	]) {
		setMerged(ws, r, 1, r, n, line, styles.info);
		ws.getRow(r).height = heightFor(linesIn(line, total)) ?? 20;
		r++;
	}
	const block = (title: string) => {
		r++;
		setMerged(ws, r, 1, r, n, title, styles.subtitle);
		ws.getRow(r).height = 22;
		r++;
	};
	const heads = (cells: [string, number, number][]) => {
		for (const [text, from, to] of cells) setMerged(ws, r, from, r, to, text, styles.header);
		ws.getRow(r).height = 28;
		r++;
	};
	const put = (value: XlsxCell, from: number, to: number, kind: TableColumn['kind']) => {
		const marked = value !== null && typeof value === 'object' && !(value instanceof Date);
		setMerged(ws, r, from, r, to, marked ? value.text : (value ?? null), marked ? styles.tone[value.tone] : styles.cell[kind]);
	};

	// Members, as the household card has them (the income is divided among the residents).
	block(words.label(householdCard.sections[1]!.title));
	const members = memberColumns(words);
	heads([[words.t('export.column.index'), 1, 1], ...members.map((c, i): [string, number, number] => [c.header, i + 2, i + 2])]);
	const memberRows = isRows(household.card.members) ? Object.values(household.card.members) : [];
	memberRows.forEach((row, i) => {
		put(i + 1, 1, 1, 'integer');
		memberCells(row, words).forEach((cell, c) => put(cell, c + 2, c + 2, members[c]!.kind));
		r++;
	});

	// Income lines.
	const group = linesGroup(template);
	block(words.label(group.label));
	const qs = lineQuestions(template);
	const spans: [number, number][] = [
		[2, 2],
		[3, 3],
		[4, 5],
		[6, 6]
	];
	heads([[words.t('export.column.index'), 1, 1], ...qs.slice(0, spans.length).map((q, i): [string, number, number] => [words.label(q.label), ...spans[i]!])]);
	lineRows(household).forEach((row, i) => {
		put(i + 1, 1, 1, 'integer');
		let lines = 1;
		qs.slice(0, spans.length).forEach((q, c) => {
			const cell = answerCell(q, row[q.id], words);
			put(cell, spans[c]![0], spans[c]![1], columnKind(q));
			if (typeof cell === 'string') lines = Math.max(lines, linesIn(cell, WIDTHS[spans[c]![0] - 1]! + (spans[c]![1] > spans[c]![0] ? WIDTHS[spans[c]![1] - 1]! : 0)));
		});
		const height = heightFor(lines);
		if (height) ws.getRow(r).height = height;
		r++;
	});

	// Spending and the figures: each section down the side, label and value.
	for (const section of template.sections) {
		const questions = columnsOf({ ...template, sections: [section] });
		if (!questions.length) continue;
		block(words.label(section.title));
		for (const column of questions) {
			setMerged(ws, r, 1, r, 4, words.label(column.label), styles.cell.text);
			put(value(column, household, words), 5, 6, columnKind(column.question));
			const height = heightFor(linesIn(words.label(column.label), WIDTHS[0]! + WIDTHS[1]! + WIDTHS[2]! + WIDTHS[3]!));
			if (height) ws.getRow(r).height = height;
			r++;
		}
	}
	pageSetup(ws, { orientation: 'portrait', printArea: `A1:F${r - 1}`, words });
}
