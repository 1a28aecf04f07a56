/**
 * What a state class shows its page, kept in one private place: an object of fields that only
 * the class's methods set and that pages only read.
 *
 * A class holds one in a private field and exposes it through one getter, so its state stays
 * private, read-only to pages, changed only through its methods, and reset in one call:
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
 *
 * Each field is its own `$state.raw`: reading `view.loading` depends on `loading` alone (an
 * effect that reads one field and sets another does not run itself again), and a value is
 * replaced, never changed in place (answers such as typed arrays are handed over as they are).
 */
export class View<V extends object> {
	/** The fields, read-only: each a getter of its own signal. */
	readonly current: Readonly<V>;
	readonly #initial: () => V;
	readonly #write: Partial<Record<keyof V, (value: unknown) => void>> = {};

	/**
	 * @param initial The view of a fresh page, with every field present (null for none); called
	 * again by every reset, so each gets fresh objects.
	 */
	constructor(initial: () => V) {
		this.#initial = initial;
		const current = {} as V;
		const first = initial();
		for (const key of Object.keys(first) as (keyof V)[]) {
			let value = $state.raw(first[key]);
			Object.defineProperty(current, key, { enumerable: true, get: () => value });
			this.#write[key] = (next) => (value = next as V[keyof V]);
		}
		this.current = Object.freeze(current);
	}

	/** Sets the fields given; the others keep their values. */
	set(patch: Partial<V>): void {
		for (const key of Object.keys(patch) as (keyof V)[]) {
			const write = this.#write[key];
			if (!write) throw new Error(`No field ${String(key)} in this view.`);
			write(patch[key]);
		}
	}

	/** Back to the view of a fresh page. */
	reset(): void {
		this.set(this.#initial());
	}
}
