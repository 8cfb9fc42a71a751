/**
 * Runtime configuration, read once from the environment. Missing required
 * settings fail at first use with a message naming the variable, instead of
 * surfacing later as an obscure SDK error.
 */
export interface StoreConfig {
  tableName: string;
  region: string;
  /** Set for DynamoDB Local or any non-AWS endpoint. */
  endpoint?: string;
}

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: it names the Fieldbook DynamoDB table');
  return {
    tableName,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
  };
}

/** How long a warm function trusts a cached API-key lookup. */
export const apiKeyCacheMs = Number(process.env.API_KEY_CACHE_MS ?? 30_000);
