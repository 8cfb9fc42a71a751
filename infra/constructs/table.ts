import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableDefinition } from '../../lib/store/table.js';

/**
 * The Fieldbook table, built from the same definition the local runtime and the
 * tests use (lib/store/table.ts), so cloud and local cannot drift.
 *
 * TableV2 (AWS::DynamoDB::GlobalTable) rather than Table: it is the construct
 * CDK recommends for new tables, it adds replicas later without replacing the
 * table (moving from Table to TableV2 afterwards means a careful
 * import/retain dance on a table full of customer data), and the EventBridge
 * Pipes DynamoDB source takes an ITableV2.
 */
export class FieldbookTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const d = tableDefinition;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: key(d.partitionKey),
      sortKey: key(d.sortKey),
      billing: dynamodb.Billing.onDemand(),
      // The stream is the geocoding outbox (design: the write path never talks to SQS).
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Customer data outlives the stack: deleting the stack leaves the table behind.
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: d.ttlAttribute,
      globalSecondaryIndexes: [d.gsi1, d.gsi2, d.gsi3].map(globalIndex),
    });
  }
}

type IndexDefinition = (typeof tableDefinition)['gsi1' | 'gsi2' | 'gsi3'];

/** Every key attribute of the table is a string (lib/store/keys.ts builds them). */
function key(name: string): dynamodb.Attribute {
  return { name, type: dynamodb.AttributeType.STRING };
}

function globalIndex(g: IndexDefinition): dynamodb.GlobalSecondaryIndexPropsV2 {
  return {
    indexName: g.name,
    partitionKey: key(g.partitionKey),
    sortKey: key(g.sortKey),
    projectionType: dynamodb.ProjectionType[g.projection],
    ...('nonKeyAttributes' in g ? { nonKeyAttributes: [...g.nonKeyAttributes] } : {}),
  };
}
