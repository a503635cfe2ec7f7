/**
 * One cell of a roster read as the answer it stands for, or refused with the reason. Reading is
 * not guessing: words are read as the card's labels or the synonyms sheets use for them
 * (importFields), and what is read is then checked by the card question's own schema
 * (checkAnswer), so an import can never store what the form itself would refuse.
 *
 * Spreadsheets damage some values on the way: an ID number typed into a number cell is kept
 * by Excel to 15 significant digits (4.10102E+17 — its last digits are gone, and no reading
 * brings them back), digits typed with a Chinese input method are full-width, a trailing x is
 * lower case. The first is refused by name; the others are read as what was meant.
 */
import type { Answer } from '../dossier/layout';
import { checkAnswer } from '../templates/answerSchema';
import type { LeafQuestion } from '../templates/template';
import { moneyToFen } from '../templates/answerInput';
import { readDay } from '../grid/cellInput';
import { parseResidentId } from '../household/residentId';
import { CHOICE_SYNONYMS, YES_NO_SYNONYMS, halfWidth, type ImportField } from './importFields';
import { serialToDay, type RawCell } from './sheetFile';

export type CellFailure = { ok: false; code: string; params?: Record<string, string | number> };
export type CellRead<T = Answer> = { ok: true; value: T | undefined } | CellFailure;

const fail = <T>(code: string, params?: Record<string, string | number>): CellRead<T> => (params ? { ok: false, code, params } : { ok: false, code });
const empty = <T>(): CellRead<T> => ({ ok: true, value: undefined });

/** Marks sheets use for "nothing here" in a cell that has to be filled. */
const BLANKS = new Set(['/', '\\', '-', '--', '—', '——', '－', '无数据', '#N/A']);

/**
 * Text as meant: full-width letters and digits as ASCII, no zero-width or non-breaking spaces,
 * runs of spaces as one, trimmed.
 */
export function normaliseText(text: string): string {
	return halfWidth(text)
		.replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
		.replace(/[\u00a0\s]+/g, ' ')
		.trim();
}

/**
 * A person's name as written in a sheet: "张  三" is spaced out to line up with three-character
 * names, not a name with a space; spaces between Latin letters (a foreign spouse) stay.
 */
export function normaliseName(text: string): string {
	return normaliseText(text).replace(/(?<=[\u3400-\u9fff\u00b7])\s+(?=[\u3400-\u9fff\u00b7])/g, '');
}

/** A number as a person reads it in the cell: whole numbers without ".0" or an exponent. */
export function numberText(value: number): string {
	return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}

/** How Excel shows a number too long for its cell: 4.10102E+17. */
export function scientific(value: number): string {
	const [mantissa, exponent] = value.toExponential(5).split('e');
	return `${mantissa!.replace(/\.?0+$/, '')}E${exponent!.startsWith('-') ? exponent : `+${exponent!.replace('+', '')}`}`;
}

/** A cell's content as text, or why it has none to give (a formula without a value, an error). */
export function cellText(cell: RawCell | null | undefined): CellRead<string> {
	if (cell === null || cell === undefined) return empty();
	if (typeof cell === 'string') {
		const text = normaliseText(cell);
		return text === '' || BLANKS.has(text) ? empty() : { ok: true, value: text };
	}
	if (typeof cell === 'number') return { ok: true, value: numberText(cell) };
	if (typeof cell === 'boolean') return { ok: true, value: cell ? '是' : '否' };
	if ('date' in cell) return { ok: true, value: cell.date };
	if ('formula' in cell) return fail('import.cell.formulaNoValue', { formula: `=${cell.formula}`.slice(0, 60) });
	return fail('import.cell.error', { value: cell.error });
}

/**
 * An ID number as the card keeps it: 18 characters, a final X in upper case. Refused as lost
 * when the sheet holds it as a number (a number cell, or text Excel wrote as 4.10102E+17), or
 * as 18 digits ending in 000 that fail the check digit: Excel's 15 significant digits padded out.
 */
