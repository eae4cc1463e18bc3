import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { kg3, netOfTicket, sampleFigures } from './weighment-figures';

describe('netOfTicket', () => {
  it('is gross less tare', () => {
    // 10,250.000 − 250.000 = 10,000.000
    expect(kg3(netOfTicket({ gross_kg: '10250', tare_kg: '250.000' }))).toBe('10000.000');
    expect(netOfTicket({ gross_kg: '0.002', tare_kg: '0.001' })).toBe('0.001');
  });

  it('refuses a tare not below the gross, and a gross past the bridge', () => {
    expect(() => netOfTicket({ gross_kg: '250', tare_kg: '250' })).toThrow(BusinessRuleError);
    expect(() => netOfTicket({ gross_kg: '250', tare_kg: '300' })).toThrow('tare_kg');
    expect(() => netOfTicket({ gross_kg: '200000.001', tare_kg: '0' })).toThrow('gross_kg');
    expect(netOfTicket({ gross_kg: '200000', tare_kg: '0' })).toBe('200000');
  });
});

describe('sampleFigures', () => {
  it('gives the share, the averages and the deviation', () => {
    // 25 of 250 bags = 10.0%; 1,250 kg / 25 = 50.000 kg/bag; 10,000 kg / 250 = 40.000; +25.0%
    expect(
      sampleFigures({ bags: 25, totalKg: '1250', lotQuantity: 250, lotWeightKg: '10000' }),
    ).toEqual({
      share_percent: '10.0',
      average_kg_per_bag: '50.000',
      declared_average_kg_per_bag: '40.000',
      deviation_percent: '25.0',
    });
  });

  it('rounds half away from zero, below the declared weight too', () => {
    // 3 of 7 bags = 42.857…% → 42.9; 100 kg / 3 = 33.333…; 245 / 7 = 35.000; −4.7619…% → −4.8
    expect(sampleFigures({ bags: 3, totalKg: '100', lotQuantity: 7, lotWeightKg: '245' })).toEqual({
      share_percent: '42.9',
      average_kg_per_bag: '33.333',
      declared_average_kg_per_bag: '35.000',
      deviation_percent: '-4.8',
    });
  });

  it('has no declared average for a lot recorded without weight', () => {
    const figures = sampleFigures({ bags: 1, totalKg: '40', lotQuantity: 10, lotWeightKg: '0' });
    expect(figures.declared_average_kg_per_bag).toBeNull();
    expect(figures.deviation_percent).toBeNull();
  });
});
