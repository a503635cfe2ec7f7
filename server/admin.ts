/**
 * The administrator's command line, for what must happen before anyone can sign in:
 *
 *   npm run admin -- create-admin --township 洺州镇 --username admin --name 管理员 [--password …]
 *   npm run admin -- reset-password --username admin [--password …]
 *
 * It works on the data folder directly (DATA_DIR, as the server). Without --password the password
 * is read from standard input, so it never lands in the shell's history. Prints JSON.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { loadConfig } from './config';
import { SqliteStore } from './storage/sqliteStore';
import { AccountService, WeakPassword } from './accounts/accountService';
import { TokenSigner, loadSecret } from './accounts/tokens';
import { AccountExists } from './accounts/accounts';
import { OrganisationDoc } from '../src/lib/organisation/organisationDoc';
import { roomName } from '../src/lib/sync/protocol';
import { newId } from '../src/lib/dossier/ids';
import { shortName } from '../src/lib/names/name';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
}

async function readPassword(given: string | undefined): Promise<string> {
	if (given) return given;
	process.stderr.write('密码 / password: ');
	const rl = createInterface({ input: process.stdin });
	for await (const line of rl) {
		rl.close();
		return line;
	}
	throw new Error('no password given');
}

function fail(message: string): never {
	process.stderr.write(message + '\n');
	process.exit(2);
}

async function main(): Promise<void> {
	const [command, ...args] = process.argv.slice(2);
	const config = loadConfig();
	const store = new SqliteStore(join(config.dataDir, 'dangka.sqlite'));
	const accounts = new AccountService(store, new TokenSigner(loadSecret(join(config.dataDir, 'token-secret'), config.tokenSecret)), {
		sessionDays: config.sessionDays,
		syncTokenSeconds: config.syncTokenSeconds
	});
	try {
		if (command === 'create-admin') {
			const township = shortName.safeParse(option(args, 'township') ?? '');
			const username = option(args, 'username');
			const name = shortName.safeParse(option(args, 'name') ?? username ?? '');
			if (!township.success || !username || !name.success) fail('usage: create-admin --township <name> --username <username> --name <name> [--password <password>]');
			const password = await readPassword(option(args, 'password'));
			const now = new Date().toISOString();
			let record = (await store.listTownships()).find((t) => t.name === township.data);
			if (!record) {
				record = await store.registerTownship({ id: newId(), name: township.data, createdAt: now, createdBy: username });
				// The township's organisation starts with its name.
				const doc = new Y.Doc();
				new OrganisationDoc(doc).setTownshipName(township.data);
				await store.append([{ room: roomName({ kind: 'organisation', townshipId: record.id }), data: Y.encodeStateAsUpdate(doc), user: 'admin-cli', device: 'admin-cli' }]);
			}
			const user = await accounts.createUser({ id: newId(), username, name: name.data, townshipId: record.id, admin: true, password });
			process.stdout.write(JSON.stringify({ townshipId: record.id, township: record.name, userId: user.id, username: user.username }) + '\n');
		} else if (command === 'reset-password') {
			const username = option(args, 'username');
			if (!username) fail('usage: reset-password --username <username> [--password <password>]');
			const user = await store.userByUsername(username);
			if (!user) fail(`no account ${username}`);
			await accounts.resetPassword(user.id, await readPassword(option(args, 'password')));
			process.stdout.write(JSON.stringify({ userId: user.id, username: user.username, reset: true }) + '\n');
		} else {
			fail('commands: create-admin, reset-password');
		}
	} catch (error) {
		if (error instanceof AccountExists) fail(`username ${error.username} is taken`);
		if (error instanceof WeakPassword) fail(error.message);
		throw error;
	} finally {
		await store.close();
	}
}

await main();
