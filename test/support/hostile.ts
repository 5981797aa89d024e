import fc from 'fast-check';

/** Values designed to break careless input handling: throwing getters, hostile proxies, odd primitives. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(Number.NaN),
  fc.constant(Symbol('s')),
  fc.constant(10n),
  fc.constant(new Date(Number.NaN)),
  fc.constant(Object.create(null)),
  fc.constant({
    toString: () => {
      throw new Error('toString');
    },
    valueOf: () => {
      throw new Error('valueOf');
    },
  }),
  fc.constant(
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('get trap');
        },
        getPrototypeOf: () => {
          throw new Error('prototype trap');
        },
        ownKeys: () => {
          throw new Error('keys trap');
        },
        // fast-check itself asks for its clone symbol; every other question throws.
        has: (_target, key) => {
          if (key === fc.cloneMethod || key === fc.toStringMethod || key === fc.asyncToStringMethod) return false;
          throw new Error('has trap');
        },
        isExtensible: () => {
          throw new Error('extensible trap');
        },
      },
    ),
  ),
  fc.constant(
    Object.defineProperty({}, 'expirationDate', {
      get: () => {
        throw new Error('getter');
      },
      enumerable: true,
    }),
  ),
  fc.constant({
    expirationDate: {
      toString: () => {
        throw new Error('x');
      },
    },
  }),
  fc.constant({
    [Symbol.toPrimitive]: () => {
      throw new Error('primitive');
    },
  }),
  fc.constant({ toStringTag: '[object Decimal]', s: 1, e: 1, d: null }),
);

/** Anything at all, sometimes nested inside near-valid shapes. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  hostileValue,
);
