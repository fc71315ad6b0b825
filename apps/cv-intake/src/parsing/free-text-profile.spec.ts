import { CvProfileSchema } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import { FakeClock } from '@vigie/kernel';
import { PROTECTED_MARKERS } from '@vigie/testing';
import pino from 'pino';
import { GazetteerCommuneDirectory } from '../cv-search/gazetteer-commune-directory';
import { CvRecord } from '../cvs/cv';
import { ProcessingOutcome } from '../cvs/cv.repository';
import { CvTextExtractor, ProcessCvsUseCase } from '../processing/process-cvs.usecase';
import { InMemoryCvRepository, InMemoryFileStorage } from '../testing/in-memory-cv-ports';
import { DEFAULT_ZIP_LIMITS } from '../upload/zip-inspection';
import { profileFromText } from './free-text-profile';

const NOW = new Date('2026-12-01T00:00:00Z');
const communes = new GazetteerCommuneDirectory(loadGazetteer());

/** The text of a French CV as a PDF or DOCX gives it, rich in what recruiters must never see. */
const RICH_FRENCH_CV = `Fatima-Zahra Benali
Infirmière de bloc opératoire
12 rue des Lilas, 69003 Lyon · +33 6 12 34 56 78 · fatima.benali@example.org
linkedin.com/in/fbenali · https://fatima-benali.example.org

Profil
Fatima-Zahra Benali, née le 12/03/1988, 38 ans, mariée, 2 enfants, nationalité marocaine.
Joignable au 06 12 34 56 78, 12 rue des Lilas, Lyon. Voir www.benali.example.org.

Expérience professionnelle
Infirmière de bloc — CHU de Lyon, janv. 2018 – déc. 2022
• Instrumentation en chirurgie orthopédique.
juin 2022 – aujourd'hui : Infirmière chez Clinique du Parc

Formation
Diplôme d’État en Soins infirmiers — IFSI Lyon, 2006 – 2009

Compétences
Bloc opératoire, Instrumentation, Asepsie

Langues
Français : langue maternelle ; Arabe : courant ; Anglais : B2

Informations personnelles
Née le 12/03/1988 à Oran, nationalité marocaine, mariée, 2 enfants, permis B

Recherche
CDI, mobilité : Lyon`;

const ENGLISH_CV = `John Smith
Senior Data Engineer
London · john.smith@example.com

Summary
Data engineer with 9 years of experience in batch and streaming pipelines.

Professional Experience
Data Engineer at Acme Analytics
Mar 2019 – Present
Software Developer, Beta Ltd
Sep 2015 to Feb 2019

Education
MSc in Computer Science — University of Leeds, 2013 – 2015

Technical Skills
Languages: Python, Scala, SQL
Tools: Spark, Airflow, Kafka, Docker

Languages
English (native), French (intermediate)`;

