import type { CommandSpec, Values } from './options.js';

/** What a command may use: the clock, file reading, and where its output goes. */
export interface CommandContext {
  /** The words after the flags, for a command that declares `positionals`. */
  readonly positionals: readonly string[];
  readonly clock: () => Date;
  readonly readText: (path: string) => string;
  readonly write: (text: string) => void;
}

/** A command that answers once: its spec (flags, help) and what it does with parsed flags. */
export interface Command extends CommandSpec {
  readonly run: (values: Values, context: CommandContext) => void | Promise<void>;
}
