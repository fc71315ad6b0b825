import { z } from 'zod';
import { AppError } from './app-error';
import { fieldErrors, formatPath, parseOrThrow } from './zod-validation';

describe('formatPath', () => {
  it('writes array indexes in brackets and properties with dots, as in JSON', () => {
    expect(formatPath(['offers', 3, 'location', 'postalCode'])).toBe('offers[3].location.postalCode');
  });

  it('prefixes the path with a root', () => {
    expect(formatPath(['title'], 'offers[1]')).toBe('offers[1].title');
    expect(formatPath([0, 'city'], 'locations')).toBe('locations[0].city');
  });

  it('names the root alone when the path is empty', () => {
    expect(formatPath([], 'offers[2]')).toBe('offers[2]');
  });

  it('names the whole body when there is neither path nor root', () => {
    expect(formatPath([])).toBe('(body)');
  });

  it('handles a path that starts with an index and consecutive indexes', () => {
    expect(formatPath([0, 1, 'x'])).toBe('[0][1].x');
  });
});

describe('parseOrThrow', () => {
  const schema = z.strictObject({
    name: z.string().trim().min(1),
    tags: z.array(z.string().min(2)).default([]),
    address: z.object({ postalCode: z.string().regex(/^\d{5}$/, 'must be 5 digits') }).optional(),
  });

  it('returns the parsed value, with transforms and defaults applied', () => {
    expect(parseOrThrow(schema, { name: '  Camille ' })).toEqual({ name: 'Camille', tags: [] });
  });

  it('throws a VALIDATION_FAILED AppError naming each bad field and why', () => {
    let error: unknown;
    try {
      parseOrThrow(schema, { name: '', tags: ['ok', 'x'], address: { postalCode: '690' } });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.message).toBe('invalid request body');
    expect(appError.fields?.map((f) => f.field).sort()).toEqual(['address.postalCode', 'name', 'tags[1]']);
    expect(appError.fields?.find((f) => f.field === 'address.postalCode')?.reason).toBe('must be 5 digits');
  });

  it('names what it parsed in the message', () => {
    expect(() => parseOrThrow(schema, null, 'alert')).toThrow('invalid alert');
  });

  it('reports unknown properties of a strict object at the body level', () => {
    try {
      parseOrThrow(schema, { name: 'x', admin: true });
      throw new Error('expected parseOrThrow to throw');
    } catch (e) {
      expect((e as AppError).fields).toEqual([{ field: '(body)', reason: expect.stringContaining('admin') }]);
    }
  });
});

describe('fieldErrors', () => {
  it('prefixes every path with the given root', () => {
    const result = z.object({ title: z.string() }).safeParse({ title: 3 });

    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!, 'offers[4]')).toEqual([
      { field: 'offers[4].title', reason: expect.any(String) },
    ]);
  });
});
