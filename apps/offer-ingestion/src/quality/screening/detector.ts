import type { RawFinding, ScreeningContext } from './screening-context';

/** A rule check that is not a phrase: a lexicon walk over the title, a language ratio, a field test. */
export type Detector = (ctx: ScreeningContext, out: RawFinding[]) => void;
