/**
 * The statistics page's documents: every readable village's dossier and review document, opened
 * side by side (VillageDocuments), their households read for the chosen campaign and counted on
 * demand (counting what was read is cheap).
 */
import { untrack } from 'svelte';
import { townshipCampaigns, type Campaign } from '$lib/campaign/campaign';
import type { Group, Village } from '$lib/organisation/organisation';
import { combineSyncStates, type SyncState } from '$lib/sync/syncStatus';
import { countVillage, type VillageInput, type VillageResult } from '$lib/statistics/statistics';
import { VillageDocuments } from './villageDocuments.svelte';
import { approvedRecords, recordAnswers } from '$lib/review/recordReview';

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
		return townshipCampaigns(this.#villages.map((v) => v.campaigns));
	}

	/**
	 * A village's figures for a campaign, once its households are read; null until then.
	 * `extra`: who looks after each household (the organisation's caretakers, which the page
	 * passes) and which records hold an approval (审定), each householdId → personId / ISO time;
	 * see VillageInput. When the page gives no `reviewed`, the approvals that still hold are read
	 * here from the village's review document (户档审核).
	 */
	result(village: Village, groups: readonly Group[], campaignId: string, today: string, extra: Pick<VillageInput, 'caretakers' | 'reviewed'> = {}): VillageResult | null {
		const docs = this.#villages.find((v) => v.dossierId === village.dossierId);
		const counted = docs?.counted;
		if (!docs?.loaded || counted?.campaignId !== campaignId) return null;
		if (!counted.resolved.ok) return { ok: false, village, reason: counted.resolved.reason };
		const { campaign, form } = counted.resolved;
		const reviewed = extra.reviewed ?? approvedRecords(docs.review.recordReviews, campaign.id, (id) => recordAnswers(docs.dossier.answerEntries(id), campaign.id));
		const figures = countVillage({ village, groups, findings: docs.review.entries, campaign, form, households: counted.households, today, passes: docs.review.passes, ...extra, reviewed });
		return { ok: true, village, campaign, households: counted.households, figures };
	}

	destroy(): void {
		for (const v of this.#villages) v.destroy();
		this.#villages = [];
	}
}
