import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { planLayout } from './location-codes';
import { StorageLocationKind } from './storage-location-kind.enum';

describe('planLayout', () => {
  it('cuts the template after each field for the parents, padding numbers', () => {
    const plan = planLayout('F{floor}-R{rack:02}-L{level}-S{slot:02}', {
      floor: { from: 1, to: 1 },
      rack: { from: 3, to: 3 },
      level: { from: 2, to: 2 },
      slot: { from: 4, to: 5 },
    });
    expect(plan.map((p) => [p.code, p.kind, p.parentCode, p.leaf])).toEqual([
      ['F1', StorageLocationKind.Floor, null, false],
      ['F1-R03', StorageLocationKind.Rack, 'F1', false],
      ['F1-R03-L2', StorageLocationKind.Level, 'F1-R03', false],
      ['F1-R03-L2-S04', StorageLocationKind.Slot, 'F1-R03-L2', true],
      ['F1-R03-L2-S05', StorageLocationKind.Slot, 'F1-R03-L2', true],
    ]);
  });

  it('makes racks × levels when floors and slots are left out', () => {
    const plan = planLayout('r{rack}.{level}', {
      rack: { from: 1, to: 20 },
      level: { from: 1, to: 5 },
    });
    expect(plan).toHaveLength(20 + 100);
    expect(plan.filter((p) => p.leaf).map((p) => p.code)).toContain('R20.5');
  });

  it('refuses a template whose fields do not match the dimensions', () => {
    expect(() =>
      planLayout('R{rack}', { rack: { from: 1, to: 2 }, slot: { from: 1, to: 2 } }),
    ).toThrow(BusinessRuleError);
    expect(() =>
      planLayout('S{slot}-R{rack}', { rack: { from: 1, to: 2 }, slot: { from: 1, to: 2 } }),
    ).toThrow(BusinessRuleError);
  });

  it('refuses a layout past the cap of 5000 locations', () => {
    expect(() =>
      planLayout('R{rack}-S{slot}', { rack: { from: 1, to: 100 }, slot: { from: 1, to: 50 } }),
    ).toThrow(/5100 locations/);
  });
});
