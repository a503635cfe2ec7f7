import { dev } from '$app/environment';

/**
 * The service worker's lifecycle as UI state. A new version waits until the person accepts it,
 * and before the switch every open dossier's edits are confirmed on disk (flushers), so an
 * update can never lose a pending edit.
 */
class AppUpdate {
	waiting = $state<ServiceWorker | null>(null);
	offlineReady = $state(false);
	updating = $state(false);
	private readonly flushers = new Set<() => Promise<void>>();

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		// SvelteKit serves the worker as an ES module in dev and bundles it as a classic script in builds.
		const registration = await navigator.serviceWorker.register('/service-worker.js', { type: dev ? 'module' : 'classic' });
		const track = (worker: ServiceWorker | null) => {
			if (!worker) return;
			const check = () => {
				if (worker.state === 'installed') {
					if (navigator.serviceWorker.controller) this.waiting = worker;
					else this.offlineReady = true;
				}
			};
			worker.addEventListener('statechange', check);
			check();
		};
		if (registration.waiting && navigator.serviceWorker.controller) this.waiting = registration.waiting;
		track(registration.installing);
		registration.addEventListener('updatefound', () => track(registration.installing));
		let reloading = false;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (!this.updating || reloading) return;
			reloading = true;
			location.reload();
		});
		// Look for a new version when the app comes back to the foreground.
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void registration.update().catch(() => {});
		});
	}

	addFlusher(flush: () => Promise<void>): () => void {
		this.flushers.add(flush);
		return () => this.flushers.delete(flush);
	}

	async apply(): Promise<void> {
		if (!this.waiting) return;
		this.updating = true;
		await Promise.all([...this.flushers].map((f) => f()));
		this.waiting.postMessage({ type: 'SKIP_WAITING' });
	}
}

export const appUpdate = new AppUpdate();
