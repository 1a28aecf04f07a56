import { describe, expect, it } from 'vitest';
import { fileDrop } from './file-drop';

/** A drag event as the handlers read it: the types dragged, the files dropped. */
function drag(types: string[], files: File[] = []) {
	let prevented = false;
	const event = {
		dataTransfer: { types, files, dropEffect: 'none' },
		preventDefault: () => (prevented = true)
	};
	return { event: event as unknown as DragEvent, prevented: () => prevented };
}

describe('file drop', () => {
	it('counts the drag over the window and takes the files dropped', () => {
		let depth = 0;
		const taken: string[] = [];
		const h = fileDrop(
			(files) => taken.push(...files.map((f) => f.name)),
			(update) => (depth = update(depth))
		);
		h.enter(drag(['Files']).event);
		h.enter(drag(['Files']).event);
		h.leave(drag(['Files']).event);
		expect(depth).toBe(1);
		const over = drag(['Files']);
		h.over(over.event);
		expect(over.prevented()).toBe(true);
		h.drop(drag(['Files'], [new File(['{}'], 'alert.json')]).event);
		expect(depth).toBe(0);
		expect(taken).toEqual(['alert.json']);
	});

	it('leaves text drags, and every drag while inactive, to the page', () => {
		let depth = 0;
		let active = false;
		const taken: File[] = [];
		const h = fileDrop(
			(files) => taken.push(...files),
			(update) => (depth = update(depth)),
			() => active
		);
		const inactive = drag(['Files'], [new File(['x'], 'a.csv')]);
		h.enter(inactive.event);
		h.drop(inactive.event);
		expect([depth, taken.length, inactive.prevented()]).toEqual([0, 0, false]);
		active = true;
		const text = drag(['text/plain']);
		h.over(text.event);
		expect(text.prevented()).toBe(false);
	});
});
