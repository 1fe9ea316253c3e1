import { Module } from '@nestjs/common';
import { ClockModule } from './common/clock.module';
import { LoggingModule } from './common/logging.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { OwnershipModule } from './ownership/ownership.module';
import { PostmortemsModule } from './postmortems/postmortems.module';

/** What the command line needs: the database and the import services, without the HTTP server. */
@Module({ imports: [ConfigModule, LoggingModule, ClockModule, DatabaseModule, OwnershipModule, PostmortemsModule] })
export class CliModule {}
