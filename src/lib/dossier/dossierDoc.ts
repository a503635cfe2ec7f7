/**
 * The typed API over a dossier's Y.Doc. The app and the server both go through it, never through
 * raw Y.Map keys, so the layout in layout.ts has one reader and one writer.
 */
import * as Y from 'yjs';
import { monitoringHistory, monitoringKey, monitoringStepSchema, type MonitoringHistory, type MonitoringStep } from '../household/monitoring';
import { newId } from './ids';
import { campaignSchema, type Campaign } from '../campaign/campaign';
import { carriedKey, CARRIED_SUFFIX, DESCRIBE_SUFFIX } from '../templates/template';
import { readSignature, signatureBase, signatureRecordSchema, type FormSignature, type SignatureRecord } from '../signing/signature';
import {
	CARD_FORM,
	FORM_KEY_PATTERN,
	HOUSEHOLD,
	LAYOUT_VERSION,
	ROOT,
	answerKey,
	rowAnswerKey,
	rowKey,
	type Answer,
	type FormValue,
	type HouseholdType,
	type RepeatRows
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

/** One answer to set (see setAnswers): `key` is the question's id, `undefined` clears it. */
export interface AnswerWrite {
	householdId: string;
	formKey: string;
	key: string;
	value: Answer | undefined;
}

const signatureIndexes = new WeakMap<Y.Doc, { latest: Map<string, FormSignature> | null }>();

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

	/** The dossier's campaigns, oldest first; entries that do not parse are skipped. */
	campaigns(): Campaign[] {
		const list: Campaign[] = [];
		for (const value of this.doc.getMap(ROOT.campaigns).values()) {
			const parsed = campaignSchema.safeParse(value);
			if (parsed.success) list.push(parsed.data);
		}
		return list.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
	}

	/** Adds a campaign once; a campaign already here keeps its settings. */
	addCampaign(campaign: Campaign, origin?: unknown): void {
		const parsed = campaignSchema.parse(campaign);
		this.doc.transact(() => {
			const map = this.doc.getMap(ROOT.campaigns);
			if (!map.has(parsed.id)) map.set(parsed.id, parsed);
		}, origin);
	}

	observeCampaigns(callback: () => void): () => void {
		const map = this.doc.getMap(ROOT.campaigns);
		const handler = () => callback();
		map.observe(handler);
		return () => map.unobserve(handler);
	}

	/**
	 * Adds a signature record to a form (signing again adds another; the latest is the form's).
	 * `key` is the form's signature key (signatureKey); the record goes under `<key>#<id>`.
	 */
	sign(key: string, record: SignatureRecord, origin?: unknown): void {
		const parsed = signatureRecordSchema.parse(record);
		this.doc.transact(() => this.doc.getMap(ROOT.signatures).set(`${key}#${parsed.id}`, parsed), origin);
	}

	/** The form's signature: the latest record under its key, or null (values that do not parse are skipped). */
	signature(key: string): FormSignature | null {
		return this.signatureIndex().get(key) ?? null;
	}

	/** Latest signature per form key, rebuilt only after the signatures change (one index per document). */
	private signatureIndex(): Map<string, FormSignature> {
		let cache = signatureIndexes.get(this.doc);
		if (!cache) {
			const made: { latest: Map<string, FormSignature> | null } = { latest: null };
			this.doc.getMap(ROOT.signatures).observe(() => (made.latest = null));
			signatureIndexes.set(this.doc, (cache = made));
		}
		if (cache.latest) return cache.latest;
		const latest = new Map<string, FormSignature>();
		for (const [stored, value] of this.doc.getMap(ROOT.signatures).entries()) {
			const signature = readSignature(value);
			if (!signature) continue;
			const base = signatureBase(stored);
			const current = latest.get(base);
			if (!current || signature.at > current.at || (signature.at === current.at && signature.digest !== null && current.digest === null)) latest.set(base, signature);
		}
		cache.latest = latest;
		return latest;
	}

	observeSignatures(callback: () => void): () => void {
		const map = this.doc.getMap(ROOT.signatures);
		const handler = () => callback();
		map.observe(handler);
		return () => map.unobserve(handler);
	}

	createHousehold(input: NewHousehold, by: Actor, id: string = newId()): string {
		this.doc.transact(() => {
			const household = new Y.Map<unknown>();
			household.set(HOUSEHOLD.id, id);
			household.set(HOUSEHOLD.createdAt, (by.at ?? new Date()).toISOString());
			household.set(HOUSEHOLD.createdBy, by.name);
			// The answers map is made here, once, by the one device that creates the household.
			const answers = new Y.Map<Answer>();
			answers.set(answerKey(CARD_FORM, 'head'), input.head);
			answers.set(answerKey(CARD_FORM, 'type'), input.type);
			household.set(HOUSEHOLD.answers, answers);
			this.householdsMap.set(id, household);
		});
		return id;
	}

	/** Withdraws a household; its record stays for the audit trail. */
	/**
	 * Withdraws a household: a recorded state with who, when and why; its record and answers stay
	 * (households are never deleted: the server refuses that).
	 */
	removeHousehold(id: string, by: Actor & { id?: string }, reason: string): void {
		const household = this.householdMap(id);
		if (!household) throw new Error(`no household ${id}`);
		const why = reason.trim().slice(0, 500);
		if (!why) throw new Error('a withdrawal needs a reason');
		this.doc.transact(() => {
			household.set(HOUSEHOLD.removedAt, (by.at ?? new Date()).toISOString());
			household.set(HOUSEHOLD.removedBy, by.name);
			if (by.id) household.set(HOUSEHOLD.removedById, by.id);
			household.set(HOUSEHOLD.removedReason, why);
		});
	}

	/**
	 * A household's Y.Map, or undefined. Anything else under that key (another layout, a buggy
	 * or hostile client) is ignored rather than allowed to stop the dossier from opening.
	 */
	private householdMap(householdId: string): HouseholdMap | undefined {
		const value = this.householdsMap.get(householdId);
		return value instanceof Y.Map ? value : undefined;
	}

	/** A household's answers as the Yjs type they live in (an undo manager's scope); undefined when there is no such household. */
	answersType(householdId: string): Y.Map<Answer> | undefined {
		return this.answersMap(householdId);
	}

	private answersMap(householdId: string): Y.Map<Answer> | undefined {
		const answers = this.householdMap(householdId)?.get(HOUSEHOLD.answers);
		return answers instanceof Y.Map ? (answers as Y.Map<Answer>) : undefined;
	}

	private requireAnswers(householdId: string, formKey: string): Y.Map<Answer> {
		if (!FORM_KEY_PATTERN.test(formKey)) throw new Error(`bad form key ${formKey}`);
		const answers = this.answersMap(householdId);
		if (!answers) throw new Error(`no household ${householdId}`);
		return answers;
	}

	/**
	 * Sets one answer. The value is stored as given (validation belongs to the template and is
	 * shown, not enforced by dropping data); `null` or `undefined` clears it.
	 */
	setAnswer(householdId: string, formKey: string, questionId: string, value: Answer | undefined, origin?: unknown): void {
		this.doc.transact(() => writeAnswer(this.requireAnswers(householdId, formKey), answerKey(formKey, questionId), value), origin);
	}

	/**
	 * Sets many answers in one transaction, each as setAnswer would (same rules, same errors). A
	 * grid's paste writes thousands: this looks up each household's answers and checks each form
	 * key once, rather than once per answer in a transaction of its own.
	 */
	setAnswers(writes: Iterable<AnswerWrite>, origin?: unknown): void {
		this.doc.transact(() => {
			const checked = new Set<string>();
			let householdId: string | undefined;
			let answers: Y.Map<Answer> | undefined;
			for (const w of writes) {
				if (!checked.has(w.formKey)) {
					if (!FORM_KEY_PATTERN.test(w.formKey)) throw new Error(`bad form key ${w.formKey}`);
					checked.add(w.formKey);
				}
				if (w.householdId !== householdId || !answers) {
					answers = this.answersMap(w.householdId);
					if (!answers) throw new Error(`no household ${w.householdId}`);
					householdId = w.householdId;
				}
				writeAnswer(answers, answerKey(w.formKey, w.key), w.value);
			}
		}, origin);
	}

	answer(householdId: string, formKey: string, questionId: string): Answer | undefined {
		return this.answersMap(householdId)?.get(answerKey(formKey, questionId));
	}

	/** Every answer of a household as stored, flat keys and all forms (the record a review binds). */
	answerEntries(householdId: string): [string, Answer][] {
		const map = this.answersMap(householdId);
		return map ? [...map.entries()] : [];
	}

	/** A form's answers, with each repeat group's rows under the group's id. */
	answers(householdId: string, formKey: string): Record<string, FormValue> {
		const map = this.answersMap(householdId);
		return map ? readForm(map, formKey) : {};
	}

	/** Sets one answer of a village-level form (附件2); same rules as setAnswer. */
	setVillageAnswer(formKey: string, questionId: string, value: Answer | undefined, origin?: unknown): void {
		if (!FORM_KEY_PATTERN.test(formKey)) throw new Error(`bad form key ${formKey}`);
		this.doc.transact(() => writeAnswer(this.doc.getMap<Answer>(ROOT.village), answerKey(formKey, questionId), value), origin);
	}

	villageAnswers(formKey: string): Record<string, FormValue> {
		return readForm(this.doc.getMap<Answer>(ROOT.village), formKey);
	}

	observeVillage(callback: () => void): () => void {
		const map = this.doc.getMap(ROOT.village);
		const handler = () => callback();
		map.observe(handler);
		return () => map.unobserve(handler);
	}

	/** Adds a row to a repeat group (household members, income lines) and returns its id. */
	addRow(householdId: string, formKey: string, groupId: string, values: Record<string, Answer> = {}, origin?: unknown, rowId: string = newId()): string {
		this.doc.transact(() => {
			const answers = this.requireAnswers(householdId, formKey);
			answers.set(rowKey(formKey, groupId, rowId), nextOrder(answers, formKey, groupId));
			for (const [questionId, value] of Object.entries(values)) writeAnswer(answers, rowAnswerKey(formKey, groupId, rowId, questionId), value);
		}, origin);
		return rowId;
	}

	setRowAnswer(householdId: string, formKey: string, groupId: string, rowId: string, questionId: string, value: Answer | undefined, origin?: unknown): void {
		this.doc.transact(() => {
			const answers = this.requireAnswers(householdId, formKey);
			if (!answers.has(rowKey(formKey, groupId, rowId))) throw new Error(`no row ${rowId} in ${groupId}`);
			writeAnswer(answers, rowAnswerKey(formKey, groupId, rowId, questionId), value);
		}, origin);
	}

	hasRow(householdId: string, formKey: string, groupId: string, rowId: string): boolean {
		return !!this.answersMap(householdId)?.has(rowKey(formKey, groupId, rowId));
	}

	removeRow(householdId: string, formKey: string, groupId: string, rowId: string, origin?: unknown): void {
		this.doc.transact(() => {
			const answers = this.requireAnswers(householdId, formKey);
			const prefix = rowKey(formKey, groupId, rowId);
			for (const key of [...answers.keys()]) if (key === prefix || key.startsWith(prefix + ':')) answers.delete(key);
		}, origin);
	}

	/** A repeat group's rows in their order: [rowId, answers]. */
	rows(householdId: string, formKey: string, groupId: string): [string, Record<string, Answer>][] {
		const group = this.answers(householdId, formKey)[groupId];
		return group && typeof group === 'object' && !Array.isArray(group) ? Object.entries(group as RepeatRows) : [];
	}

	/** How many rows a repeat group has (household size: its members), without reading the form. */
	countRows(householdId: string, formKey: string, groupId: string): number {
		const map = this.answersMap(householdId);
		if (!map) return 0;
		const prefix = rowKey(formKey, groupId, '');
		let count = 0;
		for (const key of map.keys()) if (key.startsWith(prefix) && key.indexOf(':', prefix.length) < 0) count++;
		return count;
	}

	household(id: string): HouseholdSummary | null {
		const map = this.householdMap(id);
		if (!map || map.get(HOUSEHOLD.removedAt)) return null;
		return this.summarise(id, map);
	}

	private summarise(id: string, map: HouseholdMap): HouseholdSummary {
		const raw = map.get(HOUSEHOLD.answers);
		const answers = raw instanceof Y.Map ? (raw as Y.Map<Answer>) : undefined;
		const head = answers?.get(answerKey(CARD_FORM, 'head'));
		return {
			id,
			head: typeof head === 'string' ? head : '',
			type: answers?.get(answerKey(CARD_FORM, 'type')),
			createdAt: String(map.get(HOUSEHOLD.createdAt) ?? ''),
			createdBy: String(map.get(HOUSEHOLD.createdBy) ?? '')
		};
	}

	/** Households that are not withdrawn, in the order they were entered (then by id, for ties). */
	listHouseholds(): HouseholdSummary[] {
		const list: HouseholdSummary[] = [];
		for (const [id, map] of this.householdsMap) {
			if (!(map instanceof Y.Map) || map.get(HOUSEHOLD.removedAt)) continue;
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

	/** Records a step of a household's monitoring lifecycle (written once; see household/monitoring.ts). */
	addMonitoringStep(step: MonitoringStep, origin?: unknown): void {
		const parsed = monitoringStepSchema.parse(step);
		const key = monitoringKey(parsed);
		const map = this.doc.getMap(ROOT.monitoring);
		if (map.has(key)) throw new Error(`monitoring step ${key} exists`);
		this.doc.transact(() => map.set(key, parsed), origin);
	}

	/** A household's monitoring lifecycle. */
	monitoring(householdId: string): MonitoringHistory {
		const prefix = householdId + '#';
		const records: [string, unknown][] = [];
		for (const [key, value] of this.doc.getMap(ROOT.monitoring)) if (key.startsWith(prefix)) records.push([key, value]);
		return monitoringHistory(records);
	}

	/** Every household's monitoring lifecycle, in one pass (statistics). */
	monitoringAll(): Map<string, MonitoringHistory> {
		const byHousehold = new Map<string, [string, unknown][]>();
		for (const [key, value] of this.doc.getMap(ROOT.monitoring)) {
			const householdId = key.slice(0, key.indexOf('#'));
			const list = byHousehold.get(householdId) ?? [];
			list.push([key, value]);
			byHousehold.set(householdId, list);
		}
		return new Map([...byHousehold].map(([householdId, records]) => [householdId, monitoringHistory(records)]));
	}

	observeMonitoring(callback: () => void): () => void {
		const map = this.doc.getMap(ROOT.monitoring);
		const handler = () => callback();
		map.observe(handler);
		return () => map.unobserve(handler);
	}

	observeMeta(callback: () => void): () => void {
		const handler = () => callback();
		this.metaMap.observe(handler);
		return () => this.metaMap.unobserve(handler);
	}
}

function writeAnswer(answers: Y.Map<Answer>, key: string, value: Answer | undefined): void {
	if (value === undefined || value === null) {
		if (answers.has(key)) answers.delete(key);
	} else if (Array.isArray(value) || answers.get(key) !== value) {
		answers.set(key, value);
	}
	// An answer given this round (even the same one again) is the cadre's own: a carried-over
	// mark on it goes (template.carriedKey).
	const mark = carriedKey(key);
	if (!key.endsWith(CARRIED_SUFFIX) && !key.endsWith(DESCRIBE_SUFFIX) && answers.has(mark)) answers.delete(mark);
}

/** Orders new rows after the existing ones; ties (two devices adding at once) fall back to row id. */
function nextOrder(answers: Y.Map<Answer>, formKey: string, groupId: string): number {
	const prefix = `${formKey}:${groupId}:`;
	let max = 0;
	for (const [key, value] of answers) {
		if (key.startsWith(prefix) && key.indexOf(':', prefix.length) < 0 && typeof value === 'number') max = Math.max(max, value);
	}
	return max + 1;
}

/** Reads one form out of a flat answers map; rows come back in order under their group id. */
export function readForm(answers: Y.Map<Answer>, formKey: string): Record<string, FormValue> {
	const prefix = formKey + ':';
	const form: Record<string, FormValue> = {};
	const groups = new Map<string, { rowId: string; order: number; values: Record<string, Answer> }[]>();
	const rowValues = new Map<string, Record<string, Answer>>();
	for (const [key, value] of answers) {
		if (!key.startsWith(prefix)) continue;
		const parts = key.slice(prefix.length).split(':');
		if (parts.length === 1) {
			form[parts[0]!] = value;
		} else if (parts.length === 2) {
			const [groupId, rowId] = parts as [string, string];
			const values = rowValues.get(`${groupId}:${rowId}`) ?? {};
			rowValues.set(`${groupId}:${rowId}`, values);
			let rows = groups.get(groupId);
			if (!rows) groups.set(groupId, (rows = []));
			rows.push({ rowId, order: typeof value === 'number' ? value : 0, values });
		}
	}
	for (const [key, value] of answers) {
		if (!key.startsWith(prefix)) continue;
		const parts = key.slice(prefix.length).split(':');
		if (parts.length !== 3) continue;
		// Answers of a row that no longer exists (removed on another device) are not shown.
		const values = rowValues.get(`${parts[0]}:${parts[1]}`);
		if (values) values[parts[2]!] = value;
	}
	for (const [groupId, rows] of groups) {
		rows.sort((a, b) => a.order - b.order || (a.rowId < b.rowId ? -1 : 1));
		const ordered: RepeatRows = {};
		for (const row of rows) ordered[row.rowId] = row.values;
		form[groupId] = ordered;
	}
	return form;
}
