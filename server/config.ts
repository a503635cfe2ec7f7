import { resolve } from 'node:path';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../src/lib/sync/protocol';
import type { Level } from './logger';

export interface Config {
	host: string;
	port: number;
	dataDir: string;
	/** The built app (SvelteKit's static output); absent in API-only runs. */
	staticDir: string;
	maxMessageBytes: number;
	roomIdleMs: number;
	compactEvery: number;
	maxBufferedBytes: number;
	pingIntervalMs: number;
	/** Signs sync tokens; servers sharing one database must share it (else one is made in DATA_DIR). */
	tokenSecret: string | undefined;
	sessionDays: number;
	syncTokenSeconds: number;
	/** The cadres' time zone: rounds start and deadlines fall on its days. */
	timeZone: string;
	/** Behind a reverse proxy: the client's address is the last of X-Forwarded-For. */
	trustProxy: boolean;
	logLevel: Level;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const level = (env.LOG_LEVEL ?? 'info') as Level;
	if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn or error`);
	return {
		host: env.HOST ?? '0.0.0.0',
		port: int(env, 'PORT', 3000),
		dataDir: resolve(env.DATA_DIR ?? './data'),
		staticDir: resolve(env.STATIC_DIR ?? './build'),
		maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES),
		roomIdleMs: int(env, 'ROOM_IDLE_MS', 30_000),
		compactEvery: int(env, 'COMPACT_EVERY', 500),
		maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', 64 * 1024 * 1024),
		pingIntervalMs: int(env, 'PING_INTERVAL_MS', 30_000),
		tokenSecret: env.TOKEN_SECRET || undefined,
		sessionDays: int(env, 'SESSION_DAYS', 30),
		syncTokenSeconds: int(env, 'SYNC_TOKEN_SECONDS', 600),
		timeZone: env.TIME_ZONE ?? 'Asia/Shanghai',
		trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
		logLevel: level
	};
}
