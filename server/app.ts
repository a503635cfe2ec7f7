import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { createApi } from './http/api';
import type { Store } from './storage/store';
import { lockDataDir, type DataDirLock } from './storage/dataDirLock';
import { openServerStore } from './storage/openStore';
import { SyncServer } from './sync/syncServer';
import { AccountService } from './accounts/accountService';
import { TokenSigner, loadSecret } from './accounts/tokens';
import { AccountsPolicy } from './sync/policy';
import { VillageRegistry } from './sync/villageRegistry';

export interface Running {
	server: Server;
	sync: SyncServer;
	store: Store;
	accounts: AccountService;
	url: string;
	close(): Promise<void>;
}

function appVersion(staticDir: string): string {
	try {
		const parsed = JSON.parse(readFileSync(join(staticDir, '_app', 'version.json'), 'utf8')) as { version?: string };
		return parsed.version ?? 'dev';
	} catch {
		return 'dev';
	}
}

function staticHandler(dir: string, logger: Logger) {
	if (!existsSync(join(dir, 'index.html'))) {
		logger.warn('no built app found; serving the API and sync only', { staticDir: dir });
		return null;
	}
	return sirv(dir, {
		single: true,
		etag: true,
		// The build wrote .br and .gz beside each asset (svelte.config.js: precompress); sirv picks
		// the one the browser accepts and says Vary: Accept-Encoding. Nothing is compressed per request.
		brotli: true,
		gzip: true,
		setHeaders(res, pathname) {
			// Hashed assets never change; everything else (index.html, the service worker, the
			// manifest) must be revalidated so that a new release is seen.
			if (pathname.startsWith('/_app/immutable/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
			else res.setHeader('cache-control', 'no-cache');
			res.setHeader('x-content-type-options', 'nosniff');
		}
	});
}

export async function startServer(config: Config, opts: { store?: Store; logger?: Logger } = {}): Promise<Running> {
	const logger = opts.logger ?? createLogger(config.logLevel);
	// The embedded store is this process's alone (dataDirLock.ts): the lock comes first, so
	// that neither the store's check nor anything else touches a live server's files.
	const lock = opts.store ? null : lockDataDir(config.dataDir);
	let store: Store;
	try {
		store = opts.store ?? openServerStore(config.dataDir, logger);
	} catch (error) {
		lock?.release();
		throw error;
	}
	try {
		return await serve(config, store, lock, logger);
	} catch (error) {
		// Not started (the port taken, say): let go of the folder, so a retry can take it.
		if (!opts.store) await store.close();
		lock?.release();
		throw error;
	}
}

async function serve(config: Config, store: Store, lock: DataDirLock | null, logger: Logger): Promise<Running> {
	const version = appVersion(config.staticDir);
	const accounts = new AccountService(store, new TokenSigner(loadSecret(join(config.dataDir, 'token-secret'), config.tokenSecret)), {
		sessionDays: config.sessionDays,
		syncTokenSeconds: config.syncTokenSeconds
	});
	const villages = new VillageRegistry(store);
	const policy = new AccountsPolicy(accounts, villages, config.timeZone);
	const assets = staticHandler(config.staticDir, logger);
	const sync = new SyncServer({
		store,
		logger,
		policy,
		maxMessageBytes: config.maxMessageBytes,
		roomIdleMs: config.roomIdleMs,
		compactEvery: config.compactEvery,
		maxBufferedBytes: config.maxBufferedBytes,
		pingIntervalMs: config.pingIntervalMs
	});

	policy.useDocuments(sync);
	accounts.onAccountChanges({
		sessionsEnded: (hashes, reason) => sync.closeSessions(hashes, reason),
		accountChanged: (userId) => sync.readmit(userId)
	});
	const api = createApi({ store, accounts, sync, villages, logger, version, sessionDays: config.sessionDays, timeZone: config.timeZone, trustProxy: config.trustProxy });
	if ((await store.countUsers()) === 0) {
		logger.warn('no accounts yet: create the first administrator with `npm run admin -- create-admin`', { dataDir: config.dataDir });
	}

	const server = createServer((req, res) => {
		api(req, res)
			.then((handled) => {
				if (handled) return;
				if (assets) assets(req, res, () => {
					res.statusCode = 404;
					res.end('Not found');
				});
				else {
					res.statusCode = 404;
					res.end('Not found');
				}
			})
			.catch((error: unknown) => {
				logger.error('request failed', { error: String(error) });
				if (!res.headersSent) res.statusCode = 500;
				res.end();
			});
	});
	sync.attach(server);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
	logger.info('dangka server listening', { url, dataDir: config.dataDir, version });

	let closing: Promise<void> | null = null;
	return {
		server,
		sync,
		store,
		accounts,
		url,
		close() {
			closing ??= (async () => {
				server.close();
				await sync.close();
				await store.close();
				lock?.release();
				server.closeAllConnections();
			})();
			return closing;
		}
	};
}
