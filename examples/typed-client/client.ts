import createClient from 'openapi-fetch';
import type { components, paths } from './api';

// Every type below comes from api.d.ts, which `npm run openapi:client` generates from openapi.json.
type Schemas = components['schemas'];
export type ProblemDetails = Schemas['ProblemDetailsDto'];
export type Session = Schemas['TokenResponseDto'];
export type Lot = Schemas['LotOutDto'];
export type LotFilters = NonNullable<paths['/api/inventory/lots']['get']['parameters']['query']>;
export type Receipt = Schemas['InwardDto'];
export type ReceivedLot = Schemas['LotStateDto'];

/** A refused call, carrying the server's RFC 9457 problem details. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
  }

  get status(): number {
    return this.problem.status;
  }
}

/**
 * Error bodies are problem details, as the document says. A proxy in front of the API may still
 * answer with a page of its own; the status is kept either way.
 */
function toProblem(error: ProblemDetails, response: Response): ApiProblem {
  const isProblem = response.headers.get('Content-Type')?.startsWith('application/problem+json');
  return new ApiProblem(
    isProblem
      ? error
      : {
          type: 'about:blank',
          title: response.statusText,
          status: response.status,
          detail: `The server answered ${response.status} ${response.statusText}.`,
        },
  );
}

/** A client of the Cold-Storage API at `baseUrl` (e.g. `https://coldstore.example.com`). */
export function createColdStoreClient(baseUrl: string) {
  const http = createClient<paths>({ baseUrl });
  let accessToken: string | undefined;

  http.use({
    onRequest({ request }) {
      if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
      return request;
    },
  });

  return {
    /** The typed openapi-fetch client, for the routes this example does not wrap. */
    http,

    /** Signs in; later calls carry the access token. */
    async signIn(email: string, password: string): Promise<Session> {
      const { data, error, response } = await http.POST('/api/auth/login', {
        body: { email, password },
      });
      if (error) throw toProblem(error, response);
      accessToken = data.access_token;
      return data;
    },

    /** One page of lots (at most `limit`, default 50) and the number of lots across all pages. */
    async listLots(filters: LotFilters = {}): Promise<{ lots: Lot[]; total: number }> {
      const { data, error, response } = await http.GET('/api/inventory/lots', {
        params: { query: filters },
      });
      if (error) throw toProblem(error, response);
      return { lots: data, total: Number(response.headers.get('X-Total-Count')) };
    },

    /**
     * Receives goods as a new lot. Make one idempotency key per receipt and send it again when
     * retrying (after a timeout, say): the server then answers with the first lot instead of
     * receiving the goods twice.
     */
    async receiveGoods(receipt: Receipt, idempotencyKey: string): Promise<ReceivedLot> {
      const { data, error, response } = await http.POST('/api/inventory/inward', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: receipt,
      });
      if (error) throw toProblem(error, response);
      return data;
    },

    /** An invoice as a PDF file. */
    async downloadInvoicePdf(invoiceId: string): Promise<Blob> {
      const { data, error, response } = await http.GET('/api/billing/invoices/{id}/pdf', {
        params: { path: { id: invoiceId } },
        parseAs: 'blob',
      });
      if (error) throw toProblem(error, response);
      return data;
    },
  };
}

export type ColdStoreClient = ReturnType<typeof createColdStoreClient>;
