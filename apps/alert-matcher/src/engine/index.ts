export * from './alert-engine';
export { compileAlert, EngineAlertError, type CompiledAlert } from './compiled-alert';
export { matchableOffer } from './matchable-offer';
export { prepareOffer, type PreparedOffer, type MatchedField } from './prepared-offer';
export { verifyMatch } from './verify-match';
export { ScanAlertEngine } from './scan-alert-engine';
