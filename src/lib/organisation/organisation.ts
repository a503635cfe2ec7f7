/**
 * The township's organisation (组织): its responsibility groups (帮扶责任组), the people in them,
 * which village each group keeps, which member looks after which household, and the township's
 * reviewers. Kept in one synced document (organisationDoc.ts), so every cadre has it offline.
 */
import { z } from 'zod';
import { shortName } from '../names/name';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const name = shortName;
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const personSchema = z.object({
	id,
	name,
	phone: z.string().regex(PHONE_PATTERN).or(z.literal('')),
	/** The responsibility group the person belongs to, if any. */
	groupId: id.nullable(),
	/** A township reviewer (乡镇审核/督查): reads every village, closes or returns findings. */
	reviewer: z.boolean(),
	/** Set when the person leaves; they stay on record for what they did. */
	leftAt: z.iso.datetime({ offset: true }).nullable()
});
export type Person = z.infer<typeof personSchema>;

export const groupSchema = z.object({
	id,
	name,
	createdAt: z.iso.datetime({ offset: true }),
	/** Set when the group is dissolved; its findings keep pointing at it. */
	dissolvedAt: z.iso.datetime({ offset: true }).nullable()
});
export type Group = z.infer<typeof groupSchema>;

/** Groups in the order they were set up (第一组, 第二组, …): pinyin order would put 第二组 first. */
export function compareGroups(a: Group, b: Group): number {
	return a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A village (one dossier) and the group that keeps it. */
export const villageSchema = z.object({
	dossierId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
	name,
	groupId: id.nullable()
});
export type Village = z.infer<typeof villageSchema>;

/** Who did something: a person of the organisation, or a device user not (yet) in it. */
export const actorSchema = z.object({ id: z.string().min(1).max(80), name: z.string().min(1).max(64) });
export type Actor = z.infer<typeof actorSchema>;

/** The actor id of someone who typed a name on a device but is not a person of the organisation. */
export function deviceActorId(name: string): string {
	return `name:${name}`;
}
