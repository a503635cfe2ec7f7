import { loadConfig } from './config';
import { startServer } from './app';
import { createLogger } from './logger';
import { DataDirInUse } from './storage/dataDirLock';

const config = loadConfig();
const logger = createLogger(config.logLevel);

startServer(config, { logger }).then(
	(running) => {
		let stopping = false;
		const stop = (signal: string) => {
			if (stopping) return;
			stopping = true;
			logger.info('shutting down', { signal });
			running.close().then(
				() => process.exit(0),
				(error: unknown) => {
					logger.error('shutdown failed', { error: String(error) });
					process.exit(1);
				}
			);
		};
		process.on('SIGINT', () => stop('SIGINT'));
		process.on('SIGTERM', () => stop('SIGTERM'));
	},
	(error: unknown) => {
		if (error instanceof DataDirInUse) logger.error(error.message, { dataDir: error.dataDir });
		else logger.error('failed to start', { error: String(error) });
		process.exit(1);
	}
);
