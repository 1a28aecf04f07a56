/**
 * The engine's side of the parse worker: starts one per import, hands its pieces to the planner
 * and ends it when the file is read, the import fails or the user cancels. Where a worker cannot
 * start another (Node, in tests), the same parse runs in the engine's own thread.
 */
import type { ImportRequest, Progress } from './contract';
import { proxy, releaseProxy, wrap } from 'comlink';
import type { ParseOptions } from '$lib/core/formats/types';
import { ImportCancelled } from './import-read';
import { parseInPieces, type ParsedPiece, type ParseSummary } from './import-parse';
import type { ParseApi } from './import-parse.worker';

/** A running import as the engine tracks it: cancelling sets `cancelled` and calls `abort`. */
export interface ImportJob {
	cancelled: boolean;
	abort?: () => void;
}

/**
 * Parses `file` for import, in a worker of its own where there can be one. Pieces come to
 * `onPiece` in file order; a rejection of `onPiece` stops the parse and rejects with it.
 * @throws ImportCancelled when the job is cancelled.
 */
export async function parseForImport(
	file: File,
	request: ImportRequest,
	options: ParseOptions,
	onPiece: (piece: ParsedPiece) => Promise<void>,
	onProgress: (p: Progress) => void,
	job: ImportJob
): Promise<ParseSummary> {
	if (typeof Worker === 'undefined')
		return parseInPieces(file, request, options, onPiece, onProgress, () => job.cancelled);
	const worker = new Worker(new URL('./import-parse.worker.ts', import.meta.url), {
		type: 'module',
		name: 'fillbook-parse'
	});
	const remote = wrap<ParseApi>(worker);
	try {
		return await new Promise<ParseSummary>((resolve, reject) => {
			job.abort = () => reject(new ImportCancelled());
			if (job.cancelled) job.abort();
			worker.onerror = (event) => {
				event.preventDefault();
				reject(new Error(event.message || 'the file could not be read'));
			};
			remote
				.parse(file, request, options, proxy({ piece: onPiece, progress: onProgress }))
				.then(resolve, reject);
		});
	} finally {
		job.abort = undefined;
		remote[releaseProxy]();
		worker.terminate();
	}
}
