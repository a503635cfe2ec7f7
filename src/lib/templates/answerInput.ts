/**
 * Turning what a person typed into a stored answer, and back. Input that does not parse is
 * stored as the raw text so that it is shown as an error on the field, never dropped or
 * silently turned into something else.
 */
import type { Question } from './template';
import type { Answer } from '../dossier/layout';

/** Parses yuan with up to two decimals into integer fen, exactly (no floating point). */
export function yuanToFen(text: string): number | null {
	const match = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/[,，\s]/g, ''));
	if (!match) return null;
	const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] ? -fen : fen;
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
			return yuanToFen(trimmed) ?? trimmed;
		default:
			return text;
	}
}

/** The text an input shows for a stored answer (raw text for values that did not parse). */
export function formatForInput(question: Question, value: Answer | undefined): string {
	if (value === undefined || value === null) return '';
	if (question.type === 'money' && typeof value === 'number' && Number.isInteger(value)) return fenToYuan(value);
	if (Array.isArray(value)) return value.join(', ');
	return String(value);
}
