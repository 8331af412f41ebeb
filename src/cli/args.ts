export { UsageError } from './errors';
