import type { Route } from '../../../generated/operations';
import { catalogHandlers } from './catalog';
import { connectivityHandlers } from './connectivity';
import type { Handler } from './context';
import { generalHandlers } from './general';
import { hypervisorSettingsHandlers } from './hypervisor-settings';
import { hypervisorHandlers } from './hypervisors';
import { ipBlockAdminHandlers } from './ip-block-admin';
import { selfServiceHandlers } from './self-service';
import { serverActionHandlers } from './server-actions';
import { serverConfigHandlers } from './server-config';
import { serverFirewallHandlers } from './server-firewall';
import { serverInterfaceHandlers } from './server-interfaces';
import { serverNetworkHandlers } from './server-network';
import { serverStorageHandlers } from './server-storage';
import { serverHandlers } from './servers';
import { sshKeyHandlers } from './ssh-keys';
import { userHandlers } from './users';

/** One handler per operation of the OpenAPI document; the type makes a missing one a compile error. */
export const HANDLERS: { readonly [R in Route]: Handler } = {
  ...generalHandlers,
  ...hypervisorHandlers,
  ...hypervisorSettingsHandlers,
  ...connectivityHandlers,
  ...ipBlockAdminHandlers,
  ...catalogHandlers,
  ...sshKeyHandlers,
  ...userHandlers,
  ...serverHandlers,
  ...serverActionHandlers,
  ...serverConfigHandlers,
  ...serverNetworkHandlers,
  ...serverInterfaceHandlers,
  ...serverFirewallHandlers,
  ...serverStorageHandlers,
  ...selfServiceHandlers,
};

export type { Handler, HandlerContext } from './context';
