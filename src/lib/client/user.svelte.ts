import { getSetting, localIndex, putSetting } from './localIndex';
import { i18n, LOCALES, type Locale } from '../i18n/i18n.svelte';
import type { Actor } from '../organisation/organisation';
import { account as accountSchema, type Account } from '../sync/api';
import { newId } from '../dossier/ids';
import { SIGNED_IN, syncEvents } from './syncTokens';
import { SyncedDoc } from './syncedDoc.svelte';
import { claimDevice, forgetIfAsked } from './deviceData';

export type SignInResult = { ok: true } | { ok: false; code: string; seconds?: number; name?: string };

/** Unsynced changes on this device: in an open document, or waiting in another one's record. */
async function hasPendingChanges(): Promise<boolean> {
	return SyncedDoc.anyPending() || (await localIndex.rooms.filter((r) => r.pendingChanges.length > 0).count()) > 0;
}

/**
 * The person signed in on this device. The account is kept on the device, so a cadre who signed
 * in once opens their dossiers with no network; what they do offline is theirs when it syncs.
 * When the server says the session is over, the account stays (and every pending edit with it)
 * and the app asks them to sign in again.
 */
class CurrentUser {
	account = $state<Account | null>(null);
	/** The server no longer knows this device's session: sign in again to sync. */
	sessionExpired = $state(false);
	ready = $state(false);
	/** This device's own id, made once; the server records it with everything the device sends. */
	device = '';
	/** Bumped on every sign-in, so documents waiting for a session try again. */
	signIns = $state(0);

	get townshipId(): string | null {
		return this.account?.townshipId ?? null;
	}

	get personId(): string | null {
		return this.account?.id ?? null;
	}

	get isAdmin(): boolean {
		return this.account?.admin ?? false;
	}

	async load(): Promise<void> {
		// Before anything opens a document: another person's copies go (see deviceData).
		await forgetIfAsked();
		this.device = await getSetting('deviceId', '');
		if (!this.device) {
			this.device = newId();
			await putSetting('deviceId', this.device);
		}
		const saved = accountSchema.safeParse(await getSetting('account', null));
		this.account = saved.success ? saved.data : null;
		const left = accountSchema.safeParse(await getSetting('signedOutWith', null));
		this.signedOutWith = left.success ? left.data : null;
		const locale = await getSetting<Locale>('locale', 'zh');
		if (LOCALES.includes(locale)) i18n.locale = locale;
		this.ready = true;
		if (this.account) void this.refresh();
	}

	/** Asks the server who this session is; offline, the saved account stands. */
	async refresh(): Promise<void> {
		if (!this.account) {
			// Signed out with no network: end the session on the server now that it is reachable.
			if (await getSetting('logoutPending', false)) await this.logoutOnServer();
			return;
		}
		const epoch = this.signOuts;
		let res: Response;
		try {
			res = await fetch('/api/me', { headers: { accept: 'application/json' } });
		} catch {
			return;
		}
		// Signed out while the answer was on its way: it must not sign them back in.
		if (epoch !== this.signOuts || !this.account) return;
		if (res.status === 401) {
			this.sessionExpired = true;
			return;
		}
		const parsed = accountSchema.safeParse(await res.json().catch(() => null));
		if (parsed.success) await this.remember(parsed.data);
	}

	async signIn(username: string, password: string): Promise<SignInResult> {
		// What another person did on this device and has not synced must sync under their name:
		// someone else signing in first would send it as theirs.
		const previous = this.account ?? this.signedOutWith;
		if (previous && previous.username !== username.trim().toLowerCase() && (await hasPendingChanges())) {
			return { ok: false, code: 'pendingOther', name: previous.name };
		}
		let res: Response;
		try {
			res = await fetch('/api/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username, password, device: this.device })
			});
		} catch {
			return { ok: false, code: 'network' };
		}
		const body = (await res.json().catch(() => null)) as { error?: { code?: string; fields?: { seconds?: string } } } | null;
		if (!res.ok) return { ok: false, code: body?.error?.code ?? 'internal', seconds: Number(body?.error?.fields?.seconds ?? 0) || undefined };
		const parsed = accountSchema.safeParse(body);
		if (!parsed.success) return { ok: false, code: 'internal' };
		// Another person's documents on this device are forgotten, from a fresh start of the app
		// (nothing of theirs may stay open in this tab).
		if (await claimDevice(parsed.data.id, previous?.id ?? null)) {
			await putSetting('account', parsed.data);
			await putSetting('signedOutWith', null);
			await putSetting('logoutPending', false);
			location.reload();
			return { ok: true };
		}
		// Another person signing in on this device starts from their own township's view.
		await this.remember(parsed.data);
		this.sessionExpired = false;
		this.signedOutWith = null;
		await putSetting('signedOutWith', null);
		await putSetting('logoutPending', false);
		this.signIns++;
		syncEvents.dispatchEvent(new Event(SIGNED_IN));
		return { ok: true };
	}

	/**
	 * Signs out. The account stays remembered (not signed in) while this device holds changes the
	 * server has not seen, so only this person can sign in again and send them as theirs.
	 */
	async signOut(): Promise<void> {
		const leaving = this.account;
		const keep = await hasPendingChanges();
		this.signOuts++;
		this.account = null;
		this.sessionExpired = false;
		this.signedOutWith = keep ? leaving : null;
		await putSetting('account', null);
		await putSetting('signedOutWith', this.signedOutWith);
		await putSetting('logoutPending', true);
		await this.logoutOnServer();
	}

	private signOuts = 0;

	private async logoutOnServer(): Promise<void> {
		try {
			const res = await fetch('/api/logout', { method: 'POST', headers: { 'content-type': 'application/json' } });
			if (res.ok || res.status === 401) await putSetting('logoutPending', false);
		} catch {
			// Offline: tried again when the network returns (refresh).
		}
	}

	/** Who signed out leaving unsynced changes on this device (they must sign in next). */
	signedOutWith = $state<Account | null>(null);

	/** The session ended (a sync token was refused as unauthenticated). */
	expired(): void {
		this.sessionExpired = true;
	}

	private async remember(account: Account): Promise<void> {
		this.account = account;
		await putSetting('account', account);
	}

	async setLocale(locale: Locale): Promise<void> {
		i18n.locale = locale;
		await putSetting('locale', locale);
	}

	/** The name shown to colleagues and recorded with what this person does. */
	get displayName(): string {
		return this.account?.name ?? (i18n.locale === 'zh' ? '未登录' : 'Signed out');
	}

	/** Who to record as having done something: the signed-in person. */
	actor(): Actor {
		return { id: this.account?.id ?? 'signed-out', name: this.displayName };
	}
}

export const currentUser = new CurrentUser();
