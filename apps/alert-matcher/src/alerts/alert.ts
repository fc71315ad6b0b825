import { ContractType } from '@vigie/contracts';

export type AlertStatus = 'active' | 'unsubscribed' | 'deleted';
export type AlertFrequency = 'instant';

export interface AlertPlace {
  label: string;
  communeCode: string | null;
  latitude: number;
  longitude: number;
  radiusKm: number;
}

export interface Alert {
  id: string;
  candidateId: string;
  email: string;
  /** As the candidate typed them (shown back to them and in e-mails). */
  keywords: string[];
  /** Normalised tokens the matcher compares (see matching/keywords.ts). */
  keywordTokens: string[];
  place: AlertPlace | null;
  contractTypes: ContractType[];
  frequency: AlertFrequency;
  status: AlertStatus;
  createdAt: Date;
}
