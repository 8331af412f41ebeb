/**
 * The compute-provider vocabulary shared by multi-provider panels and provisioning frameworks.
 *
 * @packageDocumentation
 */
export {
  INSTANCE_STATUSES,
  type ComputeProvider,
  type CreateInstanceInput,
  type Image,
  type Instance,
  type InstanceAction,
  type InstanceStatus,
  type Plan,
  type Region,
} from './types';
