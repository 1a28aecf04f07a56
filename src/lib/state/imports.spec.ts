import { describe, expect, it, vi } from 'vitest';

vi.mock('./engine', () => ({ engine: {} }));
const { ImportItem } = await import('./imports.svelte');

const file = () => new File(['a,b\n1,2\n'], 'mine.csv');

describe('ImportItem', () => {
	it('is read through a frozen view and changed only through its methods', () => {
		const item = new ImportItem(file(), 'paper');
		expect(item.view.status).toBe('reading');
		expect(() => {
			(item.view as { status: string }).status = 'done';
		}).toThrow();
		item.setRequest({ zone: 'Europe/London', symbol: 'MU' });
		expect([item.view.request.zone, item.view.request.symbol, item.view.request.tradeDate]).toEqual([
			'Europe/London',
			'MU',
			null
		]);
	});

	it('maps columns by hand without changing a mapping it handed out', () => {
		const item = new ImportItem(file(), 'paper');
		item.mapColumns();
		expect(item.view.status).toBe('mapping');
		expect(item.view.request).toMatchObject({
			formatId: 'mapped',
			preset: null,
			mapping: { columns: {}, dateOrder: 'mdy' }
		});
		const before = item.view.request.mapping!;
		item.setMappingColumn('symbol', 'Symb');
		item.setMappingColumn('price', 'Px');
		expect(item.view.request.mapping!.columns).toEqual({ symbol: 'Symb', price: 'Px' });
		expect(before.columns).toEqual({});
		item.setMappingColumn('symbol', null);
		expect(item.view.request.mapping!.columns).toEqual({ price: 'Px' });
		// Choosing a known format drops the mapping.
		item.setRequest({ formatId: 'das-trades', mapping: null });
		expect(item.view.request.mapping).toBeNull();
	});
});
