/**
 * Encrypted backups: a backup file sealed with a passphrase, using only WebCrypto.
 *
 * - Key: PBKDF2 with HMAC-SHA-256 over the passphrase (UTF-8, NFC-normalised so the same typed
 *   text always gives the same key), a random 16-byte salt and {@link PBKDF2_ITERATIONS}
 *   iterations (OWASP's 2023 figure for PBKDF2-HMAC-SHA256), giving a 256-bit AES key.
 * - Cipher: AES-256-GCM with a random 12-byte IV; the tag (128 bits) authenticates the data and
 *   the clear header (mode, format, KDF settings), so neither can be altered unnoticed.
 * - File: one line of JSON, `{"format":"fillbook-backup-encrypted","version":1,"mode":…,
 *   "kdf":{…},"cipher":{…},"data":"<base64>"}`. The mode stays readable so the app can say which
 *   mode a backup holds before asking for the passphrase; nothing else is.
 *
 * A wrong passphrase and an altered file are indistinguishable to AES-GCM (both fail the tag);
 * the message says so.
 */
import { MIN_PASSPHRASE } from '$lib/core/model/backup';
import { isMode, type Mode } from '$lib/core/model/mode';
import { fromBase64, toBase64 } from './backup-codec';

export const ENCRYPTED_FORMAT = 'fillbook-backup-encrypted';
export const ENCRYPTED_VERSION = 1;
/** PBKDF2-HMAC-SHA256 iterations for new backups. */
export const PBKDF2_ITERATIONS = 600_000;
/** Files asking for fewer (weakened) or far more (a hang) iterations are refused. */
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;
export { MIN_PASSPHRASE };

interface EncryptedHeader {
	format: typeof ENCRYPTED_FORMAT;
	version: typeof ENCRYPTED_VERSION;
	mode: Mode;
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
	cipher: { name: 'AES-GCM'; iv: string };
}

/** An encrypted backup's clear header: enough to say what it is before unlocking it. */
export interface EncryptedInfo {
	mode: Mode;
	iterations: number;
}

/** True when the text looks like an encrypted backup (its header names the format). */
export function isEncryptedBackup(text: string): boolean {
	return text.trimStart().startsWith(`{"format":"${ENCRYPTED_FORMAT}"`);
}

/**
 * Seals a backup's bytes with a passphrase.
 * @example
 * const sealed = await encryptBackup(await blob.text(), 'paper', 'correct horse battery');
 */
export async function encryptBackup(
	plain: string,
	mode: Mode,
	passphrase: string,
	iterations = PBKDF2_ITERATIONS
): Promise<string> {
	if (passphrase.length < MIN_PASSPHRASE)
		throw new Error(`A backup passphrase needs at least ${MIN_PASSPHRASE} characters.`);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const header: EncryptedHeader = {
		format: ENCRYPTED_FORMAT,
		version: ENCRYPTED_VERSION,
		mode,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
		cipher: { name: 'AES-GCM', iv: toBase64(iv) }
	};
	const key = await deriveKey(passphrase, salt, iterations);
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: headerBytes(header) },
		key,
		new TextEncoder().encode(plain)
	);
	// The header's fields first, in a fixed order, so isEncryptedBackup can recognise the file.
	return `${JSON.stringify({ ...header, data: toBase64(new Uint8Array(sealed)) })}\n`;
}

/** The clear header of an encrypted backup, or a reason it is not one. */
export function readEncryptedInfo(
	text: string
): { ok: true; info: EncryptedInfo } | { ok: false; reason: string } {
	const parsed = parseEnvelope(text);
	if (!parsed.ok) return parsed;
	return { ok: true, info: { mode: parsed.header.mode, iterations: parsed.header.kdf.iterations } };
}

/** Opens an encrypted backup; the plain backup's text, or a reason it cannot be opened. */
export async function decryptBackup(
	text: string,
	passphrase: string
): Promise<{ ok: true; text: string } | { ok: false; reason: string; wrongPassphrase?: true }> {
	const parsed = parseEnvelope(text);
	if (!parsed.ok) return parsed;
	const { header, data } = parsed;
	const salt = fromBase64(header.kdf.salt);
	const iv = fromBase64(header.cipher.iv);
	const sealed = fromBase64(data);
	if (!salt || !iv || iv.length !== 12 || !sealed || sealed.length < 16)
		return { ok: false, reason: 'The encrypted backup is corrupted (its salt, IV or data is unreadable).' };
	const key = await deriveKey(passphrase, salt, header.kdf.iterations);
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: headerBytes(header) },
			key,
			sealed
		);
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
	} catch {
		return {
			ok: false,
			wrongPassphrase: true,
			reason: 'The passphrase is wrong, or the file was changed after it was encrypted. Nothing was changed.'
		};
	}
}

function parseEnvelope(
	text: string
): { ok: true; header: EncryptedHeader; data: string } | { ok: false; reason: string } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return {
			ok: false,
			reason: 'The encrypted backup is not valid JSON (it may be truncated or corrupted).'
		};
	}
	const r = json as Partial<EncryptedHeader & { data: unknown }> | null;
	if (typeof r !== 'object' || r === null || r.format !== ENCRYPTED_FORMAT)
		return { ok: false, reason: 'This is not an encrypted Fillbook backup.' };
	if (r.version !== ENCRYPTED_VERSION)
		return {
			ok: false,
			reason: `Unsupported encrypted backup version ${JSON.stringify(r.version)} (this Fillbook reads ${ENCRYPTED_VERSION}).`
		};
	if (!isMode(r.mode)) return { ok: false, reason: `The backup's mode is ${JSON.stringify(r.mode)}.` };
	const kdf = r.kdf;
	if (
		kdf?.name !== 'PBKDF2' ||
		kdf.hash !== 'SHA-256' ||
		typeof kdf.salt !== 'string' ||
		!Number.isSafeInteger(kdf.iterations) ||
		kdf.iterations < MIN_ITERATIONS ||
		kdf.iterations > MAX_ITERATIONS
	)
		return {
			ok: false,
			reason: `The backup's key derivation is not PBKDF2-SHA-256 with ${MIN_ITERATIONS.toLocaleString('en-US')} to ${MAX_ITERATIONS.toLocaleString('en-US')} iterations.`
		};
	if (r.cipher?.name !== 'AES-GCM' || typeof r.cipher.iv !== 'string')
		return { ok: false, reason: 'The backup is not encrypted with AES-GCM.' };
	if (typeof r.data !== 'string') return { ok: false, reason: 'The encrypted backup has no data.' };
	const header: EncryptedHeader = {
		format: ENCRYPTED_FORMAT,
		version: ENCRYPTED_VERSION,
		mode: r.mode,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: kdf.iterations, salt: kdf.salt },
		cipher: { name: 'AES-GCM', iv: r.cipher.iv }
	};
	return { ok: true, header, data: r.data };
}

/** The header as authenticated data: its canonical JSON (fields in a fixed order). */
function headerBytes(header: EncryptedHeader): Uint8Array<ArrayBuffer> {
	const { format, version, mode, kdf, cipher } = header;
	return new TextEncoder().encode(
		JSON.stringify({
			format,
			version,
			mode,
			kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt },
			cipher: { name: cipher.name, iv: cipher.iv }
		})
	);
}

async function deriveKey(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}
