import { getSetting, putSetting } from './localIndex';
import { i18n, LOCALES, type Locale } from '../i18n/i18n.svelte';

/**
 * The person using this device. Until accounts arrive (issue #5) a cadre types their name once;
 * it is shown to colleagues and recorded with what they create.
 */
class CurrentUser {
	name = $state('');
	ready = $state(false);

	async load(): Promise<void> {
		this.name = await getSetting('userName', '');
		const locale = await getSetting<Locale>('locale', 'zh');
		if (LOCALES.includes(locale)) i18n.locale = locale;
		this.ready = true;
	}

	async rename(name: string): Promise<void> {
		this.name = name.trim().slice(0, 40);
		await putSetting('userName', this.name);
	}

	async setLocale(locale: Locale): Promise<void> {
		i18n.locale = locale;
		await putSetting('locale', locale);
	}

	/** The name to record: the typed one, or a stand-in that still says this device did it. */
	get displayName(): string {
		return this.name || (i18n.locale === 'zh' ? '未署名' : 'Unnamed');
	}
}

export const currentUser = new CurrentUser();
