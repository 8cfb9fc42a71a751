import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { FieldbookApi } from './api.js';
import type { FieldbookEdge } from './edge.js';

/**
 * What a capability added to the stack can build on. FieldbookStack implements
 * it, so a new construct is one line in stack.ts: `new Thing(this, 'Thing', this)`.
 * Functions are built with FieldbookFunction (./fieldbook-function.ts).
 */
export interface FieldbookParts {
  /** The one table (stream: NEW_AND_OLD_IMAGES, `table.tableStreamArn`). */
  readonly table: TableV2;
  readonly api: FieldbookApi;
  readonly edge: FieldbookEdge;
}
