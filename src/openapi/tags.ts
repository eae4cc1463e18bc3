/**
 * Every tag the controllers use, described, in the order a reader of the docs meets them:
 * signing in, running the company, the stock, billing, the client's own view, then health.
 */
export const API_TAGS: { name: string; description: string }[] = [
  {
    name: 'auth',
    description:
      'Sign in, refresh and end sessions, reset or change a password, and accept an invitation.',
  },
  {
    name: 'admin-users',
    description: 'List user accounts in your scope; disable, enable or sign them out everywhere.',
  },
  {
    name: 'admin-invitations',
    description: 'Invite staff and clients by email, and follow, revoke or resend the invitations.',
  },
  {
    name: 'admin-clients',
    description:
      'List client profiles; correct a name or address (in any script) and choose the language of their documents.',
  },
  {
    name: 'admin-warehouses',
    description: 'Create and maintain warehouses: code, address, capacity and billing time zone.',
  },
  {
    name: 'admin-audit',
    description:
      'Read the append-only audit trail of sign-ins and every change, with who and when.',
  },
  {
    name: 'chambers',
    description: 'Temperature-controlled rooms of a warehouse: their range, capacity and status.',
  },
  {
    name: 'locations',
    description:
      'Storage locations of a chamber (floors, racks, levels, slots), placements of lots in them, moves between them and occupancy.',
  },
  {
    name: 'commodities',
    description: 'The shared catalogue of goods: unit, storage temperature range and shelf life.',
  },
  {
    name: 'inventory',
    description:
      'Lots and their ledger: receive, dispatch, transfer, adjust and hold stock, and report on it.',
  },
  {
    name: 'excursions',
    description:
      'Temperature excursions: when a chamber left its range, the lots they held and their dispositions.',
  },
  {
    name: 'alarms',
    description: 'Excursion and sensor-offline alarms: list and acknowledge them.',
  },
  {
    name: 'operator-portal',
    description:
      "The first version's operator routes: your warehouse, its lots and receiving goods.",
  },
  {
    name: 'sensors',
    description:
      'Temperature sensors of a warehouse: their chamber, calibration offset and heartbeat.',
  },
  {
    name: 'telemetry',
    description:
      'Gateways and their API keys, and the route through which gateways post sensor readings.',
  },
  {
    name: 'cold-chain',
    description:
      "Temperatures: chamber history with mean kinetic temperature, and each lot's cold-chain certificate.",
  },
  {
    name: 'billing',
    description:
      'Rate cards, and invoices from draft through four-eyes approval to payment or void.',
  },
  {
    name: 'client-portal',
    description: 'What a client sees of itself: its profile, its lots and its invoices.',
  },
  {
    name: 'traceability',
    description:
      'FSMA 204 traceability: the trading partners and the location descriptions its records name.',
  },
  {
    name: 'health',
    description: 'Liveness and readiness probes for load balancers and container orchestrators.',
  },
];
