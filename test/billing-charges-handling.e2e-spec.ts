import { InvoiceLineKind } from 'src/billing/billing.enums';
import {
  adjustLot,
  createRateCard,
  dispatchFromLot,
  generateInvoice,
  lineFigures,
  linesOfKind,
  makeBillingClient,
  receiveLot,
  transferLotTo,
} from './helpers/billing-factories';
import { storageLine, useBillingCharges } from './helpers/billing-charges';
import { makeChamber } from './helpers/inventory-factories';

/** Handling is charged per unit received and dispatched; adjustments and transfers only move stock. */
describe('billing charges: handling and other movements', () => {
  const { t, users, site, march, hundredBagsInMarch } = useBillingCharges();

  describe('handling', () => {
    it('charges units received in the period at the inward rate and units dispatched at the outward rate', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        inward_handling_rate: '2',
        outward_handling_rate: '3.25',
        effective_from: '2026-01-01',
      });
      // Received in February: its inward handling belongs to February, its dispatch to March.
      const february = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 10,
        receivedAt: '2026-02-20T09:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, february, {
        quantity: 5,
        dispatchedAt: '2026-03-05T09:00:00Z',
      });
      const lot = await hundredBagsInMarch(clientId);

      const invoice = await march(clientId);

      const handling = (
        kind: string,
        lotNumber: string,
        quantity: string,
        from: string,
        to: string,
        rate: string,
        amountMinor: number,
        amount: string,
      ) => ({
        kind,
        lot_number: lotNumber,
        quantity,
        unit: 'BAG',
        days: null,
        from_date: from,
        to_date: to,
        rate,
        amount_minor: amountMinor,
        amount,
      });
      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          february.lot_number,
          '10',
          'BAG',
          5,
          '2026-03-01',
          '2026-03-05',
          '0.5',
          2500,
          '25.00',
        ),
        storageLine(
          february.lot_number,
          '5',
          'BAG',
          26,
          '2026-03-06',
          '2026-03-31',
          '0.5',
          6500,
          '65.00',
        ),
        handling(
          'OUTWARD_HANDLING',
          february.lot_number,
          '5',
          '2026-03-05',
          '2026-03-05',
          '3.25',
          1625,
          '16.25',
        ),
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          8,
          '2026-03-03',
          '2026-03-10',
          '0.5',
          40000,
          '400.00',
        ),
        storageLine(
          lot.lot_number,
          '60',
          'BAG',
          10,
          '2026-03-11',
          '2026-03-20',
          '0.5',
          30000,
          '300.00',
        ),
        handling(
          'INWARD_HANDLING',
          lot.lot_number,
          '100',
          '2026-03-03',
          '2026-03-03',
          '2',
          20000,
          '200.00',
        ),
        handling(
          'OUTWARD_HANDLING',
          lot.lot_number,
          '100',
          '2026-03-10',
          '2026-03-20',
          '3.25',
          32500,
          '325.00',
        ),
      ]);
      expect(linesOfKind(invoice, InvoiceLineKind.InwardHandling)[0]).toMatchObject({
        basis: null,
        rate_unit: 'per BAG',
      });
      expect(invoice).toMatchObject({ subtotal_minor: 133125, total: '1331.25' });
    });
  });

  describe('other movements', () => {
    it('counts adjustments as stock in or out but not as handling, and keeps a run across a transfer', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        inward_handling_rate: '2',
        outward_handling_rate: '3',
        effective_from: '2026-01-01',
      });
      const otherChamber = await makeChamber(t.dataSource, site.warehouseId);
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 100,
        receivedAt: '2026-07-01T09:00:00Z',
      });
      await transferLotTo(t.server, users.admin, lot.id, otherChamber.id, '2026-07-05T09:00:00Z');
      await adjustLot(t.server, users.admin, lot.id, {
        quantityDelta: -10,
        reason: 'DAMAGE',
        occurredAt: '2026-07-10T09:00:00Z',
      });
      await adjustLot(t.server, users.admin, lot.id, {
        quantityDelta: 5,
        occurredAt: '2026-07-15T09:00:00Z',
      });

      const invoice = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-07-01',
        '2026-07-31',
      );

      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          10,
          '2026-07-01',
          '2026-07-10',
          '0.5',
          50000,
          '500.00',
        ),
        storageLine(
          lot.lot_number,
          '90',
          'BAG',
          4,
          '2026-07-11',
          '2026-07-14',
          '0.5',
          18000,
          '180.00',
        ),
        storageLine(
          lot.lot_number,
          '95',
          'BAG',
          17,
          '2026-07-15',
          '2026-07-31',
          '0.5',
          80750,
          '807.50',
        ),
        {
          kind: 'INWARD_HANDLING',
          lot_number: lot.lot_number,
          quantity: '100',
          unit: 'BAG',
          days: null,
          from_date: '2026-07-01',
          to_date: '2026-07-01',
          rate: '2',
          amount_minor: 20000,
          amount: '200.00',
        },
      ]);
      expect(invoice).toMatchObject({ subtotal_minor: 168750, total: '1687.50' });
    });
  });
});
