import { MovementType } from 'src/inventory/movement-type.enum';
import { staysOf, type StayMovement } from './stays';

const at = (day: number): Date => new Date(Date.UTC(2026, 2, day));
const move = (
  type: MovementType,
  day: number,
  quantity_delta = 0,
  from_chamber_id: string | null = null,
  to_chamber_id: string | null = null,
): StayMovement => ({ type, occurred_at: at(day), quantity_delta, from_chamber_id, to_chamber_id });

describe('a lot’s stays', () => {
  it('starts in its receiving chamber and is still there', () => {
    expect(staysOf([move(MovementType.Inward, 1, 100)], 'A')).toEqual([
      { chamberId: 'A', startedAt: at(1), endedAt: null, endedBy: null },
    ]);
  });

  it('moves with each transfer and ends when depleted', () => {
    const stays = staysOf(
      [
        move(MovementType.Inward, 1, 100),
        move(MovementType.Outward, 3, -40),
        move(MovementType.Transfer, 5, 0, 'A', 'B'),
        move(MovementType.Transfer, 8, 0, 'B', 'C'),
        move(MovementType.Outward, 9, -50),
        move(MovementType.Adjustment, 10, -10),
      ],
      'C',
    );
    expect(stays).toEqual([
      { chamberId: 'A', startedAt: at(1), endedAt: at(5), endedBy: 'TRANSFER' },
      { chamberId: 'B', startedAt: at(5), endedAt: at(8), endedBy: 'TRANSFER' },
      { chamberId: 'C', startedAt: at(8), endedAt: at(10), endedBy: 'DEPLETED' },
    ]);
  });

  it('starts again where it was when an adjustment brings stock back', () => {
    const stays = staysOf(
      [
        move(MovementType.Inward, 1, 10),
        move(MovementType.Outward, 2, -10),
        move(MovementType.Adjustment, 4, 3),
      ],
      'A',
    );
    expect(stays.map((s) => [s.startedAt, s.endedAt])).toEqual([
      [at(1), at(2)],
      [at(4), null],
    ]);
  });
});
