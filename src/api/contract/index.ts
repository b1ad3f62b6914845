export * from './tasks';
export * from './approvals';
export * from './widgets';
export * from './observability';
export * from './auth';
export { API_ROUTES, fillRoute, OTLP_TRACES_PATH } from './routes';
export * from './live';
