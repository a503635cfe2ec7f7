import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findMentions, threaded, unreadCount, unreadThreads, type Comment } from './comments';
import { ReviewDoc } from './reviewDoc';
import { findingThread } from '../ledger/finding';

const wang = { id: 'p1', name: '王干部' };
const li = { id: 'p2', name: '李审核' };
const c = (id: string, at: string, parentId: string | null = null, by = wang): Comment => ({
	id,
	thread: 'finding:f1',
	parentId,
	by,
	at: `2022-08-08T0${at}:00:00.000Z`,
	text: id,
	mentions: []
});

describe('comments', () => {
	it('threads replies under their parent, in time order, and never hides an orphan', () => {
		const list = [c('b', '2'), c('a', '1'), c('a1', '3', 'a'), c('a2', '4', 'a'), c('a1x', '5', 'a1'), c('orphan', '6', 'missing')];
		expect(threaded(list).map((t) => [t.comment.id, t.depth])).toEqual([
			['a', 0],
			['a1', 1],
			['a1x', 2],
			['a2', 1],
			['b', 0],
			['orphan', 0]
		]);
		// A cycle of parents (only a hostile client writes one) still terminates.
		expect(threaded([c('x', '1', 'y'), c('y', '2', 'x')])).toEqual([]);
	});

	it('finds mentions by the longest matching name', () => {
		const people = [
			{ id: 'a', name: '王小' },
			{ id: 'b', name: '王小明' },
			{ id: 'c', name: '李审核' }
		];
		expect(findMentions('@王小明 请看一下，@李审核', people)).toEqual(['b', 'c']);
		expect(findMentions('王小明没有被提到', people)).toEqual([]);
	});

	it('counts what a person has not seen, including comments that arrive late from offline', () => {
		const a = new ReviewDoc('village0001');
		const b = new ReviewDoc('village0001');
		const thread = findingThread('f1');
		a.addComment({ thread, parentId: null, by: li, text: '请补充照片', mentions: [wang.id] });
		// Wang's device is offline and writes a reply with an early clock.
		b.addComment({ thread, parentId: null, by: wang, text: '已补充', mentions: [], at: '2000-01-01T00:00:00.000Z' });
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		expect(unreadCount(b.comments(thread), wang.id, b.seen(wang.id, thread))).toBe(1);
		b.markSeen(wang.id, thread, b.comments(thread).map((x) => x.id));
		expect(unreadCount(b.comments(thread), wang.id, b.seen(wang.id, thread))).toBe(0);
		// Li has read nothing yet: Wang's late reply counts for Li.
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		expect(unreadCount(a.comments(thread), li.id, a.seen(li.id, thread))).toBe(1);
	});

	it('lists the threads with unseen comments, newest first, flagging mentions', () => {
		const doc = new ReviewDoc('village0001');
		doc.addComment({ thread: 'finding:f1', parentId: null, by: li, text: '请补充', mentions: [wang.id], at: '2022-08-08T01:00:00.000Z' });
		doc.addComment({ thread: 'h:h1', parentId: null, by: li, text: '户主电话不对', mentions: [], at: '2022-08-08T02:00:00.000Z' });
		doc.addComment({ thread: 'h:h2', parentId: null, by: wang, text: '我自己写的', mentions: [], at: '2022-08-08T03:00:00.000Z' });
		const list = unreadThreads(doc.threads(), wang.id, (thread) => doc.seen(wang.id, thread));
		expect(list.map((u) => [u.thread, u.unread, u.mentioned])).toEqual([
			['h:h1', 1, false],
			['finding:f1', 1, true]
		]);
		doc.markSeen(wang.id, 'h:h1', doc.comments('h:h1').map((c) => c.id));
		expect(unreadThreads(doc.threads(), wang.id, (thread) => doc.seen(wang.id, thread)).map((u) => u.thread)).toEqual(['finding:f1']);
	});

	it('refuses an empty or oversized comment', () => {
		const doc = new ReviewDoc('village0001');
		expect(() => doc.addComment({ thread: 'finding:f1', parentId: null, by: wang, text: '  ', mentions: [] })).toThrow();
		expect(() => doc.addComment({ thread: 'finding:f1', parentId: null, by: wang, text: 'x'.repeat(2001), mentions: [] })).toThrow();
		expect(() => doc.addComment({ thread: '../etc', parentId: null, by: wang, text: 'x', mentions: [] })).toThrow();
		expect(doc.comments()).toEqual([]);
	});
});

describe('thread keys', () => {
	it('read back what each thread is about, and nothing else', async () => {
		const { parseThread, questionThread, householdThread, villageQuestionThread, findingThread, VILLAGE_THREAD } = await import('../ledger/finding');
		expect(parseThread(findingThread('f1'))).toEqual({ kind: 'finding', findingId: 'f1' });
		expect(parseThread(questionThread('h1', 'household-screening-2022@aug2022', 's2_unsafe'))).toEqual({
			kind: 'question',
			householdId: 'h1',
			formKey: 'household-screening-2022@aug2022',
			questionId: 's2_unsafe'
		});
		expect(parseThread(householdThread('h1'))).toEqual({ kind: 'household', householdId: 'h1' });
		expect(parseThread(villageQuestionThread('village-screening-2022@aug2022', 'v4_collective_income'))).toEqual({
			kind: 'villageQuestion',
			formKey: 'village-screening-2022@aug2022',
			questionId: 'v4_collective_income'
		});
		expect(parseThread(VILLAGE_THREAD)).toEqual({ kind: 'village' });
		expect(parseThread('x:1')).toBeNull();
		expect(parseThread('q:only:two')).toBeNull();
	});
});