export function readIdNumber(cell: RawCell | null | undefined): CellRead<string> {
	if (typeof cell === 'number') return fail('import.cell.idAsNumber', { shown: Math.abs(cell) >= 1e11 ? scientific(cell) : numberText(cell) });
	const text = cellText(cell);
	if (!text.ok || text.value === undefined) return text;
	// ="4101…" and '4101… are how people force Excel to keep a number as text.
	let id = text.value.replace(/^="(.*)"$/, '$1').replace(/^'/, '').replace(/\s+/g, '').toUpperCase();
	if (/^\d(\.\d+)?E\+?\d+$/.test(id)) return fail('import.cell.idAsNumber', { shown: id });
	if (/^\d{15}000$/.test(id) && !parseResidentId(id, '9999-12-31').ok) return fail('import.cell.idAsNumber', { shown: id });
	id = id.replace(/[-—]/g, '');
	return { ok: true, value: id };
}

/**
 * A day: a date cell, an Excel serial, or text as ledgers write it (2022-08-01, 2022/8/1,
 * 2022.8.1, 2022年8月1日, 20220801).
 */
export function readDate(cell: RawCell | null | undefined, date1904 = false): CellRead<string> {
	if (cell !== null && typeof cell === 'object' && 'date' in cell) return { ok: true, value: cell.date };
	if (typeof cell === 'number') {
		if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return readDate(String(cell));
		const day = serialToDay(cell, date1904);
		return day ? { ok: true, value: day } : fail('import.cell.notDate', { value: numberText(cell) });
	}
	const text = cellText(cell);
	if (!text.ok || text.value === undefined) return text;
	const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text.value);
	const day = compact ? readDay(`${compact[1]}-${compact[2]}-${compact[3]}`, false) : readDay(text.value.replace(/\s+/g, ''), false);
	return day ? { ok: true, value: day } : fail('import.cell.notDate', { value: text.value.slice(0, 40) });
}

/** A whole number (人口数): 4, "4", "4人". */
export function readCount(cell: RawCell | null | undefined): CellRead<number> {
	if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? { ok: true, value: cell } : fail('import.cell.notCount', { value: numberText(cell) });
	const text = cellText(cell);
	if (!text.ok) return text;
	if (text.value === undefined) return empty();
	const match = /^(\d{1,4})\s*[人口个]?$/.exec(text.value);
	return match ? { ok: true, value: Number(match[1]) } : fail('import.cell.notCount', { value: text.value.slice(0, 40) });
}

const SEX: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', 男性: 'male', 女性: 'female', m: 'male', f: 'female', male: 'male', female: 'female' };

export function readSex(cell: RawCell | null | undefined): CellRead<'male' | 'female'> {
	const text = cellText(cell);
	if (!text.ok) return text;
	if (text.value === undefined) return empty();
	const sex = SEX[text.value.toLowerCase()];
	return sex ? { ok: true, value: sex } : fail('import.cell.notAnOption', { value: text.value.slice(0, 40), options: '男、女' });
}

/**
 * A phone as the card's format takes it: spaces and dashes inside a mobile number dropped, a
 * +86 prefix dropped, a number cell as its digits. A cell with several numbers gives the first;
 * the rest are returned to be reported, never silently lost.
 */
export function readPhone(cell: RawCell | null | undefined): CellRead<string> & { rest?: string } {
	const text = cellText(cell);
	if (!text.ok || text.value === undefined) return text;
	const parts = text.value.split(/[、,，;；/|]|\s{2,}|或/).map((p) => p.trim()).filter((p) => p !== '');
	const [first, ...rest] = parts.map(tidyPhone);
	const value = first ?? '';
	return rest.length ? { ok: true, value, rest: rest.join('、') } : { ok: true, value };
}

function tidyPhone(text: string): string {
	const digits = text.replace(/^(\+?86)[\s-]?(?=1\d{10}$|1\d{2}[\s-])/, '');
	const mobile = digits.replace(/[\s-]/g, '');
	if (/^1\d{10}$/.test(mobile)) return mobile;
	return digits.replace(/\s+/g, '').replace(/^(0\d{2,3})[-—]?(\d{7,8})$/, '$1-$2');
}

/** A yes/no, by the question's own words (有/无 for the forms that say so), the general ones, and the question's synonyms. */
export function readYesNo(question: LeafQuestion | null, cell: RawCell | null | undefined): CellRead<boolean> {
	if (typeof cell === 'boolean') return { ok: true, value: cell };
	const text = cellText(cell);
	if (!text.ok) return text;
	if (text.value === undefined) return empty();
	const word = text.value.toLowerCase();
	const own = question && question.type === 'yesno' ? question.labels : undefined;
	const specific = question ? YES_NO_SYNONYMS[question.id] : undefined;
	const yes = [...(own ? [own.yes.zh] : []), ...(specific?.yes ?? []), ...YES_NO_SYNONYMS['*']!.yes];
	const no = [...(own ? [own.no.zh] : []), ...(specific?.no ?? []), ...YES_NO_SYNONYMS['*']!.no];
	if (yes.includes(word)) return { ok: true, value: true };
	if (no.includes(word)) return { ok: true, value: false };
	return fail('import.cell.notYesNo', { value: text.value.slice(0, 40) });
}

/** Splits a cell of several choices: 低保户、残疾户 / 低保户,残疾户. */
const CHOICE_SEPARATORS = /[、,，;；/|\s]+/;

/**
 * A choice by its label or the synonyms sheets use ("本人" for 户主, "脱贫不稳定户" for 监测户),
 * full-width and spacing aside. A single-choice cell with two words in it is refused: the card
 * takes one, and picking one would be a guess.
 */
