import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { CurrentGateway, GatewayAuthenticated } from '../gateways/gateway-auth';
import type { AuthenticatedGateway } from '../gateways/gateways.service';
import { IngestResultDto, ReadingsBatchDto } from './dto/readings.dto';
import { parseReadingsBatch } from './reading-input';
import { ReadingsIngest } from './readings-ingest.service';

export const READINGS_PATH = '/api/telemetry/readings';
/** 10,000 readings are about 1.1 MB of JSON; the rest of the API keeps its 1 MB. */
export const READINGS_BODY_LIMIT = '4mb';

@ApiTags('telemetry')
@Controller(READINGS_PATH.slice(1))
export class ReadingsController {
  constructor(private readonly ingest: ReadingsIngest) {}

  @Post()
  @HttpCode(200)
  @GatewayAuthenticated()
  @ApiOperation({
    summary: 'Post a batch of sensor readings (gateways)',
    description:
      "For gateways, with the gateway's API key in X-Api-Key (no user token). Sensor codes are " +
      "resolved in the gateway's warehouse and each temperature is corrected by its sensor's " +
      'calibration offset. Readings already stored for the same sensor and instant are counted ' +
      'as duplicates and ignored, so a batch may be resent after a timeout. A reading that ' +
      'cannot be stored (unknown or inactive sensor, more than 5 minutes ahead, past retention) ' +
      'is listed in rejected with its index while the others are stored; a malformed body ' +
      'answers 422 and stores nothing. When the answer comes, excursions for these readings ' +
      'have been evaluated. Not rate-limited: one batch a minute per gateway is the expected pace.',
  })
  @ApiBody({ type: ReadingsBatchDto })
  @ApiOkResponse({ type: IngestResultDto })
  @ApiProblems(422)
  async post(
    @CurrentGateway() gateway: AuthenticatedGateway,
    @Body() body: unknown,
  ): Promise<IngestResultDto> {
    return this.ingest.ingest(gateway.warehouseId, parseReadingsBatch(body));
  }
}
