/**
 * Comments (评论): short messages in threads on a finding or on any question of a household or
 * village form, with replies and mentions of people. A comment is written once and never edited,
 * so two people replying at once both keep their words; threads order by time, then id.
 */
import { z } from 'zod';
import { actorSchema, type Person } from '../organisation/organisation';

export const commentSchema = z.object({
	id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
	/** See finding.ts: `finding:<id>`, `q:<household>:<form>:<question>`, `h:<household>`, `v:<form>:<question>`, `v:village`. */
	thread: z.string().regex(/^(finding|q|h|v):[A-Za-z0-9_@:-]{1,200}$/),
	/** The comment this one answers, in the same thread. */
	parentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable(),
	by: actorSchema,
	at: z.iso.datetime({ offset: true }),
	text: z.string().trim().min(1).max(2000),
	/** People mentioned with @, by person id. */
	mentions: z.array(z.string().min(1).max(80)).max(20)
});
export type Comment = z.infer<typeof commentSchema>;

export interface ThreadedComment {
	comment: Comment;
	/** 0 for a comment on the thread itself, 1 for a reply, and so on. */
	depth: number;
}

const byTime = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);

/**
 * A thread's comments in reading order: each followed by its replies. A reply whose parent is
 * missing (not synced yet, or from another thread) is shown at the top level, never hidden.
 */
export function threaded(comments: readonly Comment[]): ThreadedComment[] {
	const ids = new Set(comments.map((c) => c.id));
	const children = new Map<string | null, Comment[]>();
	for (const c of comments) {
		const parent = c.parentId && ids.has(c.parentId) && c.parentId !== c.id ? c.parentId : null;
		const list = children.get(parent) ?? [];
		list.push(c);
		children.set(parent, list);
	}
	const out: ThreadedComment[] = [];
	const seen = new Set<string>();
	const walk = (parent: string | null, depth: number) => {
		for (const c of (children.get(parent) ?? []).sort(byTime)) {
			if (seen.has(c.id)) continue; // a cycle of parents from a hostile client
			seen.add(c.id);
			out.push({ comment: c, depth });
			walk(c.id, Math.min(depth + 1, 4));
		}
	};
	walk(null, 0);
	return out;
}

/** People mentioned as `@name` in a text, longest names first so `@王小明` is not read as `@王小`. */
export function findMentions(text: string, people: readonly Pick<Person, 'id' | 'name'>[]): string[] {
	const found: string[] = [];
	let rest = text;
	for (const person of [...people].sort((a, b) => b.name.length - a.name.length)) {
		const token = '@' + person.name;
		if (rest.includes(token)) {
			found.push(person.id);
			rest = rest.split(token).join(' ');
		}
	}
	return found;
}

/**
 * Comments in a thread that `personId` has not seen, by others. Seen is kept by comment id, not
 * by time: a comment written offline arrives late with an early time and must still count.
 */
export function unreadCount(comments: readonly Comment[], personId: string, seen: ReadonlySet<string>): number {
	return comments.filter((c) => c.by.id !== personId && !seen.has(c.id)).length;
}

export interface UnreadThread {
	thread: string;
	unread: number;
	/** One of the unseen comments mentions the person. */
	mentioned: boolean;
	latest: Comment;
}

/** The threads with comments a person has not seen, newest first; mentions of them flagged. */
export function unreadThreads(threads: ReadonlyMap<string, readonly Comment[]>, personId: string, seen: (thread: string) => ReadonlySet<string>): UnreadThread[] {
	const out: UnreadThread[] = [];
	for (const [thread, comments] of threads) {
		const seenIds = seen(thread);
		const fresh = comments.filter((c) => c.by.id !== personId && !seenIds.has(c.id));
		if (!fresh.length) continue;
		const latest = fresh.reduce((a, b) => (b.at > a.at ? b : a));
		out.push({ thread, unread: fresh.length, mentioned: fresh.some((c) => c.mentions.includes(personId)), latest });
	}
	return out.sort((a, b) => (a.latest.at < b.latest.at ? 1 : -1));
}
