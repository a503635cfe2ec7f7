import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
	CLOSE,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_DURABLE_DELTA,
	MESSAGE_DURABLE_STATE,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_PATH,
	parseRoom,
	type RoomRef
} from '../../src/lib/sync/protocol';
import type { Change, Store, UpdateToStore } from '../storage/store';
import { docFromStored } from '../storage/compaction';
import { OUT_OF_ORDER, decodeForJudging, reachOf } from './updateInspection';
import { ClientOwnership, takenReason } from './clientIds';
import { PRESENCE_LIMITS, decodeAwarenessUpdate, encodeAwarenessUpdate, stampState, type PresenceEntry } from './presence';
import type { SyncPolicy, DocumentSource } from './policy';
import type { Principal } from '../accounts/accountService';
import { Connection } from './connection';
import { Room, frame } from './room';
import type { Logger } from '../logger';

export interface SyncServerOptions {
	store: Store;
	policy: SyncPolicy;
	logger: Logger;
	maxMessageBytes: number;
	/** A room with no connections is unloaded after this long. */
	roomIdleMs: number;
	/** Fold the update log into a snapshot once this many updates pile up. */
	compactEvery: number;
	/** A client that lets this much pile up unread is disconnected. */
	maxBufferedBytes: number;
	pingIntervalMs: number;
}

/** What the commit path needs of whoever sent an update: a connection, or the server itself. */
interface Sender {
	received: number;
	uncommitted: number;
	durable: number;
}

interface PendingUpdate {
	entry: UpdateToStore;
	room: Room;
	conn: Sender;
	/** The connection's count of received sync updates when this one arrived. */
	index: number;
	/** The room's apply tag, to release what this update broadcasts once it is committed. */
	tag: number;
	/** Client ids whose clocks it moves (for the durable state's changes). */
	clients: Iterable<number>;
}

/** Awareness states are small (a name, a colour, a cursor); anything bigger is not one. */
const MAX_AWARENESS_BYTES = 64 * 1024;

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

class MalformedMessage extends Error {}

/**
 * The sync endpoint: the standard y-websocket protocol over `ws`, with every incoming update
 * committed to the store before it is applied, broadcast or acknowledged.
 */
export class SyncServer implements DocumentSource {
	private readonly wss: WebSocketServer;
	private readonly rooms = new Map<string, Room>();
	/** Every open connection, in a room or still waiting for it to load. */
	private readonly conns = new Set<Connection>();
	private readonly loading = new Map<string, Promise<Room>>();
	private queue: PendingUpdate[] = [];
	private flushing: Promise<void> | null = null;
	private flushScheduled = false;
	private readonly pingTimer: NodeJS.Timeout;
	private readonly revalidateTimer: NodeJS.Timeout;
	private stopping = false;
	readonly stats = { updatesStored: 0, commits: 0, rejectedMessages: 0, refusedUpdates: 0 };
	/** Rooms kept loaded whatever their connections (the organisations the policy reads). */
	private readonly pinned = new Set<string>();
	/** The version (see peek) each room had when it was last unloaded. */
	private readonly unloadedVersions = new Map<string, number>();

