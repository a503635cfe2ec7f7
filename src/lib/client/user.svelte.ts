import { getSetting, putSetting } from './localIndex';
import { i18n, LOCALES, type Locale } from '../i18n/i18n.svelte';
import { deviceActorId, type Actor, type Person } from '../organisation/organisation';

/**
 * The person using this device. Until accounts arrive (issue #5) a cadre types their name once,
 * and says which person of the organisation they are: that is whose roles (group member,
 * checker, reviewer) the ledger applies, and who findings and comments are recorded as by.
 */
class CurrentUser {
	name = $state('');
	/** The organisation person this device's user is, if they said so. */
	personId = $state<string | null>(null);
	/** The township whose organisation this device works in. */
	townshipId = $state<string | null>(null);
	ready = $state(false);

	async load(): Promise<void> {
		this.name = await getSetting('userName', '');
		this.personId = await getSetting<string | null>('personId', null);
		this.townshipId = await getSetting<string | null>('townshipId', null);
		const locale = await getSetting<Locale>('locale', 'zh');
		if (LOCALES.includes(locale)) i18n.locale = locale;
		this.ready = true;
	}

	async rename(name: string): Promise<void> {
		this.name = name.trim().slice(0, 40);
		await putSetting('userName', this.name);
	}

	/** Says which person of the organisation this is; their name becomes the one shown. */
	async choosePerson(person: Person | null): Promise<void> {
		this.personId = person?.id ?? null;
		await putSetting('personId', this.personId);
		if (person) await this.rename(person.name);
	}

	/** Works in another township from now on; who one is there is asked afresh. */
	async chooseTownship(townshipId: string | null): Promise<void> {
		if (townshipId === this.townshipId) return;
		this.townshipId = townshipId;
		await putSetting('townshipId', townshipId);
		await this.choosePerson(null);
	}

	/** Who to record as having done something: the chosen person, or the typed name. */
	actor(people: readonly Person[]): Actor {
		const person = this.personId ? people.find((p) => p.id === this.personId) : undefined;
		return person ? { id: person.id, name: person.name } : { id: deviceActorId(this.displayName), name: this.displayName };
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
