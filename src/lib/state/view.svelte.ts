/**
 * What a state class shows its page, kept in one private place: a single object that the
 * class's methods replace (never change in place) and that pages only read.
 *
 * A class holds one in a private field and exposes it through one getter, so its state stays
 * private, read-only to pages, changed only through its methods, and reset in one line:
 *
 * @example
 * export interface CounterView {
 * 	/** How many times it was clicked. *\/
 * 	count: number;
 * }
 * export class CounterState {
 * 	readonly #view = new View<CounterView>(() => ({ count: 0 }));
 * 	get view(): Readonly<CounterView> {
 * 		return this.#view.current;
 * 	}
 * 	click(): void {
 * 		this.#view.set({ count: this.view.count + 1 });
 * 	}
 * 	reset(): void {
 * 		this.#view.reset();
 * 	}
 * }
 */
export class View<V extends object> {
	// Raw: a page reads whole answers (arrays, typed arrays) that are replaced, not edited.
	#current = $state.raw<V>() as V;
	readonly #initial: () => V;

	/** @param initial The view of a fresh page; called again by every reset (fresh objects each time). */
	constructor(initial: () => V) {
		this.#initial = initial;
		this.#current = initial();
	}

	get current(): Readonly<V> {
		return this.#current;
	}

	/** Replaces the fields given; the others keep their values. */
	set(patch: Partial<V>): void {
		this.#current = { ...this.#current, ...patch };
	}

	/** Back to the view of a fresh page. */
	reset(): void {
		this.#current = this.#initial();
	}
}