	constructor(private readonly opts: SyncServerOptions) {
		this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes, perMessageDeflate: false });
		this.pingTimer = setInterval(() => this.heartbeat(), opts.pingIntervalMs);
		this.pingTimer.unref();
		this.revalidateTimer = setInterval(() => {
			this.revalidate();
			void this.closeExpiredSessions();
		}, 60_000);
		this.revalidateTimer.unref();
	}

	attach(server: Server): void {
		server.on('upgrade', (request, socket, head) => {
			void this.handleUpgrade(request, socket, head);
		});
	}

	private refuse(socket: Duplex, status: number, message: string): void {
		socket.write(
			`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`
		);
		socket.destroy();
	}

	private async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		socket.on('error', () => socket.destroy());
		const url = new URL(request.url ?? '/', 'http://localhost');
		const prefix = SYNC_PATH + '/';
		if (!url.pathname.startsWith(prefix)) return this.refuse(socket, 404, 'Not Found');
		const roomName = url.pathname.slice(prefix.length);
		const ref = parseRoom(roomName);
		if (!ref) return this.refuse(socket, 400, 'Bad room name');
		if (this.stopping) return this.refuse(socket, 503, 'Shutting down');
		let admission;
		try {
			// The credential and the right to read are checked here, before the websocket exists:
			// a refused client never receives a byte of any document.
			admission = await this.opts.policy.admit(request, ref, url);
		} catch (error) {
			this.opts.logger.error('admission failed', { error: String(error) });
			return this.refuse(socket, 500, 'Authentication error');
		}
		if (!admission.ok) return this.refuse(socket, admission.status, admission.status === 401 ? 'Unauthorized' : 'Forbidden');
		const principal = admission.principal;
		this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, roomName, ref, principal));
	}

	private accept(ws: WebSocket, roomName: string, ref: RoomRef, principal: Principal): void {
		const conn = new Connection(ws, roomName, ref, principal, this.opts.maxBufferedBytes, (c) =>
			c.close(CLOSE.tooSlow, 'Client too slow: too much unread data')
		);
		// Known from the moment it is accepted (before its room has loaded), so that a session
		// ending meanwhile closes it too.
		this.conns.add(conn);
		ws.binaryType = 'nodebuffer';
		// Messages that arrive while the room loads wait in order; their size is already capped by
		// maxPayload per frame, and a client cannot send much before it has the first sync step.
		const early: RawData[] = [];
		let earlyBytes = 0;
		let room: Room | null = null;
		ws.on('message', (data: RawData) => {
			if (room) return this.onMessage(conn, room, data);
			earlyBytes += Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
			if (earlyBytes > this.opts.maxMessageBytes) conn.close(CLOSE.malformed, 'Too much data before the dossier was loaded');
			else early.push(data);
		});
		ws.on('pong', () => {
			conn.alive = true;
		});
		ws.on('error', (error) => {
			this.opts.logger.warn('websocket error', { room: roomName, error: error.message });
		});
		ws.on('close', () => {
			conn.closed = true;
			this.conns.delete(conn);
			if (room) this.leave(conn, room);
		});
		this.getRoom(roomName).then(
			(loaded) => {
				if (conn.closed) {
					this.scheduleIdle(loaded);
					return;
				}
				room = loaded;
				if (room.idleTimer) {
					clearTimeout(room.idleTimer);
					room.idleTimer = null;
				}
				room.conns.add(conn);
				const joined = room;
				// Our state vector must describe durable state only: wait for any pending commit.
				joined.whenQuiescent(() =>
					conn.send(
						frame(MESSAGE_SYNC, (e) => {
							encoding.writeVarUint(e, SYNC_STEP1);
							encoding.writeVarUint8Array(e, Y.encodeStateVector(joined.doc));
						})
					)
				);
				const states = room.awareness.getStates();
				if (states.size > 0) {
					conn.send(
						frame(MESSAGE_AWARENESS, (e) =>
							encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room!.awareness, [...states.keys()]))
						)
					);
				}
				for (const data of early.splice(0)) this.onMessage(conn, room, data);
			},
			(error) => {
				this.opts.logger.error('room load failed', { room: roomName, error: String(error) });
				conn.close(CLOSE.serverError, 'Could not load dossier');
			}
		);
	}

	private onMessage(conn: Connection, room: Room, data: RawData): void {
		if (conn.closed) return;
		const bytes = data instanceof Buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(Buffer.concat(data as Buffer[]));
		try {
			this.readMessage(conn, room, bytes);
		} catch (error) {
			this.stats.rejectedMessages++;
			const reason = error instanceof MalformedMessage ? error.message : 'Malformed message';
			this.opts.logger.warn('closing connection on bad message', { room: room.name, user: conn.principal.userId, reason, error: String(error) });
			conn.close(CLOSE.malformed, reason);
		}
	}

	private readMessage(conn: Connection, room: Room, bytes: Uint8Array): void {
		// Read the whole frame before acting on any of it: a frame with trailing bytes is refused
		// whole, not half-applied. A y-websocket frame carries exactly one message.
		const decoder = decoding.createDecoder(bytes);
		const type = decoding.readVarUint(decoder);
		let act: () => void;
		switch (type) {
			case MESSAGE_SYNC: {
				const syncType = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				if (syncType === SYNC_STEP1) act = () => this.answerStep1(conn, room, payload);
				else if (syncType === SYNC_STEP2 || syncType === SYNC_UPDATE) act = () => this.receiveUpdate(conn, room, payload);
				else throw new MalformedMessage('Unknown sync message type');
				break;
			}
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				if (update.byteLength > MAX_AWARENESS_BYTES) throw new MalformedMessage('Awareness update too large');
				let entries: PresenceEntry[];
				try {
					entries = decodeAwarenessUpdate(update);
				} catch {
					throw new MalformedMessage('Malformed awareness update');
				}
				act = () => this.receivePresence(conn, room, entries);
				break;
			}
			case MESSAGE_QUERY_AWARENESS:
				act = () => {
					const ids = [...room.awareness.getStates().keys()];
					conn.send(frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids))));
				};
				break;
			case MESSAGE_AUTH:
				// Permission messages flow server → client only; a client has nothing to say here.
				decoding.readVarUint(decoder);
				decoding.readVarString(decoder);
				act = () => {};
				break;
			case MESSAGE_DURABLE_STATE:
			case MESSAGE_DURABLE_DELTA:
				act = () => {
					conn.wantsDurableState = type === MESSAGE_DURABLE_DELTA ? 'delta' : 'full';
					conn.sentFullState = false;
					room.whenQuiescent(() => conn.send(room.durableStateMessage(conn)));
				};
				break;
			default:
				throw new MalformedMessage('Unknown message type');
		}
		if (decoding.hasContent(decoder)) throw new MalformedMessage('Malformed message: trailing bytes');
		act();
	}

	private answerStep1(conn: Connection, room: Room, stateVector: Uint8Array): void {
		let theirs: Map<number, number>;
		try {
			theirs = Y.decodeStateVector(stateVector);
		} catch {
			throw new MalformedMessage('Malformed state vector');
		}
		// Ids under which the client holds changes the server lacks are its own unsent edits: they
		// are bound to this person now, before anyone else could write at those clocks.
		const ahead: number[] = [];
		for (const [client, clock] of theirs) if (clock > Y.getState(room.doc.store, client)) ahead.push(client);
		if (ahead.length && !this.claimSeen(conn, room, ahead)) return;
		// The answer is computed once the doc holds nothing uncommitted, so a newcomer never
		// receives a change the server could still lose.
		room.whenQuiescent(() => {
			if (conn.closed) return;
			conn.send(
				frame(MESSAGE_SYNC, (e) => {
					encoding.writeVarUint(e, SYNC_STEP2);
					encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(room.doc, stateVector));
				})
			);
		});
	}

	private receiveUpdate(conn: Connection, room: Room, update: Uint8Array): void {
		conn.received++;
		const index = conn.received;
		const read = decodeForJudging(update);
		// Bytes that are no update at all are a malformed message, not a refused edit.
		if (!read.ok) throw new MalformedMessage(read.reason);
		// Judged before it touches the document: a refused update is never applied, so nothing of
		// it is stored or broadcast, and the room's other clients go on undisturbed. First the rules
		// every sender keeps, whatever their rights: structs only under one's own client ids, and
		// deletions only of what is held; then what this person may change (the policy).
		const reach = reachOf(room.doc, read.decoded);
		const claim = room.ids.check(conn.principal.userId, reach.clients);
		if (!claim.ok && 'taken' in claim) return this.idTaken(conn, room, claim.taken);
		if (reach.unheldDelete) {
			// Never stored: it would mark a colleague's future edits deleted on arrival.
			this.stats.refusedUpdates++;
			this.opts.logger.warn('update deletes what the server does not hold', { room: room.name, user: conn.principal.userId, device: conn.principal.device, ...reach.unheldDelete });
			conn.close(CLOSE.outOfOrder, 'Update deletes changes the server does not hold: reconnect and resend');
			return;
		}
		const refusal = !claim.ok ? 'Too many new client ids' : this.opts.policy.judge(conn.principal, room.ref, room.doc, read.decoded);
		if (refusal === OUT_OF_ORDER) {
			// Builds on changes not here yet (an edit sent before the client's sync step 2): the
			// client reconnects, and its sync step 2 brings everything together.
			this.stats.refusedUpdates++;
			conn.close(CLOSE.outOfOrder, 'Update depends on changes the server does not have: reconnect and resend');
			return;
		}
		if (refusal) {
			this.stats.refusedUpdates++;
			this.opts.logger.warn('update refused', { room: room.name, user: conn.principal.userId, device: conn.principal.device, reason: refusal });
			// A close reason has room for 123 bytes.
			conn.close(CLOSE.forbidden, Buffer.from(`Forbidden: ${refusal}`).subarray(0, 120).toString().replace(/\uFFFD$/, ''));
			return;
		}
		const claims = claim.ok ? claim.fresh : [];
		let changed: boolean;
		let changes: Change[];
		try {
			// Applying is the real test that an update integrates; what it broadcasts is held by the
			// room until the update is committed.
			({ changed, changes } = room.apply(update, conn));
		} catch (error) {
			this.opts.logger.warn('update does not apply; reloading the dossier from disk', { room: room.name, user: conn.principal.userId, error: String(error) });
			// A failed apply may have left the doc half-changed: its in-memory state cannot be
			// trusted. Nothing of this update is stored; the room is reloaded from the store. The
			// sender is closed first, with the final code, so it does not come back with the same.
			conn.close(CLOSE.malformed, 'Update does not apply');
			this.breakRoom(room);
			throw new MalformedMessage('Update does not apply');
		}
		if (!changed) {
			// Nothing new (a resent or empty update): durable as soon as what came before it is.
			if (conn.uncommitted === 0) {
				conn.durable = index;
				if (conn.wantsDurableState) room.whenQuiescent(() => conn.send(room.durableStateMessage(conn)));
			}
			return;
		}
		room.uncommitted++;
		conn.uncommitted++;
		room.ids.bind(conn.principal.userId, claims);
		// Copy: the frame's buffer belongs to ws and may be reused.
		this.queue.push({
			entry: { room: room.name, data: update.slice(), user: conn.principal.userId, device: conn.principal.device, changes, claims },
			room,
			conn,
			index,
			tag: room.applied,
			clients: reach.clients
		});
		this.scheduleFlush();
	}

	/**
	 * Tells a client that an id it uses belongs to someone else. Its changes under that id were
	 * never taken; the app takes a new id and sends them again (a stock client stops: 44xx).
	 */
	private idTaken(conn: Connection, room: Room, client: number): void {
		this.stats.refusedUpdates++;
		this.opts.logger.warn('client id taken', { room: room.name, user: conn.principal.userId, device: conn.principal.device, client, owner: room.ids.owner(client) });
		conn.close(CLOSE.clientIdTaken, takenReason(client));
	}

	/**
	 * Binds ids a connection announced (awareness) or reported (sync step 1) to its person, on
	 * disk too: a cadre who announced an id and then went offline still owns it when they return.
	 * False (and the connection closed) when one is another person's or there are too many.
	 */
	private claimSeen(conn: Connection, room: Room, clients: readonly number[]): boolean {
		const claim = room.ids.check(conn.principal.userId, clients);
		if (!claim.ok) {
			if ('taken' in claim) this.idTaken(conn, room, claim.taken);
			else {
				this.stats.refusedUpdates++;
				this.opts.logger.warn('too many new client ids', { room: room.name, user: conn.principal.userId, count: clients.length });
				conn.close(CLOSE.forbidden, 'Forbidden: Too many new client ids');
			}
			return false;
		}
		if (claim.fresh.length === 0) return true;
		const at = Date.now();
		room.ids.bind(conn.principal.userId, claim.fresh, at);
		this.opts.store.claimClients(room.name, conn.principal.userId, claim.fresh, at).catch((error: unknown) =>
			this.opts.logger.error('recording client ids failed', { room: room.name, error: String(error) })
		);
		return true;
	}

	/**
	 * Presence, as presence.ts describes: a connection sets only its own client ids, every state
	 * says who sent it (from the account), and states are bounded per connection and per room.
	 *
	 * A stock provider sends back every state it receives (its awareness 'update' event fires for
	 * others' changes too), so states of ids another connection speaks for arrive on every socket:
	 * those, and removals of ids this connection does not hold, are ignored, not refused. Only an
	 * id *owned* by another person, announced anew, tells this client its id is taken.
	 */
	private receivePresence(conn: Connection, room: Room, entries: readonly PresenceEntry[]): void {
		const who = { id: conn.principal.userId, name: conn.principal.name };
		const accepted: PresenceEntry[] = [];
		const announced: number[] = [];
		let slots = PRESENCE_LIMITS.statesPerConnection - conn.awarenessIds.size;
		for (const e of entries) {
			const held = room.presence.get(e.client);
			const mine = held?.conn === conn;
			if (e.json === 'null') {
				if (mine) accepted.push(e);
				continue;
			}
			const known = room.awareness.meta.get(e.client);
			// An echo of what the server sent, or a state it already has a newer one of.
			if (known && e.clock <= known.clock) continue;
			// Another live connection speaks for this id; only the same person's new connection (a
			// tab that reconnected before its old socket was noticed gone) takes it over.
			if (held && !mine && held.conn.principal.userId !== who.id) continue;
			const owner = room.ids.owner(e.client);
			if (owner !== undefined && owner !== who.id) return this.idTaken(conn, room, e.client);
			const json = stampState(e.json, who);
			if (json === null) throw new MalformedMessage('Awareness state malformed or too large');
			if (!mine && slots <= 0) continue;
			if (room.presenceBytes - (held?.bytes ?? 0) + json.length > PRESENCE_LIMITS.roomBytes) {
				this.opts.logger.warn('room presence full; state dropped', { room: room.name, user: who.id });
				continue;
			}
			if (!mine) slots--;
			if (owner === undefined) announced.push(e.client);
			accepted.push({ client: e.client, clock: e.clock, json });
		}
		if (announced.length && !this.claimSeen(conn, room, announced)) return;
		for (const e of accepted) {
			room.dropPresence(e.client);
			if (e.json === 'null') continue;
			room.presence.set(e.client, { conn, bytes: e.json.length });
			room.presenceBytes += e.json.length;
			conn.awarenessIds.add(e.client);
		}
		if (accepted.length === 0) return;
		try {
			awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(accepted), conn);
		} catch {
			throw new MalformedMessage('Malformed awareness update');
		}
	}

	/**
	 * The Yjs client ids an update writes under for the first time in this room, or why it may
	 * not (see clientIds.ts), for a change the server makes itself.
	 */
	private claimFor(room: Room, update: Uint8Array, userId: string): number[] {
		const read = decodeForJudging(update);
		if (!read.ok) return [];
		const claim = room.ids.check(userId, reachOf(room.doc, read.decoded).clients);
		return claim.ok ? claim.fresh : [];
	}

	/**
	 * A change the server itself makes to a document (a dossier registered by a cadre is added to
	 * their group's villages): made on a copy, then applied, stored and broadcast like any
	 * client's update, recorded under `user`. Resolves once it is on disk.
	 */
	async edit(name: string, user: { userId: string; device: string }, change: (doc: Y.Doc) => void): Promise<void> {
		const room = await this.getRoom(name);
		const scratch = new Y.Doc();
		const scratchClient = scratch.clientID;
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
		const before = Y.encodeStateVector(room.doc);
		change(scratch);
		const update = Y.encodeStateAsUpdate(scratch, before);
		scratch.destroy();
		const sender: Sender = { received: 1, uncommitted: 0, durable: 0 };
		// The scratch doc's client id is fresh; should it ever collide, the edit goes unclaimed.
		const claims = this.claimFor(room, update, user.userId);
		const { changed, changes } = room.apply(update, sender);
		if (!changed) return;
		room.uncommitted++;
		sender.uncommitted++;
		room.ids.bind(user.userId, claims);
		this.queue.push({
			entry: { room: room.name, data: update, user: user.userId, device: user.device, changes, claims },
			room,
			conn: sender,
			index: 1,
			tag: room.applied,
			clients: [scratchClient]
		});
		this.scheduleFlush();
		await new Promise<void>((resolve) => room.whenQuiescent(resolve));
	}

	/** Loads a room's document and keeps it loaded (see DocumentSource). */
	async document(name: string): Promise<Y.Doc> {
		this.pinned.add(name);
		return (await this.getRoom(name)).doc;
	}

	/**
	 * Reads a room's document as it is now, without keeping it: a room loaded only for this read
	 * is unloaded right after (a township's villages read one by one never sit in memory at once).
	 * `version` is the room's last committed update: the same version, the same content.
	 */
	async peek<T>(name: string, read: (doc: Y.Doc, version: number) => T): Promise<T> {
		const wasLoaded = this.rooms.has(name);
		const room = await this.getRoom(name);
		try {
			return read(room.doc, room.lastSeq);
		} finally {
			if (wasLoaded) this.scheduleIdle(room);
			else void this.unload(room);
		}
	}

	/** A room's version (see peek) when it is known without loading the room: null when not. */
	version(name: string): number | null {
		return this.rooms.get(name)?.lastSeq ?? this.unloadedVersions.get(name) ?? null;
	}

	loaded(name: string): Y.Doc | null {
		return this.rooms.get(name)?.doc ?? null;
	}

	/**
	 * Closes the connections whose person may no longer read their room: after every change to an
	 * organisation (a cadre moved to another group, a reviewer removed), and once a minute (a round
	 * that ended at midnight).
	 */
	revalidate(townshipId?: string): void {
		for (const conn of [...this.conns]) {
			if (townshipId && conn.principal.townshipId !== townshipId) continue;
			if (!this.opts.policy.stillReads(conn.principal, conn.ref)) conn.close(CLOSE.forbidden, 'Forbidden: no access to this document any more');
		}
	}

	/** Closes the connections of ended sessions at once (logout, password change, account disabled). */
	closeSessions(sessionHashes: readonly string[], reason: string): void {
		const ended = new Set(sessionHashes);
		for (const conn of [...this.conns]) if (ended.has(conn.principal.sessionHash)) conn.close(CLOSE.unauthorized, reason);
	}

	/**
	 * An account's rights changed (made or unmade administrator): its connections are closed with
	 * a code the client retries at once, and admitted again with the rights it has now.
	 */
	readmit(userId: string): void {
		for (const conn of [...this.conns]) if (conn.principal.userId === userId) conn.close(CLOSE.serverError, 'Account changed, please reconnect');
	}

	/** Closes connections whose session has run out since they opened (checked once a minute). */
	private async closeExpiredSessions(): Promise<void> {
		const sessions = new Set([...this.conns].map((c) => c.principal.sessionHash));
		const expired: string[] = [];
		for (const hash of sessions) {
			try {
				if (!(await this.opts.policy.sessionCurrent(hash))) expired.push(hash);
			} catch (error) {
				this.opts.logger.warn('session check failed', { error: String(error) });
			}
		}
		this.closeSessions(expired, 'Session expired');
	}

	private scheduleFlush(): void {
		if (this.flushScheduled) return;
		this.flushScheduled = true;
		// setImmediate runs after the I/O callbacks of this turn, so every frame that arrived
		// together lands in the same commit (group commit: one fsync per batch).
		setImmediate(() => {
			this.flushScheduled = false;
			void this.flush();
		});
	}

	private async flush(): Promise<void> {
		if (this.flushing) {
			await this.flushing;
			if (this.queue.length) this.scheduleFlush();
			return;
		}
		const batch = this.queue;
		if (batch.length === 0) return;
		this.queue = [];
		this.flushing = this.commit(batch);
		try {
			await this.flushing;
		} finally {
			this.flushing = null;
		}
		if (this.queue.length) this.scheduleFlush();
	}

	private async commit(batch: PendingUpdate[]): Promise<void> {
		let seqs: number[] | null = null;
		try {
			seqs = await this.opts.store.append(batch.map((p) => p.entry));
		} catch (error) {
			this.opts.logger.error('store append failed', { error: String(error) });
		}
		const touched = new Map<Room, number>();
		const moved = new Map<Room, number[]>();
		batch.forEach((p, i) => {
			p.room.uncommitted--;
			p.conn.uncommitted--;
			touched.set(p.room, Math.max(touched.get(p.room) ?? 0, p.tag));
			let clients = moved.get(p.room);
			if (!clients) moved.set(p.room, (clients = []));
			clients.push(...p.clients);
			if (!seqs) return;
			p.room.lastSeq = Math.max(p.room.lastSeq, seqs[i]!);
			p.room.sinceSnapshot++;
			p.conn.durable = p.conn.uncommitted === 0 ? p.conn.received : Math.max(p.conn.durable, p.index);
		});
		if (!seqs) {
			// Nothing was stored, yet the rooms' docs hold these updates: reload them from disk.
			// The senders reconnect and send their changes again from their own state.
			for (const room of touched.keys()) this.breakRoom(room);
			return;
		}
		this.stats.commits++;
		this.stats.updatesStored += batch.length;
		for (const [room, upTo] of touched) {
			if (room.broken) {
				if (room.uncommitted === 0) this.discardRoom(room);
				continue;
			}
			room.committed(upTo, moved.get(room));
			if (room.ref.kind === 'organisation') this.revalidate(room.ref.townshipId);
			if (room.uncommitted === 0 && room.sinceSnapshot >= this.opts.compactEvery) void this.compact(room);
		}
	}

	/**
	 * Takes a room whose in-memory doc can no longer be trusted out of service: its connections
	 * are told to reconnect (4500 range: the stock provider retries) and the next one reloads the
	 * dossier from the store. Its queued updates still commit first (they applied cleanly).
	 */
	private breakRoom(room: Room): void {
		room.broken = true;
		// Newcomers load afresh from the store from now on; the old room's clients are closed
		// once its queued updates are committed (or at once, if none are).
		if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
		if (room.uncommitted === 0) this.discardRoom(room);
	}

	private discardRoom(room: Room): void {
		if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
		for (const conn of [...room.conns]) conn.close(CLOSE.serverError, 'Dossier reloading, please reconnect');
		if (room.idleTimer) clearTimeout(room.idleTimer);
		room.destroy();
	}

	private getRoom(name: string): Promise<Room> {
		const existing = this.rooms.get(name);
		if (existing) return Promise.resolve(existing);
		let pending = this.loading.get(name);
		if (!pending) {
			pending = (async () => {
				const loaded = await this.opts.store.load(name);
				const doc = docFromStored(loaded, (seq, error) =>
					this.opts.logger.error('skipping stored update that does not apply', { room: name, seq, error: String(error) })
				);
				const lastSeq = loaded.updates.at(-1)?.seq ?? loaded.snapshotSeq;
				const room = new Room(name, parseRoom(name)!, doc, lastSeq, loaded.updates.length, new ClientOwnership(loaded.owners));
				this.rooms.set(name, room);
				// From now on the loaded room says its version; a discarded one is read afresh.
				this.unloadedVersions.delete(name);
				return room;
			})();
			this.loading.set(name, pending);
			pending.finally(() => this.loading.delete(name)).catch(() => {});
		}
		return pending;
	}

	private leave(conn: Connection, room: Room): void {
		room.leave(conn);
		if (room.conns.size === 0) this.scheduleIdle(room);
	}

	private scheduleIdle(room: Room): void {
		if (room.idleTimer || room.conns.size > 0 || this.pinned.has(room.name)) return;
		room.idleTimer = setTimeout(() => {
			room.idleTimer = null;
			void this.unload(room);
		}, this.opts.roomIdleMs);
		room.idleTimer.unref();
	}

	/** Folds the room's log into a snapshot of its in-memory (durable) state. */
	private async compact(room: Room): Promise<void> {
		if (room.busy) return room.busy;
		if (room.uncommitted !== 0 || room.broken) return;
		room.busy = (async () => {
			try {
				// The in-memory doc holds exactly the updates up to lastSeq (applied only after
				// commit), so its state is a snapshot that covers seq <= lastSeq and nothing later.
				const uptoSeq = room.lastSeq;
				const snapshot = Y.encodeStateAsUpdate(room.doc);
				const folded = room.sinceSnapshot;
				await this.opts.store.compact(room.name, snapshot, uptoSeq);
				room.sinceSnapshot = Math.max(0, room.sinceSnapshot - folded);
			} catch (error) {
				this.opts.logger.error('compaction failed', { room: room.name, error: String(error) });
			} finally {
				room.busy = null;
			}
		})();
		return room.busy;
	}

	private async unload(room: Room): Promise<void> {
		if (room.conns.size > 0 || this.rooms.get(room.name) !== room || room.broken || this.pinned.has(room.name)) return;
		// Let every commit for this room land, then fold the log. A newcomer meanwhile gets this
		// same room from `rooms` and joins it, and the unload gives up.
		while (room.uncommitted > 0 || this.flushing) {
			await (this.flushing ?? new Promise((r) => setImmediate(r)));
		}
		if (room.sinceSnapshot > 0) await this.compact(room);
		if (room.conns.size > 0 || room.uncommitted > 0 || room.broken || this.rooms.get(room.name) !== room) return;
		this.rooms.delete(room.name);
		// Nothing changes a room while it is not loaded (every change comes through a loaded room).
		this.unloadedVersions.set(room.name, room.lastSeq);
		room.destroy();
	}

	private heartbeat(): void {
		for (const room of this.rooms.values()) {
			for (const conn of room.conns) {
				if (!conn.alive) {
					conn.ws.terminate();
					continue;
				}
				conn.alive = false;
				try {
					conn.ws.ping();
				} catch {
					conn.ws.terminate();
				}
			}
		}
	}

	get loadedRooms(): number {
		return this.rooms.size;
	}

	/** Stops accepting, commits what is queued, snapshots every room and closes connections. */
	async close(): Promise<void> {
		this.stopping = true;
		clearInterval(this.pingTimer);
		clearInterval(this.revalidateTimer);
		while (this.flushing || this.queue.length) {
			if (!this.flushing) await this.flush();
			else await this.flushing;
		}
		for (const room of this.rooms.values()) {
			for (const conn of room.conns) conn.close(CLOSE.shuttingDown, 'Server shutting down');
			if (room.idleTimer) clearTimeout(room.idleTimer);
			if (room.sinceSnapshot > 0) await this.compact(room);
			room.destroy();
		}
		this.rooms.clear();
		this.wss.close();
	}
}
