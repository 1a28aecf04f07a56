import type {
	PositionMapping,
	PositionsFilePreview,
	ReconcileAnswer,
	ReconcileRow,
	SnapshotSummary
} from '$workers/contract';
import type { RowError } from '$lib/core/formats/types';
import { changes, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/** A positions file picked, waiting for its format, day and (generic) columns before its import. */
export interface PendingFile {
	file: File;
	preview: PositionsFilePreview;
	formatId: string;
	/** `YYYY-MM-DD` (prefilled from the file name), '' when not known yet. */
	date: string;
	zone: string;
	mapping: PositionMapping;
	/** For rows that name no account (the generic format without an account column). */
	accountId: string;
}

export interface ReconcileView {
	snapshots: SnapshotSummary[] | null;
	/** The snapshot shown, or null. */
	selected: string | null;
	answer: ReconcileAnswer | null;
	pending: PendingFile | null;
	busy: boolean;
	/** The last import's refusal: its sentence and the rows at fault. */
	refusal: { message: string; errors: RowError[] } | null;
	/** A short word on what just happened ("Imported …", "Added …"). */
	notice: string | null;
	problem: string | null;
}

/** The broker's zone a positions day is read in, unless the user says otherwise. */
export const DEFAULT_POSITIONS_ZONE = 'America/New_York';

/**
 * The reconcile page: the mode's positions snapshots, the one chosen compared with the stored
 * executions, a file being imported, and the opening balances added. Reloads when another tab
 * changes the executions or the snapshots.
 */
export class ReconcileState {
	readonly #view = new View<ReconcileView>(() => ({
		snapshots: null,
		selected: null,
		answer: null,
		pending: null,
		busy: false,
		refusal: null,
		notice: null,
		problem: null
	}));
	#generation = 0;

	get view(): Readonly<ReconcileView> {
		return this.#view.current;
	}

	/** The pending file's chosen format needs the day typed (no date in its rows). */
	get needsDate(): boolean {
		const p = this.view.pending;
		return p?.preview.formats.find((f) => f.id === p.formatId)?.needsDate ?? false;
	}

	/** The reconciliation's rows, by account then symbol (the engine's order). */
	get rows(): ReconcileRow[] {
		return this.view.answer?.rows ?? [];
	}

	/** Reads the snapshots and the chosen one's reconciliation (from an effect: it reruns on changes). */
	async load(): Promise<void> {
		changes.track([...TRADE_TABLES, 'positionSnapshots', 'accounts']);
		const generation = ++this.#generation;
		const asked = mode.current;
		try {
			const snapshots = await engine.positionSnapshots();
			if (generation !== this.#generation || asked !== mode.current) return;
			const selected =
				this.view.selected !== null && snapshots.some((s) => s.id === this.view.selected)
					? this.view.selected
					: (snapshots[0]?.id ?? null);
			const answer = selected === null ? null : await engine.reconcileSnapshot(selected);
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#view.set({ snapshots, selected, answer, problem: null });
		} catch (error) {
			if (generation !== this.#generation) return;
			this.#view.set({ problem: message(error) });
		}
	}

	/** Shows another snapshot's reconciliation. */
	async select(id: string): Promise<void> {
		this.#view.set({ selected: id, notice: null });
		await this.load();
	}

	/** Reads a picked file's header and day; the user then confirms format, day and columns. */
	async pick(file: File): Promise<void> {
		this.#view.set({ busy: true, refusal: null, notice: null });
		try {
			const preview = await engine.previewPositionsFile(file);
			const header = preview.header;
			const guess = (...names: string[]) =>
				header.find((h) => names.some((n) => h.toLowerCase().replace(/[\s_]/g, '') === n)) ?? '';
			this.#view.set({
				pending: {
					file,
					preview,
					formatId: preview.formatId ?? 'generic-positions',
					date: preview.dateFromName ?? '',
					zone: DEFAULT_POSITIONS_ZONE,
					mapping: {
						symbol: guess('symbol', 'ticker', 'symb'),
						quantity: guess('quantity', 'qty', 'shares', 'position', 'pos'),
						account: guess('account', 'accountnumber', 'acct') || null,
						avgCost: guess('avgcost', 'averagecost', 'avgprice', 'averageprice', 'cost') || null,
						date: guess('date', 'asof', 'reportdate') || null
					},
					accountId: preview.accounts[0]?.id ?? ''
				}
			});
		} catch (error) {
			this.#view.set({ problem: message(error) });
		} finally {
			this.#view.set({ busy: false });
		}
	}

	/** Changes the pending file's choices. */
	edit(change: Partial<Omit<PendingFile, 'file' | 'preview'>>): void {
		const p = this.view.pending;
		if (p) this.#view.set({ pending: { ...p, ...change } });
	}

	cancel(): void {
		this.#view.set({ pending: null, refusal: null });
	}

	/** Imports the pending file as the user set it; on success it becomes the snapshot shown. */
	async importPending(): Promise<void> {
		const p = this.view.pending;
		if (!p) return;
		this.#view.set({ busy: true, refusal: null, notice: null });
		try {
			const generic = p.formatId === 'generic-positions';
			const outcome = await engine.importPositions(p.file, {
				formatId: p.formatId,
				date: p.date.trim() === '' ? null : p.date.trim(),
				mapping: generic ? p.mapping : null,
				accountId: generic && !p.mapping.account && p.accountId !== '' ? p.accountId : null,
				zone: p.zone
			});
			if (!outcome.ok) {
				this.#view.set({ refusal: { message: outcome.message, errors: outcome.errors } });
				if (outcome.sameAs) this.#view.set({ selected: outcome.sameAs.id });
			} else {
				this.#view.set({
					pending: null,
					selected: outcome.snapshot.id,
					notice: `Imported ${outcome.snapshot.fileName}: ${outcome.snapshot.positions} position${outcome.snapshot.positions === 1 ? '' : 's'} of ${outcome.snapshot.asOfDate}.`
				});
			}
			await this.load();
		} catch (error) {
			this.#view.set({ problem: message(error) });
		} finally {
			this.#view.set({ busy: false });
		}
	}

	/** Deletes a snapshot (undoes its import). */
	async remove(id: string): Promise<void> {
		const gone = this.view.snapshots?.find((s) => s.id === id);
		await engine.deletePositionSnapshot(id);
		this.#view.set({
			selected: this.view.selected === id ? null : this.view.selected,
			notice: gone ? `Deleted the snapshot ${gone.fileName}.` : null
		});
		await this.load();
	}

	/** Adds a row's opening balance (after the page's confirmation). */
	async addOpening(row: ReconcileRow): Promise<void> {
		const id = this.view.selected;
		if (id === null) return;
		this.#view.set({ busy: true, notice: null });
		try {
			const result = await engine.addOpeningBalance(id, row.accountId, row.symbol);
			this.#view.set(
				result.ok
					? { notice: `Added the opening balance: ${row.openingText ?? row.symbol}.` }
					: { notice: result.message }
			);
			await this.load();
		} finally {
			this.#view.set({ busy: false });
		}
	}

	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
