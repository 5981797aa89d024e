const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Milliseconds since local midnight of a `HH:mm` or `HH:mm:ss` time, or `undefined`. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = TIME_PATTERN.exec(text);
  if (match === null) return undefined;
  return (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0)) * 1000;
}

/** Formats milliseconds since local midnight as `HH:mm:ss`. */
export function formatTimeOfDay(msOfDay: number): string {
  const seconds = Math.floor(msOfDay / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
