import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/common/http/public.decorator';
import { ServiceUnavailableError } from 'src/common/errors/domain.errors';
import { HealthStatusDto } from './dto/health-status.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process is up and serving HTTP. */
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthStatusDto })
  live(): HealthStatusDto {
    return { status: 'ok' };
  }

  /** Readiness: the database answers; 503 when it does not. */
  @Get('ready')
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable.' })
  async ready(): Promise<HealthStatusDto> {
    if (!(await this.health.databaseReady())) {
      throw new ServiceUnavailableError('The database is unreachable.');
    }
    return { status: 'ok' };
  }
}
