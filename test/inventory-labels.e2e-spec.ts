import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Lot } from 'src/inventory/lot.entity';
import { RoleName } from 'src/rbac/role-name.enum';
import { readCode128, readQrCode } from './helpers/barcode-reader';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import {
  binaryBody,
  pdfInfo,
  pdfPageCount,
  pdfPageImages,
  pdfPageTexts,
  pdfActualTexts,
  pdfText,
} from './helpers/pdf-text';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const MISSING = '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a';
// Page images are drawn at 2 px a point; the first A4 label sits in the top left 300 × 170 pt.
const SCALE = 2;
const FIRST_A4_LABEL = { x: 0, y: 0, width: 300 * SCALE, height: 170 * SCALE };

describe('lot labels and scanning', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let operatorA: string;
  let operatorB: string;
  let owner: string;
  let otherClient: string;
  let lot: Lot;
  let second: Lot;
  let othersLot: Lot;
  let chamberA: string;
  let chamberB: string;

  const get = (token: string, path: string) =>
    request(t.server).get(path).set('Authorization', `Bearer ${token}`);
  const pdf = async (token: string, path: string): Promise<Buffer> => {
    const res = await get(token, path).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return res.body as Buffer;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    await seedRoles(ds);
    const whA = await makeWarehouse(ds, { timezone: 'Asia/Kolkata' });
    const whB = await makeWarehouse(ds);
    const chamber = await makeChamber(ds, whA.id, { code: 'FRZ-A', name: 'Freezer A' });
    chamberA = chamber.id;
    chamberB = (await makeChamber(ds, whA.id, { code: 'FRZ-B', name: 'Freezer B' })).id;
    const commodity = await makeCommodity(ds, { name: 'Frozen peas' });
    const client = await makeClient(ds, 'Łódź Foods ^XZ~JR 北京');
    const other = await makeClient(ds, 'Other Foods');
    const adminUser = await makeUser(ds, { role: RoleName.Admin });
    const opA = await makeUser(ds, { role: RoleName.Operator, warehouseId: whA.id });
    const opB = await makeUser(ds, { role: RoleName.Operator, warehouseId: whB.id });
    [admin, operatorA, operatorB, owner, otherClient] = await Promise.all(
      [adminUser, opA, opB, client, other].map((u) => login(t.server, u.email)),
    );
    const base = {
      warehouseId: whA.id,
      commodityId: commodity.id,
      chamberId: chamber.id,
      quantity: 10,
      weightKg: '100',
    };
    // 20:00 UTC is already the next day in Kolkata: the label shows the warehouse's day.
    const receivedAt = new Date('2026-03-01T20:00:00Z');
    lot = await makeLot(ds, {
      ...base,
      clientId: client.client.id,
      lotNumber: 'WH9-2026-000042',
      receivedAt,
    });
    second = await makeLot(ds, {
      ...base,
      clientId: client.client.id,
      lotNumber: 'WH9-2026-000043',
      receivedAt,
    });
    othersLot = await makeLot(ds, {
      ...base,
      clientId: other.client.id,
      lotNumber: 'WH9-2026-000044',
      receivedAt,
    });
  }, 60_000);

  afterAll(() => t.close());

  describe('PDF', () => {
    it('prints the lot number, client, commodity, day of receipt and chamber', async () => {
      const body = await pdf(owner, `/api/inventory/lots/${lot.id}/label.pdf`);
      const text = await pdfText(body);
      expect(text).toContain('WH9-2026-000042');
      // Outside WinAnsi: Ł loses its stroke, ź its accent (ó is Latin-1), no Latin form becomes "?".
      expect(text).toContain('Client: Lódz Foods ^XZ~JR ??');
      expect(text).toContain('Commodity: Frozen peas');
      expect(text).toContain('Received: 2026-03-02');
      expect(text).toContain('Chamber: FRZ-A Freezer A');
      expect(await pdfInfo(body)).toMatchObject({ Title: 'Lot WH9-2026-000042' });
    });

    it('prints a client named in Bengali in its script, the name reading back exactly', async () => {
      const name = 'শ্রী দুর্গা শীতল ভাণ্ডার';
      const [{ client_id, company_name }] = await ds.query<
        { client_id: string; company_name: string }[]
      >(
        `SELECT client_id, company_name FROM lots JOIN clients c ON c.id = client_id WHERE lots.id = $1`,
        [lot.id],
      );
      await ds.query(`UPDATE clients SET company_name = $1 WHERE id = $2`, [name, client_id]);
      try {
        const body = await pdf(owner, `/api/inventory/lots/${lot.id}/label.pdf`);
        expect(pdfActualTexts(body)).toContain(`Client: ${name}`);
        expect(await pdfText(body)).toContain('WH9-2026-000042');
      } finally {
        await ds.query(`UPDATE clients SET company_name = $1 WHERE id = $2`, [
          company_name,
          client_id,
        ]);
      }
    });

    it('names the download after the lot', async () => {
      const res = await get(owner, `/api/inventory/lots/${lot.id}/label.pdf`).expect(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="label-WH9-2026-000042.pdf"',
      );
    });

    it('holds a QR code and a Code 128 that scan as the lot number', async () => {
      const [page] = await pdfPageImages(
        await pdf(operatorA, `/api/inventory/lots/${lot.id}/label.pdf`),
        SCALE,
      );
      expect(await readQrCode(page, FIRST_A4_LABEL)).toBe('WH9-2026-000042');
      expect(await readCode128(page, FIRST_A4_LABEL)).toBe('WH9-2026-000042');
    });

    it('prints a 100 × 150 mm thermal label whose symbols scan too', async () => {
      const body = await pdf(owner, `/api/inventory/lots/${lot.id}/label.pdf?format=thermal`);
      const [page] = await pdfPageImages(body, SCALE);
      expect(await readQrCode(page)).toBe('WH9-2026-000042');
      expect(await readCode128(page)).toBe('WH9-2026-000042');
      // 100 × 150 mm is 283.46 × 425.2 pt.
      expect((await pdfPageImages(body, 1))[0].readUInt32BE(16)).toBe(283);
    });

    it('puts ten labels on an A4 sheet, in the order asked', async () => {
      const ids = [second.id, lot.id, ...Array<string>(9).fill(second.id)].join(',');
      const body = await pdf(owner, `/api/inventory/labels/lots.pdf?ids=${ids}`);
      const pages = await pdfPageTexts(body);
      expect(pages).toHaveLength(2);
      expect(pages[0].match(/WH9-2026-00004\d/g)?.slice(0, 2)).toEqual([
        'WH9-2026-000043',
        'WH9-2026-000042',
      ]);
      expect(pages[0].match(/WH9-2026-00004\d/g)).toHaveLength(10);
      expect(pages[1].match(/WH9-2026-00004\d/g)).toEqual(['WH9-2026-000043']);
    });

    it('prints one thermal label a page, ids also given one a parameter', async () => {
      const body = await pdf(
        admin,
        `/api/inventory/labels/lots.pdf?ids=${lot.id}&ids=${othersLot.id}&format=thermal`,
      );
      expect(await pdfPageCount(body)).toBe(2);
    });

    it('refuses an unknown format, a bad id and an empty list', async () => {
      await get(owner, `/api/inventory/lots/${lot.id}/label.pdf?format=letter`).expect(422);
      await get(owner, '/api/inventory/labels/lots.pdf?ids=nope').expect(422);
      await get(owner, '/api/inventory/labels/lots.pdf').expect(422);
      await get(owner, `/api/inventory/lots/not-a-uuid/label.pdf`).expect(422);
    });
  });

  describe('ZPL', () => {
    it('is a 100 × 150 mm format at 203 dpi with QR, Code 128 and escaped text', async () => {
      const res = await get(owner, `/api/inventory/lots/${lot.id}/label.zpl`).expect(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      const zpl = res.text;
      expect(zpl).toMatch(/^\^XA\n\^CI28\n\^PW812\n\^LL1218\n/);
      expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
      expect(zpl).toContain('^FDMA,WH9-2026-000042^FS');
      expect(zpl).toMatch(/\^BCN,\d+,N,N,N,A\^FH_\^FDWH9-2026-000042\^FS/);
      // ^ and ~ of the client's name are hex, the rest UTF-8 bytes: the format stays one label.
      expect(zpl).toContain(
        '^FH_^FDClient: _C5_81_C3_B3d_C5_BA Foods _5EXZ_7EJR _E5_8C_97_E4_BA_AC^FS',
      );
      expect(zpl.match(/\^XZ/g)).toHaveLength(1);
      expect(zpl).not.toContain('~');
    });
  });

  describe('scope', () => {
    it("answers 404 for another client's lot, another warehouse's and an unknown one", async () => {
      await get(otherClient, `/api/inventory/lots/${lot.id}/label.pdf`).expect(404);
      await get(otherClient, `/api/inventory/lots/${lot.id}/label.zpl`).expect(404);
      await get(operatorB, `/api/inventory/lots/${lot.id}/label.pdf`).expect(404);
      await get(admin, `/api/inventory/lots/${MISSING}/label.zpl`).expect(404);
    });

    it('refuses the whole sheet when one lot is outside the scope', async () => {
      await get(owner, `/api/inventory/labels/lots.pdf?ids=${lot.id},${othersLot.id}`).expect(404);
    });
  });

  describe('scan', () => {
    it('finds a lot by the code on its label', async () => {
      const res = await get(owner, '/api/scan/WH9-2026-000042').expect(200);
      expect(res.body).toMatchObject({
        kind: 'lot',
        id: lot.id,
        code: 'WH9-2026-000042',
        lot: { id: lot.id, lot_number: 'WH9-2026-000042', quantity: 10, chamber_code: 'FRZ-A' },
      });
    });

    it('takes the code as a scanner types it: lower-case or padded', async () => {
      const res = await get(operatorA, `/api/scan/${encodeURIComponent(' wh9-2026-000042 ')}`);
      expect(res.status).toBe(200);
      expect((res.body as { id: string }).id).toBe(lot.id);
    });

    it("is 404 for a code outside the caller's scope or on no label", async () => {
      await get(otherClient, '/api/scan/WH9-2026-000042').expect(404);
      await get(owner, '/api/scan/WH9-2026-000044').expect(404);
      await get(operatorB, '/api/scan/WH9-2026-000042').expect(404);
      await get(admin, '/api/scan/NOTHING-HERE').expect(404);
      await get(admin, `/api/scan/${'X'.repeat(5000)}`).expect(404);
      await get(admin, '/api/scan/WH9%00').expect(422);
    });
  });

  describe('location labels', () => {
    const locations = (chamberId: string): string => `/api/chambers/${chamberId}/locations`;
    let rackR02: string;

    beforeAll(async () => {
      // The same layout in both chambers: every slot code exists twice in the warehouse.
      for (const chamberId of [chamberA, chamberB]) {
        await request(t.server)
          .post(`${locations(chamberId)}/bulk`)
          .set('Authorization', `Bearer ${operatorA}`)
          .send({
            code_template: 'F{floor}-R{rack:02}-L{level}-S{slot:02}',
            floors: { from: 1, to: 1 },
            racks: { from: 1, to: 2 },
            levels: { from: 1, to: 1 },
            slots: { from: 1, to: 2 },
            capacity_units: 50,
          })
          .expect(201);
      }
      await request(t.server)
        .post(locations(chamberA))
        .set('Authorization', `Bearer ${operatorA}`)
        .send({ code: 'DOCK-1', kind: 'ZONE', name: 'Dock ^XZ' })
        .expect(201);
      const racks = await get(operatorA, `${locations(chamberA)}?kind=RACK`).expect(200);
      rackR02 = (racks.body as { id: string; code: string }[]).find((r) => r.code === 'F1-R02')!.id;
    });

    it("prints a chamber's slots, each coded with its chamber, with QR and Code 128", async () => {
      const body = await pdf(operatorA, `${locations(chamberA)}/labels.pdf`);
      const text = await pdfText(body);
      expect(text.match(/FRZ-A:[A-Z0-9-]+/g)).toEqual([
        'FRZ-A:DOCK-1',
        'FRZ-A:F1-R01-L1-S01',
        'FRZ-A:F1-R01-L1-S02',
        'FRZ-A:F1-R02-L1-S01',
        'FRZ-A:F1-R02-L1-S02',
      ]);
      expect(text).toContain('Chamber: FRZ-A Freezer A');
      expect(text).toContain('Location: SLOT');
      expect(text).toContain('Location: ZONE Dock ^XZ');
      expect(text).toContain('Capacity: 50 units');
      expect(text).toContain('Capacity: not set');
      const [page] = await pdfPageImages(body, SCALE);
      expect(await readQrCode(page, FIRST_A4_LABEL)).toBe('FRZ-A:DOCK-1');
      expect(await readCode128(page, FIRST_A4_LABEL)).toBe('FRZ-A:DOCK-1');
    });

    it('prints racks by kind, a rack by parent_id, or codes by prefix', async () => {
      const codes = async (query: string): Promise<string[] | null> =>
        (await pdfText(await pdf(operatorA, `${locations(chamberA)}/labels.pdf?${query}`))).match(
          /FRZ-A:[A-Z0-9-]+/g,
        );
      expect(await codes('kind=RACK')).toEqual(['FRZ-A:F1-R01', 'FRZ-A:F1-R02']);
      expect(await codes(`parent_id=${rackR02}`)).toEqual([
        'FRZ-A:F1-R02-L1-S01',
        'FRZ-A:F1-R02-L1-S02',
      ]);
      expect(await codes('code=f1-r01-l1-s0&format=thermal')).toEqual([
        'FRZ-A:F1-R01-L1-S01',
        'FRZ-A:F1-R01-L1-S02',
      ]);
      await get(operatorA, `${locations(chamberA)}/labels.pdf?parent_id=${MISSING}`).expect(404);
    });

    it('writes one ZPL format a location', async () => {
      const res = await get(operatorA, `${locations(chamberB)}/labels.zpl`).expect(200);
      expect(res.text.match(/\^XA/g)).toHaveLength(4);
      expect(res.text).toContain('^FDMA,FRZ-B:F1-R01-L1-S01^FS');
      expect(res.text).toMatch(/\^BCN,\d+,N,N,N,A\^FH_\^FDFRZ-B:F1-R02-L1-S02\^FS/);
      const dock = await get(operatorA, `${locations(chamberA)}/labels.zpl?kind=ZONE`).expect(200);
      expect(dock.text).toContain('^FH_^FDLocation: ZONE Dock _5EXZ^FS');
    });

    it("answers 404 for another warehouse's chamber and for clients", async () => {
      await get(operatorB, `${locations(chamberA)}/labels.pdf`).expect(404);
      await get(operatorB, `${locations(chamberA)}/labels.zpl`).expect(404);
      await get(owner, `${locations(chamberA)}/labels.pdf`).expect(404);
    });

    it('scans a location by its chamber-qualified code, or by a code only one chamber has', async () => {
      const res = await get(operatorA, '/api/scan/frz-b:f1-r02-l1-s01').expect(200);
      expect(res.body).toMatchObject({
        kind: 'location',
        code: 'FRZ-B:F1-R02-L1-S01',
        lot: null,
        location: { chamber_id: chamberB, code: 'F1-R02-L1-S01', kind: 'SLOT', capacity_units: 50 },
      });
      expect((res.body as { id: string }).id).toBe(
        (res.body as { location: { id: string } }).location.id,
      );
      const dock = await get(admin, '/api/scan/DOCK-1').expect(200);
      expect(dock.body).toMatchObject({ kind: 'location', code: 'FRZ-A:DOCK-1' });
    });

    it('is 409 for a bare slot code that two chambers share, 404 outside the scope', async () => {
      const res = await get(operatorA, '/api/scan/F1-R01-L1-S01').expect(409);
      expect((res.body as { detail: string }).detail).toContain('FRZ-A:F1-R01-L1-S01');
      await get(operatorB, '/api/scan/FRZ-A:F1-R01-L1-S01').expect(404);
      await get(owner, '/api/scan/FRZ-A:F1-R01-L1-S01').expect(404);
      await get(operatorA, '/api/scan/FRZ-C:F1-R01-L1-S01').expect(404);
    });
  });

  describe('permission', () => {
    it('needs inventory.view', async () => {
      const bare = await makeUser(ds, { role: RoleName.Client });
      await ds.query('DELETE FROM user_roles WHERE user_id = $1', [bare.user.id]);
      const token = await login(t.server, bare.email);
      await get(token, `/api/inventory/lots/${lot.id}/label.pdf`).expect(403);
      await get(token, `/api/inventory/lots/${lot.id}/label.zpl`).expect(403);
      await get(token, `/api/inventory/labels/lots.pdf?ids=${lot.id}`).expect(403);
      await get(token, '/api/scan/WH9-2026-000042').expect(403);
      await get(token, `/api/chambers/${chamberA}/locations/labels.pdf`).expect(403);
      await get(token, `/api/chambers/${chamberA}/locations/labels.zpl`).expect(403);
    });
  });
});
