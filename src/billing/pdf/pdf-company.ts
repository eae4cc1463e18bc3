import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from 'src/config/configuration';
import type { PdfCompany } from './pdf-layout';

/** The issuer every billing document names: the configured company and its sender address. */
export function pdfCompany(config: ConfigService<AppConfig, true>): PdfCompany {
  const billing = config.get('billing', { infer: true });
  return {
    name: billing.companyName,
    address: billing.companyAddress,
    taxId: billing.companyTaxId,
    email: config.get('mail.sender', { infer: true }),
  };
}
