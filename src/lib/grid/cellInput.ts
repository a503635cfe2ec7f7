/**
 * What a cadre typed or pasted into a grid cell, read as a stored answer. Stricter than the form
 * view: a cell that does not parse, or parses to a value its question refuses, is not written at
 * all but reported with the reason, so a paste from Excel or WPS never lands half-understood.
 * Reading is not coercing: 是/否 and a choice's label are the words the form itself shows, and
 * the cell text this grid copies out reads back to the same answer.
 */
import type { Answer } from '../dossier/layout';
import { checkAnswer, type AnswerProblem } from '../templates/answerSchema';
import { moneyToFen } from '../templates/answerInput';
import type { Column } from '../templates/columns';
import { isCalendarDay } from '../calendar/calendar';

export type CellInput = { ok: true; value: Answer | undefined } | { ok: false; problem: AnswerProblem };

const fail = (code: string, params?: Record<string, string | number>): CellInput => ({ ok: false, problem: params ? { code, params } : { code } });

export function readCell(column: Column, text: string): CellInput {
	if (column.readOnly) return fail('grid.readOnly');
	// The apostrophe spreadsheets (and this grid's copy) put before a formula-like text.
	if (/^'[=+\-@]/.test(text)) text = text.slice(1);
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: undefined };
	const parsed = column.description ? ({ ok: true, value: text.replace(/\r\n?/g, '\n').trim() } as CellInput) : parseAnswer(column, trimmed);
	if (!parsed.ok) return parsed;
	const problem = column.description ? null : checkAnswer(column.question, parsed.value);
	return problem ? { ok: false, problem } : parsed;
}

function parseAnswer(column: Column, text: string): CellInput {
	const q = column.question;
	switch (q.type) {
		case 'text':
			return { ok: true, value: text };
		case 'integer': {
			const plain = /^-?\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text;
			return /^-?\d{1,15}$/.test(plain) ? { ok: true, value: Number(plain) } : fail('answer.notInteger');
		}
		case 'money': {
			const fen = moneyToFen(text, q.unit);
			return fen === null ? fail(q.unit === 'wan' ? 'answer.notMoneyWan' : 'answer.notMoney') : { ok: true, value: fen };
		}
		case 'yesno': {
			const word = text.toLowerCase();
			const yes = ['是', 'yes', q.labels?.yes.zh, q.labels?.yes.en.toLowerCase()];
			const no = ['否', 'no', q.labels?.no.zh, q.labels?.no.en.toLowerCase()];
			if (yes.includes(word)) return { ok: true, value: true };
			if (no.includes(word)) return { ok: true, value: false };
			return fail('answer.notYesNo');
		}
		case 'date': {
			const day = readDay(text, q.precision === 'month');
			return day ? { ok: true, value: day } : fail('answer.notDate');
		}
		case 'choice': {
			const find = (word: string) => q.options.find((o) => o.value === word || o.label.zh === word || o.label.en.toLowerCase() === word.toLowerCase());
			const words = q.multiple ? text.split(/[、,，;；]\s*/).filter((w) => w.trim() !== '') : [text];
			const values: string[] = [];
			for (const word of words) {
				const option = find(word.trim());
				if (!option) return fail('grid.notAnOption', { value: word.trim().slice(0, 40) });
				if (!values.includes(option.value)) values.push(option.value);
			}
			return { ok: true, value: q.multiple ? values : values[0] };
		}
		default:
			return fail('grid.readOnly');
	}
}

/**
 * A day as the ledgers write it: 2022-08-15, 2022/8/15, 2022.8.15 or 2022年8月15日. A month-precision
 * question ("摸排时间 2022 年 8 月") also takes a bare month, stored as its first day.
 */
export function readDay(text: string, monthPrecision: boolean): string | null {
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?$/.exec(text.trim());
	if (!match) return null;
	const [, year, month, day] = match;
	if (day === undefined && !monthPrecision) return null;
	const iso = `${year}-${month!.padStart(2, '0')}-${(day ?? '1').padStart(2, '0')}`;
	return isCalendarDay(iso) ? iso : null;
}
