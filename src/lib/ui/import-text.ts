/**
 * The words an import is shown in: its counts in a sentence, its rejected rows one per line, the
 * text encoding it was read as. Core owns them (the engine's messages use the same words); the
 * import page and card show them from here.
 */
export { describeCounts, rejectedByLine } from '$lib/core/import/counts';
export { ENCODING_LABEL } from '$lib/core/formats/text';
