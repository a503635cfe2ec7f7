/**
 * The administrator's command line, for what must happen before anyone can sign in:
 *
 *   npm run admin -- create-admin --township 洺州镇 --username admin --name 管理员 [--password …]
 *   npm run admin -- reset-password --username admin [--password …]
 *
 * It works on the data folder directly: run it with the same DATA_DIR as the server (it may run
 * beside it). Without --password the password is asked for twice at the terminal, not shown, so
 * it never lands on screen or in the shell's history (piped in, it is the first line). Prints JSON.
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

/**
 * A password typed at a terminal: nothing is echoed (not even its length), and it is asked twice,
 * since a typo in a password nobody can see would lock the administrator out. Piped in (a script),
 * it is the first line, read once.
 */
async function readPassword(given: string | undefined): Promise<string> {
	if (given) return given;
	if (!process.stdin.isTTY) {
		const rl = createInterface({ input: process.stdin });
		for await (const line of rl) {
			rl.close();
			return line;
		}
		throw new Error('no password given');
	}
	for (let attempt = 0; attempt < 3; attempt++) {
		const first = await readHidden('密码 / password: ');
		const again = await readHidden('再输入一次 / again: ');
		if (first === again) return first;
		process.stderr.write('两次输入不一致，请重新输入 / the two did not match, try again\n');
	}
	fail('the passwords did not match');
}

function readHidden(prompt: string): Promise<string> {
	return new Promise((resolve) => {
		const stdin = process.stdin;
		process.stderr.write(prompt);
		stdin.setRawMode(true);
		stdin.resume();
		stdin.setEncoding('utf8');
		let typed = '';
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n') {
					stdin.setRawMode(false);
					stdin.pause();
					stdin.off('data', onData);
					process.stderr.write('\n');
					resolve(typed);
					return;
				}
				if (ch === '\u0003') {
					stdin.setRawMode(false);
					process.stderr.write('\n');
					process.exit(130);
				}
				if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
				else if (ch >= ' ') typed += ch;
			}
		};
		stdin.on('data', onData);
	});
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
