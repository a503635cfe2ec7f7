/**
 * The typed API over a dossier's Y.Doc. The app and the server both go through it, never through
 * raw Y.Map keys, so the layout in layout.ts has one reader and one writer.
 */
import * as Y from 'yjs';
import { newId } from './ids';
import {
	CARD_FORM,
	HOUSEHOLD,
	LAYOUT_VERSION,
	ROOT,
	type Answer,
	type HouseholdType
} from './layout';

export interface DossierMeta {
	id: string;
	township: string;
	village: string;
	layout: number;
	createdAt: string;
	createdBy: string;
}

export interface HouseholdSummary {
	id: string;
	head: string;
	type: Answer | undefined;
	createdAt: string;
	createdBy: string;
}

export interface NewHousehold {
	head: string;
	type: HouseholdType;
}

/** Who made a change and when; kept on records that must be traceable. */
export interface Actor {
	name: string;
	at?: Date;
}

export type HouseholdMap = Y.Map<unknown>;

export class DossierDoc {
	readonly doc: Y.Doc;

	constructor(doc: Y.Doc = new Y.Doc()) {
		this.doc = doc;
	}

	get metaMap(): Y.Map<unknown> {
		return this.doc.getMap(ROOT.meta);
	}

	get householdsMap(): Y.Map<HouseholdMap> {
		return this.doc.getMap(ROOT.households);
	}

	/**
	 * Writes the dossier's identity. Called once by the device that creates the dossier; on a
	 * second call only the keys still missing are filled, so two devices initialising the same
	 * id offline cannot overwrite each other's names.
	 */
	init(meta: Omit<DossierMeta, 'layout' | 'createdAt'> & { createdAt?: string }): void {
		this.doc.transact(() => {
			const map = this.metaMap;
			const values: Record<string, unknown> = {
				id: meta.id,
				township: meta.township,
				village: meta.village,
				layout: LAYOUT_VERSION,
				createdAt: meta.createdAt ?? new Date().toISOString(),
				createdBy: meta.createdBy
			};
			for (const [key, value] of Object.entries(values)) {
				if (!map.has(key)) map.set(key, value);
			}
		});
	}

	meta(): DossierMeta | null {
		const map = this.metaMap;
		const id = map.get('id');
		if (typeof id !== 'string') return null;
		const str = (key: string) => {
			const v = map.get(key);
			return typeof v === 'string' ? v : '';
		};
		const layout = map.get('layout');
		return {
			id,
			township: str('township'),
			village: str('village'),
			layout: typeof layout === 'number' ? layout : LAYOUT_VERSION,
			createdAt: str('createdAt'),
			createdBy: str('createdBy')
		};
	}

	createHousehold(input: NewHousehold, by: Actor, id: string = newId()): string {
		this.doc.transact(() => {
			const household = new Y.Map<unknown>();
			household.set(HOUSEHOLD.id, id);
			household.set(HOUSEHOLD.createdAt, (by.at ?? new Date()).toISOString());
			household.set(HOUSEHOLD.createdBy, by.name);
			const forms = new Y.Map<Y.Map<Answer>>();
			const card = new Y.Map<Answer>();
			card.set('head', input.head);
			card.set('type', input.type);
			forms.set(CARD_FORM, card);
			household.set(HOUSEHOLD.forms, forms);
			this.householdsMap.set(id, household);
		});
		return id;
	}

	/** Withdraws a household; its record stays for the audit trail. */
	removeHousehold(id: string, by: Actor): void {
		const household = this.householdsMap.get(id);
		if (!household) throw new Error(`no household ${id}`);
		this.doc.transact(() => {
			household.set(HOUSEHOLD.removedAt, (by.at ?? new Date()).toISOString());
			household.set(HOUSEHOLD.removedBy, by.name);
		});
	}

	private formMap(householdId: string, formKey: string, create: boolean): Y.Map<Answer> | undefined {
		const household = this.householdsMap.get(householdId);
		if (!household) {
			if (create) throw new Error(`no household ${householdId}`);
			return undefined;
		}
		let forms = household.get(HOUSEHOLD.forms) as Y.Map<Y.Map<Answer>> | undefined;
		if (!forms) {
			if (!create) return undefined;
			forms = new Y.Map();
			household.set(HOUSEHOLD.forms, forms);
		}
		let form = forms.get(formKey);
		if (!form && create) {
			form = new Y.Map();
			forms.set(formKey, form);
		}
		return form;
	}

	/**
	 * Sets one answer. The value is stored as given (validation belongs to the template and is
	 * shown, not enforced by dropping data); `null` or `undefined` clears it.
	 */
	setAnswer(householdId: string, formKey: string, questionId: string, value: Answer | undefined, origin?: unknown): void {
		this.doc.transact(() => {
			const form = this.formMap(householdId, formKey, true)!;
			if (value === undefined || value === null) form.delete(questionId);
			else if (form.get(questionId) !== value || Array.isArray(value)) form.set(questionId, value);
		}, origin);
	}

	answer(householdId: string, formKey: string, questionId: string): Answer | undefined {
		return this.formMap(householdId, formKey, false)?.get(questionId);
	}

	answers(householdId: string, formKey: string): Record<string, Answer> {
		return (this.formMap(householdId, formKey, false)?.toJSON() ?? {}) as Record<string, Answer>;
	}

	household(id: string): HouseholdSummary | null {
		const map = this.householdsMap.get(id);
		if (!map || map.get(HOUSEHOLD.removedAt)) return null;
		return this.summarise(id, map);
	}

	private summarise(id: string, map: HouseholdMap): HouseholdSummary {
		const card = (map.get(HOUSEHOLD.forms) as Y.Map<Y.Map<Answer>> | undefined)?.get(CARD_FORM);
		const head = card?.get('head');
		return {
			id,
			head: typeof head === 'string' ? head : '',
			type: card?.get('type'),
			createdAt: String(map.get(HOUSEHOLD.createdAt) ?? ''),
			createdBy: String(map.get(HOUSEHOLD.createdBy) ?? '')
		};
	}

	/** Households that are not withdrawn, in the order they were entered (then by id, for ties). */
	listHouseholds(): HouseholdSummary[] {
		const list: HouseholdSummary[] = [];
		for (const [id, map] of this.householdsMap) {
			if (map.get(HOUSEHOLD.removedAt)) continue;
			list.push(this.summarise(id, map));
		}
		return list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
	}

	/**
	 * Calls back with the ids of the households touched by each transaction, local or remote.
	 * Returns the function that stops observing.
	 */
	observeHouseholds(callback: (changed: Set<string>, origin: unknown) => void): () => void {
		const root = this.householdsMap;
		const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
			const changed = new Set<string>();
			for (const event of events) {
				if (event.target === root) {
					for (const key of (event as Y.YMapEvent<unknown>).keysChanged) changed.add(key);
				} else {
					const top = event.path[0];
					if (typeof top === 'string') changed.add(top);
				}
			}
			if (changed.size) callback(changed, transaction.origin);
		};
		root.observeDeep(handler);
		return () => root.unobserveDeep(handler);
	}

	observeMeta(callback: () => void): () => void {
		const handler = () => callback();
		this.metaMap.observe(handler);
		return () => this.metaMap.unobserve(handler);
	}
}
