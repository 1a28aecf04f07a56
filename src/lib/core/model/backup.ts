/** Shortest passphrase accepted when sealing a backup (the form checks it before the engine does). */
export const MIN_PASSPHRASE = 8;
