import { definePolicy, getExpiryStatus, getReminderSchedule } from '../src/index.js';
import { PERIODS_1900_TO_2999, forgetZoneTables, offsetAt, zoneOf } from '../src/clock/zone.js';

/**
 * The cost of a first call in a zone the process has never used (it learns the periods the
 * call touches from Intl), and the size of a zone's table once every period of 1900–2999 is
 * learnt. Each zone is used once, so every figure is a true first call.
 */
export function firstCallFigures(): void {
  const zones = Intl.supportedValuesOf('timeZone')
    .filter((zone) => zone !== 'America/New_York')
    .slice(0, 120);
  const statusTimes: number[] = [];
  const scheduleTimes: number[] = [];
  zones.forEach((timeZone, index) => {
    const start = performance.now();
    if (index % 2 === 0) {
      getReminderSchedule({ id: 'z', expirationDate: '2026-03-08', recipientTimeZone: timeZone });
      scheduleTimes.push(performance.now() - start);
    } else {
      getExpiryStatus({ expirationDate: '2026-03-08' }, Date.UTC(2026, 2, 20), definePolicy({ timeZone }));
      statusTimes.push(performance.now() - start);
    }
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const max = (values: number[]) => Math.max(...values);
  console.log('\nfirst call in a zone never used before (learning its periods from Intl)');
  console.log(
    `  reminder schedule, new recipient zone: median ${median(scheduleTimes).toFixed(3)} ms, max ${max(scheduleTimes).toFixed(3)} ms (${scheduleTimes.length} zones)`,
  );
  console.log(
    `  definePolicy + status in a new zone:   median ${median(statusTimes).toFixed(3)} ms, max ${max(statusTimes).toFixed(3)} ms (${statusTimes.length} zones)`,
  );

  forgetZoneTables();
  for (const timeZone of ['America/New_York', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Asia/Kolkata']) {
    const zone = zoneOf(timeZone);
    const start = performance.now();
    for (let period = Math.floor(Date.UTC(1900, 0, 1) / (32 * 86_400_000)); period * 32 * 86_400_000 < Date.UTC(3000, 0, 1); period += 1)
      offsetAt(zone, period * 32 * 86_400_000);
    const transitions = [...zone.periods.values()].reduce((sum, period) => sum + period.transitions.length, 0);
    console.log(
      `  ${timeZone.padEnd(20)} whole table 1900–2999: ${zone.periods.size} periods (bound ${PERIODS_1900_TO_2999}), ${transitions} transitions, learnt in ${(performance.now() - start).toFixed(0)} ms`,
    );
  }
}
