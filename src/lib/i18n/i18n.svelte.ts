import i18next from 'i18next';
import { zh } from './zh';
import { countsDiffer, type HouseholdCount } from '../household/members';
import type { CellWords } from '../templates/columns';

export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];

void i18next.init({
	lng: 'zh',
	fallbackLng: 'zh',
	initAsync: false,
	// English is loaded when it is chosen: most cadres never do, and every phone would download it.
	resources: { zh: { translation: zh } },
	// Svelte escapes text it renders; i18next must not escape a second time.
	interpolation: { escapeValue: false }
});

/**
 * The UI's locale as Svelte state: reading `i18n.t` inside a template re-renders it when the
 * locale changes.
 */
class I18n {
	#locale = $state<Locale>('zh');
	/** Bumped when a catalogue arrives, so what was shown in the fallback is shown again. */
	#catalogues = $state(0);
	#loadingEnglish: Promise<void> | null = null;

	get locale(): Locale {
		return this.#locale;
	}

	set locale(value: Locale) {
		this.#locale = value;
		if (value === 'en') void this.english();
		void i18next.changeLanguage(value);
		if (typeof document !== 'undefined') document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
	}

	/** Resolves once the English catalogue is in (until then English reads in the fallback, Chinese). */
	english(): Promise<void> {
		this.#loadingEnglish ??= import('./en').then(({ en }) => {
			i18next.addResourceBundle('en', 'translation', en);
			this.#catalogues++;
		});
		return this.#loadingEnglish;
	}

	t = (key: string, params?: Record<string, unknown>): string => {
		void this.#locale;
		void this.#catalogues;
		return i18next.t(key, { lng: this.#locale, ...params });
	};

	/** Dates and times the way each locale writes them. */
	dateTime = (iso: string | number | Date): string => {
		const d = new Date(iso);
		if (Number.isNaN(d.getTime())) return '';
		return d.toLocaleString(this.#locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
	};

	/** A template's bilingual label in the current locale. */
	label = (text: { zh: string; en: string }): string => text[this.#locale];

	/**
	 * Who counts in a household, in words: "4 人" when everyone is resident, otherwise both
	 * counts ("4 人，常住 3 人") and any member not yet known to be resident.
	 */
	headcount = (count: HouseholdCount): string => {
		if (!countsDiffer(count)) return this.t('dossier.persons', { count: count.total });
		if (count.unanswered) return this.t('household.headcountUnanswered', { count: count.total, residents: count.residents, unanswered: count.unanswered });
		return this.t('household.headcount', { count: count.total, residents: count.residents });
	};

	/** The words cells, prints and exports are written in (templates/columns.ts). */
	cellWords = (): CellWords => ({ yes: this.t('answer.yes'), no: this.t('answer.no'), locale: this.#locale, headcount: this.headcount });
}

export const i18n = new I18n();
export const t = i18n.t;
