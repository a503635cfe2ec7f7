/**
 * The statistics page's documents: every readable village's dossier and review document, opened
 * side by side as the township ledger opens the reviews (TownshipLedger), each kept in IndexedDB
 * and synced by its SyncedDoc, so the figures are there offline and follow other cadres' edits.
 *
 * The dossiers are opened read-only through SyncedDoc and DossierDoc rather than DossierSession:
 * a DossierSession announces its reader as present in the village (awareness) and marks the
 * dossier as just opened on this device, and neither is true of someone reading the township's
 * figures.
 *
 * Reading a household (statistics/checkState.ts: its forms, income, signatures) is the costly
 * part, a third of a millisecond each: a township of 15 villages of 2,000 households would hold
 * the page for ten seconds in one go. So each village reads its households a few at a time,
 * giving the page back between slices, and afterwards reads again only the households that
 * changed (after the edits settle: others may be typing), or all of them when a signature, the
 * dossier's identity or its campaigns change. Counting what was read is cheap and done on demand.
 *
 * (It belongs in src/lib/client beside TownshipLedger; it is here while that folder is others'.)
 */
import { untrack } from 'svelte';
import { DossierDoc } from '$lib/dossier/dossierDoc';
import type { Campaign } from '$lib/campaign/campaign';
import type { Group, Village } from '$lib/organisation/organisation';
import { SyncedDoc } from './syncedDoc.svelte';
import { ReviewSession } from './reviewSession.svelte';
import { combineSyncStates, type SyncState } from '$lib/sync/syncStatus';
import { householdFacts, type HouseholdFacts } from '$lib/statistics/checkState';
import { countVillage, villageCampaign, type VillageCampaign, type VillageResult } from '$lib/statistics/statistics';

/** How long a burst of edits may go on before the figures follow it. */
const SETTLE_MS = 1000;
/** How long one slice of reading may hold the page. */
const SLICE_MS = 12;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A village's households as read for one campaign. */
interface Counted {
	campaignId: string;
	resolved: VillageCampaign;
	households: HouseholdFacts[];
}

class VillageDocuments {
	readonly dossierId: string;
	readonly dossier: DossierDoc;
	readonly review: ReviewSession;
	private readonly synced: SyncedDoc;
	private readonly stops: (() => void)[];
	private settleTimer: ReturnType<typeof setTimeout> | null = null;
	private destroyed = false;
	private running = false;
	private campaignId: string | null = null;
	private readonly facts = new Map<string, HouseholdFacts>();
	private dirty: Set<string> | 'all' = 'all';

	campaigns = $state.raw<Campaign[]>([]);
	/** The households as last read, whole; null until the first reading for the campaign is done. */
	counted = $state.raw<Counted | null>(null);

	constructor(dossierId: string, campaignId: string | null) {
		this.dossierId = dossierId;
		this.campaignId = campaignId;
		this.synced = new SyncedDoc({ kind: 'dossier', dossierId });
		this.dossier = new DossierDoc(this.synced.doc);
		this.review = new ReviewSession(dossierId);
		const all = () => this.changed('all');
		this.stops = [
			this.dossier.observeHouseholds((ids) => this.changed(ids)),
			this.dossier.observeSignatures(all),
			this.dossier.observeMeta(all),
			this.dossier.observeCampaigns(() => {
				this.campaigns = this.dossier.campaigns();
				all();
			})
		];
		void this.synced.whenLoaded.then(() => {
			this.campaigns = this.dossier.campaigns();
			void this.run();
		});
	}

	/** Reads the households for another campaign, all of them. */
	count(campaignId: string): void {
		if (campaignId === this.campaignId) return;
		this.campaignId = campaignId;
		this.dirty = 'all';
		this.counted = null;
		void this.run();
	}

	private changed(ids: Set<string> | 'all'): void {
		if (ids === 'all' || this.dirty === 'all') this.dirty = 'all';
		else for (const id of ids) this.dirty.add(id);
		this.settleTimer ??= setTimeout(() => {
			this.settleTimer = null;
			void this.run();
		}, SETTLE_MS);
	}

