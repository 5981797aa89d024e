import { compareAmountTexts } from '../money/amountText.js';
import type { FeeTermsText } from './types.js';

/** Do two fee terms charge the same for every invoice (rate, minimum and cap alike)? */
export function sameTerms(a: FeeTermsText, b: FeeTermsText): boolean {
  const same = (x: string | undefined, y: string | undefined) =>
    x === undefined ? y === undefined : y !== undefined && compareAmountTexts(x, y) === 0;
  return (
    compareAmountTexts(a.rate, b.rate) === 0 &&
    compareAmountTexts(a.minimum, b.minimum) === 0 &&
    same(a.maximum, b.maximum) &&
    same(a.maximumRate, b.maximumRate)
  );
}
