/**
 * Types of the lifecycle module: expiry status, capabilities and
 * the timeline.
 */

/**
 * The phases of a subscription's life, in the order they come; every instant
 * falls in exactly one.
 *
 * @example
 * function banner(phase: Phase): string | undefined {
 *   switch (phase) {
 *     case 'renewal-due': return 'Your renewal invoice is ready.';
 *     case 'expired': return 'Read-only: reactivate to make changes.';
 *     case 'deleted': return 'Your data can be recovered for a fee.';
 *     default: return undefined;
 *   }
 * }
 * banner(getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-20T12:00:00Z').phase); //=> 'Read-only: reactivate to make changes.'
 */
export type Phase = 'active' | 'renewal-due' | 'extended' | 'expired' | 'deleted' | 'unrecoverable';

/**
 * What the customer's users can reach: everything, look but not touch, or nothing.
 * It follows from the phase; {@link getCapabilities} answers per role.
 *
 * @example
 * getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-20T12:00:00Z').access; //=> 'read-only'
 */
export type Access = 'full' | 'read-only' | 'none';

/**
 * The next phase and the instant it begins.
 *
 * @example
 * const status = getExpiryStatus({ expirationDate: '2026-03-08' }, '2026-03-01T12:00:00Z');
 * if (status.phase !== 'unrecoverable') {
 *   status.next; //=> { phase: 'expired', at: new Date('2026-03-09T03:59:59Z') }
 * }
 */
export interface NextPhase {
  readonly phase: Phase;
  readonly at: Date;
}

/**
 * What every status carries, whatever its phase.
 *
 * @inline
 */
interface StatusCommon {
  /** The effective expiration date, `YYYY-MM-DD`: the extension's end when extended. */
  readonly expirationDate: string;
  /** The expiration date as sold, before any extension. */
  readonly originalExpirationDate: string;
  /** True when a granted extension moved the expiration date. */
  readonly extended: boolean;
  /** The effective expiry instant: expired at this instant and after. */
  readonly expiresAt: Date;
}

/**
 * The expiry status of a subscription at an instant, a discriminated union on `phase`.
 * Before expiry it counts `daysUntilExpiry`, from expiry on `daysPastExpiry`,
 * both in calendar days of the policy's time zone.
 *
 * @example
 * const status: ExpiryStatus = getExpiryStatus(
 *   { expirationDate: '2026-03-08', extension: { endsOn: '2026-03-15' } },
 *   '2026-03-10T12:00:00Z',
 * );
 * status.phase; //=> 'extended'
 * status.expirationDate; //=> '2026-03-15' (originalExpirationDate: '2026-03-08')
 * if (status.phase === 'extended') status.daysUntilExpiry; //=> 5
 */
export type ExpiryStatus =
  | (StatusCommon & {
      readonly phase: 'active' | 'renewal-due' | 'extended';
      readonly access: 'full';
      readonly daysUntilExpiry: number;
      readonly next: NextPhase;
    })
  | (StatusCommon & {
      readonly phase: 'expired';
      readonly access: 'read-only';
      readonly daysPastExpiry: number;
      readonly next: NextPhase;
    })
  | (StatusCommon & {
      readonly phase: 'deleted';
      readonly access: 'none';
      readonly daysPastExpiry: number;
      readonly next: NextPhase;
    })
  | (StatusCommon & {
      readonly phase: 'unrecoverable';
      readonly access: 'none';
      readonly daysPastExpiry: number;
    });

/**
 * Roles the capability table knows; any other role gets the rights of
 * an `agent`, the least.
 *
 * @example
 * const role: KnownRole = 'administrator';
 * getCapabilities({ expirationDate: '2026-03-08' }, '2026-03-01T12:00:00Z', role).canChangeSettings; //=> true
 * getCapabilities({ expirationDate: '2026-03-08' }, '2026-03-01T12:00:00Z', 'collaborator').canChangeSettings; //=> false
 */
export type KnownRole = 'owner' | 'administrator' | 'agent';

/**
 * What a role may do in a phase.
 *
 * @example
 * const can: Capabilities = getCapabilities({ expirationDate: '2026-03-08' }, '2026-03-10T12:00:00Z', 'owner');
 * if (!can.canChangeSettings && can.canReactivate) console.log('Reactivate to change settings');
 */
export interface Capabilities {
  readonly phase: Phase;
  readonly canLogIn: boolean;
  readonly canChangeSettings: boolean;
  readonly canManageBilling: boolean;
  readonly canReactivate: boolean;
  readonly canRecover: boolean;
}
