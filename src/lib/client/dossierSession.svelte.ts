/**
 * One open dossier in the browser: its Y.Doc, kept in IndexedDB by y-indexeddb and synced by the
 * stock WebsocketProvider, with the truthful sync state and the people present as Svelte state.
 * Components read from it and call its methods; the rules live in src/lib/dossier.
 */
import * as Y from 'yjs';
import { SvelteSet } from 'svelte/reactivity';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { DossierDoc, type DossierMeta, type HouseholdSummary, type NewHousehold } from '../dossier/dossierDoc';
import type { Answer, FormValue } from '../dossier/layout';
import { DurableStateTracker } from '../sync/durableState';
import { SYNC_PATH } from '../sync/protocol';
import { syncState, type SyncState } from '../sync/syncStatus';
import { localIndex } from './localIndex';
import { AUGUST_2022, type Campaign } from '../campaign/campaign';
import { canonicalAnswers, signForm, signatureKey, signatureStatus, type FormSignature, type FormSigning } from '../signing/signature';
import type { Template } from '../templates/template';

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	householdId: string | null;
	self: boolean;
}

const COLORS = ['#c0392b', '#2471a3', '#1e8449', '#b9770e', '#7d3c98', '#117a65', '#a04000', '#2e4053'];

/** Local edits come from the app; everything else (IndexedDB load, the server) is not counted. */
const LOCAL = Symbol('local edit');

export class DossierSession {
	readonly id: string;
	readonly dossier: DossierDoc;
	readonly doc: Y.Doc;
	private readonly persistence: IndexeddbPersistence;
	private readonly provider: WebsocketProvider;
	private readonly durable: DurableStateTracker;
	private readonly cleanups: (() => void)[] = [];

	loaded = $state(false);
	meta = $state<DossierMeta | null>(null);
	households = $state<HouseholdSummary[]>([]);
	campaigns = $state<Campaign[]>([]);
	/** The campaign whose forms this device shows; null follows the newest one. */
	chosenCampaignId = $state<string | null>(null);
	readonly campaign: Campaign | null = $derived(
		this.campaigns.find((c) => c.id === this.chosenCampaignId) ?? this.campaigns.at(-1) ?? null
	);
	/** Bumped on every change to households, so views that read answers re-run. */
	revision = $state(0);
	peers = $state<Peer[]>([]);
	lastSynced = $state(0);

	#unsaved = $state(0);
	#connected = $state(false);
	#denied = $state(false);
	#serverHasEverything = $state(false);
	/**
	 * What changed locally since the server last had everything: one entry per field, household
	 * or dossier identity touched, so typing a phone number counts as one change, not eleven.
	 */
	readonly #pending = new SvelteSet<string>();

	readonly sync: SyncState = $derived(
		syncState({
			unsavedLocally: this.#unsaved,
			connected: this.#connected,
			denied: this.#denied,
			serverHasEverything: this.#serverHasEverything,
			waiting: this.#pending.size
		})
	);

