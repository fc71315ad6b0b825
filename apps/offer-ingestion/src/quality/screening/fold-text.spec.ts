import { foldText, sourceRange } from './fold-text';

describe('foldText', () => {
  it.each([
    ['VENDEUSE', 'vendeuse'],
    ['Présentation   du   poste', 'presentation du poste'],
    ['v.e.n.d.e.u.s.e', 'vendeuse'],
    ['V E N D E U S E', 'vendeuse'],
    ['v-e-n-d-e-u-s-e', 'vendeuse'],
    ['Ven\u200bdeuse', 'vendeuse'],
    ['V\u0435nd\u0435us\u0435', 'vendeuse'],
    ['ｖｅｎｄｅｕｓｅ', 'vendeuse'],
    ['vend3use', 'vendeuse'],
    ['@ssistante', 'assistante'],
    ['l’équipe', "l'equipe"],
    ['Serveur·euse', 'serveur·euse'],
    ['mœurs', 'moeurs'],
  ])('folds %j to %j', (source, folded) => {
    expect(foldText(source).text).toBe(folded);
  });

  it('keeps H/F and numbers as written', () => {
    expect(foldText('Vendeur H/F 25-35 ans, 08 99 12 34 56').text).toBe(
      'vendeur h/f 25-35 ans, 08 99 12 34 56',
    );
  });

  it('maps every folded character back to the recruiter’s text', () => {
    const source = 'Recherche  V.e.n.d.e.u.s.e\u200b très motivée';
    const folded = foldText(source);
    const at = folded.text.indexOf('vendeuse');
    const range = sourceRange(folded, at, at + 'vendeuse'.length);

    expect(source.slice(range.start, range.end)).toBe('V.e.n.d.e.u.s.e');
    const tres = folded.text.indexOf('tres');
    const back = sourceRange(folded, tres, tres + 4);
    expect(source.slice(back.start, back.end)).toBe('très');
  });

  it('keeps one line break between paragraphs and drops blanks at both ends', () => {
    expect(foldText('  Missions :  \r\n\r\n - Accueil \n').text).toBe('missions :\n- accueil');
  });
});
