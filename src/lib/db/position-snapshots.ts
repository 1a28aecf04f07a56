/**
 * Stored broker positions snapshots (docs/reconcile.md): one row per imported file; its bytes'
 * hash is unique per mode, so the same file is never stored twice.
 */
import type { FillbookDb, PositionSnapshotRow } from './schema';

/** Every snapshot, newest day first (then newest import). */
export async function listSnapshots(db: FillbookDb): Promise<PositionSnapshotRow[]> {
	const rows = await db.positionSnapshots.toArray();
	return rows.sort((a, b) => b.asOf - a.asOf || b.importedAt - a.importedAt);
}

export function snapshotById(db: FillbookDb, id: string): Promise<PositionSnapshotRow | undefined> {
	return db.positionSnapshots.get(id);
}

/**
 * Stores a snapshot unless one of the same bytes is stored; the check and the write are one
 * transaction. Returns the stored one of the same bytes when refused.
 */
export function addSnapshot(
	db: FillbookDb,
	row: PositionSnapshotRow
): Promise<{ ok: true } | { ok: false; sameAs: PositionSnapshotRow }> {
	return db.transaction('rw', db.positionSnapshots, async () => {
		const same = await db.positionSnapshots.where('hash').equals(row.hash).first();
		if (same) return { ok: false, sameAs: same } as const;
		await db.positionSnapshots.add(row);
		return { ok: true } as const;
	});
}

/** Removes a snapshot; whether there was one. */
export function removeSnapshot(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction('rw', db.positionSnapshots, async () => {
		const had = (await db.positionSnapshots.get(id)) !== undefined;
		if (had) await db.positionSnapshots.delete(id);
		return had;
	});
}
