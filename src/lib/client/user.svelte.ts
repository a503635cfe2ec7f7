import { getSetting, putSetting } from './localIndex';
import { i18n, LOCALES, type Locale } from '../i18n/i18n.svelte';
import type { Actor } from '../organisation/organisation';
import { account as accountSchema, type Account } from '../sync/api';
import { newId } from '../dossier/ids';
import { SIGNED_IN, syncEvents } from './syncTokens';

export type SignInResult = { ok: true } | { ok: false; code: string; seconds?: number };

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
		this.device = await getSetting('deviceId', '');
		if (!this.device) {
			this.device = newId();
			await putSetting('deviceId', this.device);
		}
		const saved = accountSchema.safeParse(await getSetting('account', null));
		this.account = saved.success ? saved.data : null;
		const locale = await getSetting<Locale>('locale', 'zh');
		if (LOCALES.includes(locale)) i18n.locale = locale;
		this.ready = true;
		if (this.account) void this.refresh();
	}

	/** Asks the server who this session is; offline, the saved account stands. */
	async refresh(): Promise<void> {
		let res: Response;
		try {
			res = await fetch('/api/me', { headers: { accept: 'application/json' } });
		} catch {
			return;
		}
		if (res.status === 401) {
			this.sessionExpired = true;
			return;
		}
		const parsed = accountSchema.safeParse(await res.json().catch(() => null));
		if (parsed.success) await this.remember(parsed.data);
	}

	async signIn(username: string, password: string): Promise<SignInResult> {
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
		// Another person signing in on this device starts from their own township's view.
		await this.remember(parsed.data);
		this.sessionExpired = false;
		this.signIns++;
		syncEvents.dispatchEvent(new Event(SIGNED_IN));
		return { ok: true };
	}

	async signOut(): Promise<void> {
		await fetch('/api/logout', { method: 'POST', headers: { 'content-type': 'application/json' } }).catch(() => {});
		this.account = null;
		this.sessionExpired = false;
		await putSetting('account', null);
	}

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
