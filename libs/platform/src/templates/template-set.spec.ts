import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateSet } from './template-set';

describe('TemplateSet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'template-set-'));
    writeFileSync(join(dir, 'page.hbs'), '<p title="{{title}}">{{text}}</p>{{{html}}}');
    writeFileSync(join(dir, 'page.text.hbs'), '{{text}}');
    writeFileSync(join(dir, 'broken.hbs'), '{{#if a}}never closed');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('escapes printed values in HTML and leaves raw output to the triple mustache', () => {
    const sut = TemplateSet.load(dir, ['page'], { suffix: '.hbs' });
    expect(sut.render('page', { title: `"x"`, text: `<b>'a' & b</b>`, html: '<i>ours</i>' })).toBe(
      '<p title="&quot;x&quot;">&lt;b&gt;&#x27;a&#x27; &amp; b&lt;/b&gt;</p><i>ours</i>',
    );
  });

  it('writes values as they are in a part that is not HTML', () => {
    const sut = TemplateSet.load(dir, ['page'], { suffix: '.text.hbs', escapeHtml: false });
    expect(sut.render('page', { text: '<b>a & b</b>' })).toBe('<b>a & b</b>');
  });

  it('throws, naming the value, when the view lacks one the template prints', () => {
    const sut = TemplateSet.load(dir, ['page'], { suffix: '.hbs' });
    expect(() => sut.render('page', { title: 't', html: '' })).toThrow(/"text" not defined/);
  });

  it('fails to load when a template file is missing or does not parse', () => {
    expect(() => TemplateSet.load(dir, ['absent'], { suffix: '.hbs' })).toThrow(/absent\.hbs/);
    expect(() => TemplateSet.load(dir, ['broken'], { suffix: '.hbs' })).toThrow(/Parse error/);
  });

  it('refuses a name it was not loaded with', () => {
    const sut = TemplateSet.load<string>(dir, ['page'], { suffix: '.hbs' });
    expect(() => sut.render('other', {})).toThrow('no template named "other"');
  });
});
