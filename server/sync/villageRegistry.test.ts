import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../storage/sqliteStore';
import { VillageRegistry } from './villageRegistry';

const record = (id: string, townshipId: string) => ({ id, townshipId, township: '镇', village: '村', createdAt: '2022-08-01T00:00:00.000Z', createdBy: '干部' });

describe('VillageRegistry', () => {
	it('a dossier belongs to the township that registered it, whoever lists it', async () => {
		const store = new SqliteStore(':memory:');
		await store.registerDossier(record('village0001', 't-home'));
		const registry = new VillageRegistry(store);
		expect(await registry.belongs('village0001', 't-home', true)).toBe(true);
		expect(await registry.belongs('village0001', 't-other', true)).toBe(false);
		expect(await registry.belongs('unregistered', 't-home', true)).toBe(false);
		// A second registration does not move it.
		await store.registerDossier(record('village0001', 't-other'));
		expect((await store.getDossier('village0001'))?.townshipId).toBe('t-home');
	});

	it('binds a dossier registered before townships were recorded to the first township listing it', async () => {
		const store = new SqliteStore(':memory:');
		await store.registerDossier(record('village0002', ''));
		const registry = new VillageRegistry(store);
		expect(await registry.belongs('village0002', 't-a', false)).toBe(false);
		expect(await registry.belongs('village0002', 't-b', true)).toBe(true);
		expect(await registry.belongs('village0002', 't-a', true)).toBe(false);
		expect(await new VillageRegistry(store).belongs('village0002', 't-b', false)).toBe(true);
	});
});
