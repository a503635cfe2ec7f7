/**
 * A form laid out as its paper original (附件1, 附件2): the attachment number, the title, the
 * header lines (乡镇：… 村：… 户类型：☐一般户 ☑脱贫户 …), the table of 事项 / 排查问卷内容 / 情况 /
 * 如有问题请详细描述 with each section's name merged down the side, yes/no ticked as ☑是 ☐否 (or the
 * form's own words), figures as numbers, and the signature line with the signer and the date.
 * It renders the form state the form view and FormPrint render (formState), so the sheet shows
 * the questions the form asks, with the values it shows.
 */
import type { Answer, FormValue } from '../../dossier/layout';
import { isCalendarDay } from '../../calendar/calendar';
import { descriptionOf, reasonsToSay, type QuestionState, type SectionState } from '../../templates/formState';
import type { LeafQuestion, Question, Template } from '../../templates/template';
import type { AnswerProblem } from '../../templates/answerSchema';
import type { FormSignature } from '../../signing/signature';
import type { NameOf } from '../../organisation/personName';
import { answerCell, answerKind, columnKind, dayCell, yesNoWords } from './cells';
import { addSheet, heightFor, linesIn, pageSetup, setCell, setMerged, stylesOf, writeFooter, type FooterItem, type XlsxCell } from './sheet';
import type { Style, Workbook } from './exceljs';
import { countsDiffer } from '../../household/members';
import type { XlsxWords } from './words';

/** The section whose questions make the header lines rather than rows of the table. */
export const HEADER_SECTION = 'header';

const TICK = '☑';
const BOX = '☐';

/** A yes/no or a choice as the paper ticks it: ☑是 ☐否, ☐一般户 ☑脱贫户 ☐监测户. */
export function ticked(question: LeafQuestion, value: FormValue | undefined, words: XlsxWords): string | null {
	const kind = answerKind(question);
	if (kind === 'yesno') {
		if (value !== undefined && value !== null && typeof value !== 'boolean') return null;
		const yn = yesNoWords(question, words);
		return `${value === true ? TICK : BOX}${yn.yes}\u3000${value === false ? TICK : BOX}${yn.no}`;
	}
	if (kind === 'choice') {
		const options = question.type === 'choice' || question.type === 'computed' ? (question.options ?? []) : [];
		const chosen = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
		if (chosen.some((v) => typeof v !== 'string' || !options.some((o) => o.value === v))) return null;
		return options.map((o) => `${chosen.includes(o.value) ? TICK : BOX}${words.label(o.label)}`).join(' ');
	}
	return null;
}

/** A date as words: 2022年8月 (a month), 2022年8月6日, or 2022-08-06 in English. */
export function dayWords(day: string, month: boolean, words: XlsxWords): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	if (words.locale === 'zh') return month ? `${y}年${m}月` : `${y}年${m}月${d}日`;
	return month ? day.slice(0, 7) : day;
}

/** An answer as the header line writes it (text). */
export function headerText(state: QuestionState, words: XlsxWords): string {
	const q = state.question;
	if (q.type === 'repeat' || q.type === 'signature') return '';
	const tick = ticked(q, state.value, words);
	if (tick !== null) return tick;
	if (q.type === 'date' && typeof state.value === 'string' && isCalendarDay(state.value)) return dayWords(state.value, q.precision === 'month', words);
	const cell = answerCell(q, state.value, words);
	if (cell === null || cell === undefined) return '';
	if (cell instanceof Date) return dayWords(state.value as string, false, words);
	if (typeof cell === 'object') return cell.text;
	return typeof cell === 'number' && answerKind(q) === 'money' ? cell.toFixed(2) : String(cell);
}

export interface PaperSignature {
	label: string;
	signature: FormSignature | null;
}

export interface PaperForm {
	/** 附件1, 附件2: the top-left line of the paper. */
	attachment: string;
	template: Template;
	sections: SectionState[];
	answers: Record<string, FormValue>;
	/** Header lines, each its items ("乡镇：洺州镇", …). */
	headerLines: string[][];
	signatures: PaperSignature[];
	/** Why a computed figure is missing, in words (form.why.*). */
	reason(problem: AnswerProblem): string;
	names: NameOf;
	/** The calendar day of a moment (a signature's date). */
	day(iso: string): string;
}

const WIDTHS = [11, 46, 17, 28];

function rowText(question: Question, value: FormValue | undefined, words: XlsxWords): string {
	if (question.type !== 'repeat') return '';
	const rows = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : [];
	return rows
		.map((row, i) => {
			const parts = question.questions
				.filter((q) => q.type !== 'photo' && q.type !== 'signature')
				.map((q) => {
					const cell = answerCell(q, (row as Record<string, Answer>)[q.id], words);
					const text = cell === null || cell === undefined ? '' : cell instanceof Date ? dayWords((row as Record<string, string>)[q.id]!, false, words) : typeof cell === 'object' ? cell.text : String(cell);
					return text ? `${words.label(q.label)}：${text}` : '';
				})
				.filter(Boolean);
			return `${i + 1}. ${parts.join(words.locale === 'zh' ? '，' : ', ')}`;
		})
		.join('\n');
}

