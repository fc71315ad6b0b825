/** A JSON Resume rich in what must never reach recruiters, the CV index or events. */
export const CV_RICH_IN_PROTECTED_ATTRIBUTES = {
  basics: {
    name: 'Fatima-Zahra Benali',
    label: 'Infirmière de bloc opératoire',
    image: 'https://example.org/photo.jpg',
    email: 'fatima.benali@example.org',
    phone: '+33 6 12 34 56 78',
    url: 'https://fatima-benali.example.org',
    summary:
      'Fatima-Zahra Benali, née le 12/03/1988, 38 ans, mariée, 2 enfants, nationalité marocaine. ' +
      'Joignable au 06 12 34 56 78 ou fatima.benali@example.org, 12 rue des Lilas, Lyon. Voir www.benali.example.org.',
    location: { address: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', countryCode: 'FR' },
    profiles: [{ network: 'LinkedIn', username: 'fbenali', url: 'https://linkedin.com/in/fbenali' }],
  },
  work: [
    { name: 'CHU de Lyon', position: 'Infirmière de bloc', startDate: '2018-01', endDate: '2022-12' },
    { name: 'Clinique du Parc', position: 'Infirmière', startDate: '2022-06' },
  ],
  education: [
    {
      institution: 'IFSI Lyon',
      area: 'Soins infirmiers',
      studyType: 'Diplôme d’État',
      startDate: '2006',
      endDate: '2009',
    },
  ],
  skills: [{ name: 'Bloc opératoire', keywords: ['Instrumentation', 'Asepsie'] }],
  languages: [
    { language: 'Français', fluency: 'Langue maternelle' },
    { language: 'Arabe', fluency: 'Courant' },
    { language: 'Anglais', fluency: 'B2' },
  ],
};

/** Strings of the CV above that must appear nowhere recruiters, the index or events can read. */
export const PROTECTED_MARKERS: readonly string[] = [
  'Fatima',
  'Zahra',
  'Benali',
  'photo.jpg',
  'example.org',
  '12 34 56 78',
  '12/03/1988',
  '1988',
  '38 ans',
  'mariée',
  'enfants',
  'marocaine',
  'rue des Lilas',
  'linkedin',
  'IFSI',
  '2006',
  '2009',
];
