/**
 * Types of the lifecycle module: expiry status (R-ST-1…3), capabilities (R-ST-4) and
 * the timeline (R-TL-1).
 */

/** The phases of a subscription's life, in the order they come (R-ST-1). */
export type Phase = 'active' | 'renewal-due' | 'extended' | 'expired' | 'deleted' | 'unrecoverable';

/** What the customer's users can reach: everything, look but not touch, or nothing. */
export type Access = 'full' | 'read-only' | 'none';

/** The next phase and the instant it begins (R-ST-3). */
export interface NextPhase {
  readonly phase: Phase;
  readonly at: Date;
}

/** What every status carries, whatever its phase. */
interface StatusCommon {
  /** The effective expiration date, `YYYY-MM-DD`: the extension's end when extended (R-ST-2). */
  readonly expirationDate: string;
  /** The expiration date as sold, before any extension. */
  readonly originalExpirationDate: string;
  /** True when a granted extension moved the expiration date. */
  readonly extended: boolean;
  /** The effective expiry instant (R-TZ-2): expired at this instant and after. */
  readonly expiresAt: Date;
}

/**
 * The expiry status of a subscription at an instant, a discriminated union on `phase`
 * (R-ST-3). Before expiry it counts `daysUntilExpiry`, from expiry on `daysPastExpiry`,
 * both in calendar days of the policy's time zone (R-TZ-5).
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

/** Roles the capability table knows (seed 000, 002); any other role gets the least rights. */
export type KnownRole = 'owner' | 'administrator' | 'agent';

/** What a role may do in a phase (R-ST-4). */
export interface Capabilities {
  readonly phase: Phase;
  readonly canLogIn: boolean;
  readonly canChangeSettings: boolean;
  readonly canManageBilling: boolean;
  readonly canReactivate: boolean;
  readonly canRecover: boolean;
}

/** The kinds of dated events in a timeline (R-TL-1), in their usual order. */
export type TimelineEventKind =
  | 'reminders-start'
  | 'renewal-invoice'
  | 'bank-transfer-deadline'
  | 'expiry'
  | 'extension-end'
  | 'reactivation-fee-increase'
  | 'data-deletion'
  | 'recovery-closes';

/**
 * One dated event of a subscription's lifecycle (R-TL-1): its local business `date`
 * (`YYYY-MM-DD` in the policy's zone) and the instant `at` it happens.
 */
export type TimelineEvent =
  | {
      readonly event: Exclude<TimelineEventKind, 'reactivation-fee-increase'>;
      readonly date: string;
      readonly at: Date;
    }
  | {
      readonly event: 'reactivation-fee-increase';
      readonly date: string;
      readonly at: Date;
      /** The tier's first day, counted in calendar days past the effective expiration date. */
      readonly daysPastExpiry: number;
    };
