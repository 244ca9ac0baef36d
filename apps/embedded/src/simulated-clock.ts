/**
 * The replay compresses a year into a minute: every service reads this clock instead of the wall clock, so
 * recency, cool-downs and budget days follow the simulated calendar.
 */
export class SimulatedClock {
  private current: Date;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  advanceTo(instant: Date): void {
    if (instant.getTime() > this.current.getTime()) this.current = new Date(instant);
  }
}
