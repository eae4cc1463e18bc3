import { Controller, Get, HttpCode } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from 'src/common/http/public.decorator';
import { ServiceUnavailableError } from 'src/common/errors/domain.errors';
import { HealthStatusDto } from './dto/health-status.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness: the process is up and serving HTTP',
    description:
      'Answers `{"status": "ok"}` as long as the process serves HTTP, without touching the ' +
      'database: for liveness probes, which restart the process when it fails.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: HealthStatusDto })
  live(): HealthStatusDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers; 503 when it does not',
    description:
      'Answers `{"status": "ok"}` when the database answers a trivial query within two ' +
      'seconds, and 503 otherwise: for readiness probes, which take the instance out of ' +
      'rotation while it fails.',
  })
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable.' })
  async ready(): Promise<HealthStatusDto> {
    if (!(await this.health.databaseReady())) {
      throw new ServiceUnavailableError('The database is unreachable.');
    }
    return { status: 'ok' };
  }
}
