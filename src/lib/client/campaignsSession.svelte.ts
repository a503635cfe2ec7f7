/**
 * The township's campaigns, for pages that set something per campaign (its phases). Campaigns
 * are records of each village's dossier (the forms bind them), so the list is read from the
 * dossiers the person may read: each opened through SyncedDoc (shared with any session already
 * holding it, so a village 我的工作 keeps open costs nothing more) and only its campaigns read,
 * never its households.
 */
import { untrack } from 'svelte';
import { townshipCampaigns, type Campaign } from '$lib/campaign/campaign';
import { DossierDoc } from '$lib/dossier/dossierDoc';
import { SyncedDoc } from './syncedDoc.svelte';

class DossierCampaigns {
	readonly dossierId: string;
	campaigns = $state.raw<Campaign[]>([]);
	private readonly synced: SyncedDoc;
	private readonly stop: () => void;

	constructor(dossierId: string) {
		this.dossierId = dossierId;
		this.synced = SyncedDoc.open({ kind: 'dossier', dossierId });
		const dossier = new DossierDoc(this.synced.doc);
		const read = () => (this.campaigns = dossier.campaigns());
		this.stop = dossier.observeCampaigns(read);
		void this.synced.whenLoaded.then(read);
	}

	get loaded(): boolean {
		return this.synced.loaded;
	}

	destroy(): void {
		this.stop();
		this.synced.release();
	}
}

export class CampaignsSession {
	#dossiers = $state<DossierCampaigns[]>([]);

	/** Reads these villages' campaigns and lets go of those no longer listed. Called from an effect. */
	follow(dossierIds: readonly string[]): void {
		untrack(() => {
			const kept = this.#dossiers.filter((d) => dossierIds.includes(d.dossierId));
			for (const d of this.#dossiers) if (!dossierIds.includes(d.dossierId)) d.destroy();
			for (const id of dossierIds) if (!kept.some((d) => d.dossierId === id)) kept.push(new DossierCampaigns(id));
			this.#dossiers = kept;
		});
	}

	/** How many villages' dossiers are read, of how many. */
	get progress(): { loaded: number; total: number } {
		return { loaded: this.#dossiers.filter((d) => d.loaded).length, total: this.#dossiers.length };
	}

	/** Every campaign of the villages, by id (the first record seen of each), oldest first. */
	get campaigns(): Campaign[] {
		return townshipCampaigns(this.#dossiers.map((d) => d.campaigns));
	}

	destroy(): void {
		for (const d of this.#dossiers) d.destroy();
		this.#dossiers = [];
	}
}
