/// <reference lib="webworker" />
/**
 * The parse worker: reads and parses one file for the engine, which starts it per import and
 * plans the pieces while this worker reads on. Execution batches are transferred, not copied.
 */
import type { ImportRequest, Progress } from './contract';
import { expose, transfer } from 'comlink';
import type { ParseOptions } from '$lib/core/formats/types';
import { batchBuffers } from '$lib/core/model/execution-codec';
import { parseInPieces, type ParsedPiece, type ParseSummary } from './import-parse';

/** Where the pieces go: the engine's side, passed as a Comlink proxy. */
export interface ParseSink {
	piece(piece: ParsedPiece): Promise<void>;
	progress(p: Progress): void;
}

const api = {
	/** Parses `file`; the engine stops it (by ending the worker) to cancel. */
	parse(file: File, request: ImportRequest, options: ParseOptions, sink: ParseSink): Promise<ParseSummary> {
		return parseInPieces(
			file,
			request,
			options,
			(piece) => sink.piece(piece.kind === 'executions' ? transfer(piece, batchBuffers(piece.batch)) : piece),
			(p) => sink.progress(p),
			() => false
		);
	}
};

export type ParseApi = typeof api;

expose(api);
