import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test/property-runs';
import { overlayById } from './overlay';

/** Ids a server may send, the names of Object.prototype's members among them. */
const serverId = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'),
);

describe('overlayById', () => {
  it('replaces exactly the items with an override, whatever their ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(serverId, { maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), (ids, overridden) => {
        const items = ids.map((id) => ({ id, version: 'loaded' }));
        const overrides = new Map(ids.filter((_, index) => overridden[index]).map((id) => [id, { id, version: 'live' }]));
        const shown = overlayById(items, overrides);
        expect(shown.map((item) => item.id)).toEqual(ids);
        shown.forEach((item, index) => expect(item.version).toBe(overridden[index] ? 'live' : 'loaded'));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('an item called "constructor" with no override is shown as loaded, not as Object', () => {
    expect(overlayById([{ id: 'constructor' }, { id: '__proto__' }], new Map())).toEqual([{ id: 'constructor' }, { id: '__proto__' }]);
  });

  it('without overrides, the items are shown as they came', () => {
    const items = [{ id: 'a' }, { id: 'b' }];
    expect(overlayById(items, undefined)).toEqual(items);
  });
});
