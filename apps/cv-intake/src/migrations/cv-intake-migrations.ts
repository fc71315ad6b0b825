import { CreateCvs1764400000004 } from './1764400000004-create-cvs';
import { CvUploads1765300000000 } from './1765300000000-cv-uploads';
import { CvProfiles1765300000010 } from './1765300000010-cv-profiles';
import { CvEvents1765400000000 } from './1765400000000-cv-events';
import { Erasures1765400000010 } from './1765400000010-erasures';
import { CvRetention1765500000010 } from './1765500000010-cv-retention';
import { ContactRequests1765500000020 } from './1765500000020-contact-requests';
import { CvProfileCorrections1765600000020 } from './1765600000020-cv-profile-corrections';
import { CvViewSummaries1766400000010 } from './1766400000010-cv-view-summaries';
import { CvKeys1766700000010 } from './1766700000010-cv-keys';

/** Every migration of cv-intake's schema, in order: what the service applies at boot. */
export const CV_INTAKE_MIGRATIONS = [
  CreateCvs1764400000004,
  CvUploads1765300000000,
  CvProfiles1765300000010,
  CvEvents1765400000000,
  Erasures1765400000010,
  CvRetention1765500000010,
  ContactRequests1765500000020,
  CvProfileCorrections1765600000020,
  CvViewSummaries1766400000010,
  CvKeys1766700000010,
];
