/**
 * The words an XLSX export is written in: sheet names, headings, the dictionary's terms, yes/no
 * and counts. They come from the app's message catalogue (src/lib/i18n, the `export` namespace
 * and the keys the print and ledger views already use), so an export reads as the screen does;
 * the catalogues are plain objects, so a Web Worker builds its words from the locale alone.
 */
import { zh, type Messages } from '../../i18n/zh';
import { en } from '../../i18n/en';
import type { CellWords } from '../../templates/columns';
import type { LocalizedText } from '../../templates/template';
import { countsDiffer, type HouseholdCount } from '../../household/members';

export type Locale = 'zh' | 'en';

export interface XlsxWords extends CellWords {
	locale: Locale;
	/** A catalogue message by key (`export.sheet.summary`), its `{{params}}` filled in. */
	t(key: string, params?: Record<string, string | number>): string;
	/** A template's bilingual text in this locale. */
	label(text: LocalizedText): string;
	/** Fonts: body text (宋体) and titles (黑体), by the names Excel and WPS know them by. */
	fonts: { body: string; title: string };
	/** A moment as the export's "exported at" line writes it. */
	dateTime(at: Date): string;
	headcount: (count: HouseholdCount) => string;
}

const catalogues: Record<Locale, Messages> = { zh, en };

function lookup(catalogue: Messages, path: string[]): unknown {
	let node: unknown = catalogue;
	for (const part of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return node;
}

function fill(text: string, params: Record<string, string | number> | undefined): string {
	return params ? text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function xlsxWords(locale: Locale): XlsxWords {
	const catalogue = catalogues[locale];
	const t = (key: string, params?: Record<string, string | number>): string => {
		const path = key.split('.');
		// English has singulars (`<key>_one`) for a count of 1, as i18next picks them.
		if (params?.count === 1) {
			const one = lookup(catalogue, [...path.slice(0, -1), `${path.at(-1)}_one`]);
			if (typeof one === 'string') return fill(one, params);
		}
		const text = lookup(catalogue, path) ?? lookup(zh, path);
		return typeof text === 'string' ? fill(text, params) : key;
	};
	const headcount = (count: HouseholdCount): string => {
		if (!countsDiffer(count)) return t('dossier.persons', { count: count.total });
		if (count.unanswered) return t('household.headcountUnanswered', { count: count.total, residents: count.residents, unanswered: count.unanswered });
		return t('household.headcount', { count: count.total, residents: count.residents });
	};
	return {
		locale,
		yes: t('answer.yes'),
		no: t('answer.no'),
		headcount,
		t,
		label: (text) => text[locale],
		// The names Excel and WPS on Chinese Windows know; English Excel maps them to SimSun/SimHei.
		fonts: { body: '宋体', title: '黑体' },
		dateTime: (at) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`
	};
}