export function readChoice(question: LeafQuestion, cell: RawCell | null | undefined): CellRead<string | string[]> {
	if (question.type !== 'choice') return fail('answer.invalid');
	const text = cellText(cell);
	if (!text.ok || text.value === undefined) return text;
	const find = (word: string) => optionFor(question, word);
	const whole = find(text.value);
	if (whole) return { ok: true, value: question.multiple ? [whole] : whole };
	const words = text.value.split(CHOICE_SEPARATORS).filter((w) => w !== '');
	const values: string[] = [];
	for (const word of words) {
		const value = find(word);
		if (!value) return fail('import.cell.notAnOption', { value: word.slice(0, 40), options: question.options.map((o) => o.label.zh).join('、') });
		if (!values.includes(value)) values.push(value);
	}
	if (question.multiple) return { ok: true, value: values };
	if (values.length > 1) return fail('import.cell.severalValues', { value: text.value.slice(0, 40) });
	return values.length ? { ok: true, value: values[0] } : empty();
}

const optionIndexes = new WeakMap<LeafQuestion, Map<string, string>>();

function optionFor(question: Extract<LeafQuestion, { type: 'choice' }>, word: string): string | undefined {
	let index = optionIndexes.get(question);
	if (!index) {
		index = new Map();
		const synonyms = CHOICE_SYNONYMS[question.id] ?? {};
		for (const option of question.options) {
			for (const w of [option.label.zh, option.label.en, option.value, ...(synonyms[option.value] ?? [])]) {
				const key = wordKey(w);
				if (!index.has(key)) index.set(key, option.value);
			}
		}
		optionIndexes.set(question, index);
	}
	const key = wordKey(word);
	return index.get(key) ?? gradeOption(question, key);
}

const wordKey = (w: string) => halfWidth(w).replace(/[\s（）()]/g, '').toLowerCase();

/** 小学三年级, 初二, 高一: a pupil's grade names the school they are in. */
function gradeOption(question: LeafQuestion, word: string): string | undefined {
	if (question.id !== 'schooling') return undefined;
	if (/^小学.{1,2}年级$/.test(word)) return 'primary_pupil';
	if (/^(初中.{1,2}年级|初[一二三])$/.test(word)) return 'junior_pupil';
	if (/^((高中|中职|职高|中专).{1,2}年级|高[一二三])$/.test(word)) return 'senior_pupil';
	if (/^(大学|大专|本科).{1,2}年级$/.test(word)) return 'college_student';
	return undefined;
}

/** What a field's cell reads as: the answer to store (or check), checked by the card's schema. */
export type FieldRead = CellRead<Answer> & { rest?: string };

/**
 * Reads one cell for one field. Answers are checked with the card question's schema, so the
 * reason for a refusal is the form's own (answer.id_checksum, answer.tooLong …); an empty cell
 * reads as nothing and is never a refusal here (a required answer left empty is shown as
 * missing on the card, as it would be had it been typed).
 */
export function readField(field: ImportField, cell: RawCell | null | undefined, date1904 = false): FieldRead {
	const question = field.question;
	if (field.role === 'number') return cellText(cell);
	if (field.role === 'flag') return readYesNo(null, cell);
	if (field.role === 'check') {
		if (field.key === 'household.size') return readCount(cell);
		if (field.key === 'member.birth_date') return readDate(cell, date1904);
		if (field.key === 'member.sex') return readSex(cell);
		return cellText(cell);
	}
	if (!question) return cellText(cell);
	const read = readAnswer(question, cell, date1904);
	if (!read.ok || read.value === undefined) return read;
	const problem = checkAnswer(question, read.value);
	return problem ? { ok: false, code: problem.code, params: { ...problem.params, value: String(read.value).slice(0, 40) } } : read;
}

function readAnswer(question: LeafQuestion, cell: RawCell | null | undefined, date1904: boolean): FieldRead {
	switch (question.type) {
		case 'text': {
			if (question.format === 'residentId') return readIdNumber(cell);
			if (question.format === 'phone') return readPhone(cell);
			const text = cellText(cell);
			if (!text.ok || text.value === undefined) return text;
			return { ok: true, value: question.id === 'name' || question.id === 'head' ? normaliseName(text.value) : text.value };
		}
		case 'choice':
			return readChoice(question, cell);
		case 'yesno':
			return readYesNo(question, cell);
		case 'date':
			return readDate(cell, date1904);
		case 'integer': {
			const count = readCount(cell);
			return count.ok ? count : fail('answer.notInteger');
		}
		case 'money': {
			const text = cellText(cell);
			if (!text.ok || text.value === undefined) return text;
			const fen = moneyToFen(text.value, question.unit);
			return fen === null ? fail(question.unit === 'wan' ? 'answer.notMoneyWan' : 'answer.notMoney') : { ok: true, value: fen };
		}
		default:
			return fail('import.cell.notImported');
	}
}
