/** How a campaign's A/B test is measured and decided; every field has a documented default. */
export interface ExperimentSettings {
  /** A purchase this many days after the decision counts as the arm's conversion. */
  attributionDays?: number;
  /** The seed's WinnerLTV: net purchases this many days after the decision, per customer. */
  ltvDays?: number;
  /** Chance of declaring a difference that is not there, over all comparisons and every look. */
  alpha?: number;
  /** Spread of the mSPRT's normal mixture over conversion-rate differences: the size of effect it is tuned to find. */
  mixtureSd?: number;
  /** No verdict for an arm before it has this many customers. */
  minCustomersPerArm?: number;
}

export const EXPERIMENT_DEFAULTS: Required<ExperimentSettings> = {
  attributionDays: 7,
  ltvDays: 90,
  alpha: 0.05,
  mixtureSd: 0.05,
  minCustomersPerArm: 100,
};

/** Why a version exists when automatic promotion wrote it. */
export interface PromotionNote {
  fromVersion: number;
  winner: string;
  reason: string;
  promotedAt: string;
}

export function experimentSettingsOf(settings: ExperimentSettings | undefined): Required<ExperimentSettings> {
  return { ...EXPERIMENT_DEFAULTS, ...settings };
}
