/**
 * Knows whether code runs inside an animation-frame callback. Imported first by both pages, so
 * every requestAnimationFrame (ours, the grid library's) goes through the wrapper. A grid that
 * updates its DOM inside a frame callback (RevoGrid, through Stencil) is painted at the end of
 * that same frame; one that updates in a task or microtask (Svelte) is painted at the next frame.
 * afterPaint() must know which, or it would charge the first kind a whole extra frame.
 */
let inFrame = false;
const raf = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (callback: FrameRequestCallback) =>
	raf((time) => {
		if (!inFrame) {
			// Still true for the microtasks after each callback (where MutationObservers report);
			// the message arrives once the rendering step, paint included, is over.
			inFrame = true;
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				channel.port1.close();
				inFrame = false;
			};
			channel.port2.postMessage(null);
		}
		callback(time);
	});

/** Resolves after the task that follows a rendering step (MessageChannel), i.e. once the frame is painted. */
export function afterThisFrame(): Promise<number> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve(performance.now());
		};
		channel.port2.postMessage(null);
	});
}

/**
 * The time (performance.now) right after the frame that paints the current DOM: the frame being
 * rendered now when called from a frame callback, otherwise the next one.
 */
/** Performance.now() when the entry modules began to run (this module is imported first). */
export const scriptStart = performance.now();

export function afterPaint(): Promise<number> {
	if (inFrame) return afterThisFrame();
	return new Promise((resolve) => raf(() => void afterThisFrame().then(resolve)));
}

export const nextFrame = (): Promise<number> => new Promise((resolve) => raf(resolve));

/**
 * Resolves with the time the DOM under `root` first satisfies `done` was painted (see
 * afterPaint). The check runs at once and after every DOM mutation (a microtask after it).
 */
export function paintedWhen(root: Node, done: () => boolean, timeoutMs = 15_000): Promise<number> {
	return new Promise((resolve, reject) => {
		let fired = false;
		const finish = () => {
			fired = true;
			observer.disconnect();
			clearTimeout(timer);
			void afterPaint().then(resolve);
		};
		const observer = new MutationObserver(() => {
			if (!fired && done()) finish();
		});
		const timer = setTimeout(() => {
			observer.disconnect();
			reject(new Error('timed out waiting for the grid to show the change'));
		}, timeoutMs);
		observer.observe(root, { subtree: true, childList: true, characterData: true });
		if (done()) finish();
	});
}
