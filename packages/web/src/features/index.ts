import { accountsModule } from './accounts/module';
import { auditModule } from './audit/module';
import { healthModule } from './health/module';
import { funeralModule } from './funeral/module';
import { incidentsModule } from './incidents/module';
import type { FeatureModule } from './module';
import { notificationsModule } from './notifications/module';
import { orgModule } from './org/module';
import { peopleModule } from './people/module';
import { policiesModule } from './policies/module';
import { profileModule } from './profile/module';
import { riskModule } from './risk/module';
import { sitesModule } from './sites/module';
import { suppliesModule } from './supplies/module';
import { testingModule } from './testing/module';
import { visitsModule } from './visits/module';

/**
 * Every feature of the signed-in app: the router, the side menu and the home page are built from
 * this list alone. The menu and the home cards follow each entry's `order`, not this list's.
 */
export const FEATURES: readonly FeatureModule[] = [
  orgModule,
  sitesModule,
  riskModule,
  visitsModule,
  peopleModule,
  healthModule,
  incidentsModule,
  testingModule,
  suppliesModule,
  funeralModule,
  policiesModule,
  auditModule,
  accountsModule,
  notificationsModule,
  profileModule,
];