	private async run(): Promise<void> {
		if (this.running || !this.synced.loaded) return;
		this.running = true;
		try {
			while (!this.destroyed && this.campaignId && (this.dirty === 'all' || this.dirty.size > 0)) {
				const campaignId = this.campaignId;
				const dirty = this.dirty;
				this.dirty = new Set();
				const resolved = villageCampaign(this.dossier, campaignId);
				if (!resolved.ok) {
					this.facts.clear();
					this.counted = { campaignId, resolved, households: [] };
					continue;
				}
				if (dirty === 'all') this.facts.clear();
				const meta = this.dossier.meta();
				const ids = this.dossier.listHouseholds().map((h) => h.id);
				let slice = performance.now();
				for (const id of ids) {
					if (dirty !== 'all' && !dirty.has(id) && this.facts.has(id)) continue;
					this.facts.set(id, householdFacts(this.dossier, id, resolved.campaign, resolved.form, meta));
					if (performance.now() - slice > SLICE_MS) {
						await nextTask();
						if (this.destroyed || this.campaignId !== campaignId) break;
						slice = performance.now();
					}
				}
				// Another campaign was chosen meanwhile: its reading starts over (dirty is 'all').
				if (this.destroyed || this.campaignId !== campaignId) continue;
				this.counted = { campaignId, resolved, households: ids.flatMap((id) => this.facts.get(id) ?? []) };
			}
		} finally {
			this.running = false;
		}
	}

	get loaded(): boolean {
		return this.synced.loaded && this.review.loaded;
	}

	get sync(): SyncState {
		return combineSyncStates([this.synced.sync, this.review.sync]);
	}

	get lastSynced(): number {
		return Math.min(this.synced.lastSynced, this.review.lastSynced);
	}

	destroy(): void {
		this.destroyed = true;
		if (this.settleTimer) clearTimeout(this.settleTimer);
		for (const stop of this.stops) stop();
		this.review.destroy();
		this.synced.destroy();
	}
}

export class StatisticsSession {
	#villages = $state<VillageDocuments[]>([]);
	#campaignId = $state<string | null>(null);

	/** Opens these villages' documents and closes those no longer listed. */
	follow(dossierIds: readonly string[]): void {
		// Called from an effect: what is open now must not become a dependency of that effect.
		untrack(() => {
			const kept = this.#villages.filter((v) => dossierIds.includes(v.dossierId));
			for (const v of this.#villages) if (!dossierIds.includes(v.dossierId)) v.destroy();
			for (const id of dossierIds) if (!kept.some((v) => v.dossierId === id)) kept.push(new VillageDocuments(id, this.#campaignId));
			this.#villages = kept;
		});
	}

	/** Counts every village for this campaign from now on. */
	count(campaignId: string): void {
		untrack(() => {
			this.#campaignId = campaignId;
			for (const v of this.#villages) v.count(campaignId);
		});
	}

	/** How many villages' documents are read (and counted, once a campaign is chosen), of how many. */
	get progress(): { loaded: number; total: number } {
		const done = (v: VillageDocuments) => v.loaded && (this.#campaignId === null || v.counted?.campaignId === this.#campaignId);
		return { loaded: this.#villages.filter(done).length, total: this.#villages.length };
	}

	get sync(): SyncState {
		return combineSyncStates(this.#villages.map((v) => v.sync));
	}

	get lastSynced(): number {
		return this.#villages.length ? Math.min(...this.#villages.map((v) => v.lastSynced)) : 0;
	}

	/** The campaigns of every open dossier, by id (the first record seen of each), oldest first. */
	get campaigns(): Campaign[] {
		const byId: Record<string, Campaign> = {};
		for (const v of this.#villages) for (const c of v.campaigns) byId[c.id] ??= c;
		return Object.values(byId).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
	}

	/** A village's figures for a campaign, once its households are read; null until then. */
	result(village: Village, groups: readonly Group[], campaignId: string, today: string): VillageResult | null {
		const docs = this.#villages.find((v) => v.dossierId === village.dossierId);
		const counted = docs?.counted;
		if (!docs?.loaded || counted?.campaignId !== campaignId) return null;
		if (!counted.resolved.ok) return { ok: false, village, reason: counted.resolved.reason };
		const { campaign, form } = counted.resolved;
		const figures = countVillage({ village, groups, findings: docs.review.entries, campaign, form, households: counted.households, today });
		return { ok: true, village, campaign, households: counted.households, figures };
	}

	destroy(): void {
		for (const v of this.#villages) v.destroy();
		this.#villages = [];
	}
}
