/**
 * A backup's values as canonical JSON text and back. The same data always gives the same bytes
 * (object keys sorted), and values JSON cannot hold are written as tagged objects, so nothing is
 * lost:
 * - typed arrays: `{"$type":"Float64Array","base64":"…"}` (their bytes, little-endian);
 * - NaN, ±Infinity and -0: `{"$type":"number","value":"NaN"}`;
 * - undefined (a property present but unset): `{"$type":"undefined"}`.
 * An object key of the data that starts with `$` (e.g. a journal column called `$type`) is
 * written with one more `$` in front, so it can never be mistaken for a tag.
 */
import { BackupError } from './backup-format';

export const TYPED_ARRAYS = {
	Int8Array,
	Uint8Array,
	Uint8ClampedArray,
	Int16Array,
	Uint16Array,
	Int32Array,
	Uint32Array,
	Float32Array,
	Float64Array
} as const;
export type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

const isTypedArrayName = (name: string): name is TypedArrayName => Object.hasOwn(TYPED_ARRAYS, name);

/** The file stores typed arrays little-endian; big-endian hosts swap bytes both ways. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One value as canonical JSON text (see the module comment). `path` names it in errors. */
export function encode(value: unknown, path: string): string {
	switch (typeof value) {
		case 'string':
			// JSON.stringify escapes lone surrogates, so any JS string survives the UTF-8 file.
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			if (Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
			return `{"$type":"number","value":${JSON.stringify(Object.is(value, -0) ? '-0' : String(value))}}`;
		case 'undefined':
			return '{"$type":"undefined"}';
		case 'object': {
			if (value === null) return 'null';
			if (Array.isArray(value)) {
				const items: string[] = [];
				// An index loop, not map(): map skips holes, which would shift nothing but lose them.
				for (let i = 0; i < value.length; i++) items.push(encode(value[i] as unknown, `${path}[${i}]`));
				return `[${items.join(',')}]`;
			}
			const tag = Object.prototype.toString.call(value).slice(8, -1);
			if (ArrayBuffer.isView(value) && isTypedArrayName(tag))
				return `{"$type":"${tag}","base64":"${toBase64(bytesOf(value as AnyTypedArray))}"}`;
			if (isPlainObject(value)) {
				const record = value as Record<string, unknown>;
				const fields = Object.keys(record)
					.sort()
					.map((key) => {
						const written = key.startsWith('$') ? `$${key}` : key;
						return `${JSON.stringify(written)}:${encode(record[key], `${path}.${key}`)}`;
					});
				return `{${fields.join(',')}}`;
			}
			throw new BackupError(`Cannot back up ${path}: a ${tag} is not a value backups can hold.`);
		}
		default:
			throw new BackupError(`Cannot back up ${path}: a ${typeof value} is not a value backups can hold.`);
	}
}

/** True for `{}`-like objects, from this realm or another (IndexedDB may clone across realms). */
function isPlainObject(value: object): boolean {
	const proto: unknown = Object.getPrototypeOf(value);
	return (
		proto === null ||
		(Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
	);
}

/** The bytes of a typed array in file (little-endian) order. */
function bytesOf(view: AnyTypedArray): Uint8Array {
	const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
	return LITTLE_ENDIAN ? bytes : swapBytes(bytes, view.BYTES_PER_ELEMENT);
}

function swapBytes(bytes: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(bytes.length);
	for (let i = 0; i < bytes.length; i += size)
		for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]!;
	return out;
}

/** Standard base64 with padding (the platform's btoa, 32 KiB of bytes at a time). */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/** Standard padded base64 and nothing else (atob alone also takes spaces and missing padding). */
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard padded base64; null when the text is not exactly that. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
	if (!BASE64_TEXT.test(text)) return null;
	const binary = atob(text);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

/** Refuses the file: `message` says what is wrong and where. */
export function fail(message: string): never {
	throw new BackupError(message);
}

/** One value of the file back as the value it stands for (tags decoded). `path` names it in errors. */
export function decode(value: unknown, path: string): unknown {
	if (Array.isArray(value)) return value.map((item: unknown, i) => decode(item, `${path}[${i}]`));
	if (!isRecord(value)) return value;
	if ('$type' in value) return decodeTagged(value, path);
	const out: Record<string, unknown> = {};
	for (const [written, item] of Object.entries(value)) {
		if (written.startsWith('$') && !written.startsWith('$$'))
			fail(`${path}: unexpected key ${JSON.stringify(written)} (keys starting with "$" are reserved).`);
		const key = written.startsWith('$') ? written.slice(1) : written;
		const decoded = decode(item, `${path}.${key}`);
		// A data key "__proto__" must stay a key, not replace the object's prototype.
		if (key === '__proto__')
			Object.defineProperty(out, key, {
				value: decoded,
				enumerable: true,
				writable: true,
				configurable: true
			});
		else out[key] = decoded;
	}
	return out;
}

function decodeTagged(value: Record<string, unknown>, path: string): unknown {
	const type = value.$type;
	const extra = (allowed: string[]) =>
		Object.keys(value).find((key) => key !== '$type' && !allowed.includes(key));
	if (type === 'undefined') {
		if (extra([]) === undefined) return undefined;
	} else if (type === 'number') {
		if (extra(['value']) === undefined) {
			const number = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }[String(value.value)];
			if (number === undefined || typeof value.value !== 'string')
				fail(
					`${path}: ${JSON.stringify(value.value)} is not a special number (NaN, Infinity, -Infinity, -0).`
				);
			return number;
		}
	} else if (typeof type === 'string' && isTypedArrayName(type)) {
		if (extra(['base64']) === undefined) {
			const base64 = value.base64;
			const bytes = typeof base64 === 'string' ? fromBase64(base64) : null;
			if (bytes === null) fail(`${path}: the ${type}'s base64 data is corrupted.`);
			const Ctor = TYPED_ARRAYS[type];
			if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0)
				fail(
					`${path}: ${bytes.length} bytes cannot hold a ${type} (${Ctor.BYTES_PER_ELEMENT} bytes a value).`
				);
			const ordered = LITTLE_ENDIAN ? bytes : swapBytes(bytes, Ctor.BYTES_PER_ELEMENT);
			return new Ctor(ordered.buffer, 0, ordered.length / Ctor.BYTES_PER_ELEMENT);
		}
	} else {
		fail(`${path}: unknown value type ${JSON.stringify(type)}.`);
	}
	fail(`${path}: unexpected key ${JSON.stringify(extra(['value', 'base64']))} in a ${String(type)} value.`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for messages. */
export function kind(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (ArrayBuffer.isView(value)) return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
	if (typeof value === 'string')
		return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}
