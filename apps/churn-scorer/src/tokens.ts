export const CHURN_SCORER_CONFIG = Symbol('ChurnScorerConfig');
