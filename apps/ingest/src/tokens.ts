export const INGEST_CONFIG = Symbol('IngestConfig');
