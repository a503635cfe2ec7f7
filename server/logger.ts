export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
	debug(message: string, fields?: Record<string, unknown>): void;
	info(message: string, fields?: Record<string, unknown>): void;
	warn(message: string, fields?: Record<string, unknown>): void;
	error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON object per line on stderr: greppable in a terminal, parseable by a log shipper. */
export function createLogger(level: Level = 'info'): Logger {
	const min = ORDER[level];
	const log = (lvl: Level) => (message: string, fields?: Record<string, unknown>) => {
		if (ORDER[lvl] < min) return;
		process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: lvl, message, ...fields }) + '\n');
	};
	return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
