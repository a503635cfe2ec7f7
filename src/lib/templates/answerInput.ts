/**
 * Turning what a person typed into a stored answer, and back. Input that does not parse is
 * stored as the raw text so that it is shown as an error on the field, never dropped or
 * silently turned into something else.
 */
import type { Question } from './template';
import type { Answer } from '../dossier/layout';

/** Full-width digits and signs (typed with a Chinese input method) as their ASCII selves. */
function halfWidth(text: string): string {
	return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Reads yuan as people write them — 800, 800.5, 1,200.00, ¥800, 800元, in full-width digits
 * too — into integer fen, exactly (no floating point). Commas only where they group thousands:
 * "12，50" is a slip for 12.50 or 1250, and guessing which would put a wrong figure in the
 * accounts. One rule for forms, the grid and every other amount.
 */
export function yuanToFen(text: string): number | null {
	const amount = halfWidth(text).trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '').trim();
	const match = /^(-)?(\d{1,12}|\d{1,3}(?:,\d{3}){1,3})(?:\.(\d{1,2}))?$/.exec(amount);
	if (!match) return null;
	const fen = Number(match[2]!.replace(/,/g, '')) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] ? -fen : fen;
}

const FEN_PER_WAN = 1_000_000;

/** Reads 万元 as written (3, 3.5, 0.25万, 1.2万元) into integer fen, exactly: up to six decimals. */
export function wanToFen(text: string): number | null {
	const amount = halfWidth(text).trim().replace(/\s*万元?$/, '').trim();
	const match = /^(-)?(\d{1,8})(?:\.(\d{1,6}))?$/.exec(amount);
	if (!match) return null;
	const fen = Number(match[2]) * FEN_PER_WAN + Number((match[3] ?? '').padEnd(6, '0'));
	return match[1] ? -fen : fen;
}

/** Fen as 万元, exactly, without trailing zeros (3.5, not 3.500000). */
export function fenToWan(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	const decimals = String(abs % FEN_PER_WAN).padStart(6, '0').replace(/0+$/, '');
	return `${sign}${Math.floor(abs / FEN_PER_WAN)}${decimals ? `.${decimals}` : ''}`;
}

/** An amount typed for a money question, in the unit the question asks in. */
export function moneyToFen(text: string, unit: 'yuan' | 'wan' | undefined): number | null {
	return unit === 'wan' ? wanToFen(text) : yuanToFen(text);
}

/** Fen shown in the unit a money question asks in. */
export function fenToMoney(fen: number, unit: 'yuan' | 'wan' | undefined): string {
	return unit === 'wan' ? fenToWan(fen) : fenToYuan(fen);
}

export function fenToYuan(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function parseInput(question: Question, text: string): Answer | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	switch (question.type) {
		case 'integer':
			return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
		case 'money':
			return moneyToFen(trimmed, question.unit) ?? trimmed;
		default:
			return text;
	}
}

/** The text an input shows for a stored answer (raw text for values that did not parse). */
export function formatForInput(question: Question, value: Answer | undefined): string {
	if (value === undefined || value === null) return '';
	if (question.type === 'money' && typeof value === 'number' && Number.isInteger(value)) return fenToMoney(value, question.unit);
	if (Array.isArray(value)) return value.join(', ');
	return String(value);
}
