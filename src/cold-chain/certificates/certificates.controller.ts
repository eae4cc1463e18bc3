import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrincipalContext } from 'src/rbac/principal-context';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { ApiPdfResponse, pdfDownload } from 'src/common/http/pdf-download';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { renderCertificatePdf } from './certificate-pdf';
import { CertificatesService } from './certificates.service';
import {
  CertificateVerificationDto,
  ColdChainCertificateDto,
  VerifyCertificateQueryDto,
} from './dto/certificate.dto';

const SCOPE =
  "A client gets its own lots' certificates, a warehouse's staff their warehouse's; any other lot answers 404.";

@ApiTags('cold-chain')
@Controller('api/inventory/lots')
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get(':id/cold-chain')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary:
      "A lot's cold-chain certificate: where it sat, the temperatures, excursions and a code",
    description:
      'The chambers the lot sat in and when (from its receipt, transfers and depletion), per stay ' +
      'the readings of every sensor of the chamber: count, min, max, mean, mean kinetic ' +
      'temperature (USP <1160>) and minutes outside the range (the chamber’s narrowed by the ' +
      'commodity’s), chart points (at most 500 in all), the excursions that held the lot or ' +
      'happened in its chamber while it was there, with their dispositions, and a verification ' +
      'code: an HMAC of all of it but generated_at, the same while the data is. ' +
      SCOPE,
  })
  @ApiOkResponse({ type: ColdChainCertificateDto })
  @ApiProblems(404, 422)
  get(@UuidParam() id: string): Promise<ColdChainCertificateDto> {
    return this.certificates.certificate(this.context.scope(), id);
  }

  @Get(':id/cold-chain.pdf')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'The cold-chain certificate as a PDF (attachment `cold-chain-<lot number>.pdf`)',
    description:
      'The certificate of GET /api/inventory/lots/{id}/cold-chain on paper: lot, summary, a ' +
      'table of stays, a temperature chart with the allowed range, the excursions and the ' +
      'verification code; times in the warehouse’s time zone. ' +
      SCOPE,
  })
  @ApiPdfResponse()
  @ApiProblems(404, 422)
  async pdf(@UuidParam() id: string): Promise<StreamableFile> {
    const { certificate, filename } = await this.certificates.forPdf(this.context.scope(), id);
    const content = await renderCertificatePdf(certificate);
    return pdfDownload(content, filename);
  }

  @Get(':id/cold-chain/verify')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "Check a certificate's verification code against the lot's data as it stands",
    description:
      'Computes the certificate again and says whether the code matches (case and dashes do ' +
      'not matter). A mismatch means the figures, stays or excursions changed since it was ' +
      'issued, or the code was mistyped. ' +
      SCOPE,
  })
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiProblems(404, 422)
  verify(
    @UuidParam() id: string,
    @Query() query: VerifyCertificateQueryDto,
  ): Promise<CertificateVerificationDto> {
    return this.certificates.verify(this.context.scope(), id, query.code);
  }
}
