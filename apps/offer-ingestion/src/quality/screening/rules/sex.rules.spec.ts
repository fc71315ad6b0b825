import { rulesIn, rulesInTitle } from '../../../../test-fixtures/quality/rules-in';

describe('R1 — sex in the title or the text', () => {
  it.each([
    'Vendeuse',
    'Vendeuse H/F',
    'Vendeuses (H/F)',
    'Téléopératrice H/F',
    'Hôtesse d’accueil (H/F)',
    'Caissière (F/H)',
    'Assistante de direction H/F',
    'Mécanicien',
    'Commercial terrain',
    'Comptable confirmée H/F',
    'Homme de ménage',
    'Jeune femme pour garde d’enfants',
  ])('fires on the title %j', (title) => {
    expect(rulesInTitle(title)).toContain('R1');
  });

  it.each([
    ['dots between letters', 'V.e.n.d.e.u.s.e (H/F)'],
    ['spaces between letters', 'V E N D E U S E'],
    ['capitals and missing accents', 'HOTESSE DE CAISSE H/F'],
    ['a zero-width character', 'Ven\u200bdeuse H/F'],
    ['Cyrillic look-alikes', 'V\u0435nd\u0435us\u0435 H/F'],
    ['digits for letters', 'Vend3use H/F'],
  ])('sees through %s', (_, title) => {
    expect(rulesInTitle(title)).toContain('R1');
  });

  it.each([
    'Vendeur / Vendeuse (H/F)',
    'Vendeur ou vendeuse',
    'Serveur·euse',
    'Serveur.euse (H/F)',
    'Assistant(e) de direction (F/H)',
    'Agent / Agente de propreté urbaine (H/F)',
    'Administrateur systèmes H/F',
    'Ingénieur.e Chargé.e de projet (H/F)',
    'Sage-femme (H/F)',
    'Secrétaire médicale (H/F)',
    'Chauffeur balayeuse PL H/F',
    'Conducteur / Conductrice de balayeuse (H/F)',
    'Administrateur des données commerciales (H/F)',
    'Responsable prise en charge patients',
    'UN(E) INGENIEUR(E) EXPERIMENTEE (H/F)',
  ])('leaves the neutral title %j alone', (title) => {
    expect(rulesInTitle(title)).not.toContain('R1');
  });

  it.each([
    'Recherche vendeuse pour notre boutique.',
    'Nous recrutons une assistante commerciale.',
    'Nous recherchons des serveuses pour la saison.',
    'Homme de terrain recherché pour nos tournées.',
    'Cabinet recherche secrétaire sérieuse et motivée.',
    'Vous êtes souriante et organisée.',
    'Famille recherche jeune fille au pair.',
    'Poste réservé aux hommes.',
    'Candidatures féminines uniquement.',
    'Profil masculin exigé pour ce poste.',
    'La candidate retenue rejoindra notre équipe.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R1');
  });

  it.each([
    'Nous recherchons un vendeur ou une vendeuse.',
    'Le ou la candidate doit posséder une expérience réussie.',
    'Nous recherchons un/une candidate prête à prendre des responsabilités.',
    'Vous assistez la directrice commerciale dans le suivi des clients.',
    'Nous recherchons une personne polyvalente et motivée.',
    'Notre équipe de recherche spécialisée dans les études cliniques.',
    'Le poste est ouvert aux hommes comme aux femmes.',
    'Club de fitness dédié exclusivement aux femmes, nous recherchons un(e) coach sportif(ve).',
    'Mesdames, osez nous rejoindre : le poste est ouvert à tous.',
    'Une belle aisance relationnelle est attendue.',
    'Recherche des équipes soignantes pour nos établissements.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R1');
  });

  it('lets a casting choose by sex', () => {
    expect(
      rulesIn('Agence de mannequins recherche une femme pour un défilé.', { title: 'Mannequin femme' }),
    ).toEqual([]);
  });
});