/** The answer cell of a question on paper, and the style it takes. */
function answerOnPaper(state: QuestionState, words: XlsxWords): { cell: XlsxCell; kind: 'ticks' | ReturnType<typeof columnKind> } {
	const q = state.question as LeafQuestion;
	const tick = ticked(q, state.value, words);
	if (tick !== null) return { cell: tick, kind: 'ticks' };
	if (q.type === 'photo') return { cell: Array.isArray(state.value) && state.value.length ? words.t('print.photos', { count: state.value.length }) : null, kind: 'short' };
	return { cell: answerCell(q, state.value, words), kind: columnKind(q) };
}

/** Writes a form as paper on a new sheet; returns the sheet's name. */
export function writePaperForm(workbook: Workbook, sheetName: string, form: PaperForm, words: XlsxWords): string {
	const ws = addSheet(workbook, sheetName);
	const styles = stylesOf(workbook, words);
	WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
	const total = WIDTHS.reduce((a, b) => a + b, 0);
	let r = 1;
	setCell(ws, r, 1, form.attachment, styles.subtitle);
	r++;
	const title = words.label(form.template.title);
	setMerged(ws, r, 1, r, 4, title, styles.title);
	// 16 pt 黑体 is about 1.6 times as wide as the body text.
	ws.getRow(r).height = Math.max(30, linesIn(title, Math.floor(total / 1.6)) * 22 + 6);
	r++;
	for (const items of form.headerLines) {
		const line = items.join(words.locale === 'zh' ? '\u3000\u3000' : '    ');
		setMerged(ws, r, 1, r, 4, line, styles.info);
		ws.getRow(r).height = heightFor(linesIn(line, total)) ?? 20;
		r++;
	}

	// A reason nine figures share (no income sheet yet) is said once, under the first of them.
	const saying = reasonsToSay(form.sections);
	const headerRow = r;
	const print = form.template.print;
	const heads = [
		print ? words.label(print.section) : words.t('print.section'),
		print ? words.label(print.question) : words.t('print.question'),
		words.t('print.answer'),
		words.t('print.describe')
	];
	heads.forEach((h, i) => setCell(ws, r, i + 1, h, styles.header));
	ws.getRow(r).height = 28;
	r++;

	for (let s = 0; s < form.sections.length; s++) {
		const section = form.sections[s]!;
		if (section.id === HEADER_SECTION) continue;
		const rows = section.questions.filter((q) => q.question.type !== 'signature');
		if (!rows.length) continue;
		const top = r;
		for (const state of rows) {
			const q = state.question;
			let lines = linesIn(words.label(q.label), WIDTHS[1]!);
			setCell(ws, r, 2, words.label(q.label), styles.cell.text);
			if (q.type === 'repeat') {
				const text = rowText(q, state.value, words);
				setMerged(ws, r, 3, r, 4, text, styles.cell.longText);
				lines = Math.max(lines, linesIn(text, WIDTHS[2]! + WIDTHS[3]!));
			} else {
				const { cell, kind } = answerOnPaper(state, words);
				const marked = cell !== null && typeof cell === 'object' && !(cell instanceof Date);
				setCell(ws, r, 3, marked ? cell.text : (cell ?? null), marked ? styles.tone[cell.tone] : kind === 'ticks' ? styles.ticks : styles.cell[kind]);
				if (typeof cell === 'string') lines = Math.max(lines, linesIn(cell, WIDTHS[2]!));
				// Beside the answer: the problem described, or why a figure is missing, or the
				// household's whole count where only its residents are the form's figure.
				let note: { text: string; style: Partial<Style> } | null = null;
				const described = state.flagged ? descriptionOf(form.answers, q.id) : '';
				if (described) note = { text: described, style: styles.cell.longText };
				else if (q.type === 'computed' && state.problem && saying.has(state)) note = { text: form.reason(state.problem), style: styles.tone.note };
				else if (state.headcount && countsDiffer(state.headcount)) note = { text: words.headcount(state.headcount), style: styles.tone.note };
				setCell(ws, r, 4, note?.text ?? null, note?.style ?? styles.cell.longText);
				if (note) lines = Math.max(lines, linesIn(note.text, WIDTHS[3]!));
			}
			const height = heightFor(lines);
			if (height) ws.getRow(r).height = height;
			r++;
		}
		setMerged(ws, top, 1, r - 1, 1, words.label(form.template.sections[s]!.title), styles.side);
	}
	const lastTableRow = r - 1;

	r = lastTableRow + 2;
	for (const { label, signature } of form.signatures) {
		const items: FooterItem[] = [
			{ label: `${label}${words.locale === 'zh' ? '：' : ': '}`, value: signature ? form.names(signature.by) : words.t('export.signature.unsigned') },
			{ label: `${words.t('export.signature.date')}${words.locale === 'zh' ? '：' : ': '}`, value: signature ? dayCell(form.day(signature.at)) : null }
		];
		writeFooter(ws, r, 4, items, styles);
		r++;
	}
	const lastRow = r - 1;
	ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
	pageSetup(ws, { orientation: 'portrait', printArea: `A1:D${lastRow}`, printTitlesRow: `${headerRow}:${headerRow}`, words });
	return ws.name;
}

/** The header section's answers as "label：value" items, three to a line. */
export function headerLines(sections: readonly SectionState[], words: XlsxWords, extra: string[] = []): string[][] {
	const header = sections.find((s) => s.id === HEADER_SECTION);
	const items = [
		...(header?.questions ?? []).map((state) => `${words.label(state.question.label)}${words.locale === 'zh' ? '：' : ': '}${headerText(state, words)}`),
		...extra
	];
	const lines: string[][] = [];
	for (let i = 0; i < items.length; i += 3) lines.push(items.slice(i, i + 3));
	return lines;
}