describe('profileFromText', () => {
  it('reads a French CV by its sections into the anonymised profile', () => {
    const { profile, experience } = profileFromText(RICH_FRENCH_CV, NOW, communes);

    expect(CvProfileSchema.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({
      title: 'Infirmière de bloc opératoire',
      pastTitles: ['Infirmière', 'Infirmière de bloc'],
      skills: ['Bloc opératoire', 'Instrumentation', 'Asepsie'],
      experienceYears: 8.9, // 2018-01 → 2026-12, the overlap of 2022 counted once
      education: [{ degree: 'Diplôme d’État', field: 'Soins infirmiers' }],
      languages: [
        { code: 'fr', level: 'C2' },
        { code: 'ar', level: 'C1' },
        { code: 'en', level: 'B2' },
      ],
      commune: { code: '69123', name: 'Lyon' },
      contractTypes: ['cdi'],
    });
    expect(experience?.map((p) => p.employer)).toEqual(['CHU de Lyon', 'Clinique du Parc']);
  });

  it('leaves nothing protected in the profile nor in the positions the candidate sees', () => {
    const { profile, experience } = profileFromText(RICH_FRENCH_CV, NOW, communes);
    const serialised = JSON.stringify({ profile, experience }).toLowerCase();

    for (const p of [...PROTECTED_MARKERS, 'Oran', '69003', 'née le'])
      expect({ leaked: p, found: serialised.includes(p.toLowerCase()) }).toEqual({ leaked: p, found: false });
    expect(profile.summary).toContain('[nom masqué]');
    expect(profile.summary).toContain('[date de naissance masquée]');
  });

  it('reads an English CV: positions above their dates, skill categories, levels', () => {
    const { profile } = profileFromText(ENGLISH_CV, NOW, communes);

    expect(profile).toMatchObject({
      title: 'Senior Data Engineer',
      pastTitles: ['Data Engineer', 'Software Developer'],
      skills: ['Python', 'Scala', 'SQL', 'Spark', 'Airflow', 'Kafka', 'Docker'],
      experienceYears: 11.2, // 2015-09 → 2019-02, then 2019-03 → 2026-12
      education: [{ degree: 'MSc', field: 'Computer Science' }],
      languages: [
        { code: 'en', level: 'C2' },
        { code: 'fr', level: 'B1' },
      ],
      commune: null, // London is no commune of the gazetteer
      contractTypes: [],
    });
    expect(profile.summary).toBe(
      'Data engineer with 9 years of experience in batch and streaming pipelines.',
    );
  });

  it('finds skills of the vocabulary in running text when there is no skills section, and a stated experience', () => {
    const { profile } = profileFromText(
      'Technicien de maintenance\n12 ans d’expérience en maintenance industrielle : hydraulique, pneumatique, soudure.\nHabilitation électrique, CACES 3.',
      NOW,
      communes,
    );
    expect(profile.title).toBe('Technicien de maintenance');
    expect(profile.experienceYears).toBe(12);
    expect(profile.skills).toEqual(
      expect.arrayContaining([
        'Maintenance industrielle',
        'Hydraulique',
        'Pneumatique',
        'Soudure',
        'CACES 3',
      ]),
    );
  });

  it('gives an empty profile, not an error, for text that is no CV', () => {
    const { profile } = profileFromText('Lorem ipsum dolor sit amet.', NOW, communes);
    expect(profile).toMatchObject({ title: null, skills: [], experienceYears: null, commune: null });
  });
});

class TextExtractor extends CvTextExtractor {
  extract(bytes: Buffer): Promise<ProcessingOutcome> {
    return Promise.resolve({ state: 'parsed', flags: [], text: bytes.toString('utf8') });
  }
}

describe('ProcessCvsUseCase with free text', () => {
  it('parses the extracted text of a PDF, DOCX, ODT or text CV into its profile', async () => {
    const cvs = new InMemoryCvRepository();
    const storage = new InMemoryFileStorage();
    const key = await storage.put(Buffer.from(RICH_FRENCH_CV));
    const cv: CvRecord = await cvs.create({
      candidateId: 'cand-1',
      originalName: 'cv.pdf',
      format: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: RICH_FRENCH_CV.length,
      storageKey: key,
      flags: [],
    });
    const sut = new ProcessCvsUseCase(
      cvs,
      storage,
      new TextExtractor(),
      new FakeClock(NOW),
      { batchSize: 4, leaseMs: 1_000, maxAttempts: 3, timeoutMs: 5_000, zip: DEFAULT_ZIP_LIMITS },
      pino({ level: 'silent' }),
      communes,
    );

    expect(await sut.execute()).toBe(1);

    const parsed = await cvs.findProfile('cand-1', cv.id);
    expect(parsed?.profile.title).toBe('Infirmière de bloc opératoire');
    expect(parsed?.decisions.map((d) => d.field)).toEqual(
      expect.arrayContaining(['title', 'skills', 'experienceYears', 'commune', 'summary', 'personal']),
    );
  });
});

describe('profileFromText on hostile input', () => {
  it('strips bidi overrides and zero-width characters from what recruiters read (J4)', () => {
    const { profile } = profileFromText(
      'Jean Dupont\nDéve\u200bloppeur \u202eweb\u202c\nCompétences\nJa\u200dva, SQL\u0000',
      NOW,
      communes,
    );
    expect(profile.title).toBe('Développeur web');
    expect(profile.skills).toEqual(['Java', 'SQL']);
  });

  it('reads a bounded part of a huge text, quickly, and says so in the decision log', () => {
    const line = 'Compétences : Java, SQL, Docker, Kubernetes — janv. 2019 – mars 2022 (((((((((( ::::: ';
    const huge = `Développeur\n${line.repeat(Math.ceil(3_000_000 / line.length))}`;
    const started = performance.now();

    const { profile, decisions } = profileFromText(huge, NOW, communes);

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(profile.skills).toEqual(expect.arrayContaining(['Java', 'SQL']));
    expect(decisions).toContainEqual({
      step: 'parse',
      field: 'text',
      action: 'only the first 100000 characters read',
    });
  });
});

describe('the positions the candidate sees', () => {
  it('give months as « YYYY-MM » and a running position no end', () => {
    const { experience } = profileFromText(RICH_FRENCH_CV, NOW, communes);
    expect(experience).toEqual([
      { start: '2018-01', end: '2022-12', title: 'Infirmière de bloc', employer: 'CHU de Lyon' },
      { start: '2022-06', end: null, title: 'Infirmière', employer: 'Clinique du Parc' },
    ]);
  });
});

describe('languages listed among skills', () => {
  it('are languages, not skills, when there is no languages section', () => {
    const { profile } = profileFromText(
      'Skills: Natural Languages: Proficient in English, Hindi and Marathi. Computer skills: MS-Office',
      NOW,
      communes,
    );
    expect(profile.languages).toEqual([
      { code: 'en', level: null },
      { code: 'hi', level: null },
      { code: 'mr', level: null },
    ]);
    expect(profile.skills).not.toContain('English');
    expect(profile.skills).toContain('MS-Office');
  });
});
