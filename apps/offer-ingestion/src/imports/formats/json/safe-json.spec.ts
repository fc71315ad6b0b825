import { safeJsonParse } from './safe-json';

describe('safeJsonParse', () => {
  it('parses ordinary JSON unchanged, strings with brackets and escaped quotes included', () => {
    const text = '{"a":"[{\\"x\\"","b":[1,-2.5,true,null],"c":{"d":"}"}}';

    expect(safeJsonParse(text, 3)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('counts depth outside strings only', () => {
    expect(safeJsonParse('{"a":"[[[[[[[["}', 1).ok).toBe(true);
    expect(safeJsonParse('[[1]]', 1)).toEqual({ ok: false, reason: 'nested deeper than 1 levels' });
  });

  it('keeps the largest safe integer a number and the next one a string', () => {
    expect(safeJsonParse('[9007199254740991,9007199254740992,123456789012345]', 2)).toEqual({
      ok: true,
      value: [9007199254740991, '9007199254740992', 123456789012345],
    });
  });

  it('drops prototype keys at every level', () => {
    const result = safeJsonParse('{"x":{"__proto__":{"a":1},"prototype":1,"constructor":2,"k":3}}', 4);

    expect(result).toEqual({ ok: true, value: { x: { k: 3 } } });
  });

  it('says a text is not JSON', () => {
    expect(safeJsonParse('{"a":', 4)).toEqual({ ok: false, reason: 'not valid JSON' });
  });
});
