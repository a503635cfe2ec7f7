/**
 * Which township each village's dossier belongs to. A township's organisation lists its
 * villages, but an administrator edits that document: listing another township's dossier id
 * there must not open it. So a dossier belongs, for good, to the township of the person who
 * registered it, and every right in a village (access.ts) first needs the two to match.
 */
import type { Store } from '../storage/store';

export class VillageRegistry {
	/** dossier id → township id; a binding never changes, so it is kept once read. */
	private readonly bound = new Map<string, string>();

	constructor(private readonly store: Pick<Store, 'getDossier' | 'bindDossier'>) {}

	/**
	 * Whether the dossier belongs to the township. A dossier registered before townships were
	 * recorded is bound to the first township asking that lists it (`listed`).
	 */
	async belongs(dossierId: string, townshipId: string, listed: boolean): Promise<boolean> {
		let owner = this.bound.get(dossierId);
		if (owner === undefined) {
			const record = await this.store.getDossier(dossierId);
			if (!record) return false;
			if (record.townshipId === '') {
				if (!listed) return false;
				await this.store.bindDossier(dossierId, townshipId);
				owner = (await this.store.getDossier(dossierId))?.townshipId ?? '';
			} else owner = record.townshipId;
			if (owner) this.bound.set(dossierId, owner);
		}
		return owner === townshipId;
	}

	/** Called once a dossier is registered, so the next question needs no lookup. */
	registered(dossierId: string, townshipId: string): void {
		if (townshipId) this.bound.set(dossierId, townshipId);
	}
}
