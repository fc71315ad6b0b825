import { Alert } from './alert';

/** What a candidate sees of their alert (the matcher's tokens stay internal). */
export function alertView(a: Alert) {
  return {
    id: a.id,
    email: a.email,
    keywords: a.keywords,
    place: a.place,
    contractTypes: a.contractTypes,
    frequency: a.frequency,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
  };
}

export type AlertView = ReturnType<typeof alertView>;
