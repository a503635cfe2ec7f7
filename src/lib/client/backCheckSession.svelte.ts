/**
 * 抽样回访 on a round's page: the dossier and review document of every village the round checks
 * (VillageDocuments, kept on the device and synced), the households a draw chooses from, the
 * draw written into each village's review document, and the draws' reports.
 */
import { untrack } from 'svelte';
import type { Actor, Village } from '$lib/organisation/organisation';
import { drawSample, sampleRecords, type Draw, type SampleCandidate } from '$lib/review/backCheck';
import { drawReports, type DrawReport, type VillageBackCheck } from '$lib/review/backCheckReport';
import { campaignTemplate } from '$lib/templates/registry';
import { signatureKey } from '$lib/signing/signature';
import type { Template } from '$lib/templates/template';
import { VillageDocuments } from './villageDocuments.svelte';

export class BackCheckSession {
	#villages = $state<VillageDocuments[]>([]);

	/** Opens these villages' documents and closes those no longer listed. */
	follow(dossierIds: readonly string[]): void {
		untrack(() => {
			const kept = this.#villages.filter((v) => dossierIds.includes(v.dossierId));
			for (const v of this.#villages) if (!dossierIds.includes(v.dossierId)) v.destroy();
			for (const id of dossierIds) if (!kept.some((v) => v.dossierId === id)) kept.push(new VillageDocuments(id, 'newest'));
			this.#villages = kept;
		});
	}

	/** Every village's households read (a draw from fewer would leave some out). */
	get ready(): boolean {
		return this.#villages.length > 0 && this.#villages.every((v) => v.loaded && v.counted?.resolved.ok);
	}

	/** The campaign the households were read for (each village's newest; the round's villages share it). */
	get campaignId(): string | null {
		return this.#villages.find((v) => v.counted)?.counted?.campaignId ?? null;
	}

	/** The households a draw chooses from: every household not withdrawn, with its type. */
	get candidates(): SampleCandidate[] {
		return this.#villages.flatMap((v) => (v.counted?.households ?? []).map((h) => ({ dossierId: v.dossierId, householdId: h.id, type: h.type })));
	}

	/** What a draw with these settings would choose (nothing is written). */
	preview(seed: string, percent: number, minPerStratum: number): Draw {
		return drawSample({ seed, percent, minPerStratum, households: this.candidates });
	}

	/** Writes a draw: each village's part into its own review document. */
	draw(preview: Draw, roundId: string, by: Actor): void {
		const campaignId = this.campaignId;
		if (!campaignId) throw new Error('no campaign read');
		const parts = sampleRecords(preview, { roundId, campaignId, drawnBy: { id: by.id, name: by.name } });
		for (const v of this.#villages) {
			const part = parts.get(v.dossierId);
			if (part) v.review.drawSample(part);
		}
	}

	/** The round's draws, newest first. */
	reports(roundId: string, villages: readonly Village[]): DrawReport[] {
		const inputs: VillageBackCheck[] = [];
		for (const v of this.#villages) {
			const village = villages.find((x) => x.dossierId === v.dossierId);
			if (!village) continue;
			void v.counted;
			const templates: Record<string, Template | null> = {};
			const template = (formKey: string) => {
				if (!(formKey in templates)) {
					const campaign = v.campaigns.find((c) => formKey.endsWith(`@${c.id}`));
					templates[formKey] = campaign ? (campaignTemplate(campaign, 'household') ?? null) : null;
				}
				return templates[formKey]!;
			};
			inputs.push({
				village,
				samples: v.review.samples.filter((s) => s.roundId === roundId),
				visits: v.review.visits,
				passes: v.review.passes,
				head: (id) => v.dossier.household(id)?.head ?? '',
				answersNow: (id, formKey) => v.dossier.answers(id, formKey),
				signer: (id, formKey) => {
					const question = template(formKey)
						?.sections.flatMap((s) => s.questions)
						.find((q) => q.type === 'signature');
					return question ? (v.dossier.signature(signatureKey({ householdId: id }, formKey, question.id))?.by.id ?? null) : null;
				},
				template
			});
		}
		return drawReports(inputs);
	}

	destroy(): void {
		for (const v of this.#villages) v.destroy();
		this.#villages = [];
	}
}
