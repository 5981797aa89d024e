/**
 * Group commit for the sender's per-row statements: `run(item)` joins the next round trip.
 * While one round trip is in flight, every item asked for meanwhile waits for the next,
 * which takes them all at once. On an idle database each item is its own round trip (a
 * mark is written as soon as the answer comes); on a busy one, the round trips grow
 * instead of queueing, so the sender keeps up without holding answers back.
 */
export function coalesce<Item, Answer>(
  roundTrip: (items: readonly Item[]) => Promise<(item: Item) => Answer>,
): (item: Item) => Promise<Answer> {
  let waiting: { item: Item; resolve: (answer: Answer) => void; reject: (error: unknown) => void }[] = [];
  let busy = false;
  const next = () => {
    if (busy || waiting.length === 0) return;
    const round = waiting;
    waiting = [];
    busy = true;
    roundTrip(round.map((entry) => entry.item))
      .then(
        (answerOf) => {
          for (const entry of round) entry.resolve(answerOf(entry.item));
        },
        (error: unknown) => {
          for (const entry of round) entry.reject(error);
        },
      )
      .finally(() => {
        busy = false;
        next();
      });
  };
  return (item) =>
    new Promise<Answer>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      next();
    });
}
