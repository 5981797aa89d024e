import type { Boundaries } from './boundaries.js';
import type { Phase } from './types.js';

/**
 * The ordered phase list of one subscription (R-ST-1), drawn from its boundaries: the
 * one source the status, its `next`, the capabilities and the timeline all read.
 * Each phase holds from its `from` instant (epoch ms) until the next phase's `from`;
 * the phase at an instant is the last one whose `from` is at or before it. Boundaries
 * never decrease, so equal `from`s are zero-length phases that no instant falls in.
 */
export interface PhaseStart {
  readonly phase: Phase;
  /** The first instant of the phase; `-Infinity` for `active`. */
  readonly from: number;
}

/** The phases of a subscription with these boundaries, in order. */
export function phasesOf(boundaries: Boundaries): readonly PhaseStart[] {
  const phases: PhaseStart[] = [
    { phase: 'active', from: Number.NEGATIVE_INFINITY },
    { phase: 'renewal-due', from: boundaries.renewalDueAt },
  ];
  // R-ST-2: the extension runs from the original expiry to the effective one.
  if (boundaries.expirationDay !== boundaries.originalExpirationDay) {
    phases.push({ phase: 'extended', from: boundaries.originalExpiresAt });
  }
  phases.push(
    { phase: 'expired', from: boundaries.expiresAt },
    { phase: 'deleted', from: boundaries.deletedAt },
    { phase: 'unrecoverable', from: boundaries.unrecoverableAt },
  );
  return phases;
}

/** The index in `phases` of the phase holding at `now`: the last one begun at or before it. */
export function phaseIndexAt(phases: readonly PhaseStart[], now: number): number {
  let index = 0;
  for (let candidate = 1; candidate < phases.length; candidate += 1) {
    if ((phases[candidate] as PhaseStart).from <= now) index = candidate;
    else break;
  }
  return index;
}

/**
 * The phase that begins at the first boundary after `now`, or `undefined` when none
 * is left. Where several phases begin at that same instant, the zero-length ones are
 * skipped: the answer is the phase that actually holds from then on.
 */
export function nextPhaseAfter(phases: readonly PhaseStart[], now: number): PhaseStart | undefined {
  let next: PhaseStart | undefined;
  for (const start of phases) {
    if (start.from <= now) continue;
    if (next === undefined) next = start;
    else if (start.from === next.from) next = start;
    else break;
  }
  return next;
}
