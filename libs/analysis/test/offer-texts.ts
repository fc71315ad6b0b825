import { generatedOfferTexts, type OfferTexts, readJsonLines, sharedDataFile } from '@vigie/testing';

interface FranceTravailOffer {
  id: string;
  intitule?: string;
  description?: string;
  entreprise?: { nom?: string };
}

/**
 * The title, description and company of the 3,577 real offers of ../shared/data, or — when the
 * folder is absent — a generated corpus, with a notice on stderr so nobody mistakes one for the other.
 */
export function offerTexts(generatedCount = 2_000): { source: string; offers: OfferTexts[] } {
  const file = sharedDataFile('offers_france_travail.jsonl');
  if (file === undefined) {
    process.stderr.write(
      `[analysis] NOTICE: ../shared/data/offers_france_travail.jsonl is absent (set VIGIE_SHARED_DATA): ` +
        `using ${generatedCount} generated offers instead of the real ones\n`,
    );
    return { source: `${generatedCount} generated offers`, offers: generatedOfferTexts(generatedCount) };
  }
  const offers = readJsonLines<FranceTravailOffer>(file).map((o) => ({
    id: o.id,
    title: o.intitule ?? '',
    description: o.description ?? '',
    companyName: o.entreprise?.nom ?? '',
  }));
  return { source: `${offers.length} real offers (${file})`, offers };
}
