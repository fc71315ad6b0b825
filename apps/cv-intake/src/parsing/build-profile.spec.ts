import { CvProfileSchema } from '@vigie/contracts';
import { CV_RICH_IN_PROTECTED_ATTRIBUTES, PROTECTED_MARKERS, sharedDataDir } from '@vigie/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonResume } from '../upload/json-resume';
import { experienceYears, profileFromJsonResume } from './build-profile';
import { maskPersonalData, nameWordsOf } from './mask-personal-data';

const NOW = new Date('2026-12-01T00:00:00Z');

const RICH = CV_RICH_IN_PROTECTED_ATTRIBUTES;
const PROTECTED = PROTECTED_MARKERS;

describe('profileFromJsonResume (anonymised by construction)', () => {
  it('keeps the work-related fields and nothing protected, anywhere in the profile', () => {
    const { profile, decisions } = profileFromJsonResume(parseJsonResume(JSON.stringify(RICH)), NOW);
    expect(CvProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.title).toBe('Infirmière de bloc opératoire');
    expect(profile.skills).toEqual(['Bloc opératoire', 'Instrumentation', 'Asepsie']);
    expect(profile.experienceYears).toBe(8.9); // 2018-01 → 2026-12, overlap once
    expect(profile.languages).toEqual([
      { code: 'fr', level: 'C2' },
      { code: 'ar', level: 'C1' },
      { code: 'en', level: 'B2' },
    ]);
    expect(profile.education).toEqual([{ degree: 'Diplôme d’État', field: 'Soins infirmiers' }]);
    const serialised = JSON.stringify(profile).toLowerCase();
    for (const p of PROTECTED)
      expect({ leaked: p, found: serialised.includes(p.toLowerCase()) }).toEqual({ leaked: p, found: false });
    expect(decisions.map((d) => d.field)).toEqual(
      expect.arrayContaining(['title', 'skills', 'summary', 'basics']),
    );
  });

  it('never carries the name, e-mail, phone or address of any real JSON Resume sample', () => {
    const dir = sharedDataDir();
    if (!dir) {
      console.log('NOTICE: ../shared/data is absent; the JSON Resume samples are not checked');
      return;
    }
    const folder = join(dir, 'jsonresume_samples');
    const files = readdirSync(folder).filter((f) => f.endsWith('.resume.json') || f.includes('_jrs_'));
    for (const file of files) {
      const resume = parseJsonResume(readFileSync(join(folder, file), 'utf8'));
      const serialised = JSON.stringify(profileFromJsonResume(resume, NOW).profile).toLowerCase();
      const basics = resume.basics ?? {};
      const secrets = [...nameWordsOf(basics.name), basics.email, basics.phone, basics.location?.address]
        .filter((s): s is string => typeof s === 'string' && s.length >= 3)
        .map((s) => s.toLowerCase());
      for (const s of secrets)
        expect({ file, leaked: s, found: serialised.includes(s) }).toEqual({ file, leaked: s, found: false });
    }
  });
});

describe('maskPersonalData', () => {
  it.each([
    ['Écrire à jean.dupont@exemple.fr', 'Écrire à [e-mail masqué]'],
    ['Tél. 06 12 34 56 78.', 'Tél. [téléphone masqué].'],
    ['Tél. +33 6 12 34 56 78', 'Tél. [téléphone masqué]'],
    ['Call (415) 555-0134', 'Call [téléphone masqué]'],
    ['Habite 3 bis rue Victor Hugo, Nantes', 'Habite [adresse masquée], Nantes'],
    ['Né le 1 avril 1990 à Oran', '[date de naissance masquée] à Oran'],
    ['Portfolio https://x.example.org/a', 'Portfolio [lien masqué]'],
    ['Divorcé. Permis B', '[masqué]. Permis B'],
  ])('%j → %j', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('masks the name words, not the words that contain them', () => {
    expect(maskPersonalData('Marie Curie, chimiste. Mariette aide.', nameWordsOf('Marie Curie'))).toBe(
      '[nom masqué] [nom masqué], chimiste. Mariette aide.',
    );
  });

  it('keeps dates and numbers that are not personal: years of experience, versions', () => {
    expect(maskPersonalData('Java 17, 2018-2024, 5 ans puis 20 ans d’expérience')).toBe(
      'Java 17, 2018-2024, 5 ans puis 20 ans d’expérience',
    );
  });
});

describe('experienceYears', () => {
  it('counts overlaps once and open periods until now', () => {
    expect(
      experienceYears(
        [
          { start: 2020 * 12, end: 2022 * 12 },
          { start: 2021 * 12, end: 2023 * 12 },
        ],
        2026 * 12,
      ),
    ).toBe(3);
    expect(experienceYears([{ start: 2024 * 12 }], 2026 * 12)).toBe(2);
    expect(experienceYears([], 2026 * 12)).toBeNull();
  });
});
