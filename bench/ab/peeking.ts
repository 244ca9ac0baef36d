import { alwaysValidPValues, naiveZTestPValue, type ConversionCounts } from '@syncengage/orchestrator/dist/domain/sequential-test';
import { mulberry32 } from '@syncengage/seeded-random';

export interface PeekingSettings {
  experiments: number;
  days: number;
  customersPerArmPerDay: number;
  treatmentRate: number;
  controlRate: number;
  alpha: number;
  mixtureSd: number;
  seed: number;
}

/** Share of experiments that ever declared a difference when read every day, by each test; and when mSPRT did. */
export function peekingRejections(settings: PeekingSettings): { msprt: number; naive: number; meanMsprtDay: number | null } {
  const random = mulberry32(settings.seed);
  let msprt = 0;
  let naive = 0;
  let msprtDays = 0;
  for (let experiment = 0; experiment < settings.experiments; experiment += 1) {
    const treatment: ConversionCounts = { conversions: 0, customers: 0 };
    const control: ConversionCounts = { conversions: 0, customers: 0 };
    const looks: Array<{ treatment: ConversionCounts; control: ConversionCounts }> = [];
    let naiveRejected = false;
    for (let day = 0; day < settings.days; day += 1) {
      for (let customer = 0; customer < settings.customersPerArmPerDay; customer += 1) {
        treatment.customers += 1;
        control.customers += 1;
        if (random() < settings.treatmentRate) treatment.conversions += 1;
        if (random() < settings.controlRate) control.conversions += 1;
      }
      looks.push({ treatment: { ...treatment }, control: { ...control } });
      if (naiveZTestPValue(treatment, control) < settings.alpha) naiveRejected = true;
    }
    const firstDay = alwaysValidPValues(looks, settings.mixtureSd).findIndex((p) => p <= settings.alpha);
    if (firstDay >= 0) {
      msprt += 1;
      msprtDays += firstDay + 1;
    }
    if (naiveRejected) naive += 1;
  }
  return { msprt: msprt / settings.experiments, naive: naive / settings.experiments, meanMsprtDay: msprt > 0 ? msprtDays / msprt : null };
}
