/**
 * One village's dossier and review document, opened read-only for the pages that read many
 * villages at once (statistics, 我的工作), each kept in IndexedDB and synced, so what they show is
 * there offline and follows other cadres' edits.
 *
 * The dossiers are opened through SyncedDoc and DossierDoc rather than DossierSession: a
 * DossierSession announces its reader as present in the village (awareness) and marks the
 * dossier as just opened on this device, and neither is true of someone reading the township.
 *
 * Reading a household (statistics/checkState.ts: its forms, income, signatures) is the costly
 * part, a third of a millisecond each: a township of 15 villages of 2,000 households would hold
 * the page for ten seconds in one go. So each village reads its households a few at a time,
 * giving the page back between slices, and afterwards reads again only the households that
 * changed (after the edits settle: others may be typing), or all of them when a signature, the
 * dossier's identity or its campaigns change.
 */
import { DossierDoc } from '$lib/dossier/dossierDoc';
import type { Campaign } from '$lib/campaign/campaign';
import { SyncedDoc } from './syncedDoc.svelte';
import { ReviewSession } from './reviewSession.svelte';
import { combineSyncStates, type SyncState } from '$lib/sync/syncStatus';
import { householdFacts, type HouseholdFacts } from '$lib/statistics/checkState';
import { villageCampaign, type VillageCampaign } from '$lib/statistics/statistics';

/** How long a burst of edits may go on before the figures follow it. */
const SETTLE_MS = 1000;
/** How long one slice of reading may hold the page. */
const SLICE_MS = 12;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A village's households as read for one campaign. */
export interface Counted {
	campaignId: string;
	resolved: VillageCampaign;
	households: HouseholdFacts[];
}

export class VillageDocuments {
	readonly dossierId: string;
	readonly dossier: DossierDoc;
	readonly review: ReviewSession;
	private readonly synced: SyncedDoc;
	private readonly stops: (() => void)[];
	private settleTimer: ReturnType<typeof setTimeout> | null = null;
	private destroyed = false;
	private running = false;
	private campaignId: string | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- what was read so far; `counted` is what renders
	private readonly facts = new Map<string, HouseholdFacts>();
	private dirty: Set<string> | 'all' = 'all';

	campaigns = $state.raw<Campaign[]>([]);
	/** The households as last read, whole; null until the first reading for the campaign is done. */
	counted = $state.raw<Counted | null>(null);

	/** Whether the households are read for the dossier's newest campaign, whichever that is. */
	private readonly followsNewest: boolean;

	/** `campaignId`: the campaign to read the households for; 'newest' follows the dossier's newest; null: none yet (count()). */
	constructor(dossierId: string, campaignId: string | 'newest' | null) {
		this.dossierId = dossierId;
		this.followsNewest = campaignId === 'newest';
		this.campaignId = campaignId === 'newest' ? null : campaignId;
		this.synced = SyncedDoc.open({ kind: 'dossier', dossierId });
		this.dossier = new DossierDoc(this.synced.doc);
		this.review = new ReviewSession(dossierId);
		const all = () => this.changed('all');
		this.stops = [
			this.dossier.observeHouseholds((ids) => this.changed(ids)),
			this.dossier.observeSignatures(all),
			this.dossier.observeMeta(all),
			this.dossier.observeCampaigns(() => {
				this.campaigns = this.dossier.campaigns();
				this.followNewest();
				all();
			})
		];
		void this.synced.whenLoaded.then(() => {
			this.campaigns = this.dossier.campaigns();
			this.followNewest();
			void this.run();
		});
	}

	private followNewest(): void {
		const newest = this.campaigns.at(-1)?.id;
		if (this.followsNewest && newest) this.count(newest);
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
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of what to read again, never rendered
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
		this.synced.release();
	}
}