	constructor(id: string, user: { name: string }) {
		this.id = id;
		this.doc = new Y.Doc();
		this.dossier = new DossierDoc(this.doc);
		this.persistence = new IndexeddbPersistence(`dangka-dossier-${id}`, this.doc);
		const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${proto}//${location.host}${SYNC_PATH}`, id, this.doc, {
			params: { user: user.name },
			maxBackoffTime: 5000,
			connect: navigator.onLine,
			// Tabs sync through the server, so "synced" in a tab means the server has it.
			disableBc: true
		});
		this.durable = new DurableStateTracker(this.provider, this.doc);
		this.setUser(user.name);

		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (origin === LOCAL) void this.trackLocalSave();
			// Any change, ours or a peer's, moves our state vector: re-check what the server has.
			this.refreshDurable();
		};
		this.doc.on('update', onUpdate);
		this.cleanups.push(() => this.doc.off('update', onUpdate));

		this.cleanups.push(
			this.dossier.observeHouseholds(() => {
				this.households = this.dossier.listHouseholds();
				this.revision++;
			}),
			this.dossier.observeMeta(() => {
				this.meta = this.dossier.meta();
			}),
			this.dossier.observeCampaigns(() => {
				this.campaigns = this.dossier.campaigns();
			}),
			this.dossier.observeSignatures(() => {
				this.revision++;
			}),
			this.dossier.observeVillage(() => {
				this.revision++;
			}),
			this.durable.onChange(() => this.refreshDurable())
		);

		const onStatus = ({ status }: { status: string }) => {
			this.#connected = status === 'connected';
		};
		this.provider.on('status', onStatus);
		const onClosed = (event: { code: number }) => {
			if (event.code >= 4400 && event.code < 4500) this.#denied = true;
		};
		this.provider.on('closed', onClosed);
		this.cleanups.push(() => {
			this.provider.off('status', onStatus);
			this.provider.off('closed', onClosed);
		});

		// Follow the device's network state instead of waiting for a socket timeout: in a village
		// with no signal the indicator says "offline" at once, and the socket returns with the signal.
		const offline = () => this.provider.disconnect();
		const online = () => this.provider.connect();
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		this.cleanups.push(() => {
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
		});

		const onAwareness = () => this.refreshPeers();
		this.provider.awareness.on('change', onAwareness);
		this.cleanups.push(() => this.provider.awareness.off('change', onAwareness));

		void this.persistence.whenSynced.then(async () => {
			const record = await localIndex.dossiers.get(id);
			for (const key of record?.pendingChanges ?? []) this.#pending.add(key);
			this.lastSynced = record?.lastSynced ?? 0;
			this.meta = this.dossier.meta();
			this.households = this.dossier.listHouseholds();
			this.campaigns = this.dossier.campaigns();
			this.loaded = true;
			await localIndex.dossiers.update(id, { lastOpened: Date.now() });
		});
	}

	/**
	 * Resolves when every edit made so far is committed to IndexedDB. A read-only transaction on
	 * y-indexeddb's store is ordered after the read-write transactions created before it, so its
	 * completion means theirs are done.
	 */
	async whenSavedLocally(): Promise<void> {
		await this.persistence.whenSynced;
		const db = this.persistence.db;
		if (!db) return;
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(['updates'], 'readonly');
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error);
		});
	}

	private async trackLocalSave(): Promise<void> {
		this.#unsaved++;
		try {
			await this.whenSavedLocally();
		} finally {
			this.#unsaved--;
		}
		await localIndex.dossiers.update(this.id, { pendingChanges: [...this.#pending], households: this.households.length });
	}

	private refreshDurable(): void {
		const everything = this.durable.serverHasEverything;
		const was = this.#serverHasEverything;
		this.#serverHasEverything = everything;
		if (everything && (!was || this.#pending.size > 0)) {
			this.#pending.clear();
			this.lastSynced = Date.now();
			void localIndex.dossiers.update(this.id, { pendingChanges: [], lastSynced: this.lastSynced, households: this.households.length });
		}
	}

	private refreshPeers(): void {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const user = (state as { user?: { name?: unknown; color?: unknown }; householdId?: unknown }).user;
			if (!user || typeof user.name !== 'string') continue;
			peers.push({
				clientId,
				name: user.name.slice(0, 40),
				color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : COLORS[0]!,
				householdId: typeof state.householdId === 'string' ? state.householdId : null,
				self: clientId === this.doc.clientID
			});
		}
		this.peers = peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
	}

	setUser(name: string): void {
		this.provider.awareness.setLocalStateField('user', { name, color: COLORS[this.doc.clientID % COLORS.length] });
	}

	/** Tells others which household this person has open (null: none). */
	focus(householdId: string | null): void {
		this.provider.awareness.setLocalStateField('householdId', householdId);
	}

	createHousehold(input: NewHousehold, by: string): string {
		let id = '';
		this.doc.transact(() => {
			id = this.dossier.createHousehold(input, { name: by });
			this.#pending.add(`household/${id}`);
		}, LOCAL);
		return id;
	}

	removeHousehold(id: string, by: string): void {
		this.doc.transact(() => {
			this.#pending.add(`household/${id}`);
			this.dossier.removeHousehold(id, { name: by });
		}, LOCAL);
	}

	setAnswer(householdId: string, formKey: string, questionId: string, value: Answer | undefined): void {
		this.doc.transact(() => {
			this.#pending.add(`answer/${householdId}/${formKey}/${questionId}`);
			this.dossier.setAnswer(householdId, formKey, questionId, value);
		}, LOCAL);
	}

	addRow(householdId: string, formKey: string, groupId: string): string {
		let rowId = '';
		this.doc.transact(() => {
			rowId = this.dossier.addRow(householdId, formKey, groupId);
			this.#pending.add(`row/${householdId}/${formKey}/${groupId}/${rowId}`);
		}, LOCAL);
		return rowId;
	}

	setRowAnswer(householdId: string, formKey: string, groupId: string, rowId: string, questionId: string, value: Answer | undefined): void {
		this.doc.transact(() => {
			this.#pending.add(`answer/${householdId}/${formKey}/${groupId}/${rowId}/${questionId}`);
			this.dossier.setRowAnswer(householdId, formKey, groupId, rowId, questionId, value);
		}, LOCAL);
	}

	removeRow(householdId: string, formKey: string, groupId: string, rowId: string): void {
		this.doc.transact(() => {
			this.#pending.add(`row/${householdId}/${formKey}/${groupId}/${rowId}`);
			this.dossier.removeRow(householdId, formKey, groupId, rowId);
		}, LOCAL);
	}

	setVillageAnswer(formKey: string, questionId: string, value: Answer | undefined): void {
		this.doc.transact(() => {
			this.#pending.add(`village/${formKey}/${questionId}`);
			this.dossier.setVillageAnswer(formKey, questionId, value);
		}, LOCAL);
	}

	addCampaign(campaign: Campaign): void {
		this.doc.transact(() => {
			this.#pending.add(`campaign/${campaign.id}`);
			this.dossier.addCampaign(campaign);
		}, LOCAL);
		this.chosenCampaignId = campaign.id;
	}

	sign(key: string, signature: FormSignature): void {
		this.doc.transact(() => {
			this.#pending.add(`signature/${key}`);
			this.dossier.sign(key, signature);
		}, LOCAL);
	}

	/**
	 * Signing bound to one form: its state reads the signature against the form's answers as they
	 * are now, and signing records exactly those answers as what was signed.
	 */
	formSigning(scope: { householdId: string } | 'village', template: Template, formKey: string, answers: Record<string, FormValue>, by: string): FormSigning {
		return {
			state: (questionId) => {
				void this.revision;
				const signature = this.dossier.signature(signatureKey(scope, formKey, questionId));
				return { signature, status: signatureStatus(signature, canonicalAnswers(template, answers)) };
			},
			sign: (questionId, image) => this.sign(signatureKey(scope, formKey, questionId), signForm(template, answers, by, image))
		};
	}

	initMeta(meta: { township: string; village: string; createdBy: string; createdAt: string }): void {
		this.doc.transact(() => {
			this.#pending.add('meta');
			this.dossier.init({ id: this.id, ...meta });
			// Until campaigns are managed by the township (issue #5), a new dossier starts in the
			// campaign of the seed documents.
			this.dossier.addCampaign(AUGUST_2022);
		}, LOCAL);
	}

	destroy(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.durable.destroy();
		this.provider.destroy();
		void this.persistence.destroy();
		this.doc.destroy();
	}
}
