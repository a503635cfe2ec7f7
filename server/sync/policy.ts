import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { roomName, type RoomRef } from '../../src/lib/sync/protocol';
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import { dayInZone } from '../../src/lib/calendar/calendar';
import type { AccountService, Principal } from '../accounts/accountService';
import { accessTo, type Access } from './access';
import { changesDocument, inspectUpdate, type DecodedUpdate } from './updateInspection';
import { reviewWriteRefusal } from './reviewRules';
import { dossierWriteRefusal, plainWriteRefusal } from './dossierRules';
import { ROOT } from '../../src/lib/dossier/layout';
import type { VillageRegistry } from './villageRegistry';

export type Admission = { ok: true; principal: Principal } | { ok: false; status: 401 | 403 };

/**
 * What the sync server asks before it lets anything in. `admit` runs before the websocket exists
 * (a refused client never receives a byte of any document); `judge` runs for every update between
 * receiving it and applying it (a refused update is never applied, stored or broadcast).
 */
export interface SyncPolicy {
	admit(request: IncomingMessage, room: RoomRef, url: URL): Promise<Admission>;
	/**
	 * Null to accept the update; otherwise why it is refused. The update has passed the rules every
	 * sender keeps (client ids, deletions of what is held: see SyncServer.receiveUpdate).
	 */
	judge(principal: Principal, room: RoomRef, doc: Y.Doc, update: DecodedUpdate): string | null;
	/** Whether an open connection may still read its room (roles change; rounds end). */
	stillReads(principal: Principal, room: RoomRef): boolean;
	/** Whether a session is still current (sessions expire while their connections are open). */
	sessionCurrent(sessionHash: string): Promise<boolean>;
}

/** Documents the policy reads (the organisations), kept loaded and current by the sync server. */
export interface DocumentSource {
	/** Loads a room's document and keeps it loaded. */
	document(room: string): Promise<Y.Doc>;
	/** The document if loaded, else null. */
	loaded(room: string): Y.Doc | null;
}

/** Accounts and the township's organisation decide: see access.ts for the table. */
export class AccountsPolicy implements SyncPolicy {
	private docs: DocumentSource | null = null;
	/**
	 * Access worked out per session and room, kept while the organisation does not change and the
	 * day is the same: judging an owner's keystrokes then costs a map lookup, not a reading of the
	 * organisation per update. A change is any update of the organisation's document, counted
	 * (its state vector would miss a change made only of deletions).
	 */
	private readonly cache = new Map<string, { stamp: string; access: Access }>();
	private readonly versions = new WeakMap<Y.Doc, { doc: number; n: number }>();
	private docsSeen = 0;

	constructor(
		private readonly accounts: AccountService,
		private readonly villages: VillageRegistry,
		private readonly timeZone: string
	) {}

	/** Set once the sync server exists (it is both the source of documents and the policy's user). */
	useDocuments(docs: DocumentSource): void {
		this.docs = docs;
	}

	private today(): string {
		return dayInZone(new Date(), this.timeZone);
	}

	async admit(_request: IncomingMessage, room: RoomRef, url: URL): Promise<Admission> {
		const principal = await this.accounts.principalForSync(url.searchParams.get('token'), room);
		if (!principal) return { ok: false, status: 401 };
		const org = await this.organisation(principal.townshipId);
		// A village's rights need its dossier to be the township's own (see VillageRegistry);
		// that never changes, so the updates of an admitted connection need not ask again.
		if (room.kind !== 'organisation' && !(await this.villages.belongs(room.dossierId, principal.townshipId, !!org?.village(room.dossierId)))) {
			return { ok: false, status: 403 };
		}
		return accessTo(principal, room, org, this.today()).read ? { ok: true, principal } : { ok: false, status: 403 };
	}

	private accessFor(principal: Principal, room: RoomRef): Access {
		const orgDoc = this.docs?.loaded(roomName({ kind: 'organisation', townshipId: principal.townshipId })) ?? null;
		const day = this.today();
		const stamp = orgDoc ? `${day}|${this.version(orgDoc)}` : day;
		const key = `${principal.sessionHash}|${principal.admin}|${roomName(room)}`;
		const hit = this.cache.get(key);
		if (hit && hit.stamp === stamp) return hit.access;
		const access = accessTo(principal, room, orgDoc ? new OrganisationDoc(orgDoc) : null, day);
		if (this.cache.size > 10_000) this.cache.clear();
		this.cache.set(key, { stamp, access });
		return access;
	}

	/** Changes with every update, and differs between two loads of the same organisation. */
	private version(doc: Y.Doc): string {
		let v = this.versions.get(doc);
		if (!v) {
			const counter = { doc: ++this.docsSeen, n: 0 };
			doc.on('update', () => counter.n++);
			this.versions.set(doc, (v = counter));
		}
		return `${v.doc}.${v.n}`;
	}

	sessionCurrent(sessionHash: string): Promise<boolean> {
		return this.accounts.sessionCurrent(sessionHash);
	}

	stillReads(principal: Principal, room: RoomRef): boolean {
		return this.accessFor(principal, room).read;
	}

	judge(principal: Principal, room: RoomRef, doc: Y.Doc, update: DecodedUpdate): string | null {
		const access = this.accessFor(principal, room);
		if (!access.read) return 'No access to this document any more';
		if (access.write === 'none') {
			return changesDocument(doc, update) ? 'Read only: this role cannot change this document' : null;
		}
		const inspection = inspectUpdate(doc, update);
		if (!inspection.ok) return inspection.reason;
		if (access.write === 'all') {
			// Rights to write a document whole still leave every record a size, and a dossier's
			// households and signatures records that hold up (dossierRules).
			return room.kind === 'dossier'
				? dossierWriteRefusal(inspection.writes, inspection.deleted, { id: principal.userId, name: principal.name })
				: plainWriteRefusal(inspection.writes);
		}
		if (access.write === 'setup') {
			if (inspection.deletes) return 'An administrator does not delete from a dossier';
			const stray = inspection.writes.find((w) => w.root !== ROOT.meta && w.root !== ROOT.campaigns);
			return stray ? `An administrator sets up a dossier (identity, campaigns), not ${stray.root}` : plainWriteRefusal(inspection.writes);
		}
		return reviewWriteRefusal(inspection.writes, inspection.deletes, {
			userId: principal.userId,
			dossierId: room.kind === 'organisation' ? '' : room.dossierId,
			roles: access.roles,
			groupId: access.groupId,
			roundId: access.roundId,
			finding: (id) => findingFacts(doc, id)
		});
	}

	private async organisation(townshipId: string): Promise<OrganisationDoc | null> {
		if (!this.docs) return null;
		return new OrganisationDoc(await this.docs.document(roomName({ kind: 'organisation', townshipId })));
	}
}

/** Who raised and signed a finding, as the review document has it (for the close rule). */
function findingFacts(doc: Y.Doc, findingId: string): { raisedBy: string; signedBy: string } | null {
	const map = doc.getMap('findings').get(findingId);
	const record = map instanceof Y.Map ? (map.get('record') as { raisedBy?: { id?: unknown }; signature?: { by?: { id?: unknown } } } | undefined) : undefined;
	const raisedBy = record?.raisedBy?.id;
	const signedBy = record?.signature?.by?.id;
	return typeof raisedBy === 'string' && typeof signedBy === 'string' ? { raisedBy, signedBy } : null;
}
